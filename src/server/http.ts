import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { Logger } from 'pino';
import { createContext, type GraphQLContext, type Services } from '../graphql/context.js';
import type { AuthService, Caller } from '../service/auth.js';
import type { DecisionService } from '../service/decisions.js';
import { ServiceError } from '../service/errors.js';
import { AUTHZEN_ROUTES, evaluation, evaluations, ORG_HEADER, type AuthzenDecide, type AuthzenExchange } from './authzen.js';
import { withTimeout } from './guard-rails.js';
import { IDE_ASSETS_PREFIX, sendIde, sendIdeAsset, wantsIde } from './ide.js';
import type { Metrics } from './metrics.js';
import { readBody } from './read-body.js';
import type { ReadinessReport } from './readiness.js';
import { tagErrors } from './request-scope.js';

/** What the HTTP layer needs from the composition root. */
export interface HttpDeps {
  readonly apollo: ApolloServer<GraphQLContext>;
  readonly services: Services;
  /** Authenticates every GraphQL and AuthZEN request (AUTH_MODE). */
  readonly auth: AuthService;
  /** The decision service the AuthZEN endpoints call (observed under their own label). */
  readonly authzenDecisions: DecisionService;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly bodyLimitBytes: number;
  readonly requestTimeoutMs: number;
  readonly batchMax: number;
  /** AUTHZEN_DEFAULT_ORG. */
  readonly authzenDefaultOrg: string | undefined;
  /** Serve the IDE to browsers at GET /graphql (on with introspection). */
  readonly ide: boolean;
  /** Postgres reachable and migrations applied (/readyz). */
  readonly readiness: () => Promise<ReadinessReport>;
  /** True once shutdown began: /healthz and /readyz then report 503 so load balancers stop routing here. */
  readonly isStopping: () => boolean;
}

/** The paths this server answers (the IDE's files are under `/ide/`). */
export const ROUTES = {
  health: '/healthz',
  ready: '/readyz',
  metrics: '/metrics',
  graphql: '/graphql',
  authzenEvaluation: AUTHZEN_ROUTES.evaluation,
  authzenEvaluations: AUTHZEN_ROUTES.evaluations,
} as const;

const REQUEST_ID = /^[\w.-]{1,128}$/;

/** A complete answer, written only if the request has not timed out meanwhile. */
interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

function send(res: ServerResponse, reply: Reply, started?: bigint): void {
  const timing = started === undefined ? {} : { 'server-timing': serverTiming(started) };
  res.writeHead(reply.status, { ...reply.headers, ...timing, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

/**
 * The `Server-Timing` header (W3C Server Timing): `app;dur=<ms>`, the time from the request's arrival
 * to its answer being written, so that a client can tell the server's time from the network's and
 * its own (the benchmarks report both).
 */
const serverTiming = (started: bigint): string => `app;dur=${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(3)}`;

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

async function replyOf(response: HTTPGraphQLResponse): Promise<Reply> {
  let body = '';
  if (response.body.kind === 'complete') body = response.body.string;
  else for await (const chunk of response.body.asyncIterator) body += chunk;
  return { status: response.status ?? 200, headers: Object.fromEntries(response.headers), body };
}

/** Parses a POST body as JSON (always for AuthZEN; for GraphQL only with a JSON content type). */
function decodeBody(body: Buffer, asJson: boolean): { ok: true; value: unknown } | { ok: false } {
  const text = body.toString('utf8');
  if (!asJson) return { ok: true, value: text };
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
  /** When the request arrived (`process.hrtime.bigint()`), for `Server-Timing`. */
  readonly started: bigint;
}

const tooLarge = (limit: number) => `request body exceeds ${limit} bytes`;

/** The authenticated caller, or the 401 answer to send instead. */
async function callerOf(req: IncomingMessage, deps: HttpDeps, errorBodyOf: (code: string, message: string) => unknown): Promise<Caller | Reply> {
  try {
    return await deps.auth.authenticate(req.headers.authorization);
  } catch (error) {
    if (!(error instanceof ServiceError) || error.code !== 'UNAUTHENTICATED') throw error;
    return json(401, errorBodyOf(error.code, error.message), { 'www-authenticate': 'Bearer' });
  }
}

const isReply = (x: Caller | Reply): x is Reply => 'status' in x;

async function handleGraphQL({ req, url, requestId, logger }: Exchange, deps: HttpDeps): Promise<Reply> {
  const caller = await callerOf(req, deps, graphqlErrorBody);
  if (isReply(caller)) return caller;
  let body: unknown;
  if (req.method === 'POST') {
    const read = await readBody(req, deps.bodyLimitBytes);
    if (!read.ok) return json(413, graphqlErrorBody('LIMIT_EXCEEDED', tooLarge(deps.bodyLimitBytes)), { connection: 'close' });
    const decoded = decodeBody(read.body, /^application\/json\b/i.test(req.headers['content-type'] ?? ''));
    if (!decoded.ok) return json(400, graphqlErrorBody('BAD_REQUEST', 'request body is not valid JSON'));
    body = decoded.value;
  }
  const response = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers: toHeaderMap(req), search: url.search, body },
    context: async () => {
      try {
        return createContext({ requestId, logger, services: deps.services, auth: deps.auth, caller });
      } catch (error) {
        // Apollo formats it outside any operation: tag it so a masked error still names this request.
        tagErrors([error], { requestId, logger });
        throw error;
      }
    },
  });
  return replyOf(response);
}

