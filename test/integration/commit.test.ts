import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, COMMIT, CREATE_ORGANIZATION, doc, startModelApp, type ModelTestApp } from '../helpers/model-app.js';

const ORG = { id: 'acme', name: 'Acme', awsOrgId: 'o-acme000001', managementAccountId: '999999999999', rootId: 'r-acme' };
const DEV = '111111111111';
const OU = 'ou-acme-11111111';
const READ = `arn:aws:iam::${DEV}:policy/ReadReports`;
const ALICE = `arn:aws:iam::${DEV}:user/eng/alice`;
const allowRead = doc({ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' });

const BASE_CHANGES = [
  { putOu: { id: OU, name: 'Workloads', parentId: ORG.rootId } },
  { putAccount: { id: DEV, name: 'dev', parentId: OU, tags: { env: 'dev' } } },
  { putPolicy: { arn: READ, document: allowRead } },
  { putUser: { arn: ALICE, managedPolicies: [READ], tags: { team: 'data' } } },
];

const ORGANIZATION = /* GraphQL */ `
  query($id: String!, $version: Int) {
    organization(id: $id) {
      latestVersion
      model(version: $version) {
        version
        users { edges { node { arn name path tags inlinePolicies { name document } managedPolicyArns } } }
      }
    }
  }
`;

interface ProblemList { problems: Record<string, unknown>[] }

describe.each(backends())('organizations and commits over HTTP (%s)', (backend) => {
  let app: ModelTestApp;
  const latest = async () => (await app.run<{ organization: { latestVersion: number } }>(ORGANIZATION, { id: ORG.id })).organization.latestVersion;
  const commit = (base: number, changes: unknown[], message = 'test') => app.raw<{ commit: { version: number; findings: Record<string, unknown>[] } }>(
    COMMIT, { org: ORG.id, base, message, changes });

  beforeAll(async () => {
    app = await startModelApp(backend);
  });
  afterAll(() => app?.stop());

  it('createOrganization makes version 0 holding only the root', async () => {
    const data = await app.run<{ createOrganization: Record<string, unknown> }>(CREATE_ORGANIZATION, { input: ORG });
    const { rootId: _rootId, ...fields } = ORG;
    expect(data.createOrganization).toMatchObject({ ...fields, latestVersion: 0 });
    const model = await app.run<{ organization: { model: { roots: { edges: { node: { id: string } }[] } } } }>(
      `{ organization(id: "acme") { model { roots { edges { node { id scpEnabled } } } } } }`);
    expect(model.organization.model.roots.edges.map((e) => e.node.id)).toEqual([ORG.rootId]);
    const list = await app.run<{ organizations: { id: string }[] }>('{ organizations { id } }');
    expect(list.organizations.map((o) => o.id)).toContain(ORG.id);
  });

  it('an organization id that is taken → BAD_REQUEST', async () => {
    const res = await app.raw(CREATE_ORGANIZATION, { input: ORG });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('invalid organization fields → BAD_REQUEST listing each', async () => {
    const res = await app.raw(CREATE_ORGANIZATION, { input: { ...ORG, id: 'Bad Id', awsOrgId: 'nope' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    const fields = (res.errors?.[0]?.extensions?.details as ProblemList).problems.map((p) => p['field']);
    expect(fields).toEqual(['input.id', 'input.awsOrgId']);
  });

  it('a valid commit creates version 1 with the caller as author ("local": authentication is off)', async () => {
    const res = await commit(0, BASE_CHANGES, 'initial model');
    expect(res.errors).toBeUndefined();
    expect(res.data?.commit.version).toBe(1);
    const v = await app.run<{ organization: { version: Record<string, unknown> } }>(
      `{ organization(id: "acme") { version(version: 1) { version parent message author changeCount changes } } }`);
    expect(v.organization.version).toMatchObject({ version: 1, parent: 0, message: 'initial model', author: 'local', changeCount: 4 });
    expect((v.organization.version['changes'] as unknown[])[3]).toMatchObject({ op: 'put', kind: 'user', body: { arn: ALICE, name: 'alice', path: '/eng/', accountId: DEV } });
  });

  it('a commit with an invalid policy is rejected whole, naming the change and the JSON path; nothing is stored', async () => {
    const before = await latest();
    const badInline = { name: 'Broken', document: doc({ Effect: 'Maybe', Action: 's3:GetObject', Resource: '*' }) };
    const res = await commit(before, [
      { putPolicy: { arn: `arn:aws:iam::${DEV}:policy/Fine`, document: allowRead } },
      { putUser: { arn: `arn:aws:iam::${DEV}:user/bob`, inlinePolicies: [badInline] } },
    ]);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_POLICY');
    const { problems } = res.errors?.[0]?.extensions?.details as ProblemList;
    expect(problems).toContainEqual(expect.objectContaining({ change: 1, code: 'BAD_POLICY', path: 'Statement[0].Effect', policy: expect.stringContaining('Broken') }));
    expect(problems.every((p) => p['change'] === 1)).toBe(true);
    expect(await latest()).toBe(before);
    const policies = await app.run<{ organization: { model: { policies: { edges: { node: { arn: string } }[] } } } }>(
      `{ organization(id: "acme") { model { policies { edges { node { arn } } } } } }`);
    expect(policies.organization.model.policies.edges.map((e) => e.node.arn)).toEqual([READ]);
  });

  it('a dangling reference → BAD_REQUEST with DANGLING_REFERENCE, nothing stored', async () => {
    const before = await latest();
    const res = await commit(before, [{ putUser: { arn: `arn:aws:iam::${DEV}:user/carol`, managedPolicies: [`arn:aws:iam::${DEV}:policy/Missing`] } }]);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect((res.errors?.[0]?.extensions?.details as ProblemList).problems).toEqual([
      expect.objectContaining({ change: 0, code: 'DANGLING_REFERENCE' }),
    ]);
    expect(await latest()).toBe(before);
  });

  it('deleting a policy still attached → BAD_REQUEST with DELETE_CONFLICT, nothing stored; detached first, it commits', async () => {
    const before = await latest();
    const res = await commit(before, [{ delete: { kind: 'POLICY', key: READ } }]);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect((res.errors?.[0]?.extensions?.details as ProblemList).problems).toEqual([
      expect.objectContaining({ change: 0, code: 'DELETE_CONFLICT', message: expect.stringContaining(ALICE) }),
    ]);
    expect(await latest()).toBe(before);
    const temp = `arn:aws:iam::${DEV}:policy/Temporary`;
    const put = await commit(before, [{ putPolicy: { arn: temp, document: allowRead } }, { attach: { attachment: 'MANAGED', policy: temp, targetKind: 'USER', targetKey: ALICE } }]);
    expect(put.errors).toBeUndefined();
    const again = await commit(before + 1, [{ delete: { kind: 'POLICY', key: temp } }]);
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    const detached = await commit(before + 1, [{ detach: { attachment: 'MANAGED', policy: temp, targetKind: 'USER', targetKey: ALICE } }, { delete: { kind: 'POLICY', key: temp } }]);
    expect(detached.errors).toBeUndefined();
    expect(await latest()).toBe(before + 2);
  });

  it.each([
    ['no field', {}],
    ['two fields', { delete: { kind: 'USER', key: ALICE }, putOu: { id: OU, name: 'x', parentId: ORG.rootId } }],
  ])('a change with %s → BAD_REQUEST naming its index', async (_name, change) => {
    const res = await commit(await latest(), [{ delete: { kind: 'POLICY', key: READ } }, change]);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect((res.errors?.[0]?.extensions?.details as ProblemList).problems).toEqual([expect.objectContaining({ change: 1 })]);
    expect(res.errors?.[0]?.message).toMatch(/changes\[1\]/);
  });

  it('a stale base version → VERSION_CONFLICT', async () => {
    const now = await latest();
    const res = await commit(now - 1, [{ putAccount: { id: '222222222222', name: 'other', parentId: OU } }]);
    expect(res.errors?.[0]?.extensions?.code).toBe('VERSION_CONFLICT');
    expect(res.errors?.[0]?.message).toBe(`base version ${now - 1} is not the latest (${now})`);
    expect(await latest()).toBe(now);
  });

  it('an unknown organization → NOT_FOUND', async () => {
    const res = await app.raw(COMMIT, { org: 'nope', base: 0, message: 'x', changes: BASE_CHANGES });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('reads at an old version are unchanged after later commits', async () => {
    const modelAt1 = async () => (await app.run<{ organization: { model: unknown } }>(ORGANIZATION, { id: ORG.id, version: 1 })).organization.model;
    const v1 = await modelAt1();
    const base = await latest();
    const inline = { name: 'Extra', document: doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }) };
    const res = await commit(base, [
      { putUser: { arn: ALICE, inlinePolicies: [inline], tags: { team: 'platform' } } },
      { putUser: { arn: `arn:aws:iam::${DEV}:user/dave` } },
    ]);
    expect(res.errors).toBeUndefined();
    const newer = await app.run<{ organization: { model: { users: { edges: { node: { arn: string; tags: unknown } }[] } } } }>(ORGANIZATION, { id: ORG.id });
    expect(newer.organization.model.users.edges.map((e) => e.node.arn)).toEqual([`arn:aws:iam::${DEV}:user/dave`, ALICE]);
    expect(await modelAt1()).toEqual(v1);
    const res2 = await commit(base + 1, [{ delete: { kind: 'USER', key: ALICE } }]);
    expect(res2.errors).toBeUndefined();
    expect(await modelAt1()).toEqual(v1);
  });

  it('a version that does not exist → NOT_FOUND', async () => {
    const res = await app.raw(ORGANIZATION, { id: ORG.id, version: 999 });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('returns findings and keeps them on the version', async () => {
    const bucket = {
      arn: 'arn:aws:s3:::public-site', accountId: DEV,
      policy: doc({ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public-site/*' }),
    };
    const res = await commit(await latest(), [{ putResource: bucket }]);
    const finding = expect.objectContaining({
      severity: 'SECURITY_WARNING', code: 'PUBLIC_ACCESS', entityKind: 'RESOURCE', entityKey: bucket.arn, policy: 'policy', path: 'Statement[0].Principal',
    });
    expect(res.data?.commit.findings).toContainEqual(finding);
    const version = res.data?.commit.version;
    const q = await app.run<{ organization: { versions: { edges: { node: { version: number; findings: unknown[] } }[] } } }>(
      `{ organization(id: "acme") { versions(first: 1) { edges { node { version findings { severity code entityKind entityKey policy path message } } } } } }`);
    expect(q.organization.versions.edges[0]?.node).toEqual({ version, findings: res.data?.commit.findings });
  });

  it('pages versions newest first and entities by key, with opaque cursors', async () => {
    const first = await app.run<{ organization: { versions: { edges: { cursor: string; node: { version: number } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>(
      `{ organization(id: "acme") { latestVersion versions(first: 2) { edges { cursor node { version } } pageInfo { hasNextPage endCursor } } } }`);
    const { edges, pageInfo } = first.organization.versions;
    const top = await latest();
    expect(edges.map((e) => e.node.version)).toEqual([top, top - 1]);
    expect(pageInfo).toEqual({ hasNextPage: true, endCursor: edges[1]?.cursor });
    const next = await app.run<{ organization: { versions: { edges: { node: { version: number } }[] } } }>(
      `query($after: String) { organization(id: "acme") { versions(first: 2, after: $after) { edges { node { version } } } } }`, { after: pageInfo.endCursor });
    expect(next.organization.versions.edges[0]?.node.version).toBe(top - 2);
    const prefixed = await app.run<{ organization: { model: { accounts: { edges: { node: { id: string } }[] } } } }>(
      `{ organization(id: "acme") { model { accounts(prefix: "1111") { edges { node { id } } } } } }`);
    expect(prefixed.organization.model.accounts.edges.map((e) => e.node.id)).toEqual([DEV]);
    const bad = await app.raw(`{ organization(id: "acme") { model { users(after: "!!") { edges { cursor } } } } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/aws/${name}`, import.meta.url), 'utf8'));
  const FIXTURE_ORG = { id: 'imported', name: 'Imported', awsOrgId: 'o-a1b2c3d4e5', managementAccountId: '111111111111', rootId: 'r-ab12' };
  const IMPORT_ORG = /* GraphQL */ `
    mutation($org: String!, $base: Int!, $export: JSON!) { importOrganization(org: $org, baseVersion: $base, export: $export, message: "org") { version } }
  `;
  const IMPORT_DETAILS = /* GraphQL */ `
    mutation($base: Int!, $export: JSON!) { importAuthorizationDetails(org: "imported", baseVersion: $base, export: $export, message: "iam") { version findings { code } } }
  `;

  it('imports an organization export as one commit, if it is this organization', async () => {
    await app.run(CREATE_ORGANIZATION, { input: FIXTURE_ORG });
    const other = await app.raw(IMPORT_ORG, { org: ORG.id, base: await latest(), export: fixture('organization.json') });
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect((other.errors?.[0]?.extensions?.details as ProblemList).problems.map((p) => p['path'])).toEqual(['$.awsOrgId', '$.managementAccountId', '$.root.id']);
    const res = await app.raw<{ importOrganization: { version: number } }>(IMPORT_ORG, { org: FIXTURE_ORG.id, base: 0, export: fixture('organization.json') });
    expect(res.errors).toBeUndefined();
    expect(res.data?.importOrganization.version).toBe(1);
  });

  it('imports get-account-authorization-details output as one commit', async () => {
    const res = await app.raw<{ importAuthorizationDetails: { version: number } }>(IMPORT_DETAILS, { base: 1, export: fixture('account-authorization-details.json') });
    expect(res.errors).toBeUndefined();
    expect(res.data?.importAuthorizationDetails.version).toBe(2);
    const q = await app.run<{ organization: { latestVersion: number; versions: { edges: { node: { version: number; changeCount: number } }[] }; model: { users: { edges: { node: { arn: string } }[] }; roles: { edges: unknown[] } } } }>(
      `{ organization(id: "imported") { latestVersion versions { edges { node { version changeCount } } } model { users { edges { node { arn } } } roles { edges { cursor } } } } }`);
    expect(q.organization.latestVersion).toBe(2);
    expect(q.organization.versions.edges.map((e) => e.node.version)).toEqual([2, 1, 0]);
    expect(q.organization.versions.edges[0]?.node.changeCount).toBe(11);
    expect(q.organization.model.users.edges.map((e) => e.node.arn)).toEqual(['arn:aws:iam::222222222222:user/bob', 'arn:aws:iam::222222222222:user/engineering/alice']);
    expect(q.organization.model.roles.edges).toHaveLength(3);
  });

  it('a malformed export → BAD_REQUEST with JSON paths, nothing stored', async () => {
    const res = await app.raw(IMPORT_DETAILS, { base: 2, export: { UserDetailList: [{ Arn: 'nope' }] } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect((res.errors?.[0]?.extensions?.details as ProblemList).problems[0]).toMatchObject({ path: expect.stringMatching(/^UserDetailList\[0\]|^\$/) });
    expect((await app.run<{ organization: { latestVersion: number } }>(ORGANIZATION, { id: 'imported' })).organization.latestVersion).toBe(2);
  });
});
