import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/core/policy/parse.js';
import type { PolicyProblem } from '../../src/core/policy/problems.js';
import { BASE_OPERATORS } from '../../src/core/condition/operator-name.js';

fc.configureGlobal({ numRuns: Number(process.env.PROPERTY_RUNS ?? 200) });

type Json = Record<string, unknown>;

const CODES = new Set(['NOT_AN_OBJECT', 'INVALID_JSON', 'UNKNOWN_ELEMENT', 'MISSING_ELEMENT', 'INVALID_VERSION', 'INVALID_TYPE',
  'INVALID_EFFECT', 'CONFLICTING_ELEMENTS', 'EMPTY_VALUE', 'INVALID_ACTION', 'INVALID_RESOURCE', 'INVALID_PRINCIPAL',
  'INVALID_CONDITION', 'DUPLICATE_SID']);

/** Asserts the value is a well-formed Result; returns its problems (empty when ok). */
function problemsOf(input: unknown): readonly PolicyProblem[] {
  const r = parsePolicy(input);
  expect(typeof r.ok).toBe('boolean');
  if (r.ok) return [];
  expect(r.error.length).toBeGreaterThan(0);
  for (const p of r.error) {
    expect(CODES.has(p.code)).toBe(true);
    expect(p.path).not.toBe('');
    expect(p.message).not.toBe('');
  }
  return r.error;
}

const oneOrMany = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | T[]> => fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }));
const either = (a: string, b: string, value: fc.Arbitrary<unknown>): fc.Arbitrary<Json> =>
  fc.tuple(fc.constantFrom(a, b), value).map(([k, v]) => ({ [k]: v }));

const action = fc.oneof(
  fc.constant('*'),
  fc.tuple(fc.stringMatching(/^[a-z0-9-]{1,10}$/), fc.stringMatching(/^[A-Za-z*?]{1,12}$/)).map(([s, a]) => `${s}:${a}`),
);
const resource = fc.oneof(fc.constant('*'), fc.string().map((s) => `arn:${s}`));
const principalId = fc.oneof(fc.constant('*'), fc.string({ minLength: 1 }).filter((s) => !s.includes('*')));
const principal = fc.oneof(
  fc.constant('*'),
  fc.record({ AWS: oneOrMany(principalId), Service: oneOrMany(principalId), Federated: oneOrMany(principalId), CanonicalUser: oneOrMany(principalId) },
    { requiredKeys: [] }).filter((o) => Object.keys(o).length > 0),
);
const operator = fc.tuple(fc.constantFrom('', 'ForAnyValue:', 'ForAllValues:'), fc.constantFrom(...BASE_OPERATORS), fc.boolean())
  .map(([q, base, ifExists]) => `${q}${base}${ifExists && base !== 'Null' ? 'IfExists' : ''}`);
const conditionValue = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const condition = fc.dictionary(operator, fc.dictionary(fc.string({ minLength: 1 }), oneOrMany(conditionValue), { minKeys: 1, maxKeys: 3 }), { maxKeys: 3 });

const statement: fc.Arbitrary<Json> = fc.tuple(
  fc.constantFrom('Allow', 'Deny'),
  either('Action', 'NotAction', oneOrMany(action)),
  fc.option(either('Resource', 'NotResource', oneOrMany(resource)), { nil: undefined }),
  fc.option(either('Principal', 'NotPrincipal', principal), { nil: undefined }),
  fc.option(condition, { nil: undefined }),
).map(([Effect, a, r, p, c]) => ({ Effect, ...a, ...r, ...p, ...(c ? { Condition: c } : {}) }));

/** Well-formed policy documents: unique Sids, every element in its grammar. */
const policy: fc.Arbitrary<Json> = fc.tuple(
  fc.option(fc.constantFrom('2012-10-17', '2008-10-17'), { nil: undefined }),
  fc.option(fc.string(), { nil: undefined }),
  fc.array(fc.tuple(statement, fc.boolean()), { maxLength: 5 }),
  fc.boolean(),
).map(([version, id, rows, single]) => {
  const statements = rows.map(([s, withSid], i) => (withSid ? { Sid: `S${i}`, ...s } : s));
  const Statement = single && statements.length === 1 ? statements[0] : statements;
  return { ...(version ? { Version: version } : {}), ...(id !== undefined ? { Id: id } : {}), Statement };
});

const exotic = fc.anything({
  withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true,
  withObjectString: true, withSparseArray: true, withTypedArray: true, maxDepth: 4,
});

describe('parsePolicy is total', () => {
  it('never throws on JSON values', () => fc.assert(fc.property(fc.jsonValue(), (v) => void problemsOf(v))));
  it('never throws on anything', () => fc.assert(fc.property(exotic, (v) => void problemsOf(v))));
  it('never throws on random strings', () => fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (s) => void problemsOf(s))));
  it('never throws on anything inside a statement', () => fc.assert(fc.property(exotic, exotic, exotic, (a, c, p) => {
    problemsOf({ Statement: [a] });
    problemsOf({ Statement: { Effect: 'Allow', Action: a, Resource: a, Principal: p, Condition: c } });
    problemsOf({ Version: a, Id: c, Statement: [{ Effect: a, Action: '*', Sid: p, Condition: { StringEquals: c } }] });
  })));
});

describe('parsePolicy on valid documents', () => {
  it('returns ok and keeps the statements and effects', () => fc.assert(fc.property(policy, fc.boolean(), (doc, asText) => {
    const r = parsePolicy(asText ? JSON.stringify(doc) : doc);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const raw = doc['Statement'];
    const statements = (Array.isArray(raw) ? raw : [raw]) as Json[];
    expect(r.value.statements.map((s) => s.effect)).toEqual(statements.map((s) => s['Effect']));
    expect(r.value.statements.map((s) => s.index)).toEqual(statements.map((_, i) => i));
    expect(r.value.version).toBe(doc['Version']);
  })));
});

/** Element paths of a document (array form) that can be replaced by a wrongly typed value. */
function elementPaths(doc: Json): { path: string; set: (v: unknown) => Json }[] {
  const top = Object.keys(doc).map((k) => ({ path: k, set: (v: unknown) => ({ ...doc, [k]: v }) }));
  const raw = doc['Statement'];
  const single = !Array.isArray(raw);
  const statements = (single ? [raw] : raw) as Json[];
  const inner = statements.flatMap((s, i) => Object.keys(s).map((k) => ({
    path: `${single ? 'Statement' : `Statement[${i}]`}.${k}`,
    set: (v: unknown) => {
      const changed = statements.map((t, j) => (j === i ? { ...t, [k]: v } : t));
      return { ...doc, Statement: single ? changed[0] : changed };
    },
  })));
  return [...top, ...inner];
}

const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { minLength: 1, maxLength: 2 }));

describe('parsePolicy on mutated documents', () => {
  it('reports a problem at the element given a wrong type', () => fc.assert(fc.property(
    policy.chain((doc) => fc.tuple(fc.constant(doc), fc.constantFrom(...elementPaths(doc)), wrongType)),
    ([, element, value]) => {
      const found = problemsOf(element.set(value));
      const at = (p: PolicyProblem): boolean => p.path === element.path || p.path.startsWith(`${element.path}.`) || p.path.startsWith(`${element.path}[`);
      expect(found.filter(at)).not.toEqual([]);
    },
  )));
});
