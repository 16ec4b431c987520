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
          order by e.kind, e.key`,
        [org, version],
      );
      // INVARIANT: the store only writes bodies of their row's kind (model/apply-changes.ts).
      const entities = rows.map((r) => ({ kind: r.kind, key: r.key, body: r.body }) as Entity);
      return { org, version, ...meta, entities };
    },
  };
}
