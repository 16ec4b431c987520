import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelStore, SnapshotSource } from '../../src/model/ports.js';
import type { EntityBodies, EntityKind } from '../../src/model/types.js';
import { countingDb, type CountingDb } from '../../src/store/counting-db.js';
import type { Db } from '../../src/store/db.js';
import { ConflictError, NotFoundError } from '../../src/store/errors.js';
import { migrate, pendingMigrations } from '../../src/store/migrate.js';
import { createModelStore } from '../../src/store/model-store.js';
import { createSnapshotReader } from '../../src/store/snapshot-reader.js';

// One organization of the AWS docs' shape: root → ou-a → ou-b → member account; the management
// account sits under the root. Every test makes its own organization id on one shared database.
const AWS_ORG = 'o-abcdefghij';
const ROOT = 'r-ab12';
const MGMT = '111111111111';
const MEMBER = '222222222222';
const OU_A = 'ou-ab12-aaaaaaaa';
const OU_B = 'ou-ab12-bbbbbbbb';
const iam = (resource: string, account = MEMBER) => `arn:aws:iam::${account}:${resource}`;
const ALICE = iam('user/eng/alice');
const DEVS = iam('group/devs');
const DEPLOYER = iam('role/service/deployer');
const BUCKET = 'arn:aws:s3:::bucket-a';
const P = {
  user: iam('policy/UserPolicy'), group: iam('policy/GroupPolicy'), boundary: iam('policy/Boundary'),
  role: iam('policy/RolePolicy'), readOnly: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
};
const doc = (sid: string) => ({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: '*', Resource: '*' }] });

type Write = { kind: EntityKind; key: string; body: unknown };
const put = <K extends EntityKind>(kind: K, key: string, body: EntityBodies[K]): Write => ({ kind, key, body });
const del = (kind: EntityKind, key: string): Write => ({ kind, key, body: null });
const holder = (arn: string, name: string, path: string, managedPolicies: string[]) =>
  ({ arn, accountId: MEMBER, name, path, inlinePolicies: [], managedPolicies });
const policy = (arn: string, name: string) => put('policy', arn, { arn, name, path: '/', accountId: arn.split(':')[4] ?? '', document: doc(name) });
const orgPolicy = (id: string, type: 'SCP' | 'RCP') => put('orgPolicy', id, { id, name: id, type, document: doc(id) });
const root = (enabled: boolean) => put('root', ROOT, { id: ROOT, scpEnabled: enabled, rcpEnabled: enabled, scps: ['p-full'], rcps: ['p-rcp-full'] });

const MODEL: Write[] = [
  root(false),
  put('ou', OU_A, { id: OU_A, name: 'A', parentId: ROOT, scps: ['p-ou-a'], rcps: [] }),
  put('ou', OU_B, { id: OU_B, name: 'B', parentId: OU_A, scps: ['p-ou-b'], rcps: [] }),
  put('account', MGMT, { id: MGMT, name: 'mgmt', parentId: ROOT, tags: {}, scps: ['p-full'], rcps: [] }),
  put('account', MEMBER, { id: MEMBER, name: 'member', parentId: OU_B, tags: { env: 'prod' }, scps: ['p-acct', 'p-full'], rcps: ['p-rcp-acct'] }),
  ...['p-full', 'p-ou-a', 'p-ou-b', 'p-acct'].map((id) => orgPolicy(id, 'SCP')),
  ...['p-rcp-full', 'p-rcp-acct'].map((id) => orgPolicy(id, 'RCP')),
  policy(P.user, 'UserPolicy'), policy(P.group, 'GroupPolicy'), policy(P.boundary, 'Boundary'),
  policy(P.role, 'RolePolicy'), policy(P.readOnly, 'ReadOnlyAccess'),
  put('group', DEVS, holder(DEVS, 'devs', '/', [P.group, P.readOnly])),
  put('user', ALICE, { ...holder(ALICE, 'alice', '/eng/', [P.user]), tags: {}, groups: [DEVS], permissionsBoundary: P.boundary }),
  put('role', DEPLOYER, {
    ...holder(DEPLOYER, 'deployer', '/service/', [P.role]), tags: {}, permissionsBoundary: null, serviceLinked: false,
    trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' }] },
  }),
  put('resource', BUCKET, { arn: BUCKET, accountId: MEMBER, policy: doc('Bucket'), tags: {} }),
];

