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
 * A new Postgres database cloned from the migrated template (`CREATE DATABASE … TEMPLATE …`);
 * `close()` ends its pool and drops it.
 */
export async function freshPgDb(): Promise<Db> {
  const url = inject('databaseUrl');
  const template = inject('pgTemplate');
  if (!url || !template) throw new Error('freshPgDb() needs DATABASE_URL (see test/helpers/global-setup.ts)');
  const name = `iam_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = createPgDb(url, { max: 1 });
  try {
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.close();
  }
  const db = createPgDb(withDatabase(url, name), { max: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      const dropper = createPgDb(url, { max: 1 });
      await dropper.query(`drop database if exists "${name}" with (force)`).finally(() => dropper.close());
    },
  };
}

/** A migrated in-memory PGlite database. */
export async function freshPgliteDb(): Promise<Db> {
  const db = await createPgliteDb('memory://');
  await migrate(db);
  return db;
}
