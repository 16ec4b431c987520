import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { API_ROLES, type ApiKeyRecord, type ApiKeyStore, type ApiRole, type OrgScope } from '../model/api-keys.js';
import { ServiceError } from './errors.js';
import { fromStore } from './store-errors.js';

/** Who is calling, once authenticated. */
export interface Caller {
  /** `admin` (the start-up key), `key:<id>`, `jwt:<subject>` or `local` (authentication off). */
  readonly id: string;
  readonly orgs: OrgScope;
  readonly roles: ReadonlySet<ApiRole>;
}

/** How callers prove who they are (config: AUTH_MODE, ADMIN_API_KEY, JWT_*). */
export interface AuthSettings {
  /** `off` only by an explicit setting, for local use: every caller is an admin of everything. */
  readonly mode: 'on' | 'off';
  /** The start-up admin key: every role on every organization; it creates the other keys. */
  readonly adminApiKey?: string | undefined;
  readonly jwt?: {
    /** HS256 shared secret, or… */
    readonly secret?: string | undefined;
    /** …a JWKS URL for asymmetric keys. */
    readonly jwksUrl?: string | undefined;
    readonly issuer?: string | undefined;
    readonly audience?: string | undefined;
  } | undefined;
}

/** Claims a JWT carries its scope in: `iam_orgs` (list, or `*`) and `iam_roles` (list). */
export const JWT_CLAIMS = { orgs: 'iam_orgs', roles: 'iam_roles' } as const;

/** How long a checked API key is trusted without asking the database again; a revocation reaches other replicas within it. */
export const KEY_CACHE_TTL_MS = 10_000;

const KEY_PREFIX = 'iamk_';
const KEY_FORMAT = /^iamk_([a-z0-9]{16})\.([A-Za-z0-9_-]{43})$/;
const ALL_ROLES: ReadonlySet<ApiRole> = new Set(API_ROLES);
const LOCAL: Caller = { id: 'local', orgs: '*', roles: ALL_ROLES };
const ADMIN: Caller = { id: 'admin', orgs: '*', roles: ALL_ROLES };

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();
const sameSecret = (a: string, b: string): boolean => timingSafeEqual(sha256(a), sha256(b));

const unauthenticated = (message: string) => new ServiceError('UNAUTHENTICATED', message);

/** Checks credentials and scopes; `server` authenticates each request, `graphql` checks each operation. */
export interface AuthService {
  readonly enabled: boolean;
  /**
   * The caller behind an `Authorization: Bearer …` header value (an API key or a JWT).
   * @throws ServiceError UNAUTHENTICATED when authentication is on and the credentials are missing or invalid.
   */
  authenticate(authorization: string | undefined): Promise<Caller>;
  /** @throws ServiceError FORBIDDEN unless `caller` has `role` on `org` (any organization when `org` is null). */
  require(caller: Caller, role: ApiRole, org: string | null): void;
  /** True when `caller` may see `org` at all (lists are filtered with it). */
  canSee(caller: Caller, org: string): boolean;
  /** A new key, shown once. @throws ServiceError FORBIDDEN, BAD_REQUEST. */
  createApiKey(caller: Caller, input: { name: string; orgs: OrgScope; roles: readonly ApiRole[] }): Promise<{ key: string; record: ApiKeyRecord }>;
  /** @throws ServiceError FORBIDDEN, NOT_FOUND. */
  revokeApiKey(caller: Caller, id: string): Promise<ApiKeyRecord>;
  /** @throws ServiceError FORBIDDEN. */
  listApiKeys(caller: Caller): Promise<ApiKeyRecord[]>;
}

function scopeOf(orgs: unknown): OrgScope | undefined {
  if (orgs === '*') return '*';
  return Array.isArray(orgs) && orgs.every((o) => typeof o === 'string') ? (orgs as string[]) : undefined;
}

function rolesOf(roles: unknown): ApiRole[] | undefined {
  return Array.isArray(roles) && roles.every((r) => API_ROLES.includes(r as ApiRole)) ? (roles as ApiRole[]) : undefined;
}

const covers = (scope: OrgScope, org: string): boolean => scope === '*' || scope.includes(org);

/** The JWT verifier for the settings, or undefined when JWTs are not configured. */
function jwtVerifier(jwt: AuthSettings['jwt']): ((token: string) => Promise<JWTPayload>) | undefined {
  if (!jwt?.secret && !jwt?.jwksUrl) return undefined;
  const options = { ...(jwt.issuer ? { issuer: jwt.issuer } : {}), ...(jwt.audience ? { audience: jwt.audience } : {}) };
  if (jwt.jwksUrl) {
    const jwks = createRemoteJWKSet(new URL(jwt.jwksUrl));
    return async (token) => (await jwtVerify(token, jwks, options)).payload;
  }
  const key = new TextEncoder().encode(jwt.secret);
  return async (token) => (await jwtVerify(token, key, { ...options, algorithms: ['HS256', 'HS384', 'HS512'] })).payload;
}

