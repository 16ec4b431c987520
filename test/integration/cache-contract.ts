import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelStore, SnapshotSource } from '../../src/model/ports.js';
import type { EntityBodies, EntityKind } from '../../src/model/types.js';
import type { Db } from '../../src/store/db.js';
import { NotFoundError } from '../../src/store/errors.js';
import { createModelStore } from '../../src/store/model-store.js';
import { createSnapshotReader } from '../../src/store/snapshot-reader.js';
import { freshPgDb, freshPgliteDb, pgAvailable } from '../helpers/database.js';

// The cache contract (STYLE.md #13): a cached SnapshotSource answers exactly as the store does,
// serves repeated reads without the store, keeps versions apart and never remembers a failure.
// Run on the in-process LRU, on Redis and on the stack app.ts builds.

const ROOT = 'r-ca12';
const [MGMT, MEMBER] = ['111111111111', '222222222222'];
const OU = 'ou-ca12-aaaaaaaa';
const ALICE = `arn:aws:iam::${MEMBER}:user/alice`;
const DEPLOYER = `arn:aws:iam::${MEMBER}:role/deployer`;
const DEVS = `arn:aws:iam::${MEMBER}:group/devs`;
const MANAGED = `arn:aws:iam::${MEMBER}:policy/Managed`;
const BUCKET = 'arn:aws:s3:::cache-bucket';
const doc = (sid: string) => ({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: '*', Resource: '*' }] });

type Write = { kind: EntityKind; key: string; body: unknown };
const put = <K extends EntityKind>(kind: K, key: string, body: EntityBodies[K]): Write => ({ kind, key, body });
const holder = (arn: string, name: string, managedPolicies: string[]) => ({ arn, accountId: MEMBER, name, path: '/', inlinePolicies: [], managedPolicies });
const alice = (sid: string) => put('user', ALICE, { ...holder(ALICE, 'alice', [MANAGED]), tags: { sid }, groups: [DEVS], permissionsBoundary: null });

const MODEL: Write[] = [
  put('root', ROOT, { id: ROOT, scpEnabled: true, rcpEnabled: true, scps: ['p-full'], rcps: ['p-rcp'] }),
  put('ou', OU, { id: OU, name: 'OU', parentId: ROOT, scps: ['p-full'], rcps: [] }),
  put('account', MGMT, { id: MGMT, name: 'mgmt', parentId: ROOT, tags: {}, scps: ['p-full'], rcps: [] }),
  put('account', MEMBER, { id: MEMBER, name: 'member', parentId: OU, tags: { env: 'prod' }, scps: ['p-full'], rcps: ['p-rcp'] }),
  put('orgPolicy', 'p-full', { id: 'p-full', name: 'full', type: 'SCP', document: doc('Full') }),
  put('orgPolicy', 'p-rcp', { id: 'p-rcp', name: 'rcp', type: 'RCP', document: doc('Rcp') }),
  put('policy', MANAGED, { arn: MANAGED, name: 'Managed', path: '/', accountId: MEMBER, document: doc('Managed') }),
  put('group', DEVS, holder(DEVS, 'devs', [MANAGED])),
  alice('v1'),
  put('role', DEPLOYER, {
    ...holder(DEPLOYER, 'deployer', []), tags: {}, permissionsBoundary: MANAGED, serviceLinked: false,
    trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' }] },
  }),
  put('resource', BUCKET, { arn: BUCKET, accountId: MEMBER, policy: doc('Bucket'), tags: { data: 'yes' } }),
];

const PRINCIPALS = [ALICE, `arn:aws:sts::${MEMBER}:assumed-role/deployer/s1`, `arn:aws:iam::${MEMBER}:user/nobody`, MEMBER, `arn:aws:iam::${MGMT}:root`];
const RESOURCES: [string, string | undefined][] = [[`${BUCKET}/a/b.csv`, undefined], [BUCKET, MEMBER], [DEPLOYER, undefined], ['*', undefined], ['*', MGMT]];

/** A cache under test over the store's SnapshotSource. */
export interface CacheUnderTest {
  readonly source: SnapshotSource;
  /** Hits so far, from the cache's own stats. */
  hits(): number;
  close(): Promise<void>;
}