/** A failure of a whole AuthZEN request: 503 while the database is down; anything else is a masked 500. */
function authzenFailure(error: unknown): Reply {
  if (error instanceof ServiceError && error.code === 'UNAVAILABLE') return json(503, errorBody('UNAVAILABLE', error.message));
  if (error instanceof ServiceError && error.code === 'FORBIDDEN') return json(403, errorBody('FORBIDDEN', error.message));
  throw error;
}

async function handleAuthzen({ req, requestId }: Exchange, deps: HttpDeps, batch: boolean): Promise<Reply> {
  const caller = await callerOf(req, deps, errorBody);
  if (isReply(caller)) return caller;
  const read = await readBody(req, deps.bodyLimitBytes);
  if (!read.ok) return json(413, errorBody('LIMIT_EXCEEDED', tooLarge(deps.bodyLimitBytes)), { connection: 'close' });
  const decoded = decodeBody(read.body, true);
  if (!decoded.ok) return json(400, errorBody('BAD_REQUEST', 'request body is not valid JSON'));
  const header = req.headers[ORG_HEADER];
  // The one place an AuthZEN evaluation reaches the decision service: the caller needs DECIDE on the organization.
  const decide: AuthzenDecide = async (org, version, requests, options) => {
    deps.auth.require(caller, 'decide', org);
    return deps.authzenDecisions.authorizeBatch(org, version, requests, { ...options, requestId });
  };
  const exchange: AuthzenExchange = {
    decide,
    defaultOrg: typeof header === 'string' && header !== '' ? header : deps.authzenDefaultOrg,
    batchMax: deps.batchMax,
    now: new Date(),
  };
  try {
    const answer = await (batch ? evaluations : evaluation)(decoded.value, exchange);
    return json(answer.status, answer.body);
  } catch (error) {
    return authzenFailure(error);
  }
}

async function handleReady(deps: HttpDeps): Promise<Reply> {
  if (deps.isStopping()) return json(503, { status: 'not ready', reason: 'shutting down' });
  const report = await deps.readiness();
  return json(report.status === 'ready' ? 200 : 503, report);
}

async function handleMetrics(deps: HttpDeps): Promise<Reply> {
  const { contentType, body } = await deps.metrics.render();
  return { status: 200, headers: { 'content-type': contentType }, body };
}

