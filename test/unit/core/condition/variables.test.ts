import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../../src/core/condition/evaluate.js';
import { MapContext } from '../../../../src/core/request/context.js';
import type { ContextInput } from '../../../../src/core/request/types.js';

const check = (operator: string, key: string, values: string[], context: ContextInput, variablesEnabled = true): boolean =>
  compileCondition([{ operator, key, values }], variablesEnabled).evaluate(new MapContext(context));

const TAG = 's3:ExistingObjectTag/project';
const PRINCIPAL_TAG = '${aws:PrincipalTag/project}';

// IAM User Guide, "IAM policy elements: Variables and tags", Condition element.
describe('policy variables in condition values', () => {
  it.each<[string, string, string[], ContextInput, boolean]>([
    ['StringLike', 's3:prefix', ['${aws:username}/*'], { 'aws:username': 'alice', 's3:prefix': 'alice/2024/' }, true],
    ['StringLike', 's3:prefix', ['', 'home/', 'home/${aws:username}/*'], { 'aws:username': 'yara', 's3:prefix': 'home/zeno/' }, false],
    ['StringLike', 's3:prefix', ['home/${AWS:UserName}/*'], { 'aws:username': 'yara', 's3:prefix': 'home/yara/x' }, true], // names case-insensitive
    ['StringEquals', TAG, [PRINCIPAL_TAG], { 'aws:PrincipalTag/project': 'apollo', [TAG]: 'apollo' }, true],
    ['StringEquals', TAG, [PRINCIPAL_TAG], { 'aws:PrincipalTag/project': 'apollo', [TAG]: 'gemini' }, false],
    ['StringEquals', TAG, [PRINCIPAL_TAG], { [TAG]: 'apollo' }, false], // unresolvable: matches nothing
    // "inverted operators match against a null value": a negated operator is true for it
    ['StringNotEquals', TAG, [PRINCIPAL_TAG], { [TAG]: 'apollo' }, true],
    ['StringNotEquals', TAG, [PRINCIPAL_TAG], { 'aws:PrincipalTag/project': 'gemini', [TAG]: 'apollo' }, true],
    ['StringNotEquals', TAG, [PRINCIPAL_TAG], { 'aws:PrincipalTag/project': 'apollo', [TAG]: 'apollo' }, false],
    ['StringNotEqualsIfExists', TAG, [PRINCIPAL_TAG], { 'aws:PrincipalTag/project': 'gemini', [TAG]: 'apollo' }, true],
    ['StringNotLike', TAG, ['${aws:PrincipalTag/project}*'], { [TAG]: 'apollo' }, true],
    ['StringEquals', TAG, ['${aws:PrincipalTag/project, \'apollo\'}'], { [TAG]: 'apollo' }, true], // default value
    ['StringEquals', TAG, ['${aws:PrincipalTag/project, \'apollo\'}'], { 'aws:PrincipalTag/project': 'x', [TAG]: 'apollo' }, false],
    ['StringEqualsIgnoreCase', TAG, [PRINCIPAL_TAG], { 'aws:PrincipalTag/project': 'APOLLO', [TAG]: 'apollo' }, true],
    ['StringEquals', 'sts:RoleSessionName', ['${aws:username}'], { 'aws:username': 'bob', 'sts:RoleSessionName': 'bob' }, true],
    ['StringLike', 'sts:RoleSessionName', ['${aws:username}'], { 'aws:username': 'abel', 'sts:RoleSessionName': 'admin' }, false],
  ])('%s %s %j with %j → %s', (op, key, values, context, want) => expect(check(op, key, values, context)).toBe(want));

  it.each<[string, string[], ContextInput, boolean]>([
    ['StringLike', ['a${*}b'], { k: 'a*b' }, true], // ${*} is a literal asterisk
    ['StringLike', ['a${*}b'], { k: 'aXb' }, false],
    ['StringLike', ['A${?}'], { k: 'A?' }, true],
    ['StringLike', ['A${?}'], { k: 'AB' }, false],
    ['StringEquals', ['${$}HOME'], { k: '$HOME' }, true],
    ['StringLike', ['${aws:username}*'], { 'aws:username': 'a*', k: 'a*-x' }, true], // substituted text is literal
    ['StringLike', ['${aws:username}*'], { 'aws:username': 'a*', k: 'ab' }, false],
    ['StringLike', ['${aws:username}'], { 'aws:username': 'a?', k: 'ab' }, false],
    ['StringLike', ['${aws:username}'], { 'aws:username': ['a', 'b'], k: 'a' }, false], // multivalued: no variable
  ])('%s %j with %j → %s', (op, values, context, want) => expect(check(op, 'k', values, context)).toBe(want));

  it.each<[string, string, string[], ContextInput, boolean]>([
    ['ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::111122223333:user/${aws:username}'], { 'aws:username': 'alice', 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/alice' }, true],
    ['ArnEquals', 'aws:PrincipalArn', ['arn:aws:iam::1:user/${aws:username}'], { 'aws:username': 'yara', 'aws:PrincipalArn': 'arn:aws:iam::1:user/zeno' }, false],
    ['ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::${aws:PrincipalAccount}:user/*'], { 'aws:PrincipalAccount': '1', 'aws:PrincipalArn': 'arn:aws:iam::1:user/x' }, true],
    ['ArnNotLike', 'aws:PrincipalArn', ['arn:aws:iam::1:user/${aws:username}'], { 'aws:PrincipalArn': 'arn:aws:iam::1:user/x' }, true],
    ['Bool', 'aws:SecureTransport', ['${aws:ViaAWSService}'], { 'aws:ViaAWSService': 'TRUE', 'aws:SecureTransport': 'true' }, true],
    // Numeric, Date, IP address, Binary and Null take no variables: the text stays literal
    ['NumericEquals', 'n', ['${n2}'], { n: '5', n2: '5' }, false],
    ['DateEquals', 'd', ['${d2}'], { d: '1', d2: '1' }, false],
    ['IpAddress', 'aws:SourceIp', ['${ip}'], { 'aws:SourceIp': '10.0.0.1', ip: '10.0.0.1' }, false],
  ])('%s %s %j with %j → %s', (op, key, values, context, want) => expect(check(op, key, values, context)).toBe(want));

  it.each<[string, ContextInput, boolean]>([
    // Version 2008-10-17 (or none): variables are literal text
    ['${aws:username}', { 'aws:username': 'alice', k: 'alice' }, false],
    ['${aws:username}', { 'aws:username': 'alice', k: '${aws:username}' }, true],
  ])('without variables, StringEquals %j with %j → %s', (value, context, want) =>
    expect(check('StringEquals', 'k', [value], context, false)).toBe(want));

  it('without variables, ${*} in StringLike stays a wildcard pattern text', () => {
    expect(check('StringLike', 'k', ['${*}'], { k: '${anything}' }, false)).toBe(true);
    expect(check('StringLike', 'k', ['${*}'], { k: 'x' }, false)).toBe(false);
  });
});
