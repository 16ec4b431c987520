import { describe, expect, it } from 'vitest';
import { describePrincipal, describePrincipalCached, hasIdentity, isAccountId, type PrincipalInfo } from '../../../../src/core/arn/principal-kind.js';

const A = '111122223333';
const ROOT = `arn:aws:iam::${A}:root`;
const NO_ACCOUNT = { account: '', accountArn: '', serviceLinked: false };

describe('describePrincipal', () => {
  it.each<[string, Partial<PrincipalInfo>]>([
    ['*', { kind: 'anonymous', id: '*', ...NO_ACCOUNT }],
    ['anonymous', { kind: 'anonymous', id: '*', ...NO_ACCOUNT }],
    [A, { kind: 'root', id: A, partition: 'aws', account: A, accountArn: ROOT }],
    [ROOT, { kind: 'root', id: ROOT, partition: 'aws', account: A, accountArn: ROOT }],
    ['arn:aws-cn:iam::111122223333:root', { kind: 'root', partition: 'aws-cn', accountArn: 'arn:aws-cn:iam::111122223333:root' }],
    [`arn:aws:iam::${A}:user/alice`, { kind: 'user', userName: 'alice', account: A, accountArn: ROOT, serviceLinked: false }],
    [`arn:aws:iam::${A}:user/division/team/alice`, { kind: 'user', userName: 'alice', id: `arn:aws:iam::${A}:user/division/team/alice` }],
    [`arn:aws:iam::${A}:role/R`, { kind: 'role', roleName: 'R', roleArn: `arn:aws:iam::${A}:role/R`, accountArn: ROOT, serviceLinked: false }],
    // the path is kept in the id but dropped from roleArn (a session ARN does not carry it)
    [`arn:aws:iam::${A}:role/team/R`, { kind: 'role', id: `arn:aws:iam::${A}:role/team/R`, roleName: 'R', roleArn: `arn:aws:iam::${A}:role/R` }],
    [`arn:aws:iam::${A}:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk`,
      { kind: 'role', roleName: 'AWSServiceRoleForElasticBeanstalk', serviceLinked: true,
        roleArn: `arn:aws:iam::${A}:role/AWSServiceRoleForElasticBeanstalk` }],
    [`arn:aws:iam::${A}:role/service-role/R`, { kind: 'role', serviceLinked: false }],
    [`arn:aws:iam::${A}:role/team/aws-service-role/R`, { kind: 'role', serviceLinked: false }], // only a leading /aws-service-role/
    [`arn:aws:sts::${A}:assumed-role/R/s1`, {
      kind: 'assumed-role', roleName: 'R', sessionName: 's1', roleArn: `arn:aws:iam::${A}:role/R`, account: A, accountArn: ROOT, serviceLinked: false,
    }],
    [`arn:aws:sts::${A}:assumed-role/AWSServiceRoleForSupport/s`, { kind: 'assumed-role', serviceLinked: true }],
    [`arn:aws:sts::${A}:assumed-role/R/alice@example.com`, { kind: 'assumed-role', sessionName: 'alice@example.com' }],
    [`arn:aws:sts::${A}:federated-user/bob`, {
      kind: 'federated-user', userName: 'bob', parentUserArn: `arn:aws:iam::${A}:user/bob`, accountArn: ROOT,
    }],
    ['arn:aws-us-gov:sts::111122223333:federated-user/bob', { kind: 'federated-user', parentUserArn: 'arn:aws-us-gov:iam::111122223333:user/bob' }],
    ['lambda.amazonaws.com', { kind: 'service', id: 'lambda.amazonaws.com', partition: 'aws', ...NO_ACCOUNT }],
    ['states.us-east-1.amazonaws.com', { kind: 'service' }],
    ['Lambda.AmazonAWS.com', { kind: 'service' }],
    ['ec2.amazonaws.com.cn', { kind: 'service' }],
    ['accounts.google.com', { kind: 'web-identity', id: 'accounts.google.com', ...NO_ACCOUNT }],
    ['graph.facebook.com', { kind: 'web-identity' }],
    ['79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be', { kind: 'web-identity' }],
    ['12345678901', { kind: 'web-identity' }], // eleven digits: not an account id
    [`arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`, { kind: 'web-identity', account: A, accountArn: ROOT }],
    [`arn:aws:iam::${A}:saml-provider/Okta`, { kind: 'web-identity', account: A }],
  ])('%s', (principal, want) => expect(describePrincipal(principal)).toMatchObject(want));

  it.each<[string]>([
    ['arn:aws:iam::1111:user/alice'], // account is not twelve digits
    ['arn:aws:iam::abcdefghijkl:user/alice'],
    ['arn:aws:iam:::user/alice'],
    ['arn:aws:s3:::bucket'],
    [`arn:aws:iam::${A}:user/`],
    [`arn:aws:iam::${A}:user`],
    [`arn:aws:iam::${A}:role/`],
    [`arn:aws:iam::${A}:group/admins`],
    [`arn:aws:iam::${A}:policy/P`],
    [`arn:aws:sts::${A}:assumed-role/R`], // no session name
    [`arn:aws:sts::${A}:assumed-role//s`],
    [`arn:aws:sts::${A}:assumed-role/R/`],
    [`arn:aws:sts::${A}:federated-user/`],
    [`arn:aws:sts::${A}:user/alice`],
    [`arn:aws:iam::${A}:Root`],
    [`arn:aws:ec2:us-east-1:${A}:instance/i-1`],
    ['arn:aws:iam'],
    ['ARN:aws:iam::111122223333:root'],
    ['not:an:arn'],
    ['a/b'],
  ])('%j is malformed → undefined', (principal) => expect(describePrincipal(principal)).toBeUndefined());
});

describe('helpers', () => {
  it.each<[string, boolean]>([
    [A, true], ['000000000000', true], ['11112222333', false], ['1111222233334', false], ['11112222333x', false], ['', false], [` ${A}`, false],
  ])('isAccountId(%j) → %s', (s, want) => expect(isAccountId(s)).toBe(want));

  it.each<[string, boolean]>([
    [A, true], [`arn:aws:iam::${A}:user/u`, true], [`arn:aws:iam::${A}:role/R`, true], [`arn:aws:sts::${A}:assumed-role/R/s`, true],
    [`arn:aws:sts::${A}:federated-user/u`, true], ['lambda.amazonaws.com', false], ['*', false], ['accounts.google.com', false],
  ])('hasIdentity(%s) → %s', (principal, want) => expect(hasIdentity(describePrincipal(principal)!)).toBe(want));

  it.each<[string]>([[A], [`arn:aws:iam::${A}:role/R`], ['lambda.amazonaws.com'], ['arn:aws:iam::1:user/u']])(
    'describePrincipalCached(%s) equals describePrincipal',
    (principal) => {
      expect(describePrincipalCached(principal)).toEqual(describePrincipal(principal));
      expect(describePrincipalCached(principal)).toEqual(describePrincipal(principal)); // served from the memo
    },
  );
});
