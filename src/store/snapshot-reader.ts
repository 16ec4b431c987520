import { describePrincipal, parseArn, type PrincipalInfo } from '../core/index.js';
import type { PrincipalSnapshot, ResourceSnapshot, SnapshotSource } from '../model/ports.js';
import type { EntityBodies, Group, OrgId, Resource, Role, User } from '../model/types.js';
import { inKeyOrder, isRoleArn, managedPolicyArns } from '../model/org-lineage.js';
import { governingResourceArn } from '../model/resource-key.js';
import type { Db } from './db.js';
import { findBodiesByKey, getOrgAtVersion, visibleAt, type OrgAtVersion } from './entity-reads.js';
import { findAccountLineage, loadPolicyChain, type AccountLineage } from './org-chain.js';

type PrincipalEntity = { kind: 'user'; body: User } | { kind: 'role'; body: Role } | null;

/**
 * The user or role a principal ARN names: IAM users and roles by ARN; an assumed-role session by
 * its role's (account, name), as the session ARN drops the path; a federated user by the IAM user
 * of the same name in the account (an assumption: the ARN does not name the caller of
 * GetFederationToken). Roots, services and anonymous callers have no entity.
 */
async function findPrincipal(db: Db, org: OrgId, version: number, info: PrincipalInfo | undefined): Promise<PrincipalEntity> {
  if (!info) return null;
  const byKey = async <K extends 'user' | 'role'>(kind: K) => (await findBodiesByKey(db, org, version, kind, [info.id])).get(info.id);
  switch (info.kind) {
    case 'user': return wrap('user', await byKey('user'));
    case 'role': return wrap('role', await byKey('role'));
    case 'assumed-role': return wrap('role', await findByName(db, org, version, 'role', info.account, info.roleName));
    case 'federated-user': return wrap('user', await findByName(db, org, version, 'user', info.account, info.userName));
    default: return null;
  }
}

/** A user or role by (account, name), through the expression indexes of 0004_read_indexes.sql. */
async function findByName<K extends 'user' | 'role'>(
  db: Db, org: OrgId, version: number, kind: K, accountId: string, name: string | undefined,
): Promise<EntityBodies[K] | undefined> {
  if (!name) return undefined;
  // The kind is a literal (from a closed union) so that the planner can use the partial index.
  const [row] = await db.query<{ body: EntityBodies[K] }>(
    `select e.body from entities e
      where e.org_id = $1 and e.kind = '${kind}' and e.body ->> 'accountId' = $3 and e.body ->> 'name' = $4 and ${visibleAt('e', '$2')}
      order by e.key limit 1`,
    [org, version, accountId, name],
  );
  return row?.body;
}

function wrap<K extends 'user' | 'role'>(kind: K, body: EntityBodies[K] | undefined): PrincipalEntity {
  return body === undefined ? null : ({ kind, body } as PrincipalEntity);
}

/** The account's lineage, or null for no account / an account outside the organization. */
async function lineageOf(db: Db, org: OrgId, meta: OrgAtVersion, version: number, accountId: string | null): Promise<AccountLineage | null> {
  return accountId ? findAccountLineage(db, org, meta, version, accountId) : null;
}

/** Groups and every managed policy they, the principal and its boundary reference: two queries. */
async function identityPolicies(db: Db, org: OrgId, version: number, entity: PrincipalEntity) {
  if (!entity) return { groups: [] as Group[], managedPolicies: [] };
  const groupArns = entity.kind === 'user' ? entity.body.groups : [];
  const groups = inKeyOrder(await findBodiesByKey(db, org, version, 'group', groupArns), groupArns);
  const arns = managedPolicyArns(entity.body, groups);
  const managedPolicies = inKeyOrder(await findBodiesByKey(db, org, version, 'policy', arns), arns);
  return { groups, managedPolicies };
}

/** The stored resource that governs an ARN (an S3 object's bucket: model/resource-key.ts): one query. */
async function findResource(db: Db, org: OrgId, version: number, resourceArn: string): Promise<Resource | null> {
  const key = governingResourceArn(resourceArn);
  return (await findBodiesByKey(db, org, version, 'resource', [key])).get(key) ?? null;
}

const ORG_CHECKS_KEPT = 4096;

/**
 * Decision snapshots read from the store in a few queries each, independent of how many policies
 * are attached: principal ≤ 6 (org check, principal, account lineage, groups, managed policies,
 * SCPs), resource ≤ 4 (org check, resource or role, account lineage, RCPs); the org check only on
 * the first read of a version.
 */
export function createSnapshotReader(db: Db): SnapshotSource {
  // An organization's ids never change and a version, once it exists, stays: the org check of a
  // version is read once, so that a cold snapshot starts with its own reads (one round trip less).
  // Only found versions are kept; a bounded map, cleared when full.
  const orgs = new Map<string, OrgAtVersion>();
  async function orgAt(org: OrgId, version: number): Promise<OrgAtVersion> {
    const key = `${org}\u0000${version}`;
    const known = orgs.get(key);
    if (known) return known;
    const meta = await getOrgAtVersion(db, org, version);
    if (orgs.size >= ORG_CHECKS_KEPT) orgs.clear();
    orgs.set(key, meta);
    return meta;
  }
  return {
    async principalSnapshot(org, version, principalArn): Promise<PrincipalSnapshot> {
      const meta = await orgAt(org, version);
      const info = describePrincipal(principalArn);
      const accountId = info?.account || null;
      const [entity, lineage] = await Promise.all([
        findPrincipal(db, org, version, info),
        lineageOf(db, org, meta, version, accountId),
      ]);
      const [identity, scpChain] = await Promise.all([
        identityPolicies(db, org, version, entity),
        lineage ? loadPolicyChain(db, org, version, lineage, 'SCP') : null,
      ]);
      return {
        user: entity?.kind === 'user' ? entity.body : null,
        role: entity?.kind === 'role' ? entity.body : null,
        groups: identity.groups,
        managedPolicies: identity.managedPolicies,
        account: lineage?.account ?? null,
        placement: lineage?.placement ?? null,
        scpChain,
      };
    },

    async resourceSnapshot(org, version, resourceArn, resourceAccount): Promise<ResourceSnapshot> {
      const meta = await orgAt(org, version);
      const role = isRoleArn(resourceArn)
        ? ((await findBodiesByKey(db, org, version, 'role', [resourceArn])).get(resourceArn) ?? null)
        : null;
      const resource = role ? null : await findResource(db, org, version, resourceArn);
      const accountId = resourceAccount || role?.accountId || resource?.accountId || parseArn(resourceArn)?.account || null;
      const lineage = await lineageOf(db, org, meta, version, accountId);
      return {
        resource,
        role,
        accountId,
        placement: lineage?.placement ?? null,
        rcpChain: lineage ? await loadPolicyChain(db, org, version, lineage, 'RCP') : null,
      };
    },
  };
}
