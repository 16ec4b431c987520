import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, globMatcher, matchTokens, tokenizeGlob } from '../../src/core/match/glob.js';
import { compileActionMatcher } from '../../src/core/match/action.js';
import { compileResourceMatcher } from '../../src/core/match/resource.js';
import { MapContext } from '../../src/core/request/context.js';

fc.configureGlobal({ numRuns: Number(process.env.PROPERTY_RUNS ?? 200) });

/** A pattern atom of the reference: a wildcard, or one character that matches only itself. */
type Atom = { readonly star: true } | { readonly one: true } | { readonly lit: string };

const STAR: Atom = { star: true };
const ONE: Atom = { one: true };
/** Pattern text with every `*` and `?` a wildcard. */
const atomsOf = (pattern: string): Atom[] => [...pattern].map((c) => (c === '*' ? STAR : c === '?' ? ONE : { lit: c }));
/** Text that matches only itself, wildcard characters included. */
const literally = (text: string): Atom[] => [...text].map((c) => ({ lit: c }));

/**
 * The reference: DP over code points. ok[i][j] says atoms[i..] match value[j..]; a star either
 * matches nothing (skip it) or eats one character and stays.
 */
function reference(atoms: readonly Atom[], value: string): boolean {
  const v = [...value];
  let next: boolean[] = v.map(() => false).concat(true); // row for i = atoms.length
  for (let i = atoms.length - 1; i >= 0; i--) {
    const a = atoms[i]!;
    const row: boolean[] = new Array<boolean>(v.length + 1).fill(false);
    for (let j = v.length; j >= 0; j--) {
      if ('star' in a) row[j] = next[j]! || (j < v.length && row[j + 1]!);
      else row[j] = j < v.length && ('one' in a || a.lit === v[j]) && next[j + 1]!;
    }
    next = row;
  }
  return next[0]!;
}
const ref = (pattern: string, value: string): boolean => reference(atomsOf(pattern), value);
const refFolded = (pattern: string, value: string): boolean => ref(pattern.toLowerCase(), value.toLowerCase());

describe('the reference itself', () => {
  it.each<[string, string, boolean]>([
    ['', '', true], ['*', '', true], ['?', '', false], ['a*b', 'a:/b', true], ['a?b', 'ab', false], ['**', 'x', true],
    ['a*a', 'a', false], ['*a*', 'bab', true], ['?*?', 'ab', true], ['?*?', 'a', false],
  ])('%j vs %j → %s', (p, v, want) => expect(ref(p, v)).toBe(want));
});

const CHARS = ['*', '?', ':', '/', 'a', 'A', 'b', '.', '$', '{', '}'] as const;
const char = fc.constantFrom(...CHARS);
const text = (maxLength: number, unit: fc.Arbitrary<string> = char): fc.Arbitrary<string> => fc.string({ unit, maxLength });
const pattern = text(8);

/** A value made by filling each wildcard: `*` with any text, `?` with one character. */
const instance = (p: string, unit: fc.Arbitrary<string> = char): fc.Arbitrary<string> =>
  fc.tuple(...[...p].map((c) => (c === '*' ? text(4, unit) : c === '?' ? unit : fc.constant(c)))).map((parts) => parts.join(''));

/** Flips the case of some letters (matches case-insensitively, not necessarily case-sensitively). */
const recase = (s: string): fc.Arbitrary<string> =>
  fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((flips) => [...s].map((c, i) => (flips[i] ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c)).join(''));

/** One edit (insert, delete or replace a character): near misses of a matching value. */
const mutate = (s: string): fc.Arbitrary<string> =>
  fc.tuple(fc.nat(s.length), char, fc.constantFrom('insert', 'delete', 'replace')).map(([i, c, op]) =>
    op === 'insert' ? s.slice(0, i) + c + s.slice(i) : s.slice(0, i) + (op === 'delete' ? '' : c) + s.slice(i + 1));

const matching = pattern.chain((p) => fc.tuple(fc.constant(p), instance(p)));
const pairs = fc.oneof(
  fc.tuple(pattern, text(10)),
  matching,
  matching.chain(([p, v]) => fc.tuple(fc.constant(p), mutate(v))),
  matching.chain(([p, v]) => fc.tuple(fc.constant(p), recase(v))),
);

/** Every glob implementation on one pattern and value. */
function implementations(p: string, v: string, ci: boolean): Record<string, boolean> {
  return {
    globMatcher: globMatcher(p, ci)(v),
    compileGlob: compileGlob(tokenizeGlob(p), ci)(v),
    matchTokens: matchTokens(tokenizeGlob(p), v, ci),
  };
}
const expectAll = (got: Record<string, boolean>, want: boolean): void =>
  expect(got).toEqual(Object.fromEntries(Object.keys(got).map((k) => [k, want])));

