import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Services } from '../graphql/context.js';
import { buildSchema } from '../graphql/schema.js';
import { loadCatalog } from '../service/catalog.js';
import { createDecisionService, simulate } from '../service/decisions.js';
import { createModelService } from '../service/model.js';
import { seedDemo } from '../service/demo.js';
import { versionSourceOf } from '../service/version-source.js';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { createModelStore } from '../store/model-store.js';
import { createPgDb } from '../store/pg-db.js';
import { createPgliteDb } from '../store/pglite-db.js';
import { createSnapshotReader } from '../store/snapshot-reader.js';
import { createApollo } from './apollo.js';
import type { Config } from './config.js';
import { createRequestListener, ROUTES } from './http.js';
import { createLogger } from './logger.js';

/** A running app. */
export interface App {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql`; other routes resolve against it. */
  readonly url: string;
  /** The bound port (the real one when `config.port` is 0). */
  readonly port: number;
  readonly logger: Logger;
  /** Stops accepting, drains in-flight requests, then releases resources. Idempotent. */
  stop(): Promise<void>;
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
async function openDb(config: Config): Promise<Db> {
  if (config.databaseUrl) return createPgDb(config.databaseUrl);
  if (config.dataDir === 'memory://') return createPgliteDb('memory://');
  // PGlite creates only the last directory of its path; a fresh checkout has no ./data yet.
  await mkdir(config.dataDir, { recursive: true });
  return createPgliteDb(join(config.dataDir, 'pglite'));
}

/** Store → services, in plain code: the one place the layers are stacked. */
async function wireServices(config: Config, db: Db, logger: Logger, overrides: Partial<Services>): Promise<Services> {
  await migrate(db);
  const store = createModelStore(db);
  const snapshots = createSnapshotReader(db);
  const catalog = await loadCatalog();
  const model = createModelService({ store, catalog });
  if (config.demoSeed && (await seedDemo(model))) logger.info('seeded the demo organization "demo" (DEMO_SEED=false turns this off)');
  return {
    simulate,
    model,
    decisions: createDecisionService({ snapshots, versions: versionSourceOf(store), batchMax: config.batchMax }),
    ...overrides,
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
 * The composition root: logger → db → migrate → store → services → schema → Apollo → HTTP, in
 * plain code. Tests start apps on port 0 through it (with an injected db); main.ts adds only signals.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config);
  const ownDb = options.db === undefined;
  const db = options.db ?? (await openDb(config));
  const release = () => (ownDb ? db.close() : Promise.resolve());
  let services: Services;
  let apollo: ReturnType<typeof createApollo>;
  const httpServer = createServer();
  try {
    services = await wireServices(config, db, logger, options.services ?? {});
    apollo = createApollo({ schema: await buildSchema(), httpServer, logger });
    await apollo.start();
  } catch (error) {
    await release();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  httpServer.on(
    'request',
    createRequestListener({ apollo, services, logger, bodyLimitBytes: config.bodyLimitBytes, isStopping: () => stopping !== undefined }),
  );
  let port: number;
  try {
    port = await listen(httpServer, config.port, config.host);
  } catch (error) {
    await apollo.stop();
    await release();
    throw error;
  }
  return {
    url: `http://${urlHost(config.host)}:${port}${ROUTES.graphql}`,
    port,
    logger,
    stop: () => {
      // The drain plugin closes the HTTP server and waits for in-flight requests; then the db goes.
      stopping ??= apollo.stop().then(release).then(() => logger.info('stopped'));
      return stopping;
    },
  };
}
