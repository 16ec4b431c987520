import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionService } from '../../src/service/decisions.js';
import { startApp, type TestApp } from '../helpers/app.js';
import { gql } from '../helpers/graphql.js';

// Guard rails (issue 6, point 2): depth, cost, aliases and tokens → LIMIT_EXCEEDED (400); a slow
// request → TIMEOUT (503); introspection and field suggestions only when configured.

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ graphqlMaxDepth: 4, graphqlMaxCost: 5, graphqlMaxAliases: 2, graphqlMaxTokens: 300, graphqlIntrospection: true });
});
afterAll(() => app.stop());

const EXPLAIN_DEEP = `{ simulate(request: { principal: "arn:aws:iam::111122223333:user/a", action: "s3:GetObject", resource: "*" }, policies: {}) {
  explanation { layers { statements { ref { policyId } } } } } }`;

describe('query limits → LIMIT_EXCEEDED', () => {
  it.each([
    ['depth', EXPLAIN_DEEP, 'GRAPHQL_MAX_DEPTH', /depth limit of 4/],
    ['aliases', '{ a: organizations { id } b: organizations { id } c: organizations { id } }', 'GRAPHQL_MAX_ALIASES', /Aliases limit of 2/],
    ['cost', '{ organizations { id name awsOrgId managementAccountId latestVersion createdAt } organization(id: "x") { id name awsOrgId } }', 'GRAPHQL_MAX_COST', /Cost limit of 5\b/],
    ['tokens', `{ ${'__typename '.repeat(400)}}`, 'GRAPHQL_MAX_TOKENS', /more th(an|at) 300 tokens/],
  ])('%s', async (_name, query, limit, message) => {
    const res = await gql(app.url, query);
    expect(res.status).toBe(400);
    const error = res.errors?.find((e) => e.extensions?.code === 'LIMIT_EXCEEDED' && (e.extensions.details as { limit: string }).limit === limit);
    expect(error, JSON.stringify(res.errors)).toBeDefined();
    expect(error?.message).toMatch(message);
    expect(error?.extensions?.details).toEqual({ limit });
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|Syntax Error/);
  });

  it('a query within every limit runs', async () => {
    const res = await gql(app.url, '{ a: __typename b: __typename }');
    expect(res).toMatchObject({ status: 200, data: { a: 'Query', b: 'Query' } });
  });
});

describe('introspection on', () => {
  it('answers __schema and suggests field names', async () => {
    const schema = await gql(app.url, '{ __schema { queryType { name } } }');
    expect(schema.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const typo = await gql(app.url, '{ simulat }');
    expect(typo.errors?.[0]?.message).toMatch(/Did you mean/);
  });
});

describe('introspection off (GRAPHQL_INTROSPECTION=false)', () => {
  let closed: TestApp;
  beforeAll(async () => {
    closed = await startApp({ graphqlIntrospection: false });
  });
  afterAll(() => closed.stop());

  it('refuses __schema', async () => {
    const res = await gql(closed.url, '{ __schema { queryType { name } } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
  });

  it('hides field suggestions', async () => {
    const res = await gql(closed.url, '{ simulat }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).not.toMatch(/Did you mean|simulate/);
  });

  it('serves no IDE: a browser GET is an ordinary GraphQL GET', async () => {
    const res = await fetch(closed.url, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type')).not.toMatch(/text\/html/);
  });
});

describe('REQUEST_TIMEOUT_MS', () => {
  it('a request still running after the timeout gets TIMEOUT (503), and the server keeps answering', async () => {
    const never = new Promise<never>(() => undefined);
    const slow = { authorize: () => never, explain: () => never, authorizeBatch: () => never } as unknown as DecisionService;
    const slowApp = await startApp({ requestTimeoutMs: 200 }, { services: { decisions: slow } });
    try {
      const started = Date.now();
      const res = await gql(slowApp.url, '{ authorize(org: "x", request: { principal: "*", action: "s3:GetObject", resource: "*" }) { decision } }');
      expect(res.status).toBe(503);
      expect(res.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(5_000);
      const authzen = await fetch(new URL('/access/v1/evaluation', slowApp.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-iam-org': 'x' },
        body: JSON.stringify({ subject: { type: 'p', id: '*' }, action: { name: 's3:GetObject' }, resource: { type: 'r', id: '*' } }),
      });
      expect(authzen.status).toBe(503);
      expect(await authzen.json()).toMatchObject({ error: { code: 'TIMEOUT' } });
      expect((await gql(slowApp.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    } finally {
      await Promise.race([slowApp.stop(), new Promise((resolve) => setTimeout(resolve, 3_000))]);
    }
  });
});
