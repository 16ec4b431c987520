import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src/service/errors.js';
import { createPolicyParser } from '../../../src/service/policy-cache.js';

const doc = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

describe('createPolicyParser', () => {
  it('parses equal documents once and shares the parsed form under each id', () => {
    const parse = createPolicyParser();
    const a = parse('a', doc('s3:GetObject'));
    const b = parse('b', doc('s3:GetObject'));
    expect(a.id).toBe('a');
    expect(b.id).toBe('b');
    expect(b.document).toBe(a.document);
    expect(parse.size()).toBe(1);
  });

  it('treats JSON text as its own key', () => {
    const parse = createPolicyParser();
    expect(parse('t', JSON.stringify(doc('s3:GetObject'))).document.statements).toHaveLength(1);
  });

  it('stays within its bound, evicting the least recently used document', () => {
    const parse = createPolicyParser(2);
    const first = parse('1', doc('s3:A')).document;
    parse('2', doc('s3:B'));
    parse('1', doc('s3:A'));
    parse('3', doc('s3:C'));
    expect(parse.size()).toBe(2);
    expect(parse('1', doc('s3:A')).document).toBe(first);
  });

  it('reports a stored document that no longer parses as INTERNAL', () => {
    expect(() => createPolicyParser()('bad', { Statement: 'nope' })).toThrow(ServiceError);
  });
});