let orgCounter = 0;

/** The store contract (STYLE.md #13): every ModelStore/SnapshotSource behaviour, run on each Db. */
export function defineStoreContract(name: string, makeDb: () => Promise<Db>): void {
  describe(`store contract: ${name}`, () => {
    let db: CountingDb;
    let store: ModelStore;
    let reader: SnapshotSource;

    beforeAll(async () => {
      db = countingDb(await makeDb());
      store = createModelStore(db);
      reader = createSnapshotReader(db);
    });
    afterAll(async () => db?.close());

    const newOrg = async () => {
      const id = `org-${name}-${process.pid}-${orgCounter++}`;
      await store.createOrganization({ id, name: `Org ${id}`, awsOrgId: AWS_ORG, managementAccountId: MGMT, rootId: ROOT, author: 'test' });
      return id;
    };
    const commit = (org: string, baseVersion: number, writes: Write[], message = 'change') =>
      store.commit(org, { baseVersion, message, author: 'tester', writes, changes: writes.map((w) => ({ op: 'x', key: w.key })), findings: [] });
    /** An org at v1 (the model, policy types disabled) and v2 (SCPs and RCPs enabled at the root). */
    const modelOrg = async () => {
      const org = await newOrg();
      await commit(org, 0, MODEL);
      await commit(org, 1, [root(true)]);
      return org;
    };
    const keysAt = async (org: string, v: number, kind: EntityKind) =>
      (await store.listEntities(org, v, kind, { first: 500 })).items.map((i) => i.key);

    it('migrations are applied and re-running them is a no-op', async () => {
      expect(await pendingMigrations(db)).toEqual([]);
      expect(await migrate(db)).toEqual([]);
    });

    it('creates an organization at version 0 with its root', async () => {
      const org = await newOrg();
      const got = await store.getOrganization(org);
      expect(got).toMatchObject({ id: org, awsOrgId: AWS_ORG, managementAccountId: MGMT, latestVersion: 0 });
      expect(new Date(got.createdAt).toISOString()).toBe(got.createdAt);
      expect(await store.getVersion(org, 0)).toMatchObject({ orgId: org, version: 0, parent: null, author: 'test', changeCount: 0 });
      const [rootEntity] = await store.getEntities(org, 0, [{ kind: 'root', key: ROOT }]);
      expect(rootEntity?.body).toEqual({ id: ROOT, scpEnabled: false, rcpEnabled: false, scps: [], rcps: [] });
      expect((await store.listOrganizations()).map((o) => o.id)).toContain(org);
    });

    it('rejects a duplicate organization id with ConflictError', async () => {
      const org = await newOrg();
      await expect(store.createOrganization({ id: org, name: 'again', awsOrgId: AWS_ORG, managementAccountId: MGMT, rootId: ROOT, author: 'x' }))
        .rejects.toBeInstanceOf(ConflictError);
    });

    it('commits version 1 with its writes, changes and findings', async () => {
      const org = await newOrg();
      const result = await store.commit(org, {
        baseVersion: 0, message: 'first', author: 'alice', writes: [policy(P.user, 'UserPolicy')],
        changes: [{ op: 'put' }], findings: [{ code: 'F1' }],
      });
      expect(result).toEqual({ version: 1 });
      expect((await store.getOrganization(org)).latestVersion).toBe(1);
      expect(await store.getVersion(org, 1)).toMatchObject({ version: 1, parent: 0, message: 'first', author: 'alice', changeCount: 1 });
      expect(await store.getVersionDetails(org, 1)).toEqual({ changes: [{ op: 'put' }], findings: [{ code: 'F1' }] });
      expect(await keysAt(org, 1, 'policy')).toEqual([P.user]);
      expect(await keysAt(org, 0, 'policy')).toEqual([]);
      expect((await store.listVersions(org, { first: 10 })).map((v) => v.version)).toEqual([1, 0]);
      expect((await store.listVersions(org, { after: 1, first: 10 })).map((v) => v.version)).toEqual([0]);
    });

    it('rejects a stale base with ConflictError and writes nothing', async () => {
      const org = await newOrg();
      await commit(org, 0, [policy(P.user, 'UserPolicy')]);
      await expect(commit(org, 0, [policy(P.group, 'GroupPolicy')])).rejects.toBeInstanceOf(ConflictError);
      expect((await store.getOrganization(org)).latestVersion).toBe(1);
      expect(await keysAt(org, 1, 'policy')).toEqual([P.user]);
      await expect(store.getVersion(org, 2)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('reads at every version see exactly that version (put, replace, delete)', async () => {
      const org = await newOrg();
      const a = (sid: string) => ({ ...policy(P.user, 'UserPolicy'), body: { arn: P.user, name: sid, path: '/', accountId: MEMBER, document: doc(sid) } });
      await commit(org, 0, [a('v1'), policy(P.group, 'GroupPolicy')]);
      await commit(org, 1, [a('v2'), del('policy', P.group), policy(P.role, 'RolePolicy')]);
      await commit(org, 2, [del('policy', P.user), policy(P.group, 'GroupPolicy')]);
      await commit(org, 3, [del('policy', 'arn:never:existed')]);
      const refs = [P.user, P.group, P.role].map((key) => ({ kind: 'policy' as const, key }));
      const names = async (v: number) => (await store.getEntities(org, v, refs)).map((e) => (e ? (e.body as { name: string }).name : null));
      expect(await names(0)).toEqual([null, null, null]);
      expect(await names(1)).toEqual(['v1', 'GroupPolicy', null]);
      expect(await names(2)).toEqual(['v2', null, 'RolePolicy']);
      expect(await names(3)).toEqual([null, 'GroupPolicy', 'RolePolicy']);
      expect(await names(4)).toEqual([null, 'GroupPolicy', 'RolePolicy']);
      expect(await keysAt(org, 2, 'policy')).toEqual([P.role, P.user].sort());
      expect(await keysAt(org, 3, 'policy')).toEqual([P.group, P.role]);
    });

    it('paginates entities by key, with a literal key prefix', async () => {
      const org = await newOrg();
      const keys = ['a/1', 'a/2', 'a/3', 'a_x', 'ab', 'b/1', 'b%2'];
      await commit(org, 0, keys.map((k) => put('resource', k, { arn: k, accountId: MEMBER, policy: null, tags: {} })));
      const page1 = await store.listEntities(org, 1, 'resource', { first: 3 });
      expect(page1.items.map((i) => i.key)).toEqual(['a/1', 'a/2', 'a/3']);
      expect(page1.hasNextPage).toBe(true);
      const page3 = await store.listEntities(org, 1, 'resource', { first: 3, after: 'ab' });
      expect(page3).toMatchObject({ items: [{ key: 'b%2' }, { key: 'b/1' }], hasNextPage: false });
      expect(page3.items[1]?.body).toEqual({ arn: 'b/1', accountId: MEMBER, policy: null, tags: {} });
      const prefixed = await store.listEntities(org, 1, 'resource', { first: 2, prefix: 'a/' });
      expect(prefixed).toMatchObject({ items: [{ key: 'a/1' }, { key: 'a/2' }], hasNextPage: true });
      const rest = await store.listEntities(org, 1, 'resource', { first: 2, prefix: 'a/', after: 'a/2' });
      expect(rest).toMatchObject({ items: [{ key: 'a/3' }], hasNextPage: false });
      expect((await store.listEntities(org, 1, 'resource', { first: 5, prefix: 'a_' })).items.map((i) => i.key)).toEqual(['a_x']);
      expect((await store.listEntities(org, 1, 'resource', { first: 5, prefix: 'b%' })).items.map((i) => i.key)).toEqual(['b%2']);
      expect(await store.listEntities(org, 1, 'resource', { first: 0 })).toEqual({ items: [], hasNextPage: true });
    });

    it('returns getEntities in the order asked, with null where absent, in one query', async () => {
      const org = await modelOrg();
      db.resetCount();
      const got = await store.getEntities(org, 2, [
        { kind: 'user', key: ALICE }, { kind: 'role', key: ALICE }, { kind: 'account', key: MEMBER }, { kind: 'user', key: ALICE },
      ]);
      expect(db.queryCount()).toBe(1);
      expect(got.map((e) => e && `${e.kind}:${e.key}`)).toEqual([`user:${ALICE}`, null, `account:${MEMBER}`, `user:${ALICE}`]);
    });

    it('finds the entities that may refer to keys, at the version asked', async () => {
      const org = await modelOrg();
      const at = async (v: number, keys: string[]) => (await store.getReferrers(org, v, keys)).map((e) => `${e.kind}:${e.key}`).sort();
      expect(await at(2, [P.group])).toEqual([`group:${DEVS}`]);
      expect(await at(2, [P.boundary, DEVS])).toEqual([`user:${ALICE}`]);
      expect(await at(2, [OU_A])).toEqual([`ou:${OU_B}`]);
      expect(await at(2, ['p-full'])).toEqual([`account:${MGMT}`, `account:${MEMBER}`, `root:${ROOT}`].sort());
      expect(await at(2, ['p-rcp-acct', P.role])).toEqual([`account:${MEMBER}`, `role:${DEPLOYER}`].sort());
      expect(await at(2, [BUCKET, 'nothing'])).toEqual([]);
      expect(await store.getReferrers(org, 2, [])).toEqual([]);
      await commit(org, 2, [del('user', ALICE)]);
      expect(await at(3, [DEVS])).toEqual([]);
      expect(await at(2, [DEVS])).toEqual([`user:${ALICE}`]);
    });

    it('snapshots a user: groups, managed policies (own, via groups, boundary), account, placement, SCP chain', async () => {
      const org = await modelOrg();
      db.resetCount();
      const snap = await reader.principalSnapshot(org, 2, ALICE);
      expect(db.queryCount()).toBeLessThanOrEqual(6);
      expect(snap.user?.arn).toBe(ALICE);
      expect(snap.role).toBeNull();
      expect(snap.groups.map((g) => g.arn)).toEqual([DEVS]);
      expect(snap.managedPolicies.map((p) => p.arn).sort()).toEqual([P.user, P.group, P.readOnly, P.boundary].sort());
      expect(snap.account?.id).toBe(MEMBER);
      expect(snap.placement).toEqual({ awsOrgId: AWS_ORG, orgPath: `${AWS_ORG}/${ROOT}/${OU_A}/${OU_B}/`, isManagementAccount: false });
      expect(snap.scpChain?.map((l) => [l.target, l.policies.map((p) => p.id)])).toEqual([
        [ROOT, ['p-full']], [OU_A, ['p-ou-a']], [OU_B, ['p-ou-b']], [MEMBER, ['p-acct', 'p-full']],
      ]);
    });

    it.each([
      ['a role by ARN', DEPLOYER],
      ['an assumed-role session', `arn:aws:sts::${MEMBER}:assumed-role/deployer/session-1`],
    ])('snapshots %s as the role', async (_, arn) => {
      const org = await modelOrg();
      const snap = await reader.principalSnapshot(org, 2, arn);
      expect(snap.role?.arn).toBe(DEPLOYER);
      expect(snap.user).toBeNull();
      expect(snap.managedPolicies.map((p) => p.arn)).toEqual([P.role]);
      expect(snap.account?.id).toBe(MEMBER);
    });

    it('checks a version once: a second snapshot at it skips the org check, an unknown version stays NotFound', async () => {
      const org = await modelOrg();
      db.resetCount();
      await reader.principalSnapshot(org, 2, ALICE);
      const first = db.queryCount();
      db.resetCount();
      const again = await reader.principalSnapshot(org, 2, ALICE);
      expect(db.queryCount()).toBe(first - 1);
      expect(again.user?.arn).toBe(ALICE);
      await expect(reader.principalSnapshot(org, 9, ALICE)).rejects.toBeInstanceOf(NotFoundError);
      await commit(org, 2, [root(false)]);
      expect((await reader.principalSnapshot(org, 3, ALICE)).scpChain).toBeNull();
      await expect(reader.resourceSnapshot(org, 9, 'arn:aws:s3:::b', MEMBER)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('snapshots a federated user as the IAM user of that name', async () => {
      const org = await modelOrg();
      const snap = await reader.principalSnapshot(org, 2, `arn:aws:sts::${MEMBER}:federated-user/alice`);
      expect(snap.user?.arn).toBe(ALICE);
      expect(snap.groups).toHaveLength(1);
    });

    it.each([[`arn:aws:iam::${MEMBER}:root`], [MEMBER], [iam('user/nobody')]])('snapshots %s with no entity but its account', async (arn) => {
      const org = await modelOrg();
      const snap = await reader.principalSnapshot(org, 2, arn);
      expect(snap).toMatchObject({ user: null, role: null, groups: [], managedPolicies: [] });
      expect(snap.account?.id).toBe(MEMBER);
      expect(snap.scpChain).toHaveLength(4);
    });

    it('has no account, placement or SCP chain for an account outside the organization', async () => {
      const org = await modelOrg();
      const snap = await reader.principalSnapshot(org, 2, 'arn:aws:iam::999999999999:user/x');
      expect(snap).toMatchObject({ user: null, account: null, placement: null, scpChain: null });
    });

    it('has a null SCP chain while SCPs are disabled at the root', async () => {
      const org = await modelOrg();
      const snap = await reader.principalSnapshot(org, 1, ALICE);
      expect(snap.scpChain).toBeNull();
      expect(snap.placement?.orgPath).toBe(`${AWS_ORG}/${ROOT}/${OU_A}/${OU_B}/`);
    });

    it('flags the management account, directly under the root', async () => {
      const org = await modelOrg();
      const snap = await reader.principalSnapshot(org, 2, `arn:aws:iam::${MGMT}:root`);
      expect(snap.placement).toEqual({ awsOrgId: AWS_ORG, orgPath: `${AWS_ORG}/${ROOT}/`, isManagementAccount: true });
      expect(snap.scpChain?.map((l) => l.target)).toEqual([ROOT, MGMT]);
    });

    it.each([
      ['a bucket', BUCKET, 'resource'],
      ['an S3 object (falls back to its bucket)', `${BUCKET}/some/key.txt`, 'resource'],
      ['a role (its trust policy)', DEPLOYER, 'role'],
    ])('snapshots %s with its account and RCP chain', async (_, arn, found) => {
      const org = await modelOrg();
      db.resetCount();
      const snap = await reader.resourceSnapshot(org, 2, arn);
      expect(db.queryCount()).toBeLessThanOrEqual(4);
      expect(found === 'role' ? snap.role?.arn : snap.resource?.arn).toBe(found === 'role' ? DEPLOYER : BUCKET);
      expect(snap.accountId).toBe(MEMBER);
      expect(snap.placement?.orgPath).toBe(`${AWS_ORG}/${ROOT}/${OU_A}/${OU_B}/`);
      expect(snap.rcpChain?.map((l) => [l.target, l.policies.map((p) => p.id)])).toEqual([
        [ROOT, ['p-rcp-full']], [OU_A, []], [OU_B, []], [MEMBER, ['p-rcp-acct']],
      ]);
    });

    it('takes the resource account from the argument, else the entity, else the ARN', async () => {
      const org = await modelOrg();
      expect(await reader.resourceSnapshot(org, 2, BUCKET, MGMT)).toMatchObject({ accountId: MGMT, placement: { isManagementAccount: true } });
      const queue = await reader.resourceSnapshot(org, 2, `arn:aws:sqs:us-east-1:${MEMBER}:jobs`);
      expect(queue).toMatchObject({ resource: null, role: null, accountId: MEMBER });
      expect(queue.rcpChain).toHaveLength(4);
      expect(await reader.resourceSnapshot(org, 1, BUCKET)).toMatchObject({ rcpChain: null });
      expect(await reader.resourceSnapshot(org, 2, 'arn:aws:s3:::unknown/k')).toMatchObject({ resource: null, accountId: null, rcpChain: null });
    });

    it('throws NotFoundError for an unknown organization or version', async () => {
      const org = await newOrg();
      const cases: (() => Promise<unknown>)[] = [
        () => store.getOrganization('no-such-org'), () => store.getVersion(org, 1), () => store.getVersionDetails(org, 7),
        () => store.listEntities(org, 1, 'user', { first: 1 }), () => store.getEntities('no-such-org', 0, [{ kind: 'root', key: ROOT }]),
        () => store.getEntities(org, 1, [{ kind: 'root', key: ROOT }]), () => commit('no-such-org', 0, []),
        () => reader.principalSnapshot('no-such-org', 0, ALICE), () => reader.principalSnapshot(org, 1, ALICE),
        () => reader.resourceSnapshot(org, -1, BUCKET),
      ];
      for (const run of cases) await expect(run()).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lets exactly one of two concurrent commits on the same base succeed', async () => {
      const org = await newOrg();
      const results = await Promise.allSettled([commit(org, 0, [policy(P.user, 'A')]), commit(org, 0, [policy(P.group, 'B')])]);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toBeInstanceOf(ConflictError);
      expect((await store.getOrganization(org)).latestVersion).toBe(1);
      expect(await keysAt(org, 1, 'policy')).toHaveLength(1);
    });
  });
}
