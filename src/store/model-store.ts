import type { EntityPage, ModelStore } from '../model/ports.js';
import type { Entity, EntityBodies, EntityKind, Organization, OrgId, Root, VersionInfo } from '../model/types.js';
import type { Db } from './db.js';
import { visibleAt } from './entity-reads.js';
import { ConflictError, NotFoundError } from './errors.js';

/** Largest `first` of `listEntities`. */
export const ENTITY_PAGE_MAX = 500;

interface OrgRow extends Record<string, unknown> {
  id: string; name: string; aws_org_id: string; management_account_id: string; created_at: Date | string; latest_version: number;
}
interface VersionRow extends Record<string, unknown> {
  org_id: string; version: number; parent: number | null; message: string; author: string; created_at: Date | string; change_count: number;
}

const ORG_COLUMNS = 'id, name, aws_org_id, management_account_id, created_at, latest_version';
const VERSION_COLUMNS = 'org_id, version, parent, message, author, created_at, change_count';

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

const toOrganization = (r: OrgRow): Organization => ({
  id: r.id, name: r.name, awsOrgId: r.aws_org_id, managementAccountId: r.management_account_id,
  createdAt: iso(r.created_at), latestVersion: r.latest_version,
});

const toVersion = (r: VersionRow): VersionInfo => ({
  orgId: r.org_id, version: r.version, parent: r.parent, message: r.message, author: r.author,
  createdAt: iso(r.created_at), changeCount: r.change_count,
});

/** LIKE pattern matching keys that start with `prefix` literally. */
const startsWithPattern = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function checkFirst(first: number, max: number): void {
  if (!Number.isInteger(first) || first < 0 || first > max) throw new RangeError(`first must be an integer in 0..${max} (got ${first})`);
}

type Write = Parameters<ModelStore['commit']>[1]['writes'][number];

/** The last write of each (kind, key), in first-seen order: a commit leaves one row per entity. */
function lastWritePerEntity(writes: readonly Write[]): Write[] {
  const byEntity = new Map<string, Write>();
  for (const write of writes) byEntity.set(`${write.kind}\u0000${write.key}`, write);
  return [...byEntity.values()];
}

/**
 * Applies writes as version `base + 1`: closes the open row of every written entity and inserts the
 * new bodies — two statements whatever the batch size, touching only the rows written.
 */
async function writeEntities(tx: Db, org: OrgId, version: number, writes: readonly Write[]): Promise<void> {
  if (writes.length === 0) return;
  await tx.query(
    `update entities e set valid_to = $2
       from unnest($3::text[], $4::text[]) as w(kind, key)
      where e.org_id = $1 and e.kind = w.kind and e.key = w.key and e.valid_to is null`,
    [org, version, writes.map((w) => w.kind), writes.map((w) => w.key)],
  );
  const puts = writes.filter((w) => w.body !== null);
  if (puts.length === 0) return;
  await tx.query(
    `insert into entities (org_id, kind, key, valid_from, body)
     select $1, w.kind, w.key, $2, w.body::jsonb from unnest($3::text[], $4::text[], $5::text[]) as w(kind, key, body)`,
    [org, version, puts.map((w) => w.kind), puts.map((w) => w.key), puts.map((w) => JSON.stringify(w.body))],
  );
}

