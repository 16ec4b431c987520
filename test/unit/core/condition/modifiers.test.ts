import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../../src/core/condition/evaluate.js';
import type { ConditionTrace } from '../../../../src/core/explain/trace.js';
import type { ConditionEntry } from '../../../../src/core/policy/types.js';
import { MapContext } from '../../../../src/core/request/context.js';
import type { ContextInput } from '../../../../src/core/request/types.js';

const KEY = 'aws:TagKeys';
const check = (operator: string, values: string[], request: string | string[] | undefined): boolean =>
  compileCondition([{ operator, key: KEY, values }], true).evaluate(new MapContext(request === undefined ? {} : { [KEY]: request }));

// IAM User Guide, "Condition operators", ...IfExists condition operators.
describe('...IfExists', () => {
  it.each([
    ['StringLikeIfExists', ['t1.*', 't2.*'], 't2.micro', true],
    ['StringLikeIfExists', ['t1.*', 't2.*'], 'm5.large', false],
    ['StringLikeIfExists', ['t1.*', 't2.*'], undefined, true],
    ['StringLike', ['t1.*', 't2.*'], undefined, false],
    ['StringEqualsIfExists', ['yes'], undefined, true], // a Deny with it applies on a missing key
    ['StringNotEqualsIfExists', ['high'], undefined, true], // "the request is still denied even if the tag is missing"
    ['StringNotEqualsIfExists', ['high'], 'high', false],
    ['StringNotEqualsIfExists', ['high'], 'low', true],
    ['NumericLessThanIfExists', ['600'], undefined, true],
    ['NumericLessThanIfExists', ['600'], '601', false],
    ['DateGreaterThanIfExists', ['2025-01-01T00:00:00Z'], '2024-12-31T00:00:00Z', false],
    ['IpAddressIfExists', ['192.0.2.0/24'], undefined, true],
    ['NotIpAddressIfExists', ['192.0.2.0/24'], undefined, true],
    ['NotIpAddressIfExists', ['192.0.2.0/24'], '192.0.2.1', false],
    ['ArnLikeIfExists', ['arn:aws:cloudformation:*:111122223333:stack/*'], undefined, true],
    ['ArnLikeIfExists', ['arn:aws:cloudformation:*:111122223333:stack/*'], 'arn:aws:cloudformation:us-east-1:999999999999:stack/app/1a2b', false],
    ['StringEqualsIfExists', ['a'], [], true], // an empty set counts as missing
    ['ForAnyValue:StringEqualsIfExists', ['a'], undefined, true],
  ])('%s %j vs %j → %s', (op, values, request, want) => expect(check(op, values, request)).toBe(want));
});

// IAM User Guide, "Creating a condition that tests multiple key values" and "Multivalued context key examples".
describe('ForAllValues / ForAnyValue', () => {
  it.each([
    ['ForAllValues:StringEquals', ['ID', 'Message', 'Tags'], ['ID', 'Message', 'Tags'], true],
    ['ForAllValues:StringEquals', ['ID', 'Message', 'Tags'], ['Message', 'UserName'], false],
    ['ForAllValues:StringEquals', ['PostDateTime', 'Message', 'Tags'], ['PostDateTime', 'UserName'], false],
    ['ForAllValues:StringEquals', ['env', 'owner'], ['env'], true],
    ['ForAllValues:StringEquals', ['env', 'owner'], ['Env'], false],
    ['ForAllValues:StringEquals', ['env', 'owner'], [], true], // empty set: true
    ['ForAllValues:StringEquals', ['env', 'owner'], undefined, true], // missing key: true (documented pitfall)
    ['ForAllValues:StringEquals', ['env'], 'env', true], // a single value is a set of one
    ['ForAllValues:StringLike', ['app-*', 'env'], ['app-name', 'app-tier', 'env'], true],
    ['ForAllValues:StringLike', ['app-*', 'env'], ['app-name', 'region'], false],
    // every request value must match none of the policy values
    ['ForAllValues:StringNotLike', ['key1*'], ['key1:legal'], false],
    ['ForAllValues:StringNotLike', ['key1*'], ['key1:hr', 'key1:personnel'], false],
    ['ForAllValues:StringNotLike', ['key1*'], ['key2:audit'], true],
    ['ForAllValues:StringNotLike', ['key1*'], ['key2:audit', 'key1:hr'], false],
    ['ForAllValues:StringNotLike', ['key1*'], undefined, true],
    ['ForAnyValue:StringEquals', ['owner'], ['env', 'owner'], true],
    ['ForAnyValue:StringEquals', ['owner'], ['env', 'tier'], false],
    ['ForAnyValue:StringEquals', ['owner'], [], false], // empty set: false
    ['ForAnyValue:StringEquals', ['owner'], undefined, false], // missing key: false
    ['ForAnyValue:StringEquals', ['glue.amazonaws.com', 'x'], ['athena.amazonaws.com', 'glue.amazonaws.com'], true],
    ['ForAnyValue:StringLike', ['own*'], ['env', 'owner-email'], true],
    // at least one request value matches none of the policy values
    ['ForAnyValue:StringNotEquals', ['env', 'owner'], ['env', 'owner'], false],
    ['ForAnyValue:StringNotEquals', ['env', 'owner'], ['env', 'secret'], true],
    ['ForAnyValue:StringNotEquals', ['env'], undefined, false],
  ])('%s %j vs %j → %s', (op, values, request, want) => expect(check(op, values, request)).toBe(want));
});