/** Authentication and authorization of API callers over stored keys, the admin key and JWTs. */
export function createAuthService(settings: AuthSettings, keys: ApiKeyStore): AuthService {
  const verifyJwt = jwtVerifier(settings.jwt);
  const checked = new LRUCache<string, Caller>({ max: 10_000, ttl: KEY_CACHE_TTL_MS });

  async function fromApiKey(token: string): Promise<Caller> {
    const m = KEY_FORMAT.exec(token);
    if (!m) throw unauthenticated('malformed API key');
    const [, id = '', secret = ''] = m;
    const record = await fromStore(keys.find(id));
    if (!record || record.revokedAt !== null || !timingSafeEqual(sha256(secret), Buffer.from(record.secretHash, 'hex'))) {
      throw unauthenticated('unknown or revoked API key');
    }
    return { id: `key:${record.id}`, orgs: record.orgs, roles: new Set(record.roles) };
  }

  async function fromJwt(token: string): Promise<Caller> {
    if (!verifyJwt) throw unauthenticated('bearer tokens (JWT) are not configured on this server');
    let claims: JWTPayload;
    try {
      claims = await verifyJwt(token);
    } catch (error) {
      throw unauthenticated(`invalid token: ${(error as Error).message}`);
    }
    const orgs = scopeOf(claims[JWT_CLAIMS.orgs]);
    const roles = rolesOf(claims[JWT_CLAIMS.roles]);
    if (!orgs || !roles) throw unauthenticated(`the token must carry "${JWT_CLAIMS.orgs}" (a list of organizations or "*") and "${JWT_CLAIMS.roles}" (a list of ${API_ROLES.join(', ')})`);
    return { id: `jwt:${claims.sub ?? 'unknown'}`, orgs, roles: new Set(roles) };
  }

  const isAdmin = (caller: Caller) => caller.roles.has('admin') && caller.orgs === '*';

  const service: AuthService = {
    enabled: settings.mode === 'on',

    async authenticate(authorization) {
      if (settings.mode === 'off') return LOCAL;
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!m) throw unauthenticated('missing credentials: send "Authorization: Bearer <API key or token>"');
      const token = m[1]!;
      if (settings.adminApiKey && sameSecret(token, settings.adminApiKey)) return ADMIN;
      const hit = checked.get(token);
      if (hit) return hit;
      const caller = token.startsWith(KEY_PREFIX) ? await fromApiKey(token) : await fromJwt(token);
      checked.set(token, caller);
      return caller;
    },

    require(caller, role, org) {
      const hasRole = caller.roles.has(role) || caller.roles.has('admin');
      if (hasRole && (org === null || covers(caller.orgs, org))) return;
      const where = org === null ? 'this server' : `organization "${org}"`;
      throw new ServiceError('FORBIDDEN', `${caller.id} may not ${role} on ${where}`, { details: { role, org } });
    },

    canSee: (caller, org) => covers(caller.orgs, org),

    async createApiKey(caller, input) {
      if (!isAdmin(caller)) throw new ServiceError('FORBIDDEN', 'only an admin of every organization manages API keys');
      const problems = [
        ...(input.name.trim() === '' ? [{ field: 'name', message: 'must be non-empty' }] : []),
        ...(input.roles.length === 0 ? [{ field: 'roles', message: 'must list at least one role' }] : []),
        ...(input.orgs !== '*' && input.orgs.length === 0 ? [{ field: 'orgs', message: 'must list at least one organization, or be "*"' }] : []),
      ];
      if (problems.length > 0) {
        throw new ServiceError('BAD_REQUEST', problems.map((p) => `${p.field} ${p.message}`).join('; '), { details: { problems } });
      }
      const id = randomBytes(10).toString('hex').slice(0, 16);
      const secret = randomBytes(32).toString('base64url');
      const record = await fromStore(keys.create({
        id, name: input.name, secretHash: sha256(secret).toString('hex'), orgs: input.orgs, roles: [...new Set(input.roles)], createdBy: caller.id,
      }));
      return { key: `${KEY_PREFIX}${id}.${secret}`, record };
    },

    async revokeApiKey(caller, id) {
      if (!isAdmin(caller)) throw new ServiceError('FORBIDDEN', 'only an admin of every organization manages API keys');
      if (!(await fromStore(keys.revoke(id)))) throw new ServiceError('NOT_FOUND', `no active API key ${id}`, { details: { id } });
      // This replica forgets the key at once; others within KEY_CACHE_TTL_MS.
      for (const [token, c] of checked.entries()) if (c.id === `key:${id}`) checked.delete(token);
      // INVARIANT: revoke() just found the row.
      return (await fromStore(keys.find(id)))!;
    },

    async listApiKeys(caller) {
      if (!isAdmin(caller)) throw new ServiceError('FORBIDDEN', 'only an admin of every organization manages API keys');
      return fromStore(keys.list());
    },
  };
  return service;
}
