/** Wildcard matching for IAM patterns: `*` matches any run of characters (including `:` and `/`), `?` one. */

/** A piece of a wildcard pattern. Literal text never contains wildcards. */
export type GlobToken =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'star' }
  | { readonly kind: 'one' };

/** A compiled matcher. */
export type Matcher = (value: string) => boolean;

const STAR: GlobToken = { kind: 'star' };
const ONE: GlobToken = { kind: 'one' };

/** Splits pattern text into tokens, treating every `*` and `?` as a wildcard. */
export function tokenizeGlob(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  let text = '';
  for (const ch of pattern) {
    if (ch === '*' || ch === '?') {
      if (text) tokens.push({ kind: 'text', text });
      text = '';
      tokens.push(ch === '*' ? STAR : ONE);
    } else {
      text += ch;
    }
  }
  if (text) tokens.push({ kind: 'text', text });
  return tokens;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles tokens into a matcher once: exact text and `prefix*` get string fast paths, anything else
 * one anchored regular expression. Case-insensitive matching is for actions; resources are case-sensitive.
 */
export function compileGlob(tokens: readonly GlobToken[], caseInsensitive = false): Matcher {
  const fold = caseInsensitive ? (s: string) => s.toLowerCase() : (s: string) => s;
  if (tokens.length === 1 && tokens[0]!.kind === 'star') return () => true;
  if (tokens.every((t) => t.kind === 'text')) {
    const exact = fold(tokens.map((t) => (t.kind === 'text' ? t.text : '')).join(''));
    return caseInsensitive ? (v) => v.toLowerCase() === exact : (v) => v === exact;
  }
  const last = tokens[tokens.length - 1];
  if (last?.kind === 'star' && tokens.slice(0, -1).every((t) => t.kind === 'text')) {
    const prefix = fold(tokens.slice(0, -1).map((t) => (t.kind === 'text' ? t.text : '')).join(''));
    return (v) => fold(v.slice(0, prefix.length)) === prefix;
  }
  // Case-insensitivity is toLowerCase on both sides, as in the other paths, not the regex `i` flag
  // (whose Unicode case folding differs from toLowerCase outside ASCII).
  const source = tokens
    .map((t) => (t.kind === 'text' ? escapeRegExp(fold(t.text)) : t.kind === 'star' ? '.*' : '.'))
    .join('');
  const re = new RegExp(`^${source}$`, 'su');
  return caseInsensitive ? (v) => re.test(v.toLowerCase()) : (v) => re.test(v);
}

/** Compiles pattern text (every `*`/`?` a wildcard). */
export const globMatcher = (pattern: string, caseInsensitive = false): Matcher =>
  compileGlob(tokenizeGlob(pattern), caseInsensitive);

/**
 * Matches tokens built at request time (after variable substitution) without building a regular
 * expression: iterative wildcard matching with single-star backtracking, O(n·m) worst case.
 */
export function matchTokens(tokens: readonly GlobToken[], value: string, caseInsensitive = false): boolean {
  const chars: (string | null)[] = []; // null = '*', '\u0000?' marker handled via kinds below
  const kinds: number[] = []; // 0 literal char, 1 star, 2 one
  for (const t of tokens) {
    if (t.kind === 'text') for (const ch of caseInsensitive ? t.text.toLowerCase() : t.text) { chars.push(ch); kinds.push(0); }
    else { chars.push(null); kinds.push(t.kind === 'star' ? 1 : 2); }
  }
  const v = [...(caseInsensitive ? value.toLowerCase() : value)];
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = 0;
  while (i < v.length) {
    if (p < kinds.length && (kinds[p] === 2 || (kinds[p] === 0 && chars[p] === v[i]))) { p++; i++; continue; }
    if (p < kinds.length && kinds[p] === 1) { starP = p++; starI = i; continue; }
    if (starP >= 0) { p = starP + 1; i = ++starI; continue; }
    return false;
  }
  while (p < kinds.length && kinds[p] === 1) p++;
  return p === kinds.length;
}
