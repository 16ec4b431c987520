import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNamedType, isObjectType } from 'graphql';
import { ROOT_FIELD_RULES } from '../../src/graphql/access-control.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { startApp, type TestApp } from '../helpers/app.js';
import { doc } from '../helpers/model-app.js';

// Issue 6, point 1: API keys scoped to organizations and roles. Every root operation of the schema
// is tried with a key of organization "alpha" against organization "beta" (FORBIDDEN, nothing seen or
// changed), and with keys lacking the operation's role; the table below must cover the whole schema.
const ADMIN_KEY = 'test-admin-key-0123456789abcdefghijklmnop';
const ACCOUNT = '111111111111';
const orgInput = (id: string) => ({ id, name: id, awsOrgId: `o-${id}000001`, managementAccountId: '999999999999', rootId: `r-${id.slice(0, 4)}` });
const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;
const REQUEST = { principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::reports/q1.csv' };
const CHANGE = { putUser: { arn: `arn:aws:iam::${ACCOUNT}:user/mallory` } };

type Op = { query: string; variables: Record<string, unknown> };

/** One operation per root field, aimed at organization `org`. */
const OPERATIONS: Record<string, (org: string) => Op> = {
  'Query.simulate': () => ({ query: 'query($r: AuthorizationRequestInput!) { simulate(request: $r, policies: {}) { decision } }', variables: { r: REQUEST } }),
  'Query.authorize': (org) => ({ query: 'query($org: String!, $r: StoredAuthorizationRequestInput!) { authorize(org: $org, request: $r) { decision } }', variables: { org, r: REQUEST } }),
  'Query.authorizeBatch': (org) => ({ query: 'query($org: String!, $r: [StoredAuthorizationRequestInput!]!) { authorizeBatch(org: $org, requests: $r) { index } }', variables: { org, r: [REQUEST] } }),
  'Query.explain': (org) => ({ query: 'query($org: String!, $r: StoredAuthorizationRequestInput!) { explain(org: $org, request: $r) { decision } }', variables: { org, r: REQUEST } }),
  'Query.organizations': () => ({ query: '{ organizations { id } }', variables: {} }),
  'Query.organization': (org) => ({ query: 'query($org: String!) { organization(id: $org) { id latestVersion } }', variables: { org } }),
  'Query.diffAccess': (org) => ({ query: 'query($org: String!) { diffAccess(org: $org, from: 0, to: 1) { totalCount } }', variables: { org } }),
  'Query.diffAccessForChanges': (org) => ({ query: 'query($org: String!, $c: [ChangeInput!]!) { diffAccessForChanges(org: $org, changes: $c) { totalCount } }', variables: { org, c: [CHANGE] } }),
  'Query.whoCan': (org) => ({ query: 'query($org: String!) { whoCan(org: $org, action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv") { totalCount } }', variables: { org } }),
  'Query.whatCan': (org) => ({ query: `query($org: String!) { whatCan(org: $org, principal: "${USER}") { principal } }`, variables: { org } }),
  'Query.apiKeys': () => ({ query: '{ apiKeys { id } }', variables: {} }),
  'Mutation.createOrganization': (org) => ({ query: 'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }', variables: { i: orgInput(`${org}-two`) } }),
  'Mutation.commit': (org) => ({ query: 'mutation($org: String!, $c: [ChangeInput!]!) { commit(org: $org, baseVersion: 1, message: "x", changes: $c) { version } }', variables: { org, c: [CHANGE] } }),
  'Mutation.importAuthorizationDetails': (org) => ({ query: 'mutation($org: String!) { importAuthorizationDetails(org: $org, baseVersion: 1, export: {}, message: "x") { version } }', variables: { org } }),
  'Mutation.importOrganization': (org) => ({ query: 'mutation($org: String!) { importOrganization(org: $org, baseVersion: 1, export: {}, message: "x") { version } }', variables: { org } }),
  'Mutation.createApiKey': (org) => ({ query: 'mutation($o: [String!]!) { createApiKey(name: "x", orgs: $o, roles: [READ]) { key } }', variables: { o: [org] } }),
  'Mutation.revokeApiKey': () => ({ query: 'mutation { revokeApiKey(id: "nosuchkey0000000") { id } }', variables: {} }),
};

/** Root fields without an organization: the role alone decides (organizations is filtered instead). */
const ORG_LESS = new Set(['Query.simulate', 'Query.organizations', 'Query.apiKeys', 'Mutation.createApiKey', 'Mutation.revokeApiKey']);

describe('API keys, roles and tenancy', () => {
  let app: TestApp;
  const post = async (op: Op, key?: string) => {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(op),
    });
    return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] } };
  };
  const asAdmin = async (op: Op) => {
    const res = await post(op, ADMIN_KEY);
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    return res.body.data!;
  };
  const keyFor = async (orgs: string[], roles: string[]) =>
    ((await asAdmin({ query: 'mutation($o: [String!]!, $r: [ApiRole!]!) { createApiKey(name: "k", orgs: $o, roles: $r) { key } }', variables: { o: orgs, r: roles } }))
      .createApiKey as { key: string }).key;
  const state = async (org: string) => JSON.stringify(await asAdmin({ query: `{ organization(id: "${org}") { latestVersion versions(first: 10) { edges { node { version author } } } } }`, variables: {} }));
  let alphaAll: string;

  beforeAll(async () => {
    app = await startApp({ authMode: 'on', adminApiKey: ADMIN_KEY });
    for (const org of ['alpha', 'beta']) {
      await asAdmin({ query: 'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }', variables: { i: orgInput(org) } });
      const changes = [
        { putAccount: { id: ACCOUNT, name: 'dev', parentId: orgInput(org).rootId } },
        { putUser: { arn: USER, inlinePolicies: [{ name: 'r', document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }) }] } },
      ];
      await asAdmin({ query: 'mutation($org: String!, $c: [ChangeInput!]!) { commit(org: $org, baseVersion: 0, message: "v1", changes: $c) { version } }', variables: { org, c: changes } });
    }
    alphaAll = await keyFor(['alpha'], ['DECIDE', 'READ', 'WRITE']);
  });
  afterAll(() => app?.stop());

  it('has an access rule and an operation here for every root field of the schema', async () => {
    const schema = await buildSchema();
    const fields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`)).sort();
    expect(Object.keys(ROOT_FIELD_RULES).sort()).toEqual(fields);
    expect(Object.keys(OPERATIONS).sort()).toEqual(fields);
    expect(isObjectType(getNamedType(schema.getQueryType()!.getFields()['organizations']!.type))).toBe(true);
  });

  it('refuses every operation on another organization, and changes nothing there', async () => {
    const before = await state('beta');
    for (const [field, op] of Object.entries(OPERATIONS)) {
      const res = await post(op('beta'), alphaAll);
      if (field === 'Query.organizations') {
        expect(res.body.data?.['organizations']).toEqual([{ id: 'alpha' }]);
        continue;
      }
      if (field === 'Query.simulate') continue; // no organization: any DECIDE key may simulate
      expect(res.body.errors?.[0]?.extensions?.code, `${field}: ${JSON.stringify(res.body)}`).toBe('FORBIDDEN');
      expect(res.body.data ?? null, field).toBeNull();
    }
    expect(await state('beta')).toBe(before);
  });

  it('allows the same operations on its own organization (where its roles cover them)', async () => {
    for (const [field, op] of Object.entries(OPERATIONS)) {
      const res = await post(op('alpha'), alphaAll);
      const code = res.body.errors?.[0]?.extensions?.code;
      const adminOnly = ROOT_FIELD_RULES[field]!.role === 'admin';
      if (adminOnly) expect(code, field).toBe('FORBIDDEN');
      else expect(code, `${field}: ${JSON.stringify(res.body.errors)}`).not.toBe('FORBIDDEN');
    }
  });

  it('checks the role of each operation', async () => {
    const keys = { decide: await keyFor(['alpha'], ['DECIDE']), read: await keyFor(['alpha'], ['READ']), write: await keyFor(['alpha'], ['WRITE']) };
    for (const [field, op] of Object.entries(OPERATIONS)) {
      const rule = ROOT_FIELD_RULES[field]!;
      for (const [role, key] of Object.entries(keys)) {
        const res = await post(op('alpha'), key);
        const code = res.body.errors?.[0]?.extensions?.code;
        if (rule.role === role) expect(code, `${role} → ${field}`).not.toBe('FORBIDDEN');
        else if (field !== 'Query.organizations' || role === 'decide' || role === 'write') expect(code, `${role} → ${field}`).toBe('FORBIDDEN');
      }
    }
  });

  it('records the key as the author of a commit', async () => {
    const latest = (await asAdmin({ query: '{ organization(id: "alpha") { latestVersion } }', variables: {} })).organization as { latestVersion: number };
    const res = await post({
      query: 'mutation($c: [ChangeInput!]!, $b: Int!) { commit(org: "alpha", baseVersion: $b, message: "by key", changes: $c) { version } }',
      variables: { b: latest.latestVersion, c: [{ putUser: { arn: `arn:aws:iam::${ACCOUNT}:user/by-key` } }] },
    }, alphaAll);
    expect(res.body.errors).toBeUndefined();
    const versions = await asAdmin({ query: '{ organization(id: "alpha") { versions(first: 1) { edges { node { author } } } } }', variables: {} });
    expect(JSON.stringify(versions)).toMatch(/"author":"key:[a-z0-9]{16}"/);
  });

  it('answers 401 without valid credentials, and refuses a revoked key', async () => {
    const op = OPERATIONS['Query.authorize']!('alpha');
    expect((await post(op)).status).toBe(401);
    expect((await post(op, 'iamk_0000000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(401);
    expect((await post(op, 'not-a-key')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const created = await asAdmin({ query: 'mutation { createApiKey(name: "t", orgs: ["*"], roles: [DECIDE]) { key apiKey { id } } }', variables: {} });
    const { key, apiKey } = created.createApiKey as { key: string; apiKey: { id: string } };
    expect((await post(op, key)).status).toBe(200);
    await asAdmin({ query: `mutation { revokeApiKey(id: "${apiKey.id}") { revokedAt } }`, variables: {} });
    expect((await post(op, key)).status).toBe(401);
  });

  it('scopes AuthZEN evaluations the same way', async () => {
    const evaluation = (org: string, key: string) => fetch(new URL('/access/v1/evaluation', app.url), {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ subject: { type: 'principal', id: USER, properties: { org } }, action: { name: 's3:GetObject' }, resource: { type: 'arn', id: 'arn:aws:s3:::reports/q1.csv' } }),
    });
    const own = await evaluation('alpha', alphaAll);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ decision: true });
    expect((await evaluation('beta', alphaAll)).status).toBe(403);
    expect((await fetch(new URL('/access/v1/evaluation', app.url), { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it.each([...ORG_LESS])('%s needs no organization', (field) => {
    expect(ROOT_FIELD_RULES[field]!.org).toBeNull();
  });
});
