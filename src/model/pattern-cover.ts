/**
 * Conservative reasoning about IAM wildcard patterns (`*` any run, `?` one character): `covers`
 * answers true only when every value the specific pattern matches is certainly matched by the
 * general one; false means "not shown", never "certainly not".
 */

/** True when the text has a `*` or `?` wildcard. */
export const hasWildcard = (s: string): boolean => s.includes('*') || s.includes('?');

/** True when `general` matches every value `specific` matches (exact, `*`, or a `prefix*` pattern). */
export function covers(general: string, specific: string, caseInsensitive: boolean): boolean {
  const g = caseInsensitive ? general.toLowerCase() : general;
  const s = caseInsensitive ? specific.toLowerCase() : specific;
  if (g === '*' || g === s) return true;
  if (!g.endsWith('*')) return false;
  const prefix = g.slice(0, -1);
  return !hasWildcard(prefix) && s.startsWith(prefix);
}

/** True when every pattern of `specifics` is covered by some pattern of `generals`. */
export const coversAll = (generals: readonly string[], specifics: readonly string[], caseInsensitive: boolean): boolean =>
  specifics.every((s) => generals.some((g) => covers(g, s, caseInsensitive)));

const escape = (s: string): string => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');

/** Matches one value against one pattern (for a handful of checks; the core compiles matchers for decisions). */
export function globMatches(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const source = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : escape(ch))).join('');
  return new RegExp(`^${source}$`, caseInsensitive ? 'isu' : 'su').test(value);
}

/** The service prefix and action name of an action pattern; undefined for `*` or text without a colon. */
export function splitAction(pattern: string): { service: string; action: string } | undefined {
  const colon = pattern.indexOf(':');
  return colon < 0 ? undefined : { service: pattern.slice(0, colon), action: pattern.slice(colon + 1) };
}

