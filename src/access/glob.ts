/**
 * IAM wildcard patterns as the engine reasons about them, without conditions: `*` any run, `?` one
 * character, and a policy variable (`${aws:username}`) any run too, so that a variable pattern
 * over-approximates what it can match. The core keeps its matchers private; these are for carving
 * regions, never for deciding (decisions always go through `decide`).
 */

/** A compiled pattern test. */
export type PatternTest = (value: string) => boolean;

const VARIABLE = /\$\{[^}]*\}/g;
const escape = (s: string): string => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
const memo = new Map<string, PatternTest>();
const MEMO_LIMIT = 50_000;

function compile(pattern: string, caseInsensitive: boolean): PatternTest {
  const text = pattern.replace(VARIABLE, '*');
  if (text === '*') return () => true;
  if (!text.includes('*') && !text.includes('?')) {
    const exact = caseInsensitive ? text.toLowerCase() : text;
    return caseInsensitive ? (v) => v.toLowerCase() === exact : (v) => v === exact;
  }
  const source = [...(caseInsensitive ? text.toLowerCase() : text)]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : escape(ch))).join('');
  const re = new RegExp(`^${source}$`, 'su');
  return caseInsensitive ? (v) => re.test(v.toLowerCase()) : (v) => re.test(v);
}

/** A memoised test for one pattern: case-insensitive for actions, case-sensitive for resources. */
export function patternTest(pattern: string, caseInsensitive: boolean): PatternTest {
  const key = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let test = memo.get(key);
  if (!test) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    test = compile(pattern, caseInsensitive);
    memo.set(key, test);
  }
  return test;
}

/** True when some pattern matches the value. */
export const anyMatches = (patterns: readonly string[], value: string, caseInsensitive: boolean): boolean =>
  patterns.some((p) => patternTest(p, caseInsensitive)(value));

/**
 * A token that appears in no policy literal we compare against: filling a pattern's wildcards with
 * it yields a value inside the pattern and outside every other pattern's literal parts.
 */
export const FRESH = 'zq0fresh';

/** The pattern with each `*` (and variable) replaced by `fill` and each `?` by its first character. */
export function instanceOf(pattern: string, fill: string = FRESH): string {
  return pattern.replace(VARIABLE, fill).replace(/\*/g, fill).replace(/\?/g, fill.charAt(0));
}

/** The literal text before the first wildcard or variable. */
export function literalPrefix(pattern: string): string {
  const i = pattern.search(/[*?]|\$\{/);
  return i < 0 ? pattern : pattern.slice(0, i);
}

/**
 * False only when the two patterns certainly share no value (their literal prefixes disagree);
 * used to leave disjoint patterns out of a region's exclusions, where they change nothing.
 */
export function mayOverlap(a: string, b: string): boolean {
  const pa = literalPrefix(a);
  const pb = literalPrefix(b);
  return pa.startsWith(pb) || pb.startsWith(pa);
}
