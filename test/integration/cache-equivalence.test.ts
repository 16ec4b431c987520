import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePolicySet, decide, describePrincipal, parsePolicy } from '../../src/core/index.js';
import type { AuthorizationRequest, AuthorizationResult, PolicyDocument, StatementRef } from '../../src/core/index.js';
import { assemble } from '../../src/model/assemble.js';
import type { PrincipalSnapshot, ResourceSnapshot, SnapshotSource } from '../../src/model/ports.js';
import { createApp, type App } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { toAuthorizationRequest } from '../../src/service/request-input.js';
import type { Db } from '../../src/store/db.js';
import { createSnapshotReader } from '../../src/store/snapshot-reader.js';
import { generateWorkload } from '../bench/workload.js';
import { freshPgDb, freshPgliteDb, pgAvailable } from '../helpers/database.js';
import { gql } from '../helpers/graphql.js';
import { COMMIT, CREATE_ORGANIZATION, doc } from '../helpers/model-app.js';
import { deleteRedisPrefix, redisTestPrefix, redisUrl } from '../helpers/redis.js';

// 10,000 generated requests decided through the cached service (GraphQL authorizeBatch: LRU,
// Redis when available, compiled sides, content-keyed compiled policies) must equal the decisions
// computed fresh: snapshots read from the store, assembled and compiled anew for every request.
// Asked twice more, the warm replica answers all of them from its decision memo the second time, still equal. A second
// replica with one-entry snapshot caches answers from Redis' serialized snapshots and rebuilds its
// compiled sides constantly (from the content-keyed compiled policies); it must agree too.
const w = generateWorkload({ seed: 11, accounts: 4, roles: 60, requests: 10_000 });
const ORG = { id: 'equiv', name: 'Equivalence', awsOrgId: 'o-equiv00001', managementAccountId: '999999999999', rootId: 'r-root' };
const OU = 'ou-root-prod0001';
const BOUNDARY = 'arn:aws:iam::aws:policy/EquivBoundary';
const TRUST = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
const NOW = new Date('2026-06-15T12:00:00Z');
const roleArn = (i: number) => `arn:aws:iam::${w.roles[i]!.account}:role/${w.roles[i]!.name}`;

const CHANGES = [
  { putOrgPolicy: { id: 'p-full', name: 'Full', type: 'SCP', document: w.scpLevels[0]!.policies[0] } },
  { putOrgPolicy: { id: 'p-prod', name: 'Prod', type: 'SCP', document: w.scpLevels[1]!.policies[0] } },
  { putOrgPolicy: { id: 'p-rcp', name: 'RedOnlyWrites', type: 'RCP', document: doc({
    Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'red' } },
  }) } },
  { putRoot: { id: ORG.rootId, scpEnabled: true, rcpEnabled: true, scps: ['p-full'] } },
  { putOu: { id: OU, name: 'prod', parentId: ORG.rootId, scps: ['p-full', 'p-prod'] } },
  { putAccount: { id: ORG.managementAccountId, name: 'mgmt', parentId: ORG.rootId, scps: ['p-full'] } },
  ...w.accounts.map((id, i) => ({ putAccount: { id, name: `a${i}`, parentId: i < 2 ? OU : ORG.rootId, scps: ['p-full'], rcps: i === 0 ? ['p-rcp'] : [] } })),
  { putPolicy: { arn: BOUNDARY, accountId: 'aws', document: w.roles.find((r) => r.boundary)!.boundary } },
  ...w.roles.map((r, i) => ({ putRole: {
    arn: roleArn(i), trustPolicy: TRUST, tags: { team: i % 2 ? 'red' : 'blue' },
    inlinePolicies: r.identity.map((document, n) => ({ name: `p${n}`, document })), ...(r.boundary && { permissionsBoundary: BOUNDARY }),
  } })),
  ...w.buckets.map((b) => ({ putResource: { arn: `arn:aws:s3:::${b.name}`, accountId: b.account, policy: b.policy } })),
];

type Request = { principal: string; action: string; resource: string; context: Record<string, string> };
/** Fewer distinct S3 objects (40 buckets, 2 names per prefix), so that the reference's store reads stay few. */
const fewerObjects = (resource: string, i: number) =>
  resource.replace(/^arn:aws:s3:::bucket-(\d+)\/(\w+)\/f\d+\.csv$/, (_, n: string, dir: string) => `arn:aws:s3:::bucket-${Number(n) % 40}/${dir}/f${i % 2}.csv`);
