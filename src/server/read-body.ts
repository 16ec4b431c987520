import type { IncomingMessage } from 'node:http';

/** A request body, or the fact that it exceeded the limit. */
export type BodyResult = { readonly ok: true; readonly body: Buffer } | { readonly ok: false; readonly reason: 'TOO_LARGE' };

/**
 * Reads a request body of at most `limit` bytes. On overflow it stops buffering at once and lets the
 * rest of the upload drain, so the caller can still answer 413 on the same socket.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve({ ok: false, reason: 'TOO_LARGE' });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData).off('end', onEnd).off('error', reject);
      req.resume();
      resolve({ ok: false, reason: 'TOO_LARGE' });
    };
    const onEnd = () => resolve({ ok: true, body: Buffer.concat(chunks, size) });
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}
