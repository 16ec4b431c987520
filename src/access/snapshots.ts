import { describePrincipalCached, parseArn } from '../core/index.js';
import { governingResourceArn } from '../model/resource-key.js';
import { inKeyOrder, isRoleArn, managedPolicyArns, policyChain } from '../model/org-lineage.js';
import type { PrincipalSnapshot, ResourceSnapshot } from '../model/ports.js';
import type { Group, ManagedPolicy, Resource, Role, User } from '../model/types.js';
import type { ModelIndex } from './model-index.js';


// The pure twins of src/store/snapshot-reader.ts: the same snapshots, read from an in-memory index
// instead of SQL, built by the same rules (model/org-lineage.ts), so that the engine decides exactly
// as `authorize` does.

/**
 * The user or role a principal ARN names: by ARN for users and roles; by (account, name) for a role
 * session and for a federated user (the IAM user of the same name, as the store assumes).
 */
function principalEntity(index: ModelIndex, arn: string): { user: User | null; role: Role | null } {
  const info = describePrincipalCached(arn);
  const none = { user: null, role: null };
  switch (info?.kind) {
    case 'user': return { user: index.users.get(arn) ?? null, role: null };
    case 'role': return { user: null, role: index.roles.get(arn) ?? null };
    case 'assumed-role': return { user: null, role: (info.roleName && index.byName('role', info.account, info.roleName) as Role | undefined) || null };
    case 'federated-user': return { user: (info.userName && index.byName('user', info.account, info.userName) as User | undefined) || null, role: null };
    default: return none;
  }
}

/** The principal's decision snapshot at the indexed version (`SnapshotSource.principalSnapshot`). */
export function principalSnapshot(index: ModelIndex, arn: string): PrincipalSnapshot {
  const info = describePrincipalCached(arn);
  const lineage = info?.account ? index.lineage(info.account) : null;
  const { user, role } = principalEntity(index, arn);
  const holder = user ?? role;
  const groups: Group[] = user ? inKeyOrder(index.groups, user.groups) : [];
  const managedPolicies: ManagedPolicy[] = inKeyOrder(index.policies, managedPolicyArns(holder, groups));
  return {
    user, role, groups, managedPolicies,
    account: lineage?.account ?? null,
    placement: lineage?.placement ?? null,
    scpChain: lineage ? policyChain(lineage, 'SCP', index.orgPolicies) : null,
  };
}

/** The stored resource that governs an ARN (an S3 object's bucket: model/resource-key.ts), as the store reads it. */
export function storedResource(index: ModelIndex, resourceArn: string): Resource | null {
  return index.resources.get(governingResourceArn(resourceArn)) ?? null;
}

/** The resource's decision snapshot at the indexed version (`SnapshotSource.resourceSnapshot`). */
export function resourceSnapshot(index: ModelIndex, resourceArn: string, resourceAccount?: string): ResourceSnapshot {
  const role = isRoleArn(resourceArn) ? (index.roles.get(resourceArn) ?? null) : null;
  const resource = role ? null : storedResource(index, resourceArn);
  const accountId = resourceAccount || role?.accountId || resource?.accountId || parseArn(resourceArn)?.account || null;
  const lineage = accountId ? index.lineage(accountId) : null;
  return {
    resource, role, accountId,
    placement: lineage?.placement ?? null,
    rcpChain: lineage ? policyChain(lineage, 'RCP', index.orgPolicies) : null,
  };
}
