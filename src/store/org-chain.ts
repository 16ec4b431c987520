import type { OrgLevel, OrgPlacement } from '../model/ports.js';
import type { Account, OrgId, OrgPolicy, OrgTarget, Ou, Root } from '../model/types.js';
import type { Db } from './db.js';
import { findBodiesByKey, inKeyOrder, visibleAt, type OrgAtVersion } from './entity-reads.js';

/** AWS Organizations nests OUs at most five deep; the walk stops well beyond that (cycle guard). */
const MAX_DEPTH = 16;

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

type LineageRow = { kind: 'account'; body: Account } | { kind: 'ou'; body: Ou } | { kind: 'root'; body: Root };

/**
 * The account and its ancestors at a version, in one recursive query (one index probe per level);
 * null when the account is not in the organization at that version.
 * @throws Error when the parent chain is broken (a commit validates it, so this is corruption).
 */
export async function findAccountLineage(db: Db, org: OrgId, meta: OrgAtVersion, version: number, accountId: string): Promise<AccountLineage | null> {
  const rows = await db.query<LineageRow & { depth: number }>(
    `with recursive chain (kind, key, body, depth) as (
       select e.kind, e.key, e.body, 0 from entities e
        where e.org_id = $1 and e.kind = 'account' and e.key = $3 and ${visibleAt('e', '$2')}
       union all
       select p.kind, p.key, p.body, c.depth + 1 from chain c
         join entities p on p.org_id = $1 and p.kind in ('ou', 'root') and p.key = c.body ->> 'parentId' and ${visibleAt('p', '$2')}
        where c.kind <> 'root' and c.depth < ${MAX_DEPTH}
     )
     select kind, body, depth from chain order by depth`,
    [org, version, accountId],
  );
  const [first, ...ancestors] = rows;
  if (!first || first.kind !== 'account') return null;
  if (first.body.parentId === '') return { account: first.body, root: null, ous: [], placement: null };
  const top = ancestors.at(-1);
  if (!top || top.kind !== 'root' || top.body.id !== meta.rootId) {
    throw new Error(`account ${accountId} of organization ${org} at version ${version} does not lead to root ${meta.rootId}`);
  }
  const ous = ancestors.flatMap((row) => (row.kind === 'ou' ? [row.body] : [])).reverse();
  const orgPath = `${[meta.awsOrgId, top.body.id, ...ous.map((ou) => ou.id)].join('/')}/`;
  return {
    account: first.body,
    root: top.body,
    ous,
    placement: { awsOrgId: meta.awsOrgId, orgPath, isManagementAccount: first.body.id === meta.managementAccountId },
  };
}

/**
 * The SCP or RCP chain of an account — root, each OU, the account, with the policies attached at
 * each level — in one query; null when that policy type is not enabled at the root.
 * (AWS Organizations User Guide, "SCP evaluation": every level from the root down must allow.)
 */
export async function loadPolicyChain(db: Db, org: OrgId, version: number, lineage: AccountLineage, type: 'SCP' | 'RCP'): Promise<OrgLevel[] | null> {
  const { root } = lineage;
  if (!root || !(type === 'SCP' ? root.scpEnabled : root.rcpEnabled)) return null;
  const attached = (target: OrgTarget): readonly string[] => (type === 'SCP' ? target.scps : target.rcps);
  const targets: { id: string; target: OrgTarget }[] = [
    { id: root.id, target: root },
    ...lineage.ous.map((ou) => ({ id: ou.id, target: ou })),
    { id: lineage.account.id, target: lineage.account },
  ];
  const policies = await findBodiesByKey(db, org, version, 'orgPolicy', targets.flatMap((t) => attached(t.target)));
  // A missing policy leaves its level without it, so the level denies more, never less (fail closed).
  return targets.map(({ id, target }) => ({
    target: id,
    policies: inKeyOrder(policies, attached(target)).filter((p: OrgPolicy) => p.type === type),
  }));
}
