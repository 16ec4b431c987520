import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import type { Db } from '../../src/store/db.js';
import { freshPgDb, pgAvailable } from '../helpers/database.js';
import { gql } from '../helpers/graphql.js';
import { COMMIT, CREATE_ORGANIZATION, doc } from '../helpers/model-app.js';
import { deleteRedisPrefix, redisTestPrefix, redisUrl, startRedisProxy, type RedisProxy } from '../helpers/redis.js';

// Two replicas (two createApp instances) on one Postgres database and one Redis. Replica B reaches
// Redis through a proxy the test can cut, to see it degrade and recover without touching the real
// server. Its own database, key prefix and channel prefix make the file safe to run in parallel.
const url = redisUrl();
const skip = !url || !pgAvailable();
const ORG = { id: 'twins', name: 'Twins', awsOrgId: 'o-twins00001', managementAccountId: '999999999999', rootId: 'r-twin' };
const ACCOUNT = '111111111111';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;

/** The change of version k: alice may read bucket-k only. */
const aliceReads = (k: number) => ({ putUser: { arn: ALICE, inlinePolicies: [{ name: 'reads', document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${k}/*` }) }] } });
const AUTHORIZE = /* GraphQL */ `
  query($request: StoredAuthorizationRequestInput!, $atLeast: Int) {
    authorize(org: "twins", atLeastVersion: $atLeast, request: $request) { version decision }
  }
`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 10 ms until it holds or `ms` have passed; returns whether it held. */
async function within(ms: number, check: () => Promise<boolean> | boolean): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(10);
  }
}

describe.skipIf(skip)(`two replicas sharing Postgres and Redis${skip ? ' (skipped: requires DATABASE_URL and REDIS_URL)' : ''}`, () => {
  const prefix = redisTestPrefix('replicas');
  const logs: { level: number; msg: string }[] = [];
  let db: Db;
  let proxy: RedisProxy;
  let a: App;
  let b: App;
  let version = 0;

  const config = (redis: string) =>
    loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: 'memory://', DEMO_SEED: 'false', AUTH_MODE: 'off' }, { redisUrl: redis, cacheKeyPrefix: prefix });
  const commitThroughA = async () => {
    const res = await gql<{ commit: { version: number } }>(a.url, COMMIT, { org: ORG.id, base: version, message: `v${version + 1}`, changes: [aliceReads(version + 1)] });
    expect(res.errors).toBeUndefined();
    version = res.data!.commit.version;
    return version;
  };
  /** B's answer for reading bucket-k: ALLOW exactly at version k. */
  const readThroughB = async (k: number, atLeast?: number) => {
    const res = await gql<{ authorize: { version: number; decision: string } }>(b.url, AUTHORIZE, {
      request: { principal: ALICE, action: 's3:GetObject', resource: `arn:aws:s3:::bucket-${k}/x` }, ...(atLeast !== undefined && { atLeast }),
    });
    return res.data?.authorize ?? res.errors?.[0];
  };
  const messages = (pattern: RegExp) => logs.filter((l) => pattern.test(l.msg));

  beforeAll(async () => {
    db = await freshPgDb();
    proxy = await startRedisProxy(url!);
    a = await createApp(config(url!), { db, logger: pino({ level: 'silent' }) });
    b = await createApp(config(proxy.url), { db, logger: pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) }) });
    expect((await gql(a.url, CREATE_ORGANIZATION, { input: ORG })).errors).toBeUndefined();
    const setup = [{ putAccount: { id: ACCOUNT, name: 'dev', parentId: ORG.rootId } }, aliceReads(1)];
    expect((await gql(a.url, COMMIT, { org: ORG.id, base: 0, message: 'v1', changes: setup })).errors).toBeUndefined();
    version = 1;
    const subscribed = await within(5_000, () => a.cacheStats().latestVersions.subscribed && b.cacheStats().latestVersions.subscribed);
    expect(subscribed, 'both replicas subscribe to commits').toBe(true);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await proxy?.close();
    await db?.close();
    if (url) await deleteRedisPrefix(url, prefix);
  });

  it('a commit through A is visible through B at once with atLeastVersion', async () => {
    expect(await readThroughB(1)).toEqual({ version: 1, decision: 'ALLOW' });
    const v2 = await commitThroughA();
    expect(await readThroughB(2, v2)).toEqual({ version: 2, decision: 'ALLOW' });
    expect(await readThroughB(1, 1)).toEqual({ version: 2, decision: 'IMPLICIT_DENY' }); // newer is fine
    expect(await readThroughB(9, 9)).toMatchObject({ message: 'version 9 does not exist yet (latest is 2)', extensions: { code: 'NOT_FOUND' } });
  });

  it('without atLeastVersion, B moves to a commit through A by pub/sub (well before its 30 s fallback re-read)', async () => {
    expect(await readThroughB(2)).toEqual({ version: 2, decision: 'ALLOW' });
    const v3 = await commitThroughA();
    const moved = await within(5_000, async () => ((await readThroughB(3)) as { version?: number }).version === v3);
    expect(moved).toBe(true);
    expect(await readThroughB(3)).toEqual({ version: 3, decision: 'ALLOW' });
  });

  it('with Redis gone, B answers correctly from Postgres, and logs the degradation once', async () => {
    await proxy.cut();
    expect(await within(3_000, () => !b.cacheStats().redis?.available)).toBe(true);
    for (let i = 0; i < 10; i++) expect(await readThroughB(3)).toEqual({ version: 3, decision: 'ALLOW' });
    // A still has Redis, but B cannot hear of A's commits: its local TTL (1 s) applies.
    const v4 = await commitThroughA();
    expect(await within(3_000, async () => ((await readThroughB(4)) as { version?: number }).version === v4)).toBe(true);
    for (let i = 0; i < 10; i++) expect(await readThroughB(4)).toEqual({ version: 4, decision: 'ALLOW' });
    const v5 = await commitThroughA();
    expect(await readThroughB(5, v5)).toEqual({ version: 5, decision: 'ALLOW' });
    expect(messages(/redis unavailable/)).toHaveLength(1);
    expect(b.cacheStats().latestVersions.subscribed).toBe(false);
  });

  it('when Redis is back, B logs the recovery once and follows commits by pub/sub again', async () => {
    await proxy.restore();
    expect(await within(5_000, () => Boolean(b.cacheStats().redis?.available && b.cacheStats().latestVersions.subscribed))).toBe(true);
    expect(messages(/redis available again/)).toHaveLength(1);
    expect(await readThroughB(5)).toEqual({ version: 5, decision: 'ALLOW' }); // re-reads once after re-subscribing
    const v6 = await commitThroughA();
    expect(await within(5_000, async () => ((await readThroughB(6)) as { version?: number }).version === v6)).toBe(true);
    expect(messages(/redis unavailable/)).toHaveLength(1);
  });
});