// IAM User Guide, "Condition operators": a missing key fails a positive operator, satisfies a negated one.
describe('unqualified operators on a multivalued key', () => {
  it.each([
    ['StringEquals', ['a'], ['b', 'a'], true], // any request value matches
    ['StringEquals', ['a'], ['b', 'c'], false],
    ['StringEquals', ['a'], [], false],
    ['StringNotEquals', ['a'], ['b', 'a'], false], // negation of the positive operator
    ['StringNotEquals', ['a'], ['b', 'c'], true],
    ['StringNotEquals', ['a'], [], true],
  ])('%s %j vs %j → %s', (op, values, request, want) => expect(check(op, values, request)).toBe(want));
});

describe('a Condition block', () => {
  const entries: ConditionEntry[] = [
    { operator: 'StringEquals', key: 'aws:PrincipalTag/dept', values: ['research', 'legal'] },
    { operator: 'StringEquals', key: 'aws:PrincipalAccount', values: ['210987654321'] },
    { operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] },
  ];
  const ok = { 'aws:PrincipalTag/dept': 'legal', 'aws:PrincipalAccount': '210987654321', 'aws:SecureTransport': 'true' };
  it.each<[string, ContextInput, boolean]>([
    ['all pairs hold (second value ORed)', ok, true],
    ['keys under one operator are ANDed', { ...ok, 'aws:PrincipalAccount': '345678901234' }, false],
    ['operators are ANDed', { ...ok, 'aws:SecureTransport': 'false' }, false],
    ['a missing key fails its pair', { 'aws:PrincipalAccount': '210987654321', 'aws:SecureTransport': 'true' }, false],
    ['condition keys are case-insensitive', { 'AWS:PRINCIPALTAG/DEPT': 'legal', 'aws:principalaccount': '210987654321', 'aws:securetransport': 'true' }, true],
  ])('%s', (_, context, want) => expect(compileCondition(entries, true).evaluate(new MapContext(context))).toBe(want));

  it('an empty block is always true and reads no keys', () => {
    const condition = compileCondition([], true);
    expect(condition.evaluate(new MapContext())).toBe(true);
    expect(condition.keys).toEqual([]);
  });

  it('an operator name AWS does not define never matches', () => {
    const condition = compileCondition([{ operator: 'StringSortOf', key: 'k', values: ['a'] }], true);
    expect(condition.evaluate(new MapContext({ k: 'a' }))).toBe(false);
  });

  it('lists condition keys and variable keys once, first spelling kept', () => {
    const condition = compileCondition([
      { operator: 'StringEquals', key: 'aws:ResourceTag/team', values: ['${aws:PrincipalTag/team}', '${AWS:PrincipalTag/Team}'] },
      { operator: 'StringLike', key: 'AWS:resourcetag/TEAM', values: ['x${aws:username, \'none\'}'] },
      { operator: 'NumericEquals', key: 'n', values: ['${aws:ignored}'] }, // no variables for Numeric
    ], true);
    expect(condition.keys).toEqual(['aws:ResourceTag/team', 'aws:PrincipalTag/team', 'aws:username', 'n']);
  });

  it('traces every pair without short-circuit, with substituted values', () => {
    const trace: ConditionTrace[] = [];
    const condition = compileCondition([
      { operator: 'StringEquals', key: 'aws:PrincipalTag/team', values: ['${aws:username}', '${aws:missing}'] },
      { operator: 'Null', key: 'aws:TokenIssueTime', values: ['false'] },
    ], true);
    expect(condition.evaluate(new MapContext({ 'aws:username': 'alice', 'aws:PrincipalTag/team': 'bob' }), trace)).toBe(false);
    expect(trace).toEqual([
      { operator: 'StringEquals', key: 'aws:PrincipalTag/team', policyValues: ['alice', '${aws:missing}'], requestValues: ['bob'], matched: false },
      { operator: 'Null', key: 'aws:TokenIssueTime', policyValues: ['false'], requestValues: null, matched: false },
    ]);
  });
});
