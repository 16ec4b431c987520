import type { ApiKeyRecord, ApiKeyStore, ApiRole } from '../model/api-keys.js';
import type { Db } from './db.js';

interface KeyRow extends Record<string, unknown> {
  id: string; name: string; secret_hash: string; orgs: string[]; roles: string[]; created_by: string;
  created_at: Date | string; revoked_at: Date | string | null;
}

const COLUMNS = 'id, name, secret_hash, orgs, roles, created_by, created_at, revoked_at';
const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

const toRecord = (r: KeyRow): ApiKeyRecord => ({
  id: r.id,
  name: r.name,
  secretHash: r.secret_hash,
  orgs: r.orgs.length === 1 && r.orgs[0] === '*' ? '*' : r.orgs,
  // INVARIANT: only the service writes roles, from the closed ApiRole set.
  roles: r.roles as ApiRole[],
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  revokedAt: r.revoked_at === null ? null : iso(r.revoked_at),
});

/** API keys in the `api_keys` table (db/migrations/0005_api_keys.sql). */
export function createApiKeyStore(db: Db): ApiKeyStore {
  return {
    async create(key) {
      const [row] = await db.query<KeyRow>(
        `insert into api_keys (id, name, secret_hash, orgs, roles, created_by) values ($1, $2, $3, $4, $5, $6) returning ${COLUMNS}`,
        [key.id, key.name, key.secretHash, key.orgs === '*' ? ['*'] : [...key.orgs], [...key.roles], key.createdBy],
      );
      // INVARIANT: insert … returning yields the inserted row.
      return toRecord(row!);
    },
    async find(id) {
      const [row] = await db.query<KeyRow>(`select ${COLUMNS} from api_keys where id = $1`, [id]);
      return row ? toRecord(row) : null;
    },
    async revoke(id) {
      const rows = await db.query(`update api_keys set revoked_at = now() where id = $1 and revoked_at is null returning id`, [id]);
      return rows.length > 0;
    },
    async list() {
      return (await db.query<KeyRow>(`select ${COLUMNS} from api_keys order by created_at desc, id`)).map(toRecord);
    },
  };
}
