/**
 * A bounded table of shared compiled parts, keyed by their exact source text. Compiled matchers and
 * condition blocks are immutable pure functions of that text, so statements that repeat a pattern or
 * a condition block (common across an organization's policies: the same buckets, the same
 * `aws:PrincipalTag` or `aws:SourceIp` checks) share one compiled form, and so one regular expression
 * and one closure, instead of compiling their own. This keeps the heap per cached principal down
 * and the hot matchers in the CPU's caches. When the table is full it starts over, as
 * `describePrincipalCached` does: later compilations then share less, and nothing changes meaning.
 */
export function internTable<T>(limit: number): (key: string, build: () => T) => T {
  const table = new Map<string, T>();
  return (key, build) => {
    let value = table.get(key);
    if (value === undefined) {
      value = build();
      if (table.size >= limit) table.clear();
      table.set(key, value);
    }
    return value;
  };
}

/** Entries per table: far more distinct patterns than an organization writes, a few MB at most. */
export const INTERN_LIMIT = 65_536;
