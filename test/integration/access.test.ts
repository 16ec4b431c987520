import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAvailable } from '../helpers/database.js';
import { COMMIT, CREATE_ORGANIZATION, doc, startModelApp, type ModelTestApp } from '../helpers/model-app.js';

// Effective access over GraphQL (issue 5): diffs between versions and against uncommitted changes,
// who-can and what-can, their errors and their pagination. One app on the demo organization plus
// an organization of our own, on Postgres when DATABASE_URL is set (else PGlite).

const ORG = { id: 'acme', name: 'Acme', awsOrgId: 'o-acme000001', managementAccountId: '999999999999', rootId: 'r-acme' };
const DEV = '111122223333';
const role = (name: string) => `arn:aws:iam::${DEV}:role/${name}`;
const APP = role('App');
const BUCKET = 'arn:aws:s3:::reports';
const EC2_TRUST = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
const putRole = (name: string, inline: Record<string, unknown>[] = [], managedPolicies: string[] = [], trustPolicy = EC2_TRUST) =>
  ({ putRole: { arn: role(name), trustPolicy, inlinePolicies: inline, managedPolicies } });
const S3_ON_REPORTS = { name: 'Reports', document: doc({ Sid: 'AllReports', Effect: 'Allow', Action: 's3:*', Resource: [BUCKET, `${BUCKET}/*`] }) };
const SQS_POLICY = `arn:aws:iam::${DEV}:policy/SendJobs`;

