import { chainTargets, lineageOf, MAX_OU_DEPTH, policyChain, type AccountLineage } from '../model/org-lineage.js';
import type { OrgLevel } from '../model/ports.js';
import type { Account, OrgId, Ou, Root } from '../model/types.js';
import type { Db } from './db.js';
import { findBodiesByKey, visibleAt, type OrgAtVersion } from './entity-reads.js';

export type { AccountLineage } from '../model/org-lineage.js';

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
        where c.kind <> 'root' and c.depth < ${MAX_OU_DEPTH}
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
  return lineageOf(meta, first.body, top.body, ous);
}

/**
 * The SCP or RCP chain of an account (model/org-lineage.ts `policyChain`), its policies read in one
 * query; null when that policy type is not enabled at the root.
 */
export async function loadPolicyChain(db: Db, org: OrgId, version: number, lineage: AccountLineage, type: 'SCP' | 'RCP'): Promise<OrgLevel[] | null> {
  const targets = chainTargets(lineage, type);
  if (!targets) return null;
  return policyChain(lineage, type, await findBodiesByKey(db, org, version, 'orgPolicy', targets.flatMap((t) => t.attached)));
}
