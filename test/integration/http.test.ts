import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { gql } from '../helpers/graphql.js';

const BODY_LIMIT = 64 * 1024;
let app: TestApp;
beforeAll(async () => {
  app = await startApp({ bodyLimitBytes: BODY_LIMIT });
});
afterAll(() => app.stop());

const SIMULATE = /* GraphQL */ `
  query Simulate($request: AuthorizationRequestInput!, $policies: PolicySetInput!) {
    simulate(request: $request, policies: $policies) {
      decision
      allowed
      blockedBy
      decisiveStatements { layer policyId policyIndex statementIndex sid effect target }
    }
  }
`;
const SIMULATE_EXPLAINED = /* GraphQL */ `
  query Simulate($request: AuthorizationRequestInput!, $policies: PolicySetInput!) {
    simulate(request: $request, policies: $policies) {
      decision
      explanation { missingContextKeys layers { layer outcome statements { matched ref { policyId } } } }
    }
  }
`;

const request = {
  principal: 'arn:aws:iam::111122223333:user/alice',
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::bucket/key',
};
const allowRead = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
};

interface SimulateData {
  simulate: {
    decision: string;
    allowed?: boolean;
    blockedBy?: string[];
    decisiveStatements?: Record<string, unknown>[];
    explanation?: { missingContextKeys: string[]; layers: { layer: string; outcome: string; statements: unknown[] }[] } | null;
  };
}

describe('HTTP routes', () => {
  it('GET /healthz → 200 {"status":"ok"}', async () => {
    const res = await fetch(new URL('/healthz', app.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('an unknown path → 404 JSON', async () => {
    const res = await fetch(new URL('/nope', app.url));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('an unsupported method on /graphql → 405', async () => {
    const res = await fetch(app.url, { method: 'PUT' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
  });

  it('echoes a sane x-request-id', async () => {
    const res = await fetch(new URL('/healthz', app.url), { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });

  it('a body over the limit → 413', async () => {
    const policy = { ...allowRead, Id: 'x'.repeat(BODY_LIMIT) };
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SIMULATE, variables: { request, policies: { identity: [policy] } } }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'LIMIT_EXCEEDED' } }] });
  });

  it('a chunked body (no content-length) over the limit → 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' };
    const res = await fetch(app.url, init as RequestInit);
    expect(res.status).toBe(413);
  });

  it('a body that is not JSON → 400', async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });
});

describe('simulate', () => {
  it('identity Allow → ALLOW, naming the decisive statement', async () => {
    const res = await gql<SimulateData>(app.url, SIMULATE, { request, policies: { identity: [allowRead] } });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data?.simulate).toEqual({
      decision: 'ALLOW',
      allowed: true,
      blockedBy: [],
      decisiveStatements: [
        { layer: 'IDENTITY', policyId: 'identity[0]', policyIndex: 0, statementIndex: 0, sid: 'Read', effect: 'Allow', target: null },
      ],
    });
  });

  it('accepts a policy given as JSON text', async () => {
    const res = await gql<SimulateData>(app.url, SIMULATE, { request, policies: { identity: [JSON.stringify(allowRead)] } });
    expect(res.data?.simulate.decision).toBe('ALLOW');
  });

  it('no policies → IMPLICIT_DENY blocked by IDENTITY', async () => {
    const res = await gql<SimulateData>(app.url, SIMULATE, { request, policies: {} });
    expect(res.data?.simulate).toMatchObject({ decision: 'IMPLICIT_DENY', allowed: false, blockedBy: ['IDENTITY'] });
  });

  it('names SCP statements by level', async () => {
    const denyAll = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] };
    const policies = { identity: [allowRead], scp: [{ target: 'r-root', policies: [allowRead, denyAll] }] };
    const res = await gql<SimulateData>(app.url, SIMULATE, { request, policies });
    expect(res.data?.simulate.decision).toBe('EXPLICIT_DENY');
    expect(res.data?.simulate.decisiveStatements).toContainEqual(
      expect.objectContaining({ layer: 'SCP', policyId: 'scp[0].policies[1]', policyIndex: 1, target: 'r-root', effect: 'Deny' }),
    );
  });

  it('returns no explanation unless it is selected', async () => {
    const plain = await gql<SimulateData>(app.url, SIMULATE, { request, policies: { identity: [allowRead] } });
    expect(plain.data?.simulate).not.toHaveProperty('explanation');
    const explained = await gql<SimulateData>(app.url, SIMULATE_EXPLAINED, { request, policies: { identity: [allowRead] } });
    const identity = explained.data?.simulate.explanation?.layers.find((l) => l.layer === 'IDENTITY');
    expect(identity).toMatchObject({ outcome: 'ALLOW', statements: [{ matched: true, ref: { policyId: 'identity[0]' } }] });
  });

  it('BAD_POLICY lists the problems of every invalid policy with its label and path', async () => {
    const badEffect = { Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: 's3:GetObject', Resource: '*' }] };
    const policies = { identity: [allowRead, badEffect], scp: [{ target: 'r-root', policies: ['{not json'] }] };
    const res = await gql<SimulateData>(app.url, SIMULATE, { request, policies });
    expect(res.data).toBeNull();
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_POLICY');
    const problems = (error?.extensions?.details as { problems: Record<string, string>[] }).problems;
    expect(problems).toContainEqual(expect.objectContaining({ policy: 'identity[1]', path: 'Statement[0].Effect', code: 'INVALID_EFFECT' }));
    expect(problems).toContainEqual(expect.objectContaining({ policy: 'scp[0].policies[0]', code: 'INVALID_JSON' }));
    expect(problems.map((p) => p.policy)).not.toContain('identity[0]');
  });

  it.each([
    ['an action without a service prefix', { ...request, action: 'GetObject' }, 'request.action'],
    ['an empty principal', { ...request, principal: '' }, 'request.principal'],
    ['a context that is a list', { ...request, context: ['a'] }, 'request.context'],
    ['a context value that is an object', { ...request, context: { 'aws:SourceIp': { a: 1 } } }, 'request.context.aws:SourceIp'],
    ['a resource account that is not an account id', { ...request, resourceAccount: '11112222333' }, 'request.resourceAccount'],
    ['a resource account with a control character', { ...request, resourceAccount: '111122223333\u0000' }, 'request.resourceAccount'],
  ])('BAD_REQUEST for %s', async (_name, badRequest, field) => {
    const res = await gql<SimulateData>(app.url, SIMULATE, { request: badRequest, policies: { identity: [allowRead] } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(res.errors?.[0]?.extensions?.details).toEqual({ problems: [expect.objectContaining({ field })] });
  });

  it('accepts context values of every allowed kind', async () => {
    const context = { 'aws:SourceIp': '10.0.0.1', 'aws:MultiFactorAuthAge': 30, 'aws:SecureTransport': true, 'aws:TagKeys': ['a', 'b'] };
    const res = await gql<SimulateData>(app.url, SIMULATE, { request: { ...request, context }, policies: { identity: [allowRead] } });
    expect(res.errors).toBeUndefined();
    expect(res.data?.simulate.decision).toBe('ALLOW');
  });
});

