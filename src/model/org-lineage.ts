import { parseArn } from '../core/index.js';
import type { OrgLevel, OrgPlacement } from './ports.js';
import type { Account, OrgPolicy, OrgTarget, Ou, Role, Root, User } from './types.js';

// How a decision snapshot is put together from entities, whatever reads them: the store (SQL,
// src/store/snapshot-reader.ts and org-chain.ts) and the effective-access engine (memory,
// src/access/snapshots.ts) share these rules, so both decide alike.

/** AWS Organizations nests OUs at most five deep; walks stop well beyond that (cycle guard). */
export const MAX_OU_DEPTH = 16;

/**
 * An account with its ancestors, top-down: the root, then each OU. An account outside the
 * organization (`parentId: ""`) has no root, OUs or placement.
 */
export interface AccountLineage {
  readonly account: Account;
  readonly root: Root | null;
  readonly ous: readonly Ou[];
  readonly placement: OrgPlacement | null;
}

/** What a lineage needs of its organization. */
export interface OrgIds {
  readonly awsOrgId: string;
  readonly managementAccountId: string;
}

/** The lineage of an account under `root` through `ous` (top-down), with its `aws:PrincipalOrgPaths` placement. */
export function lineageOf(org: OrgIds, account: Account, root: Root, ous: readonly Ou[]): AccountLineage {
  const orgPath = `${[org.awsOrgId, root.id, ...ous.map((ou) => ou.id)].join('/')}/`;
  return { account, root, ous, placement: { awsOrgId: org.awsOrgId, orgPath, isManagementAccount: account.id === org.managementAccountId } };
}

/** Values of `keys` found in `map`, in key order, each once. */
export function inKeyOrder<T>(map: ReadonlyMap<string, T>, keys: readonly string[]): T[] {
  return [...new Set(keys)].flatMap((key) => {
    const value = map.get(key);
    return value === undefined ? [] : [value];
  });
}

/** Each level of an account's SCP or RCP chain (root, each OU, the account) with the policy ids attached there. */
export function chainTargets(lineage: AccountLineage, type: 'SCP' | 'RCP'): { readonly id: string; readonly attached: readonly string[] }[] | null {
  const { root } = lineage;
  if (!root || !(type === 'SCP' ? root.scpEnabled : root.rcpEnabled)) return null;
  const attached = (target: OrgTarget): readonly string[] => (type === 'SCP' ? target.scps : target.rcps);
  return [
    { id: root.id, attached: attached(root) },
    ...lineage.ous.map((ou) => ({ id: ou.id, attached: attached(ou) })),
    { id: lineage.account.id, attached: attached(lineage.account) },
  ];
}

/**
 * The SCP or RCP chain of an account from the org policies `policies` holds (by id); null when that
 * policy type is not enabled at the root. A missing policy leaves its level without it, so the
 * level denies more, never less (fail closed). (Organizations User Guide, "SCP evaluation": every
 * level from the root down must allow.)
 */
export function policyChain(lineage: AccountLineage, type: 'SCP' | 'RCP', policies: ReadonlyMap<string, OrgPolicy>): OrgLevel[] | null {
  return chainTargets(lineage, type)?.map(({ id, attached }) => ({
    target: id,
    policies: inKeyOrder(policies, attached).filter((p) => p.type === type),
  })) ?? null;
}

/** Every managed policy a user or role references: its own, its groups', and its boundary. */
export function managedPolicyArns(holder: User | Role | null, groups: readonly { readonly managedPolicies: readonly string[] }[]): string[] {
  if (!holder) return [];
  const boundary = holder.permissionsBoundary;
  return [...holder.managedPolicies, ...groups.flatMap((g) => g.managedPolicies), ...(boundary ? [boundary] : [])];
}

/** A role ARN (`arn:…:iam::A:role/…`), whose trust policy is its resource policy. */
export function isRoleArn(resourceArn: string): boolean {
  const arn = parseArn(resourceArn);
  return arn?.service === 'iam' && arn.resource.startsWith('role/');
}
