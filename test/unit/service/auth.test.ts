import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { ApiKeyRecord, ApiKeyStore } from '../../../src/model/api-keys.js';
import { createAuthService, JWT_CLAIMS, type AuthSettings, type Caller } from '../../../src/service/auth.js';
import { ServiceError } from '../../../src/service/errors.js';

/** An in-memory key store with the store's contract. */
function memoryKeys(): ApiKeyStore & { rows: Map<string, ApiKeyRecord> } {
  const rows = new Map<string, ApiKeyRecord>();
  return {
    rows,
    async create(key) {
      const record = { ...key, createdAt: new Date().toISOString(), revokedAt: null };
      rows.set(key.id, record);
      return record;
    },
    async find(id) { return rows.get(id) ?? null; },
    async revoke(id) {
      const r = rows.get(id);
      if (!r || r.revokedAt) return false;
      rows.set(id, { ...r, revokedAt: new Date().toISOString() });
      return true;
    },
    async list() { return [...rows.values()].reverse(); },
  };
}

const ADMIN_KEY = 'admin-secret-for-tests-0123456789';
const SECRET = 'jwt-shared-secret-for-tests-0123456789abcdef';
const settings: AuthSettings = { mode: 'on', adminApiKey: ADMIN_KEY, jwt: { secret: SECRET, issuer: 'https://idp.example', audience: 'iam-decisions' } };

const codeOf = async (p: Promise<unknown> | (() => unknown)): Promise<string | undefined> => {
  try {
    await (typeof p === 'function' ? p() : p);
    return undefined;
  } catch (e) {
    return e instanceof ServiceError ? e.code : `not a ServiceError: ${String(e)}`;
  }
};

const jwt = (claims: Record<string, unknown>, o: { issuer?: string; secret?: string; expires?: string } = {}) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('bot@ci').setIssuer(o.issuer ?? 'https://idp.example')
    .setAudience('iam-decisions').setIssuedAt().setExpirationTime(o.expires ?? '5m').sign(new TextEncoder().encode(o.secret ?? SECRET));

describe('authentication', () => {
  it('lets everyone in as a local admin only when switched off', async () => {
    const off = createAuthService({ mode: 'off' }, memoryKeys());
    const caller = await off.authenticate(undefined);
    expect(caller.id).toBe('local');
    expect(() => off.require(caller, 'admin', 'any')).not.toThrow();
    const on = createAuthService(settings, memoryKeys());
    expect(await codeOf(on.authenticate(undefined))).toBe('UNAUTHENTICATED');
    expect(await codeOf(on.authenticate('Basic abc'))).toBe('UNAUTHENTICATED');
  });

  it('accepts the start-up admin key, which may create scoped keys that are then checked against their hash', async () => {
    const keys = memoryKeys();
    const auth = createAuthService(settings, keys);
    const admin = await auth.authenticate(`Bearer ${ADMIN_KEY}`);
    const { key, record } = await auth.createApiKey(admin, { name: 'ci bot', orgs: ['acme'], roles: ['decide', 'read'] });
    expect(key).toMatch(/^iamk_[a-z0-9]{16}\.[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify([...keys.rows.values()])).not.toContain(key.split('.')[1]);
    const bot = await auth.authenticate(`Bearer ${key}`);
    expect(bot).toMatchObject({ id: `key:${record.id}`, orgs: ['acme'] });
    expect(() => auth.require(bot, 'decide', 'acme')).not.toThrow();
    expect(() => auth.require(bot, 'read', 'acme')).not.toThrow();
    expect(await codeOf(() => auth.require(bot, 'write', 'acme'))).toBe('FORBIDDEN');
    expect(await codeOf(() => auth.require(bot, 'decide', 'globex'))).toBe('FORBIDDEN');
    expect(await codeOf(auth.createApiKey(bot, { name: 'x', orgs: '*', roles: ['admin'] }))).toBe('FORBIDDEN');
    const forged = `${key.slice(0, -3)}${key.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect(await codeOf(auth.authenticate(`Bearer ${forged}`))).toBe('UNAUTHENTICATED');
  });

  it('refuses a revoked key at once on the replica that revoked it', async () => {
    const auth = createAuthService(settings, memoryKeys());
    const admin = await auth.authenticate(`Bearer ${ADMIN_KEY}`);
    const { key, record } = await auth.createApiKey(admin, { name: 'temp', orgs: '*', roles: ['read'] });
    await auth.authenticate(`Bearer ${key}`);
    await auth.revokeApiKey(admin, record.id);
    expect(await codeOf(auth.authenticate(`Bearer ${key}`))).toBe('UNAUTHENTICATED');
    expect(await codeOf(auth.revokeApiKey(admin, record.id))).toBe('NOT_FOUND');
  });

  it('validates new keys', async () => {
    const auth = createAuthService(settings, memoryKeys());
    const admin: Caller = await auth.authenticate(`Bearer ${ADMIN_KEY}`);
    expect(await codeOf(auth.createApiKey(admin, { name: ' ', orgs: ['a'], roles: ['read'] }))).toBe('BAD_REQUEST');
    expect(await codeOf(auth.createApiKey(admin, { name: 'n', orgs: [], roles: ['read'] }))).toBe('BAD_REQUEST');
    expect(await codeOf(auth.createApiKey(admin, { name: 'n', orgs: ['a'], roles: [] }))).toBe('BAD_REQUEST');
  });

  it('verifies JWTs: signature, issuer, expiry and the scope claims', async () => {
    const auth = createAuthService(settings, memoryKeys());
    const good = await jwt({ [JWT_CLAIMS.orgs]: ['acme'], [JWT_CLAIMS.roles]: ['write'] });
    const caller = await auth.authenticate(`Bearer ${good}`);
    expect(caller.id).toBe('jwt:bot@ci');
    expect(() => auth.require(caller, 'write', 'acme')).not.toThrow();
    expect(await codeOf(() => auth.require(caller, 'write', 'globex'))).toBe('FORBIDDEN');
    const cases = [
      await jwt({ [JWT_CLAIMS.orgs]: ['acme'], [JWT_CLAIMS.roles]: ['write'] }, { secret: 'another-secret-entirely-0123456789abcdef' }),
      await jwt({ [JWT_CLAIMS.orgs]: ['acme'], [JWT_CLAIMS.roles]: ['write'] }, { issuer: 'https://evil.example' }),
      await jwt({ [JWT_CLAIMS.orgs]: ['acme'], [JWT_CLAIMS.roles]: ['write'] }, { expires: '-1m' }),
      await jwt({ [JWT_CLAIMS.orgs]: ['acme'], [JWT_CLAIMS.roles]: ['superuser'] }),
      await jwt({ [JWT_CLAIMS.roles]: ['read'] }),
    ];
    for (const token of cases) expect(await codeOf(auth.authenticate(`Bearer ${token}`))).toBe('UNAUTHENTICATED');
  });

  it('refuses tokens when no JWT verification is configured', async () => {
    const auth = createAuthService({ mode: 'on', adminApiKey: ADMIN_KEY }, memoryKeys());
    const token = await jwt({ [JWT_CLAIMS.orgs]: '*', [JWT_CLAIMS.roles]: ['admin'] });
    expect(await codeOf(auth.authenticate(`Bearer ${token}`))).toBe('UNAUTHENTICATED');
  });
});
