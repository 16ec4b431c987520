import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/model/catalog.js';
import { findingsFor } from '../../../src/model/findings.js';
import type { Entity, PolicyJson } from '../../../src/model/types.js';
import { doc, orgPolicy, policy, policyArn, resource, role, roleArn, trust, user, userArn } from './entities.js';

const ACTIONS: Record<string, string[]> = {
  s3: ['GetObject', 'PutObject', 'ListBucket'],
  iam: ['PassRole', 'GetRole'],
  ec2: ['DescribeInstances'],
  sts: ['AssumeRole', 'AssumeRoleWithWebIdentity'],
};
const KEYS: Record<string, string> = {
  'aws:sourceip': 'IPAddress', 'aws:securetransport': 'Bool', 'aws:principalorgid': 'String', 'aws:currenttime': 'Date',
  'aws:epochtime': 'Date', 's3:prefix': 'String', 's3:max-keys': 'Numeric', 'aws:sourcearn': 'ARN', 'aws:tagkeys': 'ArrayOfString',
  'aws:principaltag/': 'String',
};

/** A small catalog: tag-style keys resolve by their prefix up to the slash. */
const catalog: Catalog = {
  serviceExists: (s) => Object.hasOwn(ACTIONS, s.toLowerCase()),
  actionExists: (s, a) => (ACTIONS[s.toLowerCase()] ?? []).some((x) => x.toLowerCase() === a.toLowerCase()),
  conditionKeyType: (k) => {
    const lower = k.toLowerCase();
    const slash = lower.indexOf('/');
    return KEYS[lower] ?? (slash > 0 ? KEYS[lower.slice(0, slash + 1)] : undefined);
  },
};

const allow = (o: Record<string, unknown>) => ({ Effect: 'Allow', ...o });
const managed = (document: PolicyJson): Entity => ({ kind: 'policy', key: policyArn('P'), body: policy('P', { document }) });
const bucket = (document: PolicyJson): Entity => ({ kind: 'resource', key: 'arn:aws:s3:::b', body: resource('arn:aws:s3:::b', { policy: document }) });
const trusting = (document: PolicyJson): Entity => ({ kind: 'role', key: roleArn('r'), body: role('r', { trustPolicy: document }) });

type Row = [string, Entity, [string, string, string][]];

