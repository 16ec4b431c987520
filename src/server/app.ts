import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { statsOf, type CacheStats } from '../cache/lru.js';
import { createRedisCache, type RedisStats } from '../cache/redis.js';
import type { Services } from '../graphql/context.js';
import { buildSchema } from '../graphql/schema.js';
import { createAccessService } from '../service/access.js';
import { createAuthService, type AuthService } from '../service/auth.js';
import { loadActionCatalog, loadCatalog } from '../service/catalog.js';
import { simulate } from '../service/decisions.js';
import { createModelService } from '../service/model.js';
import { seedDemo } from '../service/demo.js';
import { versionSourceOf } from '../service/version-source.js';
import { createApiKeyStore } from '../store/api-key-store.js';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { createModelStore } from '../store/model-store.js';
import { createModelVersionReader } from '../store/model-version-reader.js';
import { createPgDb } from '../store/pg-db.js';
import { createPgliteDb } from '../store/pglite-db.js';
import { createSnapshotReader } from '../store/snapshot-reader.js';
import { createApollo } from './apollo.js';
import type { Config } from './config.js';
import { stackDecisions } from './decision-stack.js';
import { createRequestListener, ROUTES } from './http.js';
import { createLogger } from './logger.js';
import { createObservability, observeServices, type Observability } from './observability.js';
import { checkReadiness } from './readiness.js';