/** The stored model over the Db port (see db/README.md for the versioning scheme). */
export function createModelStore(db: Db): ModelStore {
  return {
    async createOrganization(input) {
      const root: Root = { id: input.rootId, scpEnabled: false, rcpEnabled: false, scps: [], rcps: [] };
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx.query<OrgRow>(
            `insert into organizations (id, name, aws_org_id, management_account_id, root_id)
             values ($1, $2, $3, $4, $5) returning ${ORG_COLUMNS}`,
            [input.id, input.name, input.awsOrgId, input.managementAccountId, input.rootId],
          );
          if (!row) throw new Error('insert into organizations returned no row');
          await tx.query(
            `insert into versions (org_id, version, parent, message, author, created_at, change_count)
             values ($1, 0, null, 'Create organization', $2, $3, 0)`,
            [input.id, input.author, row.created_at],
          );
          await tx.query(`insert into entities (org_id, kind, key, valid_from, body) values ($1, 'root', $2, 0, $3::text::jsonb)`,
            [input.id, input.rootId, JSON.stringify(root)]);
          return toOrganization(row);
        });
      } catch (error) {
        if (error instanceof ConflictError) throw new ConflictError(`organization ${input.id} already exists`, { cause: error });
        throw error;
      }
    },

    async getOrganization(org) {
      const [row] = await db.query<OrgRow>(`select ${ORG_COLUMNS} from organizations where id = $1`, [org]);
      if (!row) throw new NotFoundError(`organization ${org} does not exist`);
      return toOrganization(row);
    },

    async listOrganizations() {
      return (await db.query<OrgRow>(`select ${ORG_COLUMNS} from organizations order by id`)).map(toOrganization);
    },

    commit(org, input) {
      const writes = lastWritePerEntity(input.writes);
      return db.transaction(async (tx) => {
        // The row lock serialises commits of one organization; a waiter re-reads the bumped version.
        const [row] = await tx.query<{ latest_version: number }>('select latest_version from organizations where id = $1 for update', [org]);
        if (!row) throw new NotFoundError(`organization ${org} does not exist`);
        if (row.latest_version !== input.baseVersion) {
          throw new ConflictError(`base version ${input.baseVersion} is not the latest (${row.latest_version})`);
        }
        const version = input.baseVersion + 1;
        await tx.query(
          `insert into versions (org_id, version, parent, message, author, change_count, changes, findings)
           values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb)`,
          [org, version, input.baseVersion, input.message, input.author, input.changes.length,
            JSON.stringify(input.changes), JSON.stringify(input.findings)],
        );
        await writeEntities(tx, org, version, writes);
        await tx.query('update organizations set latest_version = $2 where id = $1', [org, version]);
        return { version };
      });
    },

    async getVersion(org, version) {
      const [row] = await db.query<VersionRow>(`select ${VERSION_COLUMNS} from versions where org_id = $1 and version = $2`, [org, version]);
      if (!row) throw new NotFoundError(`organization ${org} has no version ${version}`);
      return toVersion(row);
    },

    /** Newest first; `after` is a version number, and the page holds the versions below it. */
    async listVersions(org, { after, first }) {
      checkFirst(first, Number.MAX_SAFE_INTEGER);
      const rows = await db.query<VersionRow>(
        `select ${VERSION_COLUMNS} from versions where org_id = $1 and ($2::int is null or version < $2) order by version desc limit $3`,
        [org, after ?? null, first],
      );
      return rows.map(toVersion);
    },

    async getVersionDetails(org, version) {
      const [row] = await db.query<{ changes: unknown[]; findings: unknown[] }>(
        'select changes, findings from versions where org_id = $1 and version = $2', [org, version]);
      if (!row) throw new NotFoundError(`organization ${org} has no version ${version}`);
      return { changes: row.changes, findings: row.findings };
    },

    async listEntities<K extends EntityKind>(org: OrgId, version: number, kind: K, opts: { after?: string; first: number; prefix?: string }) {
      checkFirst(opts.first, ENTITY_PAGE_MAX);
      // One statement: no row means no such version; one row with a null key means an empty page.
      const rows = await db.query<{ key: string | null; body: EntityBodies[K] | null }>(
        `select e.key, e.body from versions ver left join lateral (
           select x.key, x.body from entities x
            where x.org_id = ver.org_id and x.kind = $3 and ${visibleAt('x', 'ver.version')}
              and ($4::text is null or x.key > $4) and ($5::text is null or (x.key >= $5 and x.key like $6))
            order by x.key limit $7
         ) e on true
         where ver.org_id = $1 and ver.version = $2`,
        [org, version, kind, opts.after ?? null, opts.prefix ?? null, opts.prefix === undefined ? null : startsWithPattern(opts.prefix), opts.first + 1],
      );
      if (rows.length === 0) throw new NotFoundError(`organization ${org} has no version ${version}`);
      const items = rows.flatMap((r) => (r.key === null || r.body === null ? [] : [{ key: r.key, body: r.body }]));
      return { items: items.slice(0, opts.first), hasNextPage: items.length > opts.first } satisfies EntityPage<K>;
    },

    async getEntities(org, version, refs) {
      if (refs.length === 0) return [];
      const rows = await db.query<{ ord: number | null; kind: EntityKind; key: string; body: unknown }>(
        `select f.ord, f.kind, f.key, f.body from versions ver left join lateral (
           select r.ord::int as ord, e.kind, e.key, e.body
             from unnest($3::text[], $4::text[]) with ordinality as r(kind, key, ord)
             join entities e on e.org_id = ver.org_id and e.kind = r.kind and e.key = r.key and ${visibleAt('e', 'ver.version')}
         ) f on true
         where ver.org_id = $1 and ver.version = $2`,
        [org, version, refs.map((r) => r.kind), refs.map((r) => r.key)],
      );
      if (rows.length === 0) throw new NotFoundError(`organization ${org} has no version ${version}`);
      const found = new Map(rows.flatMap((r) => (r.ord === null ? [] : [[r.ord, { kind: r.kind, key: r.key, body: r.body } as Entity]])));
      return refs.map((_, i) => found.get(i + 1) ?? null);
    },

    async getReferrers(org, version, keys) {
      if (keys.length === 0) return [];
      // The fields of model/entity-refs.ts; a scan of the version's principals and org nodes, once per commit that deletes.
      const rows = await db.query<{ kind: EntityKind; key: string; body: unknown }>(
        `select e.kind, e.key, e.body from entities e
          where e.org_id = $1 and ${visibleAt('e', '$2::int')}
            and e.kind in ('user', 'group', 'role', 'root', 'ou', 'account')
            and (e.body -> 'managedPolicies' ?| $3::text[] or e.body -> 'groups' ?| $3::text[]
              or e.body -> 'scps' ?| $3::text[] or e.body -> 'rcps' ?| $3::text[]
              or e.body ->> 'permissionsBoundary' = any($3::text[]) or e.body ->> 'parentId' = any($3::text[]))
          order by e.kind, e.key`,
        [org, version, keys],
      );
      return rows.map((r) => ({ kind: r.kind, key: r.key, body: r.body }) as Entity);
    },
  };
}