describe('glob matching agrees with the reference', () => {
  it('instantiated patterns match the reference (sanity of the generator)', () =>
    fc.assert(fc.property(matching, ([p, v]) => ref(p, v))));

  it('case-sensitive', () => fc.assert(fc.property(pairs, ([p, v]) => { expectAll(implementations(p, v, false), ref(p, v)); })));

  it('case-insensitive', () => fc.assert(fc.property(pairs, ([p, v]) => { expectAll(implementations(p, v, true), refFolded(p, v)); })));

  it('case-sensitive, with newlines, non-ASCII and astral characters', () => {
    const wide = fc.constantFrom(...CHARS, '\n', 'é', 'ß', 'İ', '😀', '\u2028');
    const widePairs = fc.oneof(
      fc.tuple(text(8, wide), text(10, wide)),
      text(8, wide).chain((p) => fc.tuple(fc.constant(p), instance(p, wide))),
    );
    fc.assert(fc.property(widePairs, ([p, v]) => { expectAll(implementations(p, v, false), ref(p, v)); }));
  });

  it('tokenizeGlob round-trips and keeps wildcards out of text', () => fc.assert(fc.property(pattern, (p) => {
    const tokens = tokenizeGlob(p);
    expect(tokens.map((t) => (t.kind === 'text' ? t.text : t.kind === 'star' ? '*' : '?')).join('')).toBe(p);
    for (const [i, t] of tokens.entries()) {
      if (t.kind !== 'text') continue;
      expect(t.text).not.toMatch(/^$|[*?]/);
      expect(tokens[i + 1]?.kind).not.toBe('text');
    }
  })));
});

describe('action matcher agrees with the reference over lower-cased inputs', () => {
  const patterns = fc.array(pattern, { maxLength: 3 });
  const cases = fc.oneof(
    fc.tuple(patterns, text(10)),
    fc.tuple(patterns, matching).chain(([ps, [p, v]]) => fc.tuple(fc.constant([...ps, p]), recase(v))),
  );
  it('ORs the patterns, ignoring case', () => fc.assert(fc.property(cases, ([ps, a]) => {
    expect(compileActionMatcher(ps)(a)).toBe(ps.some((p) => refFolded(p, a)));
  })));
});

describe('resource matcher agrees with the reference', () => {
  const empty = new MapContext();
  const noVariables = pattern.filter((p) => !p.includes('${'));

  it('without variables (enabled or not), case-sensitive', () => fc.assert(fc.property(
    fc.oneof(fc.tuple(noVariables, text(10)), matching.filter(([p]) => !p.includes('${'))), fc.boolean(),
    ([p, v], enabled) => { expect(compileResourceMatcher([p], enabled)(v, empty)).toBe(ref(p, v)); },
  )));

  it('with variables disabled, any text is a plain glob', () => fc.assert(fc.property(pairs, ([p, v]) => {
    expect(compileResourceMatcher([p], false)(v, empty)).toBe(ref(p, v));
  })));

  it('ORs the patterns', () => fc.assert(fc.property(fc.array(noVariables, { maxLength: 3 }), text(10), (ps, v) => {
    expect(compileResourceMatcher(ps, true)(v, empty)).toBe(ps.some((p) => ref(p, v)));
  })));

  // `$` stays out of the text around the variable so that it cannot form another variable.
  const side = text(4, fc.constantFrom(...CHARS.filter((c) => c !== '$')));
  const withUsername = fc.tuple(side, side, text(4)).chain(([pre, post, user]) => fc.tuple(
    fc.constant(pre), fc.constant(post), fc.constant(user),
    fc.oneof(text(10), fc.tuple(instance(pre), instance(post)).map(([a, b]) => `${a}${user}${b}`)),
  ));

  it('${aws:username} matches as its value substituted literally', () => fc.assert(fc.property(withUsername, ([pre, post, user, v]) => {
    const want = reference([...atomsOf(pre), ...literally(user), ...atomsOf(post)], v);
    const ctx = new MapContext({ 'aws:username': user });
    expect(compileResourceMatcher([`${pre}\${aws:username}${post}`], true)(v, ctx)).toBe(want);
  })));

  it('an unresolvable variable matches nothing; a default stands in for it', () => fc.assert(fc.property(withUsername, ([pre, post, user, v]) => {
    expect(compileResourceMatcher([`${pre}\${aws:username}${post}`], true)(v, empty)).toBe(false);
    const fallback = user.replace(/[}']/g, ''); // a '}' would end the variable
    const want = reference([...atomsOf(pre), ...literally(fallback), ...atomsOf(post)], v);
    expect(compileResourceMatcher([`${pre}\${aws:username, '${fallback}'}${post}`], true)(v, empty)).toBe(want);
  })));
});
