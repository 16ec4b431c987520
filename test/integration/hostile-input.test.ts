import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, COMMIT, CREATE_ORGANIZATION, doc, startModelApp, type ModelTestApp } from '../helpers/model-app.js';

// Issue 6, point 7: malformed GraphQL, policies and JSON thrown at every mutation: never a 500, never
// a partial write; concurrent commits on one base version: exactly one wins and nothing is lost.
const ORG = { id: 'hostile', name: 'Hostile', awsOrgId: 'o-hostile0001', managementAccountId: '999999999999', rootId: 'r-host' };
const ACCOUNT = '111111111111';
const userArn = (n: string) => `arn:aws:iam::${ACCOUNT}:user/${n}`;

const IMPORT_ORG = 'mutation($org: String!, $base: Int!, $export: JSON!) { importOrganization(org: $org, baseVersion: $base, export: $export, message: "m") { version } }';
const IMPORT_DETAILS = 'mutation($org: String!, $base: Int!, $export: JSON!) { importAuthorizationDetails(org: $org, baseVersion: $base, export: $export, message: "m") { version } }';
const STATE = '{ organization(id: "hostile") { latestVersion model { users(first: 100) { edges { node { arn } } } } } }';

const KNOWN_CODES = new Set([
  'BAD_POLICY', 'BAD_REQUEST', 'NOT_FOUND', 'VERSION_CONFLICT', 'BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED',
  'LIMIT_EXCEEDED', 'PAYLOAD_TOO_LARGE',
]);

/** Garbage in the places a client controls: variables of every type, documents, strings. */
const GARBAGE: unknown[] = [
  null, 0, -1, 2 ** 53, 1.5, '', ' ', 'x'.repeat(10_000), '\u0000', '{"Statement":', [], [null], {}, { Statement: 'nope' },
  { Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: 's3:*', Resource: '*' }] },
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { NoSuchOperator: { a: 'b' } } }] },
  { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
  [[[[[[[[[[[[]]]]]]]]]]]],
];

describe.each(backends())('hostile input (%s)', (backend) => {
  let app: ModelTestApp;
  const state = async () => JSON.stringify(await app.run(STATE));

  beforeAll(async () => {
    app = await startModelApp(backend);
    await app.run(CREATE_ORGANIZATION, { input: ORG });
    await app.run(COMMIT, { org: ORG.id, base: 0, message: 'base', changes: [{ putAccount: { id: ACCOUNT, name: 'dev', parentId: ORG.rootId } }] });
  });
  afterAll(() => app?.stop());

  /** Sends one hostile operation: no 500, only known codes, and the stored state unchanged. */
  const refused = async (query: string, variables: Record<string, unknown>) => {
    const before = await state();
    const res = await app.raw(query, variables);
    expect(res.status, JSON.stringify(res.errors)).toBeLessThan(500);
    expect(res.errors?.length ?? 0, `accepted: ${JSON.stringify(variables).slice(0, 200)}`).toBeGreaterThan(0);
    for (const e of res.errors ?? []) expect(KNOWN_CODES, JSON.stringify(e)).toContain(e.extensions?.code);
    expect(JSON.stringify(res)).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
    expect(await state()).toBe(before);
  };

  it('commit: garbage in every variable and in every change body', async () => {
    for (const g of GARBAGE) {
      await refused(COMMIT, { org: ORG.id, base: 1, message: 'm', changes: g });
      await refused(COMMIT, { org: g, base: 1, message: 'm', changes: [] });
      await refused(COMMIT, { org: ORG.id, base: g, message: 'm', changes: [{ putUser: { arn: userArn('x') } }] });
      await refused(COMMIT, { org: ORG.id, base: 1, message: 'm', changes: [{ putUser: { arn: userArn('ok') } }, { putPolicy: { arn: `arn:aws:iam::${ACCOUNT}:policy/P`, document: g } }] });
      await refused(COMMIT, { org: ORG.id, base: 1, message: 'm', changes: [{ putUser: { arn: userArn('ok'), inlinePolicies: [{ name: 'i', document: g }] } }, { putRole: g }] });
    }
  });

  it('imports: garbage exports', async () => {
    for (const g of GARBAGE) {
      await refused(IMPORT_ORG, { org: ORG.id, base: 1, export: g });
      await refused(IMPORT_DETAILS, { org: ORG.id, base: 1, export: g });
    }
    await refused(IMPORT_DETAILS, { org: ORG.id, base: 1, export: { UserDetailList: [{ UserName: 'u', Arn: userArn('u'), UserPolicyList: [{ PolicyName: 'p', PolicyDocument: '%7B%22bad' }] }] } });
  });

  it('createOrganization: garbage fields', async () => {
    for (const g of GARBAGE) {
      await refused(CREATE_ORGANIZATION, { input: { ...ORG, id: g } });
      await refused(CREATE_ORGANIZATION, { input: { ...ORG, id: 'new-org', awsOrgId: g } });
    }
    await refused(CREATE_ORGANIZATION, { input: ORG }); // taken
  });

  it('malformed GraphQL documents and bodies', async () => {
    for (const query of ['', 'mutation {', 'mutation { commit }', 'mutation { nope }', '{ organization(id: 1) { id } }', `mutation { ${'commit('.repeat(500)} }`]) {
      await refused(query, {});
    }
    for (const body of ['{', '[]', 'null', '"text"', '{"query": 5}', '{"query": "{ organizations { id } }", "variables": "x"}']) {
      const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
  });

  it('concurrent commits on one base version: exactly one wins, nothing is lost', async () => {
    const { organization } = await app.run<{ organization: { latestVersion: number } }>(STATE);
    const base = organization.latestVersion;
    const names = Array.from({ length: 8 }, (_, i) => `racer${i}`);
    const results = await Promise.all(names.map((n) => app.raw<{ commit: { version: number } }>(COMMIT, {
      org: ORG.id, base, message: n, changes: [{ putUser: { arn: userArn(n), inlinePolicies: [{ name: 'p', document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) }] } }],
    })));
    const winners = results.flatMap((r, i) => (r.data?.commit ? [names[i]!] : []));
    expect(winners).toHaveLength(1);
    for (const r of results) if (!r.data?.commit) expect(r.errors?.[0]?.extensions?.code).toBe('VERSION_CONFLICT');
    const after = await app.run<{ organization: { latestVersion: number; model: { users: { edges: { node: { arn: string } }[] } } } }>(STATE);
    expect(after.organization.latestVersion).toBe(base + 1);
    expect(after.organization.model.users.edges.map((e) => e.node.arn).filter((a) => a.includes('racer'))).toEqual([userArn(winners[0]!)]);
    // The losers retry on the new base and all land, one version each.
    let version = base + 1;
    for (const n of names.filter((x) => x !== winners[0])) {
      const r = await app.run<{ commit: { version: number } }>(COMMIT, { org: ORG.id, base: version, message: n, changes: [{ putUser: { arn: userArn(n) } }] });
      version = r.commit.version;
    }
    const final = await app.run<{ organization: { latestVersion: number; model: { users: { edges: { node: { arn: string } }[] } } } }>(STATE);
    expect(final.organization.latestVersion).toBe(base + names.length);
    expect(final.organization.model.users.edges.filter((e) => e.node.arn.includes('racer'))).toHaveLength(names.length);
  });
});
