import { globMatcher, type Matcher } from './glob.js';

/** Compiles `Action` patterns: case-insensitive, `*` and `?` wildcards, ORed. */
export function compileActionMatcher(patterns: readonly string[]): Matcher {
  const matchers = patterns.map((p) => globMatcher(p, true));
  if (matchers.length === 1) return matchers[0]!;
  return (action) => matchers.some((m) => m(action));
}

/** The service prefix of an action (`s3` for `s3:GetObject`), lower-cased. */
export const servicePrefix = (action: string): string => {
  const colon = action.indexOf(':');
  return (colon < 0 ? action : action.slice(0, colon)).toLowerCase();
};
