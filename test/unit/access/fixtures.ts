import type { Entity, PolicyJson } from '../../../src/model/types.js';
import { actionCatalogOf } from '../../../src/access/action-space.js';
import type { ModelVersion } from '../../../src/access/types.js';
import { account, group, orgPolicy, ou, policy, resource, role, root, user } from '../model/entities.js';

// A tiny builder of whole-model versions for engine tests: an organization root → OU `ou-work` →
// accounts A (111122223333, the builders' default) and B (444455556666), FullAWSAccess everywhere.

export const A = '111122223333';
export const B = '444455556666';
export const NOW = new Date('2025-06-01T12:00:00Z');

export const doc = (...Statement: Record<string, unknown>[]): PolicyJson => ({ Version: '2012-10-17', Statement });
export const allow = (Action: string | string[], Resource: string | string[] = '*', extra: Record<string, unknown> = {}) =>
  ({ Effect: 'Allow', Action, Resource, ...extra });
export const deny = (Action: string | string[], Resource: string | string[] = '*', extra: Record<string, unknown> = {}) =>
  ({ Effect: 'Deny', Action, Resource, ...extra });

/** A small catalog: a handful of services with a few actions each. */
export const CATALOG = actionCatalogOf([
  ['s3', ['GetObject', 'GetObjectAcl', 'GetBucketPolicy', 'PutObject', 'DeleteObject', 'ListBucket', 'DeleteBucket']],
  ['ec2', ['RunInstances', 'TerminateInstances', 'StopInstances', 'DescribeInstances']],
  ['iam', ['CreateUser', 'DeleteUser', 'PassRole', 'GetRole']],
  ['sts', ['AssumeRole', 'GetCallerIdentity']],
  ['kms', ['Decrypt', 'Encrypt', 'ScheduleKeyDeletion']],
  ['sqs', ['SendMessage', 'ReceiveMessage']],
]);

/** Org structure: root (SCPs and RCPs on), one OU, accounts A and B, FullAWSAccess attached everywhere. */
export function orgEntities(o: { rootScps?: string[]; ouScps?: string[]; extraOrgPolicies?: Entity[] } = {}): Entity[] {
  const full = orgPolicy('p-full', 'SCP', { document: doc(allow('*')) });
  return [
    { kind: 'orgPolicy', key: 'p-full', body: full },
    ...(o.extraOrgPolicies ?? []),
    { kind: 'root', key: 'r-ab12', body: root({ scps: o.rootScps ?? ['p-full'] }) },
    { kind: 'ou', key: 'ou-ab12-work', body: ou('ou-ab12-work', 'r-ab12', { scps: o.ouScps ?? ['p-full'] }) },
    { kind: 'account', key: A, body: account(A, 'ou-ab12-work', { scps: ['p-full'] }) },
    { kind: 'account', key: B, body: account(B, 'r-ab12', { scps: ['p-full'] }) },
  ];
}

/** A version of the test organization holding `entities`. */
export const version = (entities: readonly Entity[], n = 1): ModelVersion => ({
  org: 'test', version: n, awsOrgId: 'o-test12345', managementAccountId: '000011112222', rootId: 'r-ab12', entities,
});

/** Replaces (or adds) entities by kind and key; `null` bodies delete. */
export function edit(base: ModelVersion, ...changes: (Entity | { kind: Entity['kind']; key: string; body: null })[]): ModelVersion {
  const keyOf = (e: { kind: string; key: string }) => `${e.kind} ${e.key}`;
  const map = new Map(base.entities.map((e) => [keyOf(e), e]));
  for (const c of changes) {
    if (c.body === null) map.delete(keyOf(c));
    else map.set(keyOf(c), c as Entity);
  }
  return { ...base, version: (base.version ?? 0) + 1, entities: [...map.values()] };
}

export const e = {
  user: (b: ReturnType<typeof user>): Entity => ({ kind: 'user', key: b.arn, body: b }),
  role: (b: ReturnType<typeof role>): Entity => ({ kind: 'role', key: b.arn, body: b }),
  group: (b: ReturnType<typeof group>): Entity => ({ kind: 'group', key: b.arn, body: b }),
  policy: (b: ReturnType<typeof policy>): Entity => ({ kind: 'policy', key: b.arn, body: b }),
  orgPolicy: (b: ReturnType<typeof orgPolicy>): Entity => ({ kind: 'orgPolicy', key: b.id, body: b }),
  resource: (b: ReturnType<typeof resource>): Entity => ({ kind: 'resource', key: b.arn, body: b }),
};

export { account, group, orgPolicy, ou, policy, resource, role, root, user };
