import type { ModelVersionSource, StoredModelVersion } from '../model/ports.js';
import type { Entity, EntityKind, OrgId } from '../model/types.js';
import type { Db } from './db.js';
import { getOrgAtVersion, visibleAt } from './entity-reads.js';

/**
 * Whole models at a version, in two statements whatever the size of the organization: the
 * organization and version check, then every row visible at the version (a scan of the
 * organization's rows through the primary key `(org_id, kind, key, valid_from)`).
 */
export function createModelVersionReader(db: Db): ModelVersionSource {
  return {
    /** @throws NotFoundError when the organization does not exist or has no such version. */
    async loadModelVersion(org: OrgId, version: number): Promise<StoredModelVersion> {
      // INVARIANT: the version is checked first: open rows would also match versions never committed.
      const meta = await getOrgAtVersion(db, org, version);
      const rows = await db.query<{ kind: EntityKind; key: string; body: unknown }>(
        `select e.kind, e.key, e.body from entities e
          where e.org_id = $1 and ${visibleAt('e', '$2')}
          order by e.kind collate "C", e.key collate "C"`,
        [org, version],
      );
      // INVARIANT: the store only writes bodies of their row's kind (model/apply-changes.ts).
      const entities = rows.map((r) => ({ kind: r.kind, key: r.key, body: r.body }) as Entity);
      return { org, version, ...meta, entities };
    },

    /** @throws NotFoundError when the organization has no such version. */
    async loadModelVersionFrom(base: StoredModelVersion, version: number): Promise<StoredModelVersion> {
      const meta = await getOrgAtVersion(db, base.org, version);
      const [lo, hi] = base.version < version ? [base.version, version] : [version, base.version];
      // Only a row opened or closed between the two versions is visible at one and not the other.
      const rows = await db.query<{ kind: EntityKind; key: string; body: unknown; visible: boolean }>(
        `select e.kind, e.key, e.body, (${visibleAt('e', '$4')}) as visible from entities e
          where e.org_id = $1 and ((e.valid_from > $2 and e.valid_from <= $3) or (e.valid_to > $2 and e.valid_to <= $3))`,
        [base.org, lo, hi, version],
      );
      const id = (kind: string, key: string) => `${kind}\u0000${key}`;
      // A key has at most one row visible at a version, so a changed key is either this row or gone.
      const changed = new Set(rows.map((r) => id(r.kind, r.key)));
      // INVARIANT: the store only writes bodies of their row's kind (model/apply-changes.ts).
      const opened = rows.filter((r) => r.visible).map((r) => ({ kind: r.kind, key: r.key, body: r.body }) as Entity);
      const entities = [...base.entities.filter((e) => !changed.has(id(e.kind, e.key))), ...opened]
        .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return { org: base.org, version, ...meta, entities };
    },
  };
}
