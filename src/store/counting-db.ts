import type { Db } from './db.js';

/** A Db that counts the statements it runs, transactions included (for query-budget tests). */
export interface CountingDb extends Db {
  /** Statements run since creation or the last `resetCount()`. */
  queryCount(): number;
  /** The SQL of those statements, in order. */
  queries(): readonly string[];
  resetCount(): void;
}

/** Wraps `db` so that every `query`, also inside transactions, is counted. */
export function countingDb(db: Db): CountingDb {
  let log: string[] = [];
  const wrap = (inner: Db): Db => ({
    kind: inner.kind,
    query(sql, params) {
      log.push(sql);
      return inner.query(sql, params);
    },
    transaction: (fn) => inner.transaction((tx) => fn(wrap(tx))),
    close: () => inner.close(),
  });
  return {
    ...wrap(db),
    queryCount: () => log.length,
    queries: () => [...log],
    resetCount: () => {
      log = [];
    },
  };
}