/** A running app. */
export interface App {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql`; other routes resolve against it. */
  readonly url: string;
  /** The bound port (the real one when `config.port` is 0). */
  readonly port: number;
  readonly logger: Logger;
  /** Hits and misses of every cache of this replica (the benchmarks read these). */
  cacheStats(): CacheReport;
  /** Stops accepting, drains in-flight requests, then releases resources. Idempotent. */
  stop(): Promise<void>;
}

/** The caches of one replica, each with its stats. */
export interface CacheReport {
  /** In-process principal and resource snapshots (CACHE_PRINCIPALS, CACHE_RESOURCES). */
  readonly principals: CacheStats;
  readonly resources: CacheStats;
  /** Compiled sides attached to those snapshots (entries: those not yet garbage-collected). */
  readonly principalSides: CacheStats;
  readonly resourceSides: CacheStats;
  /** Compiled policy documents by content (CACHE_POLICIES). */
  readonly policies: CacheStats;
  /** Decisions by request and version (CACHE_DECISIONS; all zero when it is 0). */
  readonly decisions: CacheStats;
  /** The latest version of each organization, and whether commits arrive by pub/sub. */
  readonly latestVersions: CacheStats & { readonly subscribed: boolean };
  /** Snapshots shared through Redis, and its health; null without REDIS_URL. */
  readonly redis: (RedisStats & { readonly principals: CacheStats; readonly resources: CacheStats }) | null;
}

/** Replacements for tests; production passes none. */
export interface AppOptions {
  readonly logger?: Logger;
  /** Replace some services (the others are wired as usual). */
  readonly services?: Partial<Services>;
  /** Use this database instead of the configured one; the caller keeps ownership and closes it. */
  readonly db?: Db;
}

/** The configured database: Postgres at DATABASE_URL, else embedded PGlite under DATA_DIR (`memory://` for none). */
export async function openDb(config: Config): Promise<Db> {
  if (config.databaseUrl) return createPgDb(config.databaseUrl);
  if (config.dataDir === 'memory://') return createPgliteDb('memory://');
  // PGlite creates only the last directory of its path; a fresh checkout has no ./data yet.
  await mkdir(config.dataDir, { recursive: true });
  return createPgliteDb(join(config.dataDir, 'pglite'));
}

/** Services together with the caches under them. */
interface Wired {
  readonly services: Services;
  readonly auth: AuthService;
  cacheStats(): CacheReport;
  closeCaches(): Promise<void>;
}

/**
 * Store → caches → services, in plain code: the one place the layers are stacked (the decision
 * caches by `stackDecisions`, decision-stack.ts).
 */
async function wireServices(config: Config, db: Db, logger: Logger, overrides: Partial<Services>): Promise<Wired> {
  await migrate(db);
  const store = createModelStore(db);
  const catalog = await loadCatalog();
  const redis = config.redisUrl
    ? createRedisCache({ url: config.redisUrl, keyPrefix: config.cacheKeyPrefix, logger: logger.child({ component: 'redis' }) })
    : null;
  const stack = stackDecisions(config, createSnapshotReader(db), versionSourceOf(store), redis);
  const { shared, snapshots, sides, policies, memo: decisionMemo, versions } = stack;
  const model = createModelService({ store, catalog, onCommit: versions.committed });
  try {
    if (config.demoSeed && (await seedDemo(model))) logger.info('seeded the demo organization "demo" (DEMO_SEED=false turns this off)');
  } catch (error) {
    await redis?.close();
    throw error;
  }
  const auth = createAuthService({
    mode: config.authMode,
    adminApiKey: config.adminApiKey,
    jwt: { secret: config.jwtSecret, jwksUrl: config.jwtJwksUrl, issuer: config.jwtIssuer, audience: config.jwtAudience },
  }, createApiKeyStore(db));
  if (!auth.enabled) logger.warn('authentication is OFF (AUTH_MODE=off): every caller is an admin of every organization; for local use only');
  const services: Services = {
    simulate: (request, set, options) => simulate(request, set, options, policies.compile),
    model,
    decisions: stack.decisions,
    access: createAccessService({ models: createModelVersionReader(db), versions: model, catalog: loadActionCatalog }),
    ...overrides,
  };
  return {
    services,
    cacheStats: () => {
      const snapshotStats = snapshots.stats();
      const sideStats = sides.stats();
      return {
        principals: snapshotStats.principals,
        resources: snapshotStats.resources,
        principalSides: sideStats.principals,
        resourceSides: sideStats.resources,
        policies: policies.stats(),
        decisions: decisionMemo?.stats() ?? statsOf(0, 0, 0),
        latestVersions: versions.stats(),
        redis: redis && shared ? { ...redis.stats(), ...shared.stats() } : null,
      };
    },
    auth,
    closeCaches: async () => redis?.close(),
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** A URL host for a bind address: wildcard binds are reached via localhost. */
const urlHost = (host: string): string =>
  host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;

/**
 * The composition root: logger → db → migrate → store → caches → services → schema → Apollo → HTTP, in
 * plain code. Tests start apps on port 0 through it (with an injected db); main.ts adds only signals.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config);
  const ownDb = options.db === undefined;
  const db = options.db ?? (await openDb(config));
  const release = () => (ownDb ? db.close() : Promise.resolve());
  let wired: Wired | undefined;
  let observability: Observability | undefined;
  let apollo: ReturnType<typeof createApollo>;
  const httpServer = createServer();
  try {
    wired = await wireServices(config, db, logger, options.services ?? {});
    observability = createObservability(config, db, wired.cacheStats);
    apollo = createApollo({
      schema: await buildSchema(), httpServer, logger, guardRails: config, plugins: [observability.metrics.graphqlPlugin], executor: config.graphqlExecutor,
    });
    await apollo.start();
  } catch (error) {
    await observability?.log?.close();
    await wired?.closeCaches();
    await release();
    throw error;
  }
  const { cacheStats } = wired;
  const closeCaches = () => wired.closeCaches().then(() => observability.log?.close());
  const { services, authzenDecisions } = observeServices(wired.services, observability);

  let stopping: Promise<void> | undefined;
  httpServer.on(
    'request',
    createRequestListener({
      apollo, services, auth: wired.auth, authzenDecisions, logger, metrics: observability.metrics,
      bodyLimitBytes: config.bodyLimitBytes, requestTimeoutMs: config.requestTimeoutMs, batchMax: config.batchMax,
      authzenDefaultOrg: config.authzenDefaultOrg, ide: config.graphqlIntrospection,
      readiness: () => checkReadiness(db), isStopping: () => stopping !== undefined,
    }),
  );
  let port: number;
  try {
    port = await listen(httpServer, config.port, config.host);
  } catch (error) {
    await apollo.stop();
    await closeCaches();
    await release();
    throw error;
  }
  return {
    url: `http://${urlHost(config.host)}:${port}${ROUTES.graphql}`,
    port,
    logger,
    cacheStats,
    stop: () => {
      // The drain plugin closes the HTTP server and waits for in-flight requests; then Redis and the db go.
      stopping ??= apollo.stop().then(closeCaches).then(release).then(() => logger.info('stopped'));
      return stopping;
    },
  };
}
