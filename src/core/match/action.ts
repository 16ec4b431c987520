import { INTERN_LIMIT, internTable } from '../compile/intern.js';
import { globMatcher, type Matcher } from './glob.js';

const sharedGlobs = internTable<Matcher>(INTERN_LIMIT);
const sharedLists = internTable<Matcher>(INTERN_LIMIT);

/** Compiles `Action` patterns: case-insensitive, `*` and `?` wildcards, ORed; shared by every statement with the same list. */
export function compileActionMatcher(patterns: readonly string[]): Matcher {
  return sharedLists(JSON.stringify(patterns), () => {
    const matchers = patterns.map((p) => sharedGlobs(p, () => globMatcher(p, true)));
    if (matchers.length === 1) return matchers[0]!;
    return (action) => matchers.some((m) => m(action));
  });
}

/** The service prefix of an action (`s3` for `s3:GetObject`), lower-cased. */
export const servicePrefix = (action: string): string => {
  const colon = action.indexOf(':');
  return (colon < 0 ? action : action.slice(0, colon)).toLowerCase();
};
