import pg from 'pg';
import type { Db } from './db.js';
import { mapSqlError } from './sql-errors.js';

/** Pool settings; defaults suit one service replica. */
export interface PgDbOptions {
  readonly max?: number;
  readonly connectionTimeoutMillis?: number;
}

type Row = Record<string, unknown>;
type Queryable = Pick<pg.PoolClient, 'query'>;

/** Distinct statement texts prepared on each connection at most: the store's SQL is a fixed set. */
const PREPARED_LIMIT = 256;
const statementNames = new Map<string, string>();

/**
 * The name a parameterised statement is prepared under (one Parse per connection, then only
 * Bind/Execute: the hot reads of a cold decision skip re-parsing), or undefined past the limit.
 */
function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < PREPARED_LIMIT) statementNames.set(sql, (name = `s${statementNames.size}`));
  return name;
}

/** Rows of the last result: a parameterless text may hold several statements (simple query protocol). */
async function run<T extends Row>(on: Queryable, sql: string, params?: readonly unknown[]): Promise<T[]> {
  try {
    const name = params ? statementName(sql) : undefined;
    const result: pg.QueryResult<T> | pg.QueryResult<T>[] = name
      ? await on.query<T>({ name, text: sql, values: [...params!] })
      : await on.query<T>(sql, params ? [...params] : undefined);
    const last = Array.isArray(result) ? result.at(-1) : result;
    return last?.rows ?? [];
  } catch (error) {
    throw mapSqlError(error);
  }
}

/** A Db bound to one client inside an open transaction; nested transactions are savepoints. */
function clientDb(client: pg.PoolClient, depth: number): Db {
  return {
    kind: 'pg',
    query: (sql, params) => run(client, sql, params),
    async transaction(fn) {
      const savepoint = `sp_${depth}`;
      await run(client, `savepoint ${savepoint}`);
      try {
        const result = await fn(clientDb(client, depth + 1));
        await run(client, `release savepoint ${savepoint}`);
        return result;
      } catch (error) {
        await run(client, `rollback to savepoint ${savepoint}`);
        throw error;
      }
    },
    close: () => Promise.reject(new Error('close() the pool, not a transaction')),
  };
}

/** A Db over a `pg.Pool` for `url`; each transaction runs on one pooled client. */
export function createPgDb(url: string, options: PgDbOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled, it would end the
  // process. The next query reports the failure as UnavailableError instead.
  pool.on('error', () => undefined);
  return {
    kind: 'pg',
    query: (sql, params) => run(pool, sql, params),
    async transaction(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw mapSqlError(error);
      }
      let broken: Error | undefined;
      try {
        await run(client, 'begin');
        const result = await fn(clientDb(client, 1));
        await run(client, 'commit');
        return result;
      } catch (error) {
        await run(client, 'rollback').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw mapSqlError(error);
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
