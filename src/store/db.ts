/** The one database port: Postgres through `pg`, or embedded PGlite. SQL lives only in src/store. */
export interface Db {
  readonly kind: 'pg' | 'pglite';
  /** Runs one parameterised statement and returns its rows. */
  query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Connections of the pool (Postgres only; PGlite has no pool). */
  poolStats?(): DbPoolStats;
}

/** A connection pool's state, for metrics. */
export interface DbPoolStats {
  /** Open connections, idle or in use. */
  readonly total: number;
  readonly idle: number;
  /** Queries waiting for a connection. */
  readonly waiting: number;
}
