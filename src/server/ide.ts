import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { getDistDirectory, isSandboxFrame, renderAltair, SANDBOX_FRAME_CSP } from 'altair-static';
import { IDE_EXAMPLES } from './ide-examples.js';

/** Where the IDE's own files (Altair's build, shipped in node_modules) are served from. */
export const IDE_ASSETS_PREFIX = '/ide/';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/** True for a browser asking for a page (`Accept: text/html`) rather than a GraphQL GET request. */
export function wantsIde(req: IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && !url.searchParams.has('query') && /\btext\/html\b/i.test(req.headers.accept ?? '');
}

/**
 * The IDE page: Altair, loading its scripts from IDE_ASSETS_PREFIX on this server (no CDN), pointed
 * at `endpoint` (an absolute URL), with one tab per example of ide-examples.ts.
 */
export function renderIde(endpoint: string): string {
  return renderAltair({
    baseURL: IDE_ASSETS_PREFIX,
    endpointURL: endpoint,
    initialWindows: IDE_EXAMPLES.map((example) => ({
      initialName: example.name,
      endpointURL: endpoint,
      initialQuery: example.query,
      initialVariables: JSON.stringify(example.variables, null, 2),
    })),
    disableAccount: true,
    initialSettings: { 'alert.disableUpdateNotification': true, 'banners.disable': true, 'plugin.list': [] },
  });
}

/** Host names and ports only: the value is written into the page's script. */
const SANE_HOST = /^(?:[\w.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The endpoint as the browser reached it: Altair needs an absolute URL. The Host header (and
 * X-Forwarded-Proto behind a proxy) is used only when it looks like a host, so nothing else can
 * reach the page's script.
 */
export function endpointFor(req: IncomingMessage, graphqlPath: string): string {
  const host = req.headers.host ?? '';
  const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return `${proto}://${SANE_HOST.test(host) ? host : 'localhost'}${graphqlPath}`;
}

const pages = new Map<string, string>();
const MAX_PAGES = 16;

/** Answers GET /graphql from a browser with the IDE page (rendered once per endpoint, a few kept). */
export function sendIde(req: IncomingMessage, res: ServerResponse, graphqlPath: string): void {
  const endpoint = endpointFor(req, graphqlPath);
  let html = pages.get(endpoint);
  if (html === undefined) {
    html = renderIde(endpoint);
    if (pages.size >= MAX_PAGES) pages.clear();
    pages.set(endpoint, html);
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

const DIST = resolve(getDistDirectory());

/** Serves one file of Altair's build under IDE_ASSETS_PREFIX; false when there is no such file. */
export async function sendIdeAsset(res: ServerResponse, pathname: string, head: boolean): Promise<boolean> {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(IDE_ASSETS_PREFIX.length));
  } catch {
    return false;
  }
  const file = resolve(DIST, relative);
  if (!file.startsWith(DIST + sep)) return false;
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return false;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
    ...(isSandboxFrame(relative) && { 'content-security-policy': SANDBOX_FRAME_CSP }),
  });
  res.end(head ? undefined : body);
  return true;
}