describe('internal errors', () => {
  it('are masked as INTERNAL with the request id of the response', async () => {
    const failing = await startApp({}, {
      services: {
        simulate: () => {
          throw new TypeError('secret internals');
        },
      },
    });
    try {
      const send = async (id: string) => {
        const res = await fetch(failing.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': id },
          body: JSON.stringify({ query: SIMULATE, variables: { request, policies: {} } }),
        });
        return (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      };
      const body = await send('req-42');
      expect(body.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL', requestId: 'req-42' } });
      expect(JSON.stringify(body)).not.toMatch(/secret internals|stacktrace/);
      // Concurrent requests each get their own id back.
      const ids = Array.from({ length: 8 }, (_, i) => `req-c${i}`);
      const bodies = await Promise.all(ids.map(send));
      expect(bodies.map((b) => b.errors[0]?.extensions['requestId'])).toEqual(ids);
    } finally {
      await failing.stop();
    }
  });
});

describe('GraphQL protocol errors', () => {
  it('malformed GraphQL → 400 GRAPHQL_PARSE_FAILED without a stack trace', async () => {
    const res = await gql(app.url, '{ simulate(');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.(ts|js):\d+/);
  });

  it('an unknown field → 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await gql(app.url, '{ nope }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a missing required variable → 400 BAD_USER_INPUT', async () => {
    const res = await gql(app.url, SIMULATE, { request });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace/);
  });

  it('GET /graphql with a query works (CSRF-safe header required by Apollo)', async () => {
    const url = new URL(app.url);
    url.searchParams.set('query', '{ __typename }');
    const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
