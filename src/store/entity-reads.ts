import type { EntityBodies, EntityKind, OrgId } from '../model/types.js';
import type { Db } from './db.js';
import { NotFoundError } from './errors.js';

/**
 * SQL: the row of alias `e` is visible at the version held by `v` (a parameter or column).
 * INVARIANT: every read of `entities` goes through this predicate (see db/README.md).
 */
export const visibleAt = (e: string, v: string): string =>
  `${e}.valid_from <= ${v} and (${e}.valid_to is null or ${e}.valid_to > ${v})`;

/** What the snapshot reader needs of an organization that has the version asked for. */
export interface OrgAtVersion {
  readonly awsOrgId: string;
  readonly managementAccountId: string;
  readonly rootId: string;
}

/** @throws NotFoundError when the organization does not exist or has no such version. */
export async function getOrgAtVersion(db: Db, org: OrgId, version: number): Promise<OrgAtVersion> {
  const [row] = await db.query<{ aws_org_id: string; management_account_id: string; root_id: string }>(
    `select o.aws_org_id, o.management_account_id, o.root_id
       from organizations o join versions v on v.org_id = o.id and v.version = $2
      where o.id = $1`,
    [org, version],
  );
  if (!row) throw new NotFoundError(`organization ${org} has no version ${version}`);
  return { awsOrgId: row.aws_org_id, managementAccountId: row.management_account_id, rootId: row.root_id };
}

/** Bodies of one kind by key at a version, in one query; absent keys are missing from the map. */
export async function findBodiesByKey<K extends EntityKind>(
  db: Db, org: OrgId, version: number, kind: K, keys: readonly string[],
): Promise<Map<string, EntityBodies[K]>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Map();
  const rows = await db.query<{ key: string; body: EntityBodies[K] }>(
    `select e.key, e.body from entities e
      where e.org_id = $1 and e.kind = $3 and e.key = any($4::text[]) and ${visibleAt('e', '$2')}`,
    [org, version, kind, unique],
  );
  return new Map(rows.map((row) => [row.key, row.body]));
}
