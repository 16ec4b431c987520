import { createApp, type AppOptions } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import type { Db } from '../../src/store/db.js';
import { freshPgDb, pgAvailable } from './database.js';

/** A started app for a test file. */
export interface TestApp {
  /** The GraphQL endpoint; other routes resolve against it (`new URL('/healthz', url)`). */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts an app on a free port of 127.0.0.1 with logging off; config overrides win over those
 * defaults, and `options` can pass a database (the caller closes it) or replace the logger or some
 * services. Without a database in `options`, the app gets a throw-away one: a fresh Postgres
 * database cloned from the template when DATABASE_URL is set (fast), else in-memory PGlite.
 */
export async function startApp(overrides: Partial<Config> = {}, options: AppOptions = {}): Promise<TestApp> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: 'memory://', DEMO_SEED: 'false', AUTH_MODE: 'off' }, overrides);
  const ownDb: Db | undefined = options.db === undefined && pgAvailable() ? await freshPgDb() : undefined;
  try {
    const app = await createApp(config, ownDb ? { ...options, db: ownDb } : options);
    return {
      url: app.url,
      stop: async () => {
        await app.stop();
        await ownDb?.close();
      },
    };
  } catch (error) {
    await ownDb?.close();
    throw error;
  }
}
