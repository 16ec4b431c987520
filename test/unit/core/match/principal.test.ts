import { describe, expect, it } from 'vitest';
import { compileNotPrincipalMatcher, compilePrincipalMatcher, type PrincipalMatch } from '../../../../src/core/match/principal.js';
import { describePrincipal, type PrincipalInfo } from '../../../../src/core/arn/principal-kind.js';
import type { Effect, PrincipalSpec } from '../../../../src/core/policy/types.js';

type Spec = Partial<PrincipalSpec>;
const spec = (s: Spec): PrincipalSpec => ({ wildcard: false, aws: [], service: [], federated: [], canonicalUser: [], ...s });
const who = (principal: string): PrincipalInfo => {
  const info = describePrincipal(principal);
  if (!info) throw new Error(`test fixture is not a principal: ${principal}`);
  return info;
};

const ACCT = '111122223333';
const OTHER = '444455556666';
const ROOT = `arn:aws:iam::${ACCT}:root`;
const USER = `arn:aws:iam::${ACCT}:user/alice`;
const ROLE = `arn:aws:iam::${ACCT}:role/R`;
const ROLE_PATH = `arn:aws:iam::${ACCT}:role/team/R`;
const SESSION = `arn:aws:sts::${ACCT}:assumed-role/R/s1`;
const FED = `arn:aws:sts::${ACCT}:federated-user/alice`;
const LAMBDA = 'lambda.amazonaws.com';