/** Runs a handler under REQUEST_TIMEOUT_MS; a late answer is dropped and the client gets TIMEOUT (503). */
async function timed(exchange: Exchange, deps: HttpDeps, handler: () => Promise<Reply>, graphql: boolean): Promise<Reply> {
  try {
    return await withTimeout(handler(), deps.requestTimeoutMs);
  } catch (error) {
    if (!(error instanceof ServiceError && error.code === 'TIMEOUT')) throw error;
    exchange.logger.warn({ ms: deps.requestTimeoutMs }, 'request timed out');
    return json(503, graphql ? graphqlErrorBody('TIMEOUT', error.message) : errorBody('TIMEOUT', error.message));
  }
}

const methodNotAllowed = (method: string, allow: string): Reply =>
  json(405, errorBody('METHOD_NOT_ALLOWED', `${method} not allowed`), { allow });

async function route(exchange: Exchange, deps: HttpDeps): Promise<void> {
  const { req, res, url } = exchange;
  const method = req.method ?? 'GET';
  const get = method === 'GET' || method === 'HEAD';
  const reply = async (): Promise<Reply | 'ide'> => {
    switch (url.pathname) {
      case ROUTES.health:
        if (!get) return methodNotAllowed(method, 'GET, HEAD');
        return deps.isStopping() ? json(503, { status: 'stopping' }) : json(200, { status: 'ok' });
      case ROUTES.ready:
        return get ? handleReady(deps) : methodNotAllowed(method, 'GET, HEAD');
      case ROUTES.metrics:
        return get ? handleMetrics(deps) : methodNotAllowed(method, 'GET, HEAD');
      case ROUTES.graphql:
        if (method !== 'GET' && method !== 'POST') return methodNotAllowed(method, 'GET, POST');
        if (deps.ide && wantsIde(req, url)) return 'ide';
        return timed(exchange, deps, () => handleGraphQL(exchange, deps), true);
      case ROUTES.authzenEvaluation:
      case ROUTES.authzenEvaluations:
        if (method !== 'POST') return methodNotAllowed(method, 'POST');
        return timed(exchange, deps, () => handleAuthzen(exchange, deps, url.pathname === ROUTES.authzenEvaluations), false);
      default:
        return json(404, errorBody('NOT_FOUND', `no route for ${method} ${url.pathname}`));
    }
  };
  if (deps.ide && get && url.pathname.startsWith(IDE_ASSETS_PREFIX) && (await sendIdeAsset(res, url.pathname, method === 'HEAD'))) return;
  const answer = await reply();
  if (answer === 'ide') sendIde(req, res, ROUTES.graphql);
  else send(res, answer, exchange.started);
}

/** The route label of a path for metrics: a known route, the IDE's files, or `other` (bounded cardinality). */
function routeLabel(pathname: string): string {
  if ((Object.values(ROUTES) as string[]).includes(pathname)) return pathname;
  return pathname.startsWith(IDE_ASSETS_PREFIX) ? `${IDE_ASSETS_PREFIX}*` : 'other';
}

/**
 * The node:http listener: /healthz, /readyz, /metrics, GET|POST /graphql (the IDE for browsers),
 * the AuthZEN endpoints, JSON 404 elsewhere. Every request has an id (taken from a sane
 * `x-request-id`, else generated, and returned in the response header) and a logger bound to it.
 */
export function createRequestListener(deps: HttpDeps): RequestListener {
  return (req, res) => {
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    const logger = deps.logger.child({ requestId });
    const started = process.hrtime.bigint();
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.setHeader('x-request-id', requestId);
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      deps.metrics.httpRequest(routeLabel(url.pathname), req.method ?? 'GET', res.statusCode, seconds);
      logger.info({ method: req.method, url: req.url, status: res.statusCode, ms: seconds * 1e3 }, 'request');
    });
    route({ req, res, url, requestId, logger, started }, deps).catch((error: unknown) => {
      logger.error({ err: error }, 'unhandled error in HTTP handler');
      if (!res.headersSent) send(res, json(500, errorBody('INTERNAL', `internal error (request ${requestId})`)));
      else res.destroy();
    });
  };
}
