import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { Logger } from 'pino';
import { createContext, type GraphQLContext, type Services } from '../graphql/context.js';
import { readBody } from './read-body.js';
import { runInRequestScope } from './request-scope.js';

/** What the HTTP layer needs from the composition root. */
export interface HttpDeps {
  readonly apollo: ApolloServer<GraphQLContext>;
  readonly services: Services;
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
  /** True once shutdown began: /healthz then reports 503 so load balancers stop routing here. */
  readonly isStopping: () => boolean;
}

/** The paths this server answers. */
export const ROUTES = { health: '/healthz', graphql: '/graphql' } as const;

const REQUEST_ID = /^[\w.-]{1,128}$/;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A non-GraphQL error body; GraphQL errors use the `errors` array instead. */
const errorBody = (code: string, message: string) => ({ error: { code, message } });

/** A protocol-level GraphQL error response (before Apollo could run). */
const graphqlErrorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

async function writeGraphQLResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Parses a POST body as Apollo expects it: JSON for JSON content types, else the raw text. */
function decodeBody(req: IncomingMessage, body: Buffer): { ok: true; value: unknown } | { ok: false } {
  const text = body.toString('utf8');
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return { ok: true, value: text };
  try {
    return { ok: true, value: text === '' ? undefined : (JSON.parse(text) as unknown) };
  } catch {
    return { ok: false };
  }
}

/** One HTTP request being answered. */
interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly requestId: string;
  readonly logger: Logger;
}

async function handleGraphQL({ req, res, url, requestId, logger }: Exchange, deps: HttpDeps): Promise<void> {
  let body: unknown;
  if (req.method === 'POST') {
    const read = await readBody(req, deps.bodyLimitBytes);
    if (!read.ok) {
      const message = `request body exceeds ${deps.bodyLimitBytes} bytes`;
      return sendJson(res, 413, graphqlErrorBody('PAYLOAD_TOO_LARGE', message), { connection: 'close' });
    }
    const decoded = decodeBody(req, read.body);
    if (!decoded.ok) return sendJson(res, 400, graphqlErrorBody('BAD_REQUEST', 'request body is not valid JSON'));
    body = decoded.value;
  }
  const response = await runInRequestScope({ requestId, logger }, () =>
    deps.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers: toHeaderMap(req), search: url.search, body },
      context: async () => createContext({ requestId, logger: deps.logger, services: deps.services }),
    }),
  );
  await writeGraphQLResponse(res, response);
}

function methodNotAllowed(res: ServerResponse, method: string, allow: string): void {
  sendJson(res, 405, errorBody('METHOD_NOT_ALLOWED', `${method} not allowed`), { allow });
}

async function route(exchange: Omit<Exchange, 'url'>, deps: HttpDeps): Promise<void> {
  const { req, res } = exchange;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  switch (url.pathname) {
    case ROUTES.health:
      if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res, method, 'GET, HEAD');
      return deps.isStopping() ? sendJson(res, 503, { status: 'stopping' }) : sendJson(res, 200, { status: 'ok' });
    case ROUTES.graphql:
      if (method !== 'GET' && method !== 'POST') return methodNotAllowed(res, method, 'GET, POST');
      return handleGraphQL({ ...exchange, url }, deps);
    default:
      return sendJson(res, 404, errorBody('NOT_FOUND', `no route for ${method} ${url.pathname}`));
  }
}

/** The node:http listener: GET /healthz, GET|POST /graphql, JSON 404 elsewhere. */
export function createRequestListener(deps: HttpDeps): RequestListener {
  return (req, res) => {
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    const logger = deps.logger.child({ requestId });
    const started = process.hrtime.bigint();
    res.setHeader('x-request-id', requestId);
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ method: req.method, url: req.url, status: res.statusCode, ms }, 'request');
    });
    route({ req, res, requestId, logger }, deps).catch((error: unknown) => {
      logger.error({ err: error }, 'unhandled error in HTTP handler');
      if (!res.headersSent) sendJson(res, 500, errorBody('INTERNAL', `internal error (request ${requestId})`));
      else res.destroy();
    });
  };
}
