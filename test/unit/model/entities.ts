import type { Account, Entity, Group, ManagedPolicy, OrgPolicy, Ou, PolicyJson, Resource, Role, Root, User } from '../../../src/model/types.js';
import type { BaseLookup } from '../../../src/model/apply-changes.js';

// Small builders of valid entity bodies for model tests; overrides make them invalid on purpose.

export const ACCT = '111122223333';

export const doc = (...statements: Record<string, unknown>[]): PolicyJson => ({
  Version: '2012-10-17',
  Statement: statements.length > 0 ? statements : [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});

export const trust = (service = 'ec2.amazonaws.com'): PolicyJson =>
  doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });

export const policyArn = (name: string, account = ACCT): string => `arn:aws:iam::${account}:policy/${name}`;
export const userArn = (name: string): string => `arn:aws:iam::${ACCT}:user/${name}`;
export const groupArn = (name: string): string => `arn:aws:iam::${ACCT}:group/${name}`;
export const roleArn = (name: string): string => `arn:aws:iam::${ACCT}:role/${name}`;

export const policy = (name: string, o: Partial<ManagedPolicy> = {}): ManagedPolicy =>
  ({ arn: policyArn(name), name, path: '/', accountId: ACCT, document: doc(), ...o });

export const user = (name: string, o: Partial<User> = {}): User => ({
  arn: userArn(name), accountId: ACCT, name, path: '/', inlinePolicies: [], managedPolicies: [], tags: {}, groups: [],
  permissionsBoundary: null, ...o,
});

export const group = (name: string, o: Partial<Group> = {}): Group =>
  ({ arn: groupArn(name), accountId: ACCT, name, path: '/', inlinePolicies: [], managedPolicies: [], ...o });

export const role = (name: string, o: Partial<Role> = {}): Role => ({
  arn: roleArn(name), accountId: ACCT, name, path: '/', inlinePolicies: [], managedPolicies: [], tags: {},
  trustPolicy: trust(), permissionsBoundary: null, serviceLinked: false, ...o,
});

export const root = (o: Partial<Root> = {}): Root => ({ id: 'r-ab12', scpEnabled: true, rcpEnabled: true, scps: [], rcps: [], ...o });
export const ou = (id: string, parentId: string, o: Partial<Ou> = {}): Ou => ({ id, name: id, parentId, scps: [], rcps: [], ...o });
export const account = (id: string, parentId: string, o: Partial<Account> = {}): Account =>
  ({ id, name: `acct-${id}`, parentId, tags: {}, scps: [], rcps: [], ...o });
export const orgPolicy = (id: string, type: 'SCP' | 'RCP', o: Partial<OrgPolicy> = {}): OrgPolicy => ({
  id, name: id, type,
  document: type === 'SCP'
    ? doc({ Effect: 'Allow', Action: '*', Resource: '*' })
    : doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
  ...o,
});
export const resource = (arn: string, o: Partial<Resource> = {}): Resource => ({ arn, accountId: ACCT, policy: null, tags: {}, ...o });

/** A base version holding `entities`. */
export function baseOf(entities: readonly Entity[]): BaseLookup {
  const byKey = new Map(entities.map((e) => [`${e.kind} ${e.key}`, e.body]));
  return (kind, key) => byKey.get(`${kind} ${key}`) ?? null;
}