// IAM User Guide, "AWS JSON policy elements: Principal".
describe('compilePrincipalMatcher', () => {
  it.each<[string, Spec, string, PrincipalMatch | null]>([
    ['"*" matches anyone', { wildcard: true }, USER, 'direct'],
    ['"*" matches services', { wildcard: true }, LAMBDA, 'direct'],
    ['"*" matches anonymous', { wildcard: true }, '*', 'direct'],
    ['AWS "*" matches users', { aws: ['*'] }, USER, 'direct'],
    ['AWS "*" matches sessions', { aws: ['*'] }, SESSION, 'direct'],
    ['AWS "*" matches anonymous', { aws: ['*'] }, '*', 'direct'],
    ['AWS "*" does not match a service', { aws: ['*'] }, LAMBDA, null],
    // accounts: by id or root ARN, the account delegates to its IAM policies
    ['account id, user', { aws: [ACCT] }, USER, 'account'],
    ['account id, session', { aws: [ACCT] }, SESSION, 'account'],
    ['account id, root', { aws: [ACCT] }, ROOT, 'account'],
    ['account id, other account', { aws: [ACCT] }, `arn:aws:iam::${OTHER}:user/alice`, null],
    ['root ARN, user', { aws: [ROOT] }, USER, 'account'],
    ['root ARN, federated user', { aws: [ROOT] }, FED, 'account'],
    ['root ARN, account id caller', { aws: [ROOT] }, ACCT, 'account'],
    ['root ARN, other account', { aws: [`arn:aws:iam::${OTHER}:root`] }, USER, null],
    ['account id, service', { aws: [ACCT] }, LAMBDA, null],
    // users: exact and case-sensitive
    ['user ARN', { aws: [USER] }, USER, 'direct'],
    ['user ARN, other user', { aws: [USER] }, `arn:aws:iam::${ACCT}:user/bob`, null],
    ['user ARN, case differs', { aws: [USER] }, `arn:aws:iam::${ACCT}:user/Alice`, null],
    ['user ARN, other account', { aws: [USER] }, `arn:aws:iam::${OTHER}:user/alice`, null],
    ['user ARN, a session named like the user', { aws: [USER] }, `arn:aws:sts::${ACCT}:assumed-role/R/alice`, null],
    ['user ARN, federated user of that user', { aws: [USER] }, FED, 'role'],
    // roles: the role itself directly, its sessions through the role
    ['role ARN, the role', { aws: [ROLE] }, ROLE, 'direct'],
    ['role ARN, a session', { aws: [ROLE] }, SESSION, 'role'],
    ['role ARN, a session of another role', { aws: [ROLE] }, `arn:aws:sts::${ACCT}:assumed-role/R2/s1`, null],
    ['role ARN, same name in another account', { aws: [ROLE] }, `arn:aws:sts::${OTHER}:assumed-role/R/s1`, null],
    ['role ARN with path, a session', { aws: [ROLE_PATH] }, SESSION, 'role'],
    ['role ARN with path, the role', { aws: [ROLE_PATH] }, ROLE_PATH, 'direct'],
    ['role ARN, the role given with a path', { aws: [ROLE] }, ROLE_PATH, 'direct'],
    ['role ARN, a user named like the role', { aws: [ROLE] }, `arn:aws:iam::${ACCT}:user/R`, null],
    // sessions and federated users: exact
    ['session ARN', { aws: [SESSION] }, SESSION, 'direct'],
    ['session ARN, another session', { aws: [SESSION] }, `arn:aws:sts::${ACCT}:assumed-role/R/s2`, null],
    ['session ARN, the role', { aws: [SESSION] }, ROLE, null],
    ['federated user ARN', { aws: [FED] }, FED, 'direct'],
    ['federated user ARN, the user', { aws: [FED] }, USER, null],
    // services
    ['service', { service: [LAMBDA] }, LAMBDA, 'direct'],
    ['service, case differs', { service: ['Lambda.AmazonAWS.com'] }, LAMBDA, 'direct'],
    ['service, another service', { service: [LAMBDA] }, 'ec2.amazonaws.com', null],
    ['service, a user', { service: [LAMBDA] }, USER, null],
    // federated and canonical users
    ['federated provider', { federated: ['accounts.google.com'] }, 'accounts.google.com', 'direct'],
    ['federated SAML provider', { federated: [`arn:aws:iam::${ACCT}:saml-provider/P`] }, `arn:aws:iam::${ACCT}:saml-provider/P`, 'direct'],
    ['canonical user', { canonicalUser: ['79a59df9'] }, '79a59df9', 'direct'],
    // several entries: direct beats role beats account
    ['account and role, session', { aws: [ACCT, ROLE] }, SESSION, 'role'],
    ['role and account, session', { aws: [ROLE, ACCT] }, SESSION, 'role'],
    ['account, role and session, session', { aws: [ACCT, ROLE, SESSION] }, SESSION, 'direct'],
    ['account and user, user', { aws: [ROOT, USER] }, USER, 'direct'],
    ['user and service, service', { aws: [USER], service: [LAMBDA] }, LAMBDA, 'direct'],
    ['empty', {}, USER, null],
  ])('%s', (_name, s, caller, want) => expect(compilePrincipalMatcher(spec(s))(who(caller))).toBe(want));
});

