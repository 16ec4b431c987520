import { describe, expect, it } from 'vitest';
import { compileGlob, globMatcher, matchTokens, tokenizeGlob, type GlobToken } from '../../../../src/core/match/glob.js';

const S: GlobToken = { kind: 'star' };
const Q: GlobToken = { kind: 'one' };
const T = (text: string): GlobToken => ({ kind: 'text', text });

describe('tokenizeGlob', () => {
  it.each<[string, GlobToken[]]>([
    ['', []],
    ['*', [S]],
    ['?', [Q]],
    ['s3:GetObject', [T('s3:GetObject')]],
    ['s3:Get*', [T('s3:Get'), S]],
    ['*Object', [S, T('Object')]],
    ['a**b', [T('a'), S, S, T('b')]],
    ['a?*?b', [T('a'), Q, S, Q, T('b')]],
    ['arn:aws:s3:::b/${x}.{y}', [T('arn:aws:s3:::b/${x}.{y}')]], // only * and ? are special
    ['é😀?', [T('é😀'), Q]],
  ])('%j → %j', (pattern, tokens) => expect(tokenizeGlob(pattern)).toEqual(tokens));
});

// Every implementation must agree: the compiled fast paths (exact, `prefix*`, regex) and matchTokens.
const all = (pattern: string, value: string, ci: boolean): boolean[] => [
  globMatcher(pattern, ci)(value),
  compileGlob(tokenizeGlob(pattern), ci)(value),
  matchTokens(tokenizeGlob(pattern), value, ci),
];

describe('wildcard semantics (all implementations)', () => {
  it.each<[string, string, boolean]>([
    ['', '', true],
    ['', 'a', false],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['abc', 'ABC', false], // case-sensitive by default
    ['*', '', true],
    ['*', 'anything:at/all', true],
    ['a*', 'a', true], // * may be empty
    ['a*', 'ba', false],
    ['*b', 'aab', true],
    ['a*b', 'a:x/y:b', true], // * spans : and /
    ['a*b', 'a:x/y:c', false],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c.txt', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket2/a', false],
    ['arn:*:s3:::bucket', 'arn:aws-cn:s3:::bucket', true],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:role/path/R', true],
    ['?', '', false],
    ['?', 'a', true],
    ['?', 'ab', false],
    ['?', ':', true],
    ['a?c', 'a/c', true],
    ['a?c', 'ac', false],
    ['??', 'a', false],
    ['?*', '', false],
    ['?*', 'x', true],
    ['*?*', 'x', true],
    ['a*a', 'a', false],
    ['a*a*a', 'aaa', true],
    ['a*a*a', 'aa', false],
    ['*a*b*', 'xxaxxbxx', true],
    ['*a*b*', 'xxbxxaxx', false],
    ['**', '', true],
    ['a**', 'abc', true],
    // regex-special characters are literal
    ['a.c', 'abc', false],
    ['a.c', 'a.c', true],
    ['a.*', 'abc', false],
    ['a.*', 'a.bc', true],
    ['$', '$', true],
    ['^a$', '^a$', true],
    ['^a$', 'a', false],
    ['{a}', '{a}', true],
    ['a{2}', 'aa', false],
    ['(a|b)', 'a', false],
    ['[ab]', 'a', false],
    ['[ab]*', '[ab]x', true],
    ['a+', 'aa', false],
    ['\\d?', '\\dx', true],
    ['\\d', '1', false],
    ['${aws:username}', '${aws:username}', true], // no variables at this level
    // line terminators and non-ASCII
    ['a*b', 'a\nb', true],
    ['a?b', 'a\nb', true],
    ['a?b', 'a\u2028b', true],
    ['?', 'é', true],
    ['?', '😀', true], // one code point, two UTF-16 units
    ['a?', 'a😀', true],
    ['??', '😀', false],
  ])('%j vs %j → %s', (pattern, value, want) => expect(all(pattern, value, false)).toEqual([want, want, want]));
});

describe('case-insensitive matching (all implementations)', () => {
  it.each<[string, string, boolean]>([
    ['abc', 'ABC', true],
    ['ABC', 'abc', true],
    ['AbC', 'aBc', true],
    ['abc', 'ABCD', false],
    ['S3:Get*', 's3:getobject', true],
    ['s3:get*', 'S3:GETOBJECT', true],
    ['s3:get*', 'S3:PUTOBJECT', false],
    ['*OBJECT', 's3:getobject', true],
    ['S3:?ETOBJECT', 's3:getobject', true],
    ['s3:Get?bject', 's3:GETxBJECT', true],
    ['s3:*Object*', 'S3:LISTOBJECTVERSIONS', true],
    ['a.b', 'A.B', true],
    ['a.b', 'AxB', false],
    ['é', 'É', true],
  ])('%j vs %j → %s', (pattern, value, want) => expect(all(pattern, value, true)).toEqual([want, want, want]));
});

describe('tokens built at request time: literal text never holds wildcards', () => {
  it.each<[string, GlobToken[], string, boolean]>([
    ['exact', [T('a*')], 'a*', true],
    ['exact', [T('a*')], 'ab', false],
    ['exact', [T('a?')], 'ab', false],
    ['prefix', [T('a*'), S], 'a*xyz', true],
    ['prefix', [T('a*'), S], 'axyz', false],
    ['regex', [T('a?'), Q], 'a?b', true],
    ['regex', [T('a?'), Q], 'axb', false],
    ['regex', [S, T('.*'), S], 'x.*y', true],
    ['regex', [S, T('.*'), S], 'xy', false],
    ['empty', [], '', true],
    ['empty', [], 'a', false],
  ])('%s path: %j vs %j → %s', (_path, tokens, value, want) => {
    expect(compileGlob(tokens)(value)).toBe(want);
    expect(matchTokens(tokens, value)).toBe(want);
  });
});

// Regressions: the case-insensitive exact fast path once compared UTF-16 lengths before
// lower-casing ('İ' lower-cases to two units), and the regex path once used Unicode case folding.
describe('case-insensitive matching outside ASCII', () => {
  it.each<[string, string]>([
    ['İ', 'İ'],
    ['İstanbul', 'istanbul'.replace('i', 'İ')],
  ])('globMatcher(%j, ci) matches %j', (pattern, value) => expect(globMatcher(pattern, true)(value)).toBe(true));

  // 'ſ' (U+017F) folds to 's' but lower-cases to itself: every path must agree with toLowerCase.
  it.each<[string, string]>([
    ['s?', 'ſx'],
    ['*s', 'ſ'],
  ])('case-insensitive %j vs %j: all implementations agree', (pattern, value) => {
    const got = all(pattern, value, true);
    expect(got).toEqual([got[2], got[2], got[2]]);
  });
});
