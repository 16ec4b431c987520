/**
 * Who may call the API: the roles of issue 6 and API keys as stored. Pure types; the store keeps
 * keys (src/store/api-key-store.ts), the service checks them (src/service/auth.ts).
 */

/** What a caller may do: `decide` (simulate, authorize, explain), `read` (model, versions, diffs), `write` (commit, import), `admin`. */
export type ApiRole = 'decide' | 'read' | 'write' | 'admin';

/** Every role. */
export const API_ROLES: readonly ApiRole[] = ['decide', 'read', 'write', 'admin'];

/** Organizations a caller may reach: a list, or every one (`*`). */
export type OrgScope = readonly string[] | '*';

/** A stored API key; its secret exists only as a hash. */
export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly secretHash: string;
  readonly orgs: OrgScope;
  readonly roles: readonly ApiRole[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** API keys as the service uses them; the store implements it. */
export interface ApiKeyStore {
  create(key: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'>): Promise<ApiKeyRecord>;
  /** The key with this id, revoked or not; null when there is none. */
  find(id: string): Promise<ApiKeyRecord | null>;
  /** Marks the key revoked; false when there is no such key or it was already revoked. */
  revoke(id: string): Promise<boolean>;
  /** Every key, newest first. */
  list(): Promise<ApiKeyRecord[]>;
}
