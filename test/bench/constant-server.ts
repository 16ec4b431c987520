/**
 * Child process of `npm run bench:http`: the service's own HTTP stack (node:http listener from
 * src/server/http.ts: request id, body limit, per-request child logger and log line; Apollo from
 * src/server/apollo.ts: the same plugins, error formatter and logger) answering ONE constant
 * resolver, `Query.constant: String`. What the decision service costs on top of that stack is the
 * difference between the two servers' figures. 127.0.0.1, a free port, LOG_LEVEL=BENCH_LOG_LEVEL
 * (default warn), as app-server.ts. Answers `profile-start` / `profile-stop` (child-profiler.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import type { Services } from '../../src/graphql/context.js';
import { createApollo } from '../../src/server/apollo.js';
import { loadConfig, LOG_LEVELS } from '../../src/server/config.js';
import { createRequestListener } from '../../src/server/http.js';
import { createLogger } from '../../src/server/logger.js';
import { createMetrics } from '../../src/server/metrics.js';
import { createAuthService } from '../../src/service/auth.js';
import { answerProfile } from './child-profiler.js';

const logLevel = (LOG_LEVELS as readonly string[]).includes(process.env.BENCH_LOG_LEVEL ?? '') ? process.env.BENCH_LOG_LEVEL as (typeof LOG_LEVELS)[number] : 'warn';
const logger = createLogger({ logLevel });
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { constant: { type: GraphQLString, resolve: () => 'constant' } } }),
});
const httpServer: Server = createServer();
const config = loadConfig({ AUTH_MODE: 'off' });
const metrics = createMetrics({ cacheStats: () => { throw new Error('no caches here'); }, poolStats: () => null });
const apollo = createApollo({ schema, httpServer, logger, guardRails: config, plugins: [metrics.graphqlPlugin] });
await apollo.start();
// The resolver reads no service; the context still builds its per-request loaders, as the real one does.
const services = { simulate: undefined, model: undefined, decisions: undefined } as unknown as Services;
// Authentication off, as in app-server.ts: both servers pay the same (trivial) check.
const auth = createAuthService({ mode: 'off' }, undefined as never);
httpServer.on('request', createRequestListener({
  apollo, services, auth, authzenDecisions: services.decisions, logger, metrics, bodyLimitBytes: 1024 * 1024,
  requestTimeoutMs: config.requestTimeoutMs, batchMax: config.batchMax, authzenDefaultOrg: undefined, ide: false,
  readiness: async () => ({ status: 'ready' }), isStopping: () => false,
}));
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
const { port } = httpServer.address() as AddressInfo;

const stop = () => apollo.stop().finally(() => process.exit(0));
process.on('message', (m: { type: string; id?: number }) => {
  if (m.type === 'stop') void stop();
  else answerProfile(m.type, (value) => process.send?.({ id: m.id, value }));
});
process.on('disconnect', () => void stop());
process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}/graphql`, pid: process.pid });
