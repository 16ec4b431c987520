import type { ChangedEntity } from './changed-entities.js';
import { indexOf, type ModelIndex } from './model-index.js';
import type { ModelVersion } from './types.js';

/** What a set of entity changes can affect, before views are compared. */
export interface Affected {
  /** Principal ARNs (users, roles, account roots) whose view may differ. */
  readonly principals: ReadonlySet<string>;
  /** Modelled resource and role ARNs whose resource view may differ. */
  readonly resources: ReadonlySet<string>;
  /** Accounts whose RCP chain (the view of resources the model does not hold) may differ. */
  readonly accounts: ReadonlySet<string>;
}

/** The ARN of an account's root user. */
export const rootArn = (accountId: string): string => `arn:aws:iam::${accountId}:root`;

/** Accounts at or under an org target (root, OU or account id). */
function accountsUnder(index: ModelIndex, target: string): string[] {
  if (index.accounts.has(target)) return [target];
  const out: string[] = [];
  const stack = [target];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const child of index.children.get(id) ?? []) {
      if (index.accounts.has(child)) out.push(child);
      else stack.push(child);
    }
  }
  return out;
}

/** Org targets (root, OUs, accounts) that attach an SCP or RCP. */
function targetsOf(index: ModelIndex, policyId: string): string[] {
  const attached = (t: { scps: readonly string[]; rcps: readonly string[] }) => t.scps.includes(policyId) || t.rcps.includes(policyId);
  return [
    ...(index.root && attached(index.root) ? [index.root.id] : []),
    ...[...index.ous.values()].filter(attached).map((o) => o.id),
    ...[...index.accounts.values()].filter(attached).map((a) => a.id),
  ];
}

/** Users and roles that use a managed policy: attached to them or their groups, or as their boundary. */
function holdersOf(index: ModelIndex, policyArn: string): string[] {
  const out: string[] = [];
  for (const h of [...index.users.values(), ...index.roles.values()]) {
    if (h.managedPolicies.includes(policyArn) || h.permissionsBoundary === policyArn) out.push(h.arn);
  }
  for (const g of index.groups.values()) {
    if (g.managedPolicies.includes(policyArn)) for (const u of index.groupMembers.get(g.arn) ?? []) out.push(u.arn);
  }
  return out;
}

/**
 * The principals, resources and accounts an edit can reach (issue 5, point 2): a user or role
 * itself (a role is also a resource, through its trust policy); a group's members; a managed
 * policy's holders; an org policy, OU, account or the root: every principal and resource of the
 * accounts under it; a resource itself. Both versions are read, so detaching counts like attaching.
 */
export function affectedBy(changes: readonly ChangedEntity[], from: ModelVersion, to: ModelVersion): Affected {
  const principals = new Set<string>();
  const resources = new Set<string>();
  const accounts = new Set<string>();
  const indexes = [indexOf(from), indexOf(to)];
  const addAccount = (id: string): void => {
    if (accounts.has(id)) return;
    accounts.add(id);
    principals.add(rootArn(id));
    for (const index of indexes) {
      for (const h of [...index.users.values(), ...index.roles.values()]) if (h.accountId === id) principals.add(h.arn);
      for (const r of index.roles.values()) if (r.accountId === id) resources.add(r.arn);
      for (const r of index.resources.values()) if (r.accountId === id) resources.add(r.arn);
    }
  };
  for (const c of changes) {
    for (const index of indexes) {
      switch (c.kind) {
        case 'user': principals.add(c.key); break;
        case 'role': principals.add(c.key); resources.add(c.key); break;
        case 'group': for (const u of index.groupMembers.get(c.key) ?? []) principals.add(u.arn); break;
        case 'policy': for (const arn of holdersOf(index, c.key)) principals.add(arn); break;
        case 'resource': resources.add(c.key); break;
        case 'orgPolicy': for (const t of targetsOf(index, c.key)) accountsUnder(index, t).forEach(addAccount); break;
        case 'root': case 'ou': case 'account': accountsUnder(index, c.key).forEach(addAccount); break;
      }
    }
    if (c.kind === 'account') addAccount(c.key);
  }
  return { principals, resources, accounts };
}
