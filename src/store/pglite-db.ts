import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db } from './db.js';
import { mapSqlError } from './sql-errors.js';

type Row = Record<string, unknown>;
type Queryable = Pick<Transaction, 'query' | 'exec'>;

/** Parameterised text goes through `query`; parameterless text may be a script, run by `exec`. */
async function run<T extends Row>(on: Queryable, sql: string, params?: readonly unknown[]): Promise<T[]> {
  try {
    if (params && params.length > 0) return (await on.query<T>(sql, [...params])).rows;
    const results = await on.exec(sql);
    return (results.at(-1)?.rows ?? []) as T[];
  } catch (error) {
    throw mapSqlError(error);
  }
}

/** A Db bound to an open PGlite transaction; nested transactions are savepoints. */
function txDb(tx: Transaction, depth: number): Db {
  return {
    kind: 'pglite',
    query: (sql, params) => run(tx, sql, params),
    async transaction(fn) {
      const savepoint = `sp_${depth}`;
      await run(tx, `savepoint ${savepoint}`);
      try {
        const result = await fn(txDb(tx, depth + 1));
        await run(tx, `release savepoint ${savepoint}`);
        return result;
      } catch (error) {
        await run(tx, `rollback to savepoint ${savepoint}`);
        throw error;
      }
    },
    close: () => Promise.reject(new Error('close() the database, not a transaction')),
  };
}

/**
 * An embedded PGlite database in `dataDir` (a directory, or `memory://` for a throw-away one).
 * PGlite has one connection: queries queue, and a transaction holds it until it ends.
 */
export async function createPgliteDb(dataDir: string): Promise<Db> {
  const pg = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    query: (sql, params) => run(pg, sql, params),
    async transaction(fn) {
      try {
        return await pg.transaction((tx) => fn(txDb(tx, 1)));
      } catch (error) {
        throw mapSqlError(error);
      }
    },
    close: () => pg.close(),
  };
}
