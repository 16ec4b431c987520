import { describe, expect, it } from 'vitest';
import { createCompiledPolicies } from '../../../src/cache/compiled-policies.js';
import { canonicalJson } from '../../../src/model/canonical-json.js';
import { parsePolicy } from '../../../src/core/index.js';

const doc = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: [{ d: 2, c: 3 }] }, '{"a":[{"c":3,"d":2}],"b":1}'],
    [{ a: undefined, b: null }, '{"b":null}'],
    ['x', '"x"'],
    [[1, 'two', true], '[1,"two",true]'],
  ])('%j → %s', (value, text) => expect(canonicalJson(value)).toBe(text));
});

describe('createCompiledPolicies', () => {
  it('compiles equal documents once and shares the compiled statements under each id', () => {
    const cache = createCompiledPolicies({ max: 10 });
    const a = cache.compileStored('a', doc('s3:GetObject'));
    const b = cache.compileStored('b', { Statement: [{ Resource: '*', Action: 's3:GetObject', Effect: 'Allow' }], Version: '2012-10-17' });
    expect([a.id, b.id]).toEqual(['a', 'b']);
    expect(b.statements).toBe(a.statements);
    expect(b.index).toBe(a.index);
    expect(cache.compileStored('a', doc('s3:GetObject'))).toBe(a);
    expect(cache.stats()).toEqual({ entries: 1, hits: 2, misses: 1, hitRate: 2 / 3 });
  });

  it('treats JSON text and the equal value as one document', () => {
    const cache = createCompiledPolicies({ max: 10 });
    const fromText = cache.compileStored('t', JSON.stringify(doc('s3:PutObject')));
    expect(cache.compileStored('v', doc('s3:PutObject')).statements).toBe(fromText.statements);
  });

  it('stays within its bound', () => {
    const cache = createCompiledPolicies({ max: 2 });
    for (const action of ['s3:A', 's3:B', 's3:C', 's3:A']) cache.compileStored(action, doc(action));
    expect(cache.stats()).toMatchObject({ entries: 2, hits: 0, misses: 4 });
  });

  it('is a core PolicyCompiler too, keyed by the parsed document', () => {
    const cache = createCompiledPolicies({ max: 10 });
    const [first, second] = [parsePolicy(doc('sqs:SendMessage')), parsePolicy(doc('sqs:SendMessage'))];
    if (!first.ok || !second.ok) throw new Error('test policy must parse');
    expect(second.value).not.toBe(first.value);
    const one = cache.compile({ id: 'x', document: first.value });
    const two = cache.compile({ id: 'y', document: second.value });
    expect(two.statements).toBe(one.statements);
    expect(two.id).toBe('y');
  });

  it('reports a stored document that no longer parses, and keeps nothing for it', () => {
    const cache = createCompiledPolicies({ max: 10 });
    expect(() => cache.compileStored('bad', { Statement: 'nope' })).toThrow(/stored policy bad no longer parses/);
    expect(cache.stats().entries).toBe(0);
  });
});