/** Mostly role sessions; some roles themselves, anonymous callers and roles as resources (trust policies). */
const REQUESTS: Request[] = w.requests.map((q, i) => ({
  principal: i % 97 === 0 ? '*' : i % 50 === 0 ? roleArn(q.role) : `arn:aws:sts::${w.roles[q.role]!.account}:assumed-role/${w.roles[q.role]!.name}/s${i % 3}`,
  action: i % 41 === 0 ? 'sts:AssumeRole' : q.action,
  resource: i % 41 === 0 ? roleArn((q.role + 1) % w.roles.length) : fewerObjects(q.resource, i),
  context: q.context,
}));

type Outcome = Pick<AuthorizationResult, 'decision' | 'blockedBy' | 'decisiveStatements'>;
const BATCH = /* GraphQL */ `
  query($requests: [StoredAuthorizationRequestInput!]!) {
    authorizeBatch(org: "equiv", version: 1, requests: $requests) {
      index error { code } result { decision blockedBy decisiveStatements { layer policyId policyIndex target statementIndex sid effect } }
    }
  }
`;
/** GraphQL's nulls for absent optional fields, dropped to compare with the core's objects. */
const withoutNulls = (s: Record<string, unknown>) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== null)) as unknown as StatementRef;

describe('cached decisions equal fresh ones on a generated organization', () => {
  const url = redisUrl();
  const prefix = redisTestPrefix('equivalence');
  let db: Db;
  let warm: App;
  let cold: App;
  let fresh: Outcome[];

  /** Parsed documents by their text (parsing is not what is under test; compiling is). */
  const parsed = new Map<string, PolicyDocument>();
  function parsedOnce(json: unknown): PolicyDocument {
    const text = JSON.stringify(json);
    const hit = parsed.get(text);
    if (hit) return hit;
    const result = parsePolicy(json);
    if (!result.ok) throw new Error(`stored policy ${text} does not parse`);
    parsed.set(text, result.value);
    return result.value;
  }

  /**
   * The reference: store snapshots (each read once: the store is not what is under test),
   * `assemble`, a fresh `compilePolicySet` and `decide` for every request.
   */
  async function decideFresh(reader: SnapshotSource, input: Request): Promise<Outcome> {
    const request: AuthorizationRequest = toAuthorizationRequest(input);
    const principal = describePrincipal(request.principal)!;
    const p = ['anonymous', 'service', 'web-identity'].includes(principal.kind) ? null : await reader.principalSnapshot(ORG.id, 1, principal.id);
    let r = await reader.resourceSnapshot(ORG.id, 1, request.resource);
    if (r.accountId === null && principal.account) r = await reader.resourceSnapshot(ORG.id, 1, request.resource, principal.account);
    const parse = (id: string, json: unknown) => ({ id, document: parsedOnce(json) });
    const assembled = assemble({ request, principal: p, resource: r, parse });
    const resourceAccount = r.accountId ?? undefined;
    const withContext = { ...request, ...(resourceAccount && { resourceAccount }), context: { ...assembled.context, ...request.context } };
    const { decision, blockedBy, decisiveStatements } = decide(withContext, compilePolicySet(assembled.policies), { now: NOW });
    return { decision, blockedBy, decisiveStatements };
  }

  async function decideThrough(app: App, count = REQUESTS.length): Promise<Outcome[]> {
    const out: Outcome[] = [];
    for (let i = 0; i < count; i += 1000) {
      const res = await gql<{ authorizeBatch: { error: unknown; result: Outcome | null }[] }>(app.url, BATCH, { requests: REQUESTS.slice(i, Math.min(count, i + 1000)) });
      expect(res.errors).toBeUndefined();
      for (const item of res.data!.authorizeBatch) {
        expect(item.error).toBeNull();
        const { decision, blockedBy, decisiveStatements } = item.result!;
        out.push({ decision, blockedBy, decisiveStatements: decisiveStatements.map((s) => withoutNulls(s as unknown as Record<string, unknown>)) });
      }
    }
    return out;
  }

  beforeAll(async () => {
    db = pgAvailable() ? await freshPgDb() : await freshPgliteDb();
    const config = (overrides: Partial<Config>) => loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: 'memory://', DEMO_SEED: 'false', AUTH_MODE: 'off' }, {
      cacheKeyPrefix: prefix, ...(url && { redisUrl: url }), ...overrides,
    });
    const logger = pino({ level: 'silent' });
    warm = await createApp(config({}), { db, logger });
    cold = await createApp(config({ cachePrincipals: 1, cacheResources: 1 }), { db, logger });
    expect((await gql(warm.url, CREATE_ORGANIZATION, { input: ORG })).errors).toBeUndefined();
    expect((await gql(warm.url, COMMIT, { org: ORG.id, base: 0, message: 'workload', changes: CHANGES })).errors).toBeUndefined();
    const store = createSnapshotReader(db);
    const [principals, resources] = [new Map<string, Promise<PrincipalSnapshot>>(), new Map<string, Promise<ResourceSnapshot>>()];
    const once = <T>(memo: Map<string, Promise<T>>, key: string, read: () => Promise<T>) => memo.get(key) ?? memo.set(key, read()).get(key)!;
    const reader: SnapshotSource = {
      principalSnapshot: (org, v, arn) => once(principals, arn, () => store.principalSnapshot(org, v, arn)),
      resourceSnapshot: (org, v, arn, account) => once(resources, `${arn}|${account ?? ''}`, () => store.resourceSnapshot(org, v, arn, account)),
    };
    fresh = [];
    for (const [i, request] of REQUESTS.entries()) {
      fresh.push(await decideFresh(reader, request));
      // Let timers run: a loop that never yields would let the server close idle keep-alive sockets
      // before the HTTP client notices, and the next request would meet ECONNRESET.
      if (i % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  });

  afterAll(async () => {
    await warm?.stop();
    await cold?.stop();
    await db?.close();
    if (url) await deleteRedisPrefix(url, prefix);
  });

  it('covers every decision and every layer', () => {
    expect(new Set(fresh.map((o) => o.decision))).toEqual(new Set(['ALLOW', 'EXPLICIT_DENY', 'IMPLICIT_DENY']));
    expect(new Set(fresh.flatMap((o) => o.blockedBy))).toEqual(new Set(['RCP', 'SCP', 'RESOURCE', 'IDENTITY', 'PERMISSION_BOUNDARY']));
  });

  it(`through the warm replica (in-process caches${url ? ' over Redis' : ''}), mostly from its caches`, async () => {
    expect(await decideThrough(warm)).toEqual(fresh);
    const stats = warm.cacheStats();
    // Every principal read once from below (Redis or Postgres), then from the LRU in later batches.
    expect(stats.principals.misses).toBe(new Set(REQUESTS.map((r) => r.principal).filter((p) => p !== '*')).size);
    expect(stats.principals.hits).toBeGreaterThan(stats.principals.misses);
    expect(stats.principalSides.misses).toBe(stats.principals.misses);
  });

  it('twice more through the warm replica: the second time, every decision from its decision memo', async () => {
    // The memo keeps a decision the second time it is asked for (its doorkeeper): this pass admits them.
    expect(await decideThrough(warm)).toEqual(fresh);
    const before = warm.cacheStats();
    expect(await decideThrough(warm)).toEqual(fresh);
    const after = warm.cacheStats();
    expect(after.decisions.hits - before.decisions.hits).toBe(REQUESTS.length);
    expect(after.decisions.misses).toBe(before.decisions.misses);
    expect(after.principals.hits + after.principals.misses).toBe(before.principals.hits + before.principals.misses);
  });

  // Without Redis every one of its snapshots comes from the database: fewer requests keep the file fast.
  const coldCount = url ? 3_000 : 1_000;
  it(`through a replica with one-entry snapshot caches (${url ? 'snapshots decoded from Redis' : 'no Redis: snapshots re-read'}), ${coldCount} requests`, async () => {
    expect(await decideThrough(cold, coldCount)).toEqual(fresh.slice(0, coldCount));
    if (url) expect(cold.cacheStats().redis?.principals.hits).toBeGreaterThan(0);
  });
});