// IAM User Guide, "AWS JSON policy elements: NotPrincipal": with Deny, name the session, its role and
// the account to except a session; with Allow, a caller is excepted if any of its identities is listed.
describe('compileNotPrincipalMatcher', () => {
  it.each<[string, Effect, Spec, string, PrincipalMatch | null]>([
    ['Deny: nothing listed applies', 'Deny', { aws: [USER] }, `arn:aws:iam::${ACCT}:user/bob`, 'direct'],
    ['Deny: user alone is not excepted', 'Deny', { aws: [USER] }, USER, 'direct'],
    ['Deny: user and account excepted', 'Deny', { aws: [USER, ACCT] }, USER, null],
    ['Deny: user and root ARN excepted', 'Deny', { aws: [USER, ROOT] }, USER, null],
    ['Deny: session alone', 'Deny', { aws: [SESSION] }, SESSION, 'direct'],
    ['Deny: session and role', 'Deny', { aws: [SESSION, ROLE] }, SESSION, 'direct'],
    ['Deny: session and account', 'Deny', { aws: [SESSION, ACCT] }, SESSION, 'direct'],
    ['Deny: role and account, session', 'Deny', { aws: [ROLE, ACCT] }, SESSION, 'direct'],
    ['Deny: session, role and account', 'Deny', { aws: [SESSION, ROLE, ACCT] }, SESSION, null],
    ['Deny: session, role and root ARN', 'Deny', { aws: [SESSION, ROLE, ROOT] }, SESSION, null],
    ['Deny: another session of the role', 'Deny', { aws: [SESSION, ROLE, ACCT] }, `arn:aws:sts::${ACCT}:assumed-role/R/s2`, 'direct'],
    ['Deny: role and account, the role', 'Deny', { aws: [ROLE, ACCT] }, ROLE, null],
    ['Deny: account, root', 'Deny', { aws: [ACCT] }, ROOT, null],
    ['Deny: root ARN, account id caller', 'Deny', { aws: [ROOT] }, ACCT, null],
    ['Deny: account only, user', 'Deny', { aws: [ACCT] }, USER, 'direct'],
    ['Deny: federated user and account', 'Deny', { aws: [FED, ACCT] }, FED, null],
    ['Deny: service listed', 'Deny', { service: [LAMBDA] }, LAMBDA, null],
    ['Deny: service not listed', 'Deny', { service: [LAMBDA] }, 'ec2.amazonaws.com', 'direct'],
    ['Deny: anonymous', 'Deny', { aws: [ACCT] }, '*', 'direct'],
    ['Allow: user listed', 'Allow', { aws: [USER] }, USER, null],
    ['Allow: account listed, user', 'Allow', { aws: [ACCT] }, USER, null],
    ['Allow: role listed, session', 'Allow', { aws: [ROLE] }, SESSION, null],
    ['Allow: session listed', 'Allow', { aws: [SESSION] }, SESSION, null],
    ['Allow: other account', 'Allow', { aws: [OTHER] }, USER, 'direct'],
    ['Allow: other user', 'Allow', { aws: [USER] }, `arn:aws:iam::${ACCT}:user/bob`, 'direct'],
    ['Allow: service', 'Allow', { aws: [ACCT] }, LAMBDA, 'direct'],
  ])('%s', (_name, effect, s, caller, want) => expect(compileNotPrincipalMatcher(spec(s), effect)(who(caller))).toBe(want));

  it.each<[Effect, Spec, string]>([
    ['Deny', { wildcard: true }, USER],
    ['Deny', { aws: ['*'] }, SESSION],
    ['Allow', { aws: ['*', USER] }, LAMBDA],
  ])('%s with a wildcard never applies: %j vs %s', (effect, s, caller) =>
    expect(compileNotPrincipalMatcher(spec(s), effect)(who(caller))).toBeNull());
});

// Regressions: NotPrincipal once compared accounts with a fixed partition and roles with their path.
describe('NotPrincipal across partitions and role paths', () => {
  it.each<[string, Spec, string]>([
    // Accounts are normalised to `arn:aws:iam::…:root` whatever the partition, while the caller's
    // accountArn keeps its own partition: an aws-cn account is never excepted.
    ['aws-cn root listed by ARN', { aws: ['arn:aws-cn:iam::123456789012:root'] }, 'arn:aws-cn:iam::123456789012:root'],
    ['aws-cn user and account', { aws: ['arn:aws-cn:iam::123456789012:user/u', '123456789012'] }, 'arn:aws-cn:iam::123456789012:user/u'],
    // Role ARNs are not stripped of their path (Principal does strip it): listing the exact role ARN
    // with a path never excepts that role or its sessions.
    ['the role, listed exactly with its path', { aws: [ROLE_PATH, ACCT] }, ROLE_PATH],
    ['a session, role listed with its path', { aws: [SESSION, ROLE_PATH, ACCT] }, SESSION],
  ])('Deny excepts: %s', (_name, s, caller) => expect(compileNotPrincipalMatcher(spec(s), 'Deny')(who(caller))).toBeNull());
});
