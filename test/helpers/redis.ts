import { randomBytes } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** REDIS_URL when the Redis-backed tests can run (global-setup checked it), else null. */
export const redisUrl = (): string | null => inject('redisUrl');

/**
 * A key and channel prefix of its own for one test file (and run), so that files running in
 * parallel, and earlier runs, never see each other's entries or commit announcements.
 */
export const redisTestPrefix = (label: string): string => `iamtest:${label}:${process.pid}:${randomBytes(4).toString('hex')}:`;

/** Deletes every key under `prefix` (the TTLs would do it too, later). */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

/**
 * A TCP proxy to Redis that a test can cut and restore: an app pointed at it sees Redis go down
 * and come back, while the machine's real Redis keeps running for everyone else.
 */
export interface RedisProxy {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Refuses new connections and cuts the open ones. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a proxy to the Redis at `url`. */
export async function startRedisProxy(url: string): Promise<RedisProxy> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const makeServer = (): Server =>
    createServer((client) => {
      const upstream = connect(Number(target.port || 6379), target.hostname);
      track(client);
      track(upstream);
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const shut = (server: Server) => new Promise<void>((resolve) => {
    server.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
  let server = makeServer();
  const port = await listen(server, 0);
  let open = true;
  return {
    url: `redis://127.0.0.1:${port}`,
    async cut() {
      if (!open) return;
      open = false;
      await shut(server);
    },
    async restore() {
      if (open) return;
      server = makeServer();
      await listen(server, port);
      open = true;
    },
    async close() {
      if (open) await shut(server);
      open = false;
    },
  };
}
