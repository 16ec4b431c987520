import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp, type App } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createPgDb } from '../../src/store/pg-db.js';
import type { Db } from '../../src/store/db.js';
import { freshPgDatabase, pgAvailable } from '../helpers/database.js';
import { gql } from '../helpers/graphql.js';
import { COMMIT, CREATE_ORGANIZATION, doc } from '../helpers/model-app.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

// Issue 6, point 7: Postgres stopped mid-run. Decisions for versions already loaded keep being
// answered from the caches; what needs the database fails with a typed UNAVAILABLE (never a 500);
// /readyz turns false while /healthz stays true; everything recovers when Postgres returns.
// Postgres is "stopped" by cutting a TCP proxy in front of it, so other test files keep theirs.
const ORG = { id: 'outage', name: 'Outage', awsOrgId: 'o-outage00001', managementAccountId: '999999999999', rootId: 'r-outg' };
const ACCOUNT = '111111111111';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const BOB = `arn:aws:iam::${ACCOUNT}:user/bob`;
const AUTHORIZE = 'query($request: StoredAuthorizationRequestInput!, $version: Int) { authorize(org: "outage", version: $version, request: $request) { decision version } }';
const read = (principal: string) => ({ principal, action: 's3:GetObject', resource: 'arn:aws:s3:::reports/q1.csv' });
const reads = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' });

/** Polls `check` every 100 ms until it holds or `ms` pass. */
async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return check();
}

describe.runIf(pgAvailable())('Postgres going away and coming back', () => {
  let proxy: TcpProxy;
  let database: Awaited<ReturnType<typeof freshPgDatabase>>;
  let db: Db;
  let app: App;
  const route = (path: string) => new URL(path, app.url);
  const status = async (path: string) => (await fetch(route(path))).status;

  beforeAll(async () => {
    const real = new URL(inject('databaseUrl')!);
    proxy = await startTcpProxy(real.hostname, Number(real.port || 5432));
    database = await freshPgDatabase({ host: '127.0.0.1', port: proxy.port });
    db = createPgDb(database.url, { max: 4, connectionTimeoutMillis: 1_000 });
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: 'memory://', DEMO_SEED: 'false', AUTH_MODE: 'off' });
    app = await createApp(config, { db });
    expect((await gql(app.url, CREATE_ORGANIZATION, { input: ORG })).errors).toBeUndefined();
    const changes = [
      { putAccount: { id: ACCOUNT, name: 'dev', parentId: ORG.rootId } },
      { putUser: { arn: ALICE, inlinePolicies: [{ name: 'reads', document: reads }] } },
      { putUser: { arn: BOB, inlinePolicies: [{ name: 'reads', document: reads }] } },
    ];
    expect((await gql(app.url, COMMIT, { org: ORG.id, base: 0, message: 'v1', changes })).errors).toBeUndefined();
  });

  afterAll(async () => {
    await proxy?.restore();
    await app?.stop();
    await db?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('keeps answering for loaded versions, fails the rest with UNAVAILABLE, and recovers', async () => {
    const warm = await gql<{ authorize: { decision: string; version: number } }>(app.url, AUTHORIZE, { request: read(ALICE), version: 1 });
    expect(warm.data?.authorize).toEqual({ decision: 'ALLOW', version: 1 });
    expect(await status('/readyz')).toBe(200);

    await proxy.cut();
    for (let i = 0; i < 20; i++) {
      const res = await gql<{ authorize: { decision: string } }>(app.url, AUTHORIZE, { request: read(ALICE), version: 1 });
      expect(res.data?.authorize.decision, JSON.stringify(res.errors)).toBe('ALLOW');
    }
    const cold = await gql(app.url, AUTHORIZE, { request: read(BOB), version: 1 });
    expect(cold.status).toBeLessThan(500);
    expect(cold.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    const commit = await gql(app.url, COMMIT, { org: ORG.id, base: 1, message: 'v2', changes: [{ putUser: { arn: `arn:aws:iam::${ACCOUNT}:user/carol` } }] });
    expect(commit.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    expect(await within(10_000, async () => (await status('/readyz')) === 503)).toBe(true);
    expect(await status('/healthz')).toBe(200);

    await proxy.restore();
    expect(await within(15_000, async () => (await status('/readyz')) === 200)).toBe(true);
    const bob = await gql<{ authorize: { decision: string } }>(app.url, AUTHORIZE, { request: read(BOB), version: 1 });
    expect(bob.data?.authorize.decision, JSON.stringify(bob.errors)).toBe('ALLOW');
    const again = await gql<{ commit: { version: number } }>(app.url, COMMIT, { org: ORG.id, base: 1, message: 'v2', changes: [{ putUser: { arn: `arn:aws:iam::${ACCOUNT}:user/carol` } }] });
    expect(again.data?.commit.version, JSON.stringify(again.errors)).toBe(2);
  });
});