/** A SnapshotSource counting the reads that reach it. */
function counted(inner: SnapshotSource): SnapshotSource & { reads(): number } {
  let reads = 0;
  return {
    principalSnapshot: (...args) => (reads++, inner.principalSnapshot(...args)),
    resourceSnapshot: (...args) => (reads++, inner.resourceSnapshot(...args)),
    reads: () => reads,
  };
}

/** Runs the contract on the cache `make` builds over the store (a fresh database per suite). */
export function defineCacheContract(name: string, make: (store: SnapshotSource) => Promise<CacheUnderTest>): void {
  describe(`cache contract: ${name}`, () => {
    let db: Db;
    let model: ModelStore;
    let reader: SnapshotSource;
    let store: ReturnType<typeof counted>;
    let cache: CacheUnderTest;
    const org = 'cache';

    const commit = (baseVersion: number, writes: Write[]) =>
      model.commit(org, { baseVersion, message: 'change', author: 'test', writes, changes: [], findings: [] });

    beforeAll(async () => {
      db = pgAvailable() ? await freshPgDb() : await freshPgliteDb();
      model = createModelStore(db);
      reader = createSnapshotReader(db);
      store = counted(reader);
      cache = await make(store);
      await model.createOrganization({ id: org, name: 'Cache', awsOrgId: 'o-cache00001', managementAccountId: MGMT, rootId: ROOT, author: 'test' });
      await commit(0, MODEL);
      await commit(1, [alice('v2')]);
    });
    afterAll(async () => {
      await cache?.close();
      await db?.close();
    });

    it('returns the same snapshots as the store, first and repeated reads alike', async () => {
      for (const version of [1, 2]) {
        for (const arn of PRINCIPALS) {
          const want = await reader.principalSnapshot(org, version, arn);
          expect(await cache.source.principalSnapshot(org, version, arn), arn).toEqual(want);
          expect(await cache.source.principalSnapshot(org, version, arn), arn).toEqual(want);
        }
        for (const [arn, account] of RESOURCES) {
          const want = await reader.resourceSnapshot(org, version, arn, account);
          expect(await cache.source.resourceSnapshot(org, version, arn, account), arn).toEqual(want);
          expect(await cache.source.resourceSnapshot(org, version, arn, account), arn).toEqual(want);
        }
      }
    });

    it('serves a repeated read without the store, and counts it as a hit', async () => {
      const reads: (() => Promise<unknown>)[] = [
        () => cache.source.principalSnapshot(org, 1, DEPLOYER),
        () => cache.source.resourceSnapshot(org, 1, `${BUCKET}/a/b.csv`),
      ];
      for (const read of reads) {
        await read();
        const [before, hits] = [store.reads(), cache.hits()];
        await read();
        expect(store.reads()).toBe(before);
        expect(cache.hits()).toBe(hits + 1);
      }
    });

    it('keeps versions apart: a new version never changes what an old one answers', async () => {
      expect((await cache.source.principalSnapshot(org, 1, ALICE)).user?.tags).toEqual({ sid: 'v1' });
      expect((await cache.source.principalSnapshot(org, 2, ALICE)).user?.tags).toEqual({ sid: 'v2' });
      expect((await cache.source.principalSnapshot(org, 1, ALICE)).user?.tags).toEqual({ sid: 'v1' });
    });

    it('does not remember that a version did not exist yet', async () => {
      await expect(cache.source.principalSnapshot(org, 3, ALICE)).rejects.toBeInstanceOf(NotFoundError);
      await expect(cache.source.resourceSnapshot(org, 3, BUCKET)).rejects.toBeInstanceOf(NotFoundError);
      await commit(2, [alice('v3')]);
      expect((await cache.source.principalSnapshot(org, 3, ALICE)).user?.tags).toEqual({ sid: 'v3' });
      expect((await cache.source.resourceSnapshot(org, 3, BUCKET)).resource?.arn).toBe(BUCKET);
    });

    it('keeps organizations apart', async () => {
      await expect(cache.source.principalSnapshot('other-org', 1, ALICE)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
}
