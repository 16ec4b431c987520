import { inject } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createPgDb } from '../../src/store/pg-db.js';
import { createPgliteDb } from '../../src/store/pglite-db.js';
import { withDatabase } from './global-setup.js';

/** Whether the Postgres-backed tests can run (DATABASE_URL was set and reachable). */
export const pgAvailable = (): boolean => inject('pgTemplate') !== null;

let counter = 0;

/**
 * A new Postgres database cloned from the migrated template (`CREATE DATABASE … TEMPLATE …`):
 * its name, a URL for it through `host:port` (the real server unless a test proxies it), and
 * `drop()`.
 */
export async function freshPgDatabase(via?: { host: string; port: number }): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const url = inject('databaseUrl');
  const template = inject('pgTemplate');
  if (!url || !template) throw new Error('a fresh Postgres database needs DATABASE_URL (see test/helpers/global-setup.ts)');
  const name = `iam_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = createPgDb(url, { max: 1 });
  try {
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.close();
  }
  const target = new URL(withDatabase(url, name));
  if (via) {
    target.hostname = via.host;
    target.port = String(via.port);
  }
  return {
    name,
    url: target.toString(),
    async drop() {
      const dropper = createPgDb(url, { max: 1 });
      await dropper.query(`drop database if exists "${name}" with (force)`).finally(() => dropper.close());
    },
  };
}

/** A pool over a fresh database (see `freshPgDatabase`); `close()` ends the pool and drops the database. */
export async function freshPgDb(): Promise<Db> {
  const database = await freshPgDatabase();
  const db = createPgDb(database.url, { max: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      await database.drop();
    },
  };
}

/** A migrated in-memory PGlite database. */
export async function freshPgliteDb(): Promise<Db> {
  const db = await createPgliteDb('memory://');
  await migrate(db);
  return db;
}