const BASE = [
  { putAccount: { id: DEV, name: 'dev', parentId: ORG.rootId } },
  putRole('App'), putRole('Worker1'), putRole('Worker2'), putRole('Worker3'),
  { putResource: { arn: BUCKET, accountId: DEV } },
  // A chain: Ci may assume Deployer (both its policy and Deployer's trust policy allow), which writes reports.
  putRole('Deployer', [{ name: 'Write', document: doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/*` }) }], [],
    doc({ Effect: 'Allow', Principal: { AWS: role('Ci') }, Action: 'sts:AssumeRole' })),
  putRole('Ci', [{ name: 'Assume', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: role('Deployer') }) }]),
];
/** The edit under review: App gains s3:* on one bucket. */
const GRANT = [putRole('App', [S3_ON_REPORTS])];
/** Three roles gain sqs:SendMessage through one managed policy. */
const SQS = [
  { putPolicy: { arn: SQS_POLICY, document: doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:eu-west-1:${DEV}:jobs` }) } },
  ...['Worker1', 'Worker2', 'Worker3'].map((name) => putRole(name, [], [SQS_POLICY])),
];

const DELTA = `principal account kind actions actionGroups { service patterns actionCount } resources { include exclude }
  before after conditionsBefore { statement { policyId sid } condition } conditionsAfter { condition }
  witness { request { principal action resource resourceAccount context } before after }
  causes { entityKind entityKey change statementsBefore { policyId statementIndex } statementsAfter { policyId statementIndex sid } }`;
const DIFF_FIELDS = `from to totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${DELTA} } }
  summary { byPrincipal { key gained lost changedConditions } byAccount { key gained } byService { key gained lost } }
  stats { changedEntities principalsEvaluated resourcesEvaluated decisions }`;
const DIFF = `query($org: String!, $from: Int!, $to: Int, $filter: DiffFilterInput, $first: Int, $after: String) {
  diffAccess(org: $org, from: $from, to: $to, filter: $filter, first: $first, after: $after) { ${DIFF_FIELDS} markdown } }`;
const DIFF_CHANGES = `query($org: String!, $base: Int, $changes: [ChangeInput!]!, $filter: DiffFilterInput) {
  diffAccessForChanges(org: $org, baseVersion: $base, changes: $changes, filter: $filter) { ${DIFF_FIELDS} markdown } }`;
const WHO_CAN = `query($org: String!, $version: Int, $action: String!, $resource: String!, $via: Boolean, $first: Int, $after: String) {
  whoCan(org: $org, version: $version, action: $action, resource: $resource, viaAssumeRole: $via, first: $first, after: $after) {
    version totalCount truncated principalsEvaluated pageInfo { hasNextPage endCursor }
    edges { cursor node { principal account decision grants { layer policyId sid } conditions { condition } via } } } }`;
const WHAT_CAN = `query($org: String!, $version: Int, $principal: String!, $first: Int, $after: String) {
  whatCan(org: $org, version: $version, principal: $principal, first: $first, after: $after) {
    version principal totalCount truncated services { service permissionCount } pageInfo { hasNextPage endCursor }
    edges { cursor node { service actions actionGroups { service patterns } resources { include exclude } conditions { condition } grants { policyId sid } } } } }`;
const AUTHORIZE = `query($org: String!, $version: Int, $request: StoredAuthorizationRequestInput!) {
  authorize(org: $org, version: $version, request: $request) { decision version } }`;
const LATEST = 'query($id: String!) { organization(id: $id) { latestVersion } }';

interface Witness { request: { principal: string; action: string; resource: string; resourceAccount: string | null; context: unknown }; before: string; after: string }
interface Delta { principal: string; account: string; kind: string; actions: string[]; resources: { include: string[]; exclude: string[] }; before: string; after: string; witness: Witness; causes: { entityKind: string; entityKey: string; change: string }[] }
interface PageInfo { hasNextPage: boolean; endCursor: string | null }
interface DiffConnection {
  from: number; to: number | null; totalCount: number; pageInfo: PageInfo; edges: { cursor: string; node: Delta }[]; markdown: string;
  summary: { byPrincipal: { key: string; gained: number; lost: number }[]; byService: { key: string; gained: number }[] };
  stats: { changedEntities: number; principalsEvaluated: number };
}
interface WhoCanConnection { version: number; totalCount: number; truncated: boolean; pageInfo: PageInfo; edges: { cursor: string; node: { principal: string; via: string[]; grants: unknown[] } }[] }
interface WhatCanConnection { totalCount: number; truncated: boolean; services: { service: string }[]; pageInfo: PageInfo; edges: { cursor: string; node: { service: string; actions: string[]; resources: { include: string[] } } }[] }

/** What identifies a delta, for comparing two diffs. */
const shape = (d: Delta) => ({ principal: d.principal, kind: d.kind, actions: d.actions, resources: d.resources, before: d.before, after: d.after });

const backend = pgAvailable() ? 'pg' : 'pglite';

describe(`effective access over GraphQL (${backend})`, () => {
  let app: ModelTestApp;
  const latest = async (id = ORG.id) => (await app.run<{ organization: { latestVersion: number } }>(LATEST, { id })).organization.latestVersion;
  const commit = async (base: number, changes: unknown[]) =>
    (await app.run<{ commit: { version: number } }>(COMMIT, { org: ORG.id, base, message: 'test', changes })).commit.version;
  const diff = async (vars: Record<string, unknown>) => (await app.run<{ diffAccess: DiffConnection }>(DIFF, { org: ORG.id, ...vars })).diffAccess;
  const decisionAt = async (version: number, w: Witness) => {
    const { principal, action, resource, resourceAccount, context } = w.request;
    const request = { principal, action, resource, context, ...(resourceAccount ? { resourceAccount } : {}) };
    return (await app.run<{ authorize: { decision: string } }>(AUTHORIZE, { org: ORG.id, version, request })).authorize.decision;
  };
  /** Every node of a connection, page by page of `first`, checking cursors and totalCount on the way. */
  async function walk<N>(fetch: (after: string | null) => Promise<{ totalCount: number; pageInfo: PageInfo; edges: { cursor: string; node: N }[] }>) {
    const nodes: N[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page = await fetch(after);
      nodes.push(...page.edges.map((e) => e.node));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) {
        expect(nodes).toHaveLength(page.totalCount);
        return nodes;
      }
      after = page.pageInfo.endCursor;
    }
    throw new Error('more than 100 pages');
  }

  beforeAll(async () => {
    app = await startModelApp(backend, { demoSeed: true });
    await app.run(CREATE_ORGANIZATION, { input: ORG });
    expect(await commit(0, BASE)).toBe(1);
  });
  afterAll(() => app?.stop());

  describe('diffAccessForChanges, then the same edit committed and diffed', () => {
    let review: DiffConnection;

    it('reports the role gaining s3 on the bucket, and stores nothing', async () => {
      const res = await app.run<{ diffAccessForChanges: DiffConnection }>(DIFF_CHANGES, { org: ORG.id, base: 1, changes: GRANT });
      review = res.diffAccessForChanges;
      expect(review).toMatchObject({ from: 1, to: null });
      expect(review.totalCount).toBeGreaterThan(0);
      const deltas = review.edges.map((e) => e.node);
      expect(new Set(deltas.map((d) => d.principal))).toEqual(new Set([APP]));
      expect(deltas.every((d) => d.kind === 'GAINED' && d.account === DEV)).toBe(true);
      expect(deltas.flatMap((d) => d.actions)).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteBucket']));
      expect(deltas.every((d) => d.actions.every((a) => a.startsWith('s3:')))).toBe(true);
      expect(deltas.flatMap((d) => d.causes)).toContainEqual(expect.objectContaining({ entityKind: 'ROLE', entityKey: APP, change: 'MODIFIED' }));
      expect(review.markdown).toContain(APP);
      expect(await latest()).toBe(1);
      const model = await app.run<{ organization: { model: { version: number; roles: { edges: { node: { arn: string; inlinePolicies: unknown[] } }[] } } } }>(
        `{ organization(id: "acme") { model { version roles(prefix: "${APP}") { edges { node { arn inlinePolicies { name } } } } } } }`);
      expect(model.organization.model.version).toBe(1);
      expect(model.organization.model.roles.edges.map((e) => e.node.inlinePolicies)).toEqual([[]]);
    });

    it('diffAccess of the committed edit reports the same deltas, and each witness really decides differently', async () => {
      const v2 = await commit(1, GRANT);
      const d = await diff({ from: 1, to: v2, first: 500 });
      expect(d).toMatchObject({ from: 1, to: v2, totalCount: review.totalCount });
      expect(d.edges.map((e) => shape(e.node))).toEqual(review.edges.map((e) => shape(e.node)));
      expect(d.stats.changedEntities).toBe(1);
      expect(d.summary.byPrincipal).toEqual([expect.objectContaining({ key: APP, gained: d.totalCount, lost: 0 })]);
      expect(d.summary.byService.map((s) => s.key)).toEqual(['s3']);
      for (const { node } of d.edges) {
        expect(node.witness.before).not.toBe(node.witness.after);
        expect([node.before, node.after]).toEqual([node.witness.before, node.witness.after]);
        expect(await decisionAt(1, node.witness)).toBe(node.witness.before);
        expect(await decisionAt(v2, node.witness)).toBe(node.witness.after);
      }
      expect((await diff({ from: v2 })).totalCount).toBe(0);
      const back = await diff({ from: v2, to: 1, first: 500 });
      expect(back.totalCount).toBe(d.totalCount);
      expect(back.edges.every((e) => e.node.kind === 'LOST')).toBe(true);
    });
  });

  describe('filters and pagination', () => {
    let from: number;
    let to: number;
    beforeAll(async () => {
      from = await latest();
      to = await commit(from, SQS);
    });

    it('walks a diff page by page with cursors; totalCount counts every page', async () => {
      const all = await diff({ from, to, first: 500 });
      expect(new Set(all.edges.map((e) => e.node.principal))).toEqual(new Set(['Worker1', 'Worker2', 'Worker3'].map(role)));
      expect(all.totalCount).toBeGreaterThanOrEqual(3);
      const walked = await walk((after) => diff({ from, to, first: 1, after }));
      expect(walked.map(shape)).toEqual(all.edges.map((e) => shape(e.node)));
      const second = await diff({ from, to, first: 1, after: all.edges[0]!.cursor });
      expect(shape(second.edges[0]!.node)).toEqual(shape(all.edges[1]!.node));
    });

    it('filters by principal, service and kind', async () => {
      expect((await diff({ from, to, filter: { principals: [role('Worker2')] } })).edges.map((e) => e.node.principal)).toEqual(
        expect.arrayContaining([role('Worker2')]));
      expect(new Set((await diff({ from, to, filter: { principals: [role('Worker2')] } })).edges.map((e) => e.node.principal))).toEqual(new Set([role('Worker2')]));
      expect((await diff({ from, to, filter: { services: ['s3'] } })).totalCount).toBe(0);
      expect((await diff({ from, to, filter: { kinds: ['LOST'] } })).totalCount).toBe(0);
      expect((await diff({ from: 1, to, filter: { services: ['sqs'], kinds: ['GAINED'] } })).edges.every((e) => e.node.actions.every((a) => a.startsWith('sqs:')))).toBe(true);
    });
  });

  it('whoCan with viaAssumeRole adds the principals that reach the access through a role, with the chain', async () => {
    const vars = { org: ORG.id, action: 's3:PutObject', resource: `${BUCKET}/2026/q3.csv`, first: 500 };
    const direct = (await app.run<{ whoCan: WhoCanConnection }>(WHO_CAN, vars)).whoCan;
    const via = (await app.run<{ whoCan: WhoCanConnection }>(WHO_CAN, { ...vars, via: true })).whoCan;
    expect(direct.edges.map((e) => e.node.principal)).toContain(role('Deployer'));
    expect(direct.edges.map((e) => e.node.principal)).not.toContain(role('Ci'));
    expect(via.edges.find((e) => e.node.principal === role('Deployer'))?.node.via).toEqual([]);
    expect(via.edges.find((e) => e.node.principal === role('Ci'))?.node.via).toEqual([role('Deployer')]);
  });

  describe('whoCan and whatCan on the demo organization', () => {
    const DEMO_DEV = '111111111111';
    const REPORT = 'arn:aws:s3:::demo-shared-reports/2026/q3.csv';
    const whoCan = async (vars: Record<string, unknown>) => (await app.run<{ whoCan: WhoCanConnection }>(WHO_CAN, { org: 'demo', ...vars })).whoCan;

    it('whoCan lists who reads the shared report, with the grants', async () => {
      const res = await whoCan({ action: 's3:GetObject', resource: REPORT, first: 500 });
      expect(res).toMatchObject({ version: 1, truncated: false });
      const principals = res.edges.map((e) => e.node.principal);
      expect(principals).toContain(`arn:aws:iam::${DEMO_DEV}:role/ReportReader`);
      expect(principals).not.toContain(`arn:aws:iam::${DEMO_DEV}:role/WebAppInstanceRole`);
      expect(res.edges.find((e) => e.node.principal.endsWith('role/ReportReader'))?.node.grants.length).toBeGreaterThan(0);
    });

    it('whoCan pages with cursors', async () => {
      const all = await whoCan({ action: 's3:GetObject', resource: REPORT, first: 500 });
      const walked = await walk((after) => whoCan({ action: 's3:GetObject', resource: REPORT, first: 2, after }));
      expect(walked.map((n) => n.principal)).toEqual(all.edges.map((e) => e.node.principal));
    });

    it('whatCan lists what the instance role can do, by service', async () => {
      const res = (await app.run<{ whatCan: WhatCanConnection }>(WHAT_CAN, {
        org: 'demo', principal: `arn:aws:iam::${DEMO_DEV}:role/WebAppInstanceRole`, first: 500 })).whatCan;
      expect(res.truncated).toBe(false);
      expect(res.services.map((s) => s.service)).toContain('s3');
      const s3 = res.edges.filter((e) => e.node.service === 's3').map((e) => e.node);
      expect(s3).toContainEqual(expect.objectContaining({ actions: ['s3:GetObject'], resources: expect.objectContaining({ include: ['arn:aws:s3:::demo-app-assets/public/*'] }) }));
      const walked = await walk((after) => app.run<{ whatCan: WhatCanConnection }>(WHAT_CAN, {
        org: 'demo', principal: `arn:aws:iam::${DEMO_DEV}:user/bob`, first: 1, after }).then((r) => r.whatCan));
      expect(walked.length).toBeGreaterThan(0);
    });
  });

  describe('bad input gives typed errors and changes nothing', () => {
    const codeOf = async (query: string, variables: Record<string, unknown>) => (await app.raw(query, variables)).errors?.[0]?.extensions?.code;
    const REQ = { action: 's3:GetObject', resource: `${BUCKET}/x` };

    it.each([
      { name: 'diffAccess of an unknown organization', query: DIFF, variables: { org: 'nope', from: 0 }, code: 'NOT_FOUND' },
      { name: 'diffAccess to a version that does not exist', query: DIFF, variables: { org: ORG.id, from: 1, to: 99 }, code: 'NOT_FOUND' },
      { name: 'diffAccess from a negative version', query: DIFF, variables: { org: ORG.id, from: -1 }, code: 'NOT_FOUND' },
      { name: 'diffAccess with a page too large', query: DIFF, variables: { org: ORG.id, from: 1, first: 501 }, code: 'BAD_REQUEST' },
      { name: 'diffAccess with a cursor we never made', query: DIFF, variables: { org: ORG.id, from: 1, after: 'bm9wZQ' }, code: 'BAD_REQUEST' },
      { name: 'diffAccess with a blank filter pattern', query: DIFF, variables: { org: ORG.id, from: 1, filter: { principals: [' '] } }, code: 'BAD_REQUEST' },
      { name: 'whoCan of an unknown organization', query: WHO_CAN, variables: { org: 'nope', ...REQ }, code: 'NOT_FOUND' },
      { name: 'whoCan at a version that does not exist', query: WHO_CAN, variables: { org: ORG.id, version: 99, ...REQ }, code: 'NOT_FOUND' },
      { name: 'whoCan on a malformed resource ARN', query: WHO_CAN, variables: { org: ORG.id, action: 's3:GetObject', resource: 'reports/x' }, code: 'BAD_REQUEST' },
      { name: 'whoCan of a wildcard action', query: WHO_CAN, variables: { org: ORG.id, action: 's3:*', resource: BUCKET }, code: 'BAD_REQUEST' },
      { name: 'whatCan of a malformed principal', query: WHAT_CAN, variables: { org: ORG.id, principal: 'App' }, code: 'BAD_REQUEST' },
      { name: 'whatCan of a role that does not exist', query: WHAT_CAN, variables: { org: ORG.id, principal: role('Nobody') }, code: 'NOT_FOUND' },
      { name: 'diffAccessForChanges on an unknown organization', query: DIFF_CHANGES, variables: { org: 'nope', changes: GRANT }, code: 'NOT_FOUND' },
    ])('$name → $code', async ({ query, variables, code }) => {
      expect(await codeOf(query, variables)).toBe(code);
    });

    it('diffAccessForChanges with a malformed policy → BAD_POLICY naming the change and path, as commit does; nothing stored', async () => {
      const before = await latest();
      const bad = [putRole('App', [{ name: 'Broken', document: doc({ Effect: 'Maybe', Action: 's3:GetObject', Resource: '*' }) }])];
      const res = await app.raw(DIFF_CHANGES, { org: ORG.id, changes: bad });
      const committed = await app.raw(COMMIT, { org: ORG.id, base: before, message: 'bad', changes: bad });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_POLICY');
      expect(res.errors?.[0]?.extensions?.details).toEqual(committed.errors?.[0]?.extensions?.details);
      expect(res.errors?.[0]?.extensions?.details).toMatchObject({ problems: [expect.objectContaining({ change: 0, path: 'Statement[0].Effect' })] });
      expect(await latest()).toBe(before);
    });

    it('diffAccessForChanges with a dangling reference or an empty change set → BAD_REQUEST; nothing stored', async () => {
      const before = await latest();
      const dangling = [putRole('App', [], [`arn:aws:iam::${DEV}:policy/Missing`])];
      expect(await codeOf(DIFF_CHANGES, { org: ORG.id, changes: dangling })).toBe('BAD_REQUEST');
      expect(await codeOf(DIFF_CHANGES, { org: ORG.id, changes: [] })).toBe('BAD_REQUEST');
      expect(await codeOf(DIFF_CHANGES, { org: ORG.id, changes: [{}] })).toBe('BAD_REQUEST');
      expect(await latest()).toBe(before);
    });
  });

  describe('the README examples on the demo organization (README "Effective access")', () => {
    const WEB = 'arn:aws:iam::111111111111:role/WebAppInstanceRole';
    const README_CHANGES = [{ putRole: { arn: WEB, trustPolicy: EC2_TRUST, inlinePolicies: [{ name: 'WebAppInstanceRolePolicy',
      document: doc({ Sid: 'ReadAssets', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::demo-app-assets/*' }) }] } }];
    const SELECTION = 'totalCount edges { node { principal kind actions resources { include exclude } witness { request { resource } before after } causes { entityKey change } } }';
    const EXPECTED = {
      totalCount: 1,
      edges: [{ node: {
        principal: WEB, kind: 'GAINED', actions: ['s3:GetObject'],
        resources: { include: ['arn:aws:s3:::demo-app-assets/*'], exclude: ['arn:aws:s3:::demo-app-assets/public/*'] },
        witness: { request: { resource: expect.stringMatching(/^arn:aws:s3:::demo-app-assets\//) }, before: 'IMPLICIT_DENY', after: 'ALLOW' },
        causes: [{ entityKey: WEB, change: 'MODIFIED' }],
      } }],
    };

    it('reviews the change, commits it and diffs the versions', async () => {
      const review = await app.run<{ diffAccessForChanges: Record<string, unknown> }>(
        `query($changes: [ChangeInput!]!) { diffAccessForChanges(org: "demo", baseVersion: 1, changes: $changes) { from to ${SELECTION} markdown } }`,
        { changes: README_CHANGES });
      expect(review.diffAccessForChanges).toMatchObject({ from: 1, to: null, ...EXPECTED });
      expect(review.diffAccessForChanges['markdown']).toMatch(/^### Effective access: demo@1 → demo: uncommitted changes on version 1\n\n1 change\(s\): 1 gained, 0 lost/);
      expect(await latest('demo')).toBe(1);
      await app.run(COMMIT, { org: 'demo', base: 1, message: 'assets readable', changes: README_CHANGES });
      const stored = await app.run<{ diffAccess: Record<string, unknown> }>(
        `{ diffAccess(org: "demo", from: 1, to: 2) { ${SELECTION} summary { byService { key gained lost } } stats { changedEntities principalsEvaluated decisions } } }`);
      expect(stored.diffAccess).toMatchObject({ ...EXPECTED, summary: { byService: [{ key: 's3', gained: 1, lost: 0 }] },
        stats: { changedEntities: 1, principalsEvaluated: 1 } });
    });

    it('whoCan reads the shared report in two pages; whatCan of its reader', async () => {
      const q = (after: string) => `{ whoCan(org: "demo", action: "s3:GetObject", resource: "arn:aws:s3:::demo-shared-reports/2026/q3.csv", first: 2${after}) {
        totalCount truncated pageInfo { hasNextPage endCursor } edges { node { principal via } } } }`;
      const first = await app.run<{ whoCan: Record<string, unknown> }>(q(''));
      expect(first.whoCan).toEqual({ totalCount: 4, truncated: false, pageInfo: { hasNextPage: true, endCursor: 'MQ' }, edges: [
        { node: { principal: 'arn:aws:iam::111111111111:role/ReportReader', via: [] } }, { node: { principal: 'arn:aws:iam::111111111111:user/bob', via: [] } }] });
      const second = await app.run<{ whoCan: WhoCanConnection }>(q(', after: "MQ"'));
      expect(second.whoCan.edges.map((e) => e.node.principal)).toEqual(['arn:aws:iam::111111111111:user/carol', 'arn:aws:iam::333333333333:role/ProdAdmin']);
      const what = await app.run<{ whatCan: Record<string, unknown> }>(`{ whatCan(org: "demo", principal: "arn:aws:iam::111111111111:role/ReportReader") {
        truncated services { service permissionCount } edges { node { service actions resources { include exclude } conditions { condition } } } } }`);
      expect(what.whatCan).toEqual({ truncated: false, services: [{ service: 's3', permissionCount: 1 }], edges: [{ node: {
        service: 's3', actions: ['s3:GetObject'], resources: { include: ['arn:aws:s3:::demo-shared-reports/*'], exclude: [] }, conditions: [] } }] });
    });
  });
});