describe('findingsFor', () => {
  it.each<Row>([
    ['a clean identity policy', managed(doc(allow({ Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::b/*' }))), []],
    ['a public bucket policy', bucket(doc(allow({ Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }))),
      [['SECURITY_WARNING', 'PUBLIC_ACCESS', 'Statement[0].Principal']]],
    ['{"AWS": "*"} in a trust policy', trusting(doc(allow({ Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }))),
      [['SECURITY_WARNING', 'PUBLIC_ACCESS', 'Statement[0].Principal']]],
    ['"*" with a condition is not public', bucket(doc(allow({ Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } }))), []],
    ['Allow with NotPrincipal', bucket(doc(allow({ NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }))),
      [['SECURITY_WARNING', 'ALLOW_WITH_NOT_PRINCIPAL', 'Statement[0].NotPrincipal']]],
    ['iam:PassRole on *', managed(doc(allow({ Action: 'iam:PassRole', Resource: '*' }))),
      [['SECURITY_WARNING', 'PASS_ROLE_WITH_STAR_IN_RESOURCE', 'Statement[0].Resource']]],
    ['iam:* on * (a list)', managed(doc(allow({ Action: ['iam:*'], Resource: ['arn:aws:s3:::b', '*'] }))),
      [['SECURITY_WARNING', 'PASS_ROLE_WITH_STAR_IN_RESOURCE', 'Statement[0].Resource[1]'], ['SUGGESTION', 'REDUNDANT_RESOURCE', 'Statement[0].Resource[0]']]],
    ['iam:PassRole on one role', managed(doc(allow({ Action: 'iam:PassRole', Resource: roleArn('app') }))), []],
    ['Allow with NotAction', managed(doc(allow({ NotAction: 'iam:*', Resource: '*' }))),
      [['SECURITY_WARNING', 'ALLOW_WITH_NOT_ACTION', 'Statement[0].NotAction']]],
    ['Deny with NotAction', managed(doc({ Effect: 'Deny', NotAction: 's3:*', Resource: '*' })), []],
    ['an unknown action', managed(doc(allow({ Action: ['s3:GetObject', 's3:GetObjectz'], Resource: '*' }))),
      [['WARNING', 'UNKNOWN_ACTION', 'Statement[0].Action[1]']]],
    ['an unknown service', managed(doc(allow({ Action: 's4:GetObject', Resource: '*' }))), [['WARNING', 'UNKNOWN_SERVICE', 'Statement[0].Action']]],
    ['wildcards are not checked against the catalog', managed(doc(allow({ Action: ['s3:Get*', 'ec2:*', 'e?2:Describe*'], Resource: '*' }))), []],
    ['an unknown condition key', managed(doc(allow({ Action: 's3:ListBucket', Resource: '*', Condition: { StringEquals: { 's3:prefixx': 'home/' } } }))),
      [['WARNING', 'UNKNOWN_CONDITION_KEY', 'Statement[0].Condition.StringEquals["s3:prefixx"]']]],
    ['an OIDC provider key is not reported', trusting(doc(allow({ Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } }))), []],
    ['a tag key resolves by prefix', managed(doc(allow({ Action: 's3:ListBucket', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } } }))), []],
    ['NumericEquals on a String key', managed(doc(allow({ Action: 's3:ListBucket', Resource: '*', Condition: { NumericEquals: { 's3:prefix': '1' } } }))),
      [['WARNING', 'OPERATOR_TYPE_MISMATCH', 'Statement[0].Condition.NumericEquals["s3:prefix"]']]],
    ['Bool on an IP key', managed(doc(allow({ Action: 's3:ListBucket', Resource: '*', Condition: { Bool: { 'aws:SourceIp': 'true' } } }))),
      [['WARNING', 'OPERATOR_TYPE_MISMATCH', 'Statement[0].Condition.Bool["aws:SourceIp"]']]],
    ['IpAddress on a String key', managed(doc(allow({ Action: 's3:ListBucket', Resource: '*', Condition: { NotIpAddressIfExists: { 's3:prefix': '10.0.0.0/8' } } }))),
      [['WARNING', 'OPERATOR_TYPE_MISMATCH', 'Statement[0].Condition.NotIpAddressIfExists["s3:prefix"]']]],
    ['operators that fit', managed(doc(allow({ Action: 's3:ListBucket', Resource: '*', Condition: {
      IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, BoolIfExists: { 'aws:SecureTransport': 'true' }, NumericLessThan: { 's3:max-keys': '10', 'aws:EpochTime': '1700000000' },
      DateGreaterThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' }, ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*' }, 'ForAnyValue:StringLike': { 'aws:TagKeys': 'a*' },
      StringLike: { 'aws:SourceIp': '10.*' }, Null: { 'aws:SecureTransport': 'false' } } }))), []],
    ['a redundant statement', managed(doc(allow({ Action: 's3:*', Resource: '*' }), allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }))),
      [['SUGGESTION', 'REDUNDANT_STATEMENT', 'Statement[1]']]],
    ['a duplicate statement: the later one', managed(doc(allow({ Action: 's3:GetObject', Resource: '*' }), allow({ Action: 's3:getobject', Resource: '*' }))),
      [['SUGGESTION', 'REDUNDANT_STATEMENT', 'Statement[1]']]],
    ['a condition keeps a statement', managed(doc(allow({ Action: 's3:*', Resource: '*' }), allow({ Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }))), []],
    ['a different effect keeps a statement', managed(doc(allow({ Action: 's3:*', Resource: '*' }), { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' })), []],
    ['a wider resource keeps a statement', managed(doc(allow({ Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }), allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::*' }))), []],
    ['a wildcard in the middle is not assumed to cover', managed(doc(allow({ Action: 's3:*Object', Resource: '*' }), allow({ Action: 's3:GetObject', Resource: '*' }))), []],
    ['a redundant action', managed(doc(allow({ Action: ['s3:Get*', 's3:GetObject'], Resource: '*' }))), [['SUGGESTION', 'REDUNDANT_ACTION', 'Statement[0].Action[1]']]],
    ['a redundant resource', managed(doc(allow({ Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/x'] }))), [['SUGGESTION', 'REDUNDANT_RESOURCE', 'Statement[0].Resource[1]']]],
    ['an empty Sid', managed(doc(allow({ Sid: '', Action: 's3:GetObject', Resource: '*' }))), [['SUGGESTION', 'EMPTY_SID_VALUE', 'Statement[0].Sid']]],
    ['a missing Version', managed({ Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } }), [['WARNING', 'MISSING_VERSION', '$']]],
    ['a single statement object is "Statement"', managed({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:Nope', Resource: '*' } }), [['WARNING', 'UNKNOWN_ACTION', 'Statement.Action']]],
    ['an SCP allowing with NotAction is not flagged', { kind: 'orgPolicy', key: 'p-scpnotact1', body: orgPolicy('p-scpnotact1', 'SCP', { document: doc(allow({ NotAction: 'iam:*', Resource: '*' })) }) }, []],
  ])('%s', (_name, entity, expected) => {
    const got = findingsFor([entity], catalog).map((f) => [f.severity, f.code, f.path]);
    expect(got).toEqual(expected);
  });

  it('names the entity and the policy, orders by severity, and skips deletions', () => {
    const u = user('alice', { inlinePolicies: [{ name: 'Mixed', document: doc(allow({ Action: ['iam:PassRole', 's3:Nope'], Resource: '*' })) }] });
    const found = findingsFor([
      { kind: 'user', key: userArn('alice'), body: u },
      { kind: 'role', key: roleArn('gone'), body: null },
      { kind: 'role', key: roleArn('r'), body: role('r', { trustPolicy: trust() }) },
    ], catalog);
    expect(found.map((f) => [f.entityKind, f.entityKey, f.policy, f.code])).toEqual([
      ['user', userArn('alice'), 'inline:Mixed', 'PASS_ROLE_WITH_STAR_IN_RESOURCE'],
      ['user', userArn('alice'), 'inline:Mixed', 'UNKNOWN_ACTION'],
    ]);
    expect(found[0]!.message).toMatch(/PassRole/);
  });
});
