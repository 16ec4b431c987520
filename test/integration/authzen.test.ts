import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';

// Requests written from the OpenID AuthZEN Authorization API 1.0 examples ("Access Evaluation API",
// "Access Evaluations API", "Default values", "Evaluations semantics", "HTTPS Binding"), with the
// spec's users and documents replaced by the demo organization's principals and resources.

const DEV = '111111111111';
const PROD = '333333333333';
const WEB_ROLE = `arn:aws:sts::${DEV}:assumed-role/WebAppInstanceRole/i-0abc`;
const PUBLIC_LOGO = 'arn:aws:s3:::demo-app-assets/public/logo.png';
const PRIVATE_KEYS = 'arn:aws:s3:::demo-app-assets/private/keys.txt';

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ demoSeed: true, batchMax: 5 });
});
afterAll(() => app.stop());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(path, app.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

const subject = (id: string, properties: Record<string, unknown> = { org: 'demo' }) => ({ type: 'iam_principal', id, properties });
const resource = (id: string) => ({ type: 's3_object', id });

describe('POST /access/v1/evaluation', () => {
  it('the spec example shape → 200 {decision: true}, with x-request-id echoed (HTTPS Binding)', async () => {
    const res = await post('/access/v1/evaluation', {
      subject: subject(WEB_ROLE),
      resource: resource(PUBLIC_LOGO),
      action: { name: 's3:GetObject', properties: { method: 'GET' } },
      context: { time: '1985-10-26T01:22-07:00' },
    }, { 'x-request-id': 'bfe9eb29-ab87-4ca3-be83-a1d5d8305716' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('x-request-id')).toBe('bfe9eb29-ab87-4ca3-be83-a1d5d8305716');
    expect(res.body).toMatchObject({ decision: true, context: { iam: { decision: 'ALLOW', blockedBy: [] } } });
  });

  it('a denial is 200 {decision: false} with the IAM outcome in context', async () => {
    const res = await post('/access/v1/evaluation', { subject: subject(WEB_ROLE), resource: resource(PRIVATE_KEYS), action: { name: 's3:GetObject' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ decision: false, context: { iam: { decision: 'IMPLICIT_DENY', blockedBy: ['IDENTITY'] } } });
  });

  it('context keys named service:key are IAM context; context.version picks the version', async () => {
    const request = {
      subject: subject(`arn:aws:iam::${DEV}:user/bob`),
      action: { name: 'iam:CreateUser' },
      resource: { type: 'iam_user', id: `arn:aws:iam::${DEV}:user/new-hire` },
    };
    const without = await post('/access/v1/evaluation', request);
    expect(without.body).toMatchObject({ decision: false, context: { iam: { decision: 'EXPLICIT_DENY' } } });
    const withMfa = await post('/access/v1/evaluation', { ...request, context: { 'aws:MultiFactorAuthPresent': 'true', version: 1 } });
    expect(withMfa.body).toMatchObject({ decision: true, context: { iam: { version: 1 } } });
  });

  it('takes the organization from the x-iam-org header when the subject names none', async () => {
    const res = await post('/access/v1/evaluation', {
      subject: { type: 'iam_principal', id: `arn:aws:sts::${PROD}:assumed-role/ProdAdmin/ops` },
      action: { name: 'ec2:TerminateInstances' },
      resource: { type: 'ec2_instance', id: `arn:aws:ec2:eu-west-1:${PROD}:instance/i-0123456789abcdef0` },
    }, { 'x-iam-org': 'demo' });
    expect(res.body).toMatchObject({ decision: false, context: { iam: { decision: 'EXPLICIT_DENY', blockedBy: ['SCP'] } } });
  });

  it('an unknown principal is a closed decision carrying a 404 error (decisions default to closed)', async () => {
    const res = await post('/access/v1/evaluation', {
      subject: subject(`arn:aws:iam::${DEV}:user/nobody`), action: { name: 's3:GetObject' }, resource: resource(PUBLIC_LOGO),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ decision: false, context: { error: { status: 404, code: 'NOT_FOUND' } } });
  });

  it.each([
    ['no subject', { action: { name: 's3:GetObject' }, resource: resource(PUBLIC_LOGO) }, /subject/],
    ['a subject without type', { subject: { id: WEB_ROLE, properties: { org: 'demo' } }, action: { name: 's3:GetObject' }, resource: resource(PUBLIC_LOGO) }, /subject\.type/],
    ['no action name', { subject: subject(WEB_ROLE), action: {}, resource: resource(PUBLIC_LOGO) }, /action\.name/],
    ['no resource id', { subject: subject(WEB_ROLE), action: { name: 's3:GetObject' }, resource: { type: 'x' } }, /resource\.id/],
    ['no organization anywhere', { subject: subject(WEB_ROLE, {}), action: { name: 's3:GetObject' }, resource: resource(PUBLIC_LOGO) }, /organization/],
    ['an action that is not service:Action', { subject: subject(WEB_ROLE), action: { name: 'can_read' }, resource: resource(PUBLIC_LOGO) }, /request\.action/],
    ['a JSON array body', [], /JSON object/],
  ])('400 with a JSON error body for %s (Error Responses)', async (_name, body, message) => {
    const res = await post('/access/v1/evaluation', body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(message) } });
  });

  it('400 for a body that is not JSON, 405 for GET', async () => {
    expect((await post('/access/v1/evaluation', '{"subject":')).status).toBe(400);
    const res = await fetch(new URL('/access/v1/evaluation', app.url));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('POST /access/v1/evaluations', () => {
  it('three evaluations without defaults → decisions in request order', async () => {
    const one = (id: string) => ({ subject: subject(WEB_ROLE), action: { name: 's3:GetObject' }, resource: resource(id), context: { time: '2024-05-31T15:22-07:00' } });
    const res = await post('/access/v1/evaluations', { evaluations: [one(PUBLIC_LOGO), one(PRIVATE_KEYS), one(PUBLIC_LOGO)] });
    expect(res.status).toBe(200);
    expect(res.body['evaluations'].map((e: { decision: boolean }) => e.decision)).toEqual([true, false, true]);
  });

  it('top-level subject and context are defaults; an item\'s action overrides the default (Default values)', async () => {
    const res = await post('/access/v1/evaluations', {
      subject: subject(WEB_ROLE),
      context: { time: '2024-05-31T15:22-07:00' },
      action: { name: 's3:GetObject' },
      evaluations: [
        { resource: resource(PUBLIC_LOGO) },
        { resource: resource(PRIVATE_KEYS) },
        { action: { name: 's3:DeleteObject' }, resource: resource(PUBLIC_LOGO) },
      ],
    });
    expect(res.body['evaluations'].map((e: { decision: boolean }) => e.decision)).toEqual([true, false, false]);
  });

  const threeDocuments = (semantic?: string) => ({
    subject: subject(WEB_ROLE),
    action: { name: 's3:GetObject' },
    ...(semantic && { options: { evaluations_semantic: semantic } }),
    evaluations: [{ resource: resource(PUBLIC_LOGO) }, { resource: resource(PRIVATE_KEYS) }, { resource: resource(PUBLIC_LOGO) }],
  });

  it.each([
    ['execute_all', [true, false, true]],
    [undefined, [true, false, true]],
    ['deny_on_first_deny', [true, false]],
    ['permit_on_first_permit', [true]],
  ])('evaluations_semantic %s → %j (Evaluations semantics)', async (semantic, want) => {
    const res = await post('/access/v1/evaluations', threeDocuments(semantic));
    expect(res.status).toBe(200);
    expect(res.body['evaluations'].map((e: { decision: boolean }) => e.decision)).toEqual(want);
  });

  it('an evaluation that fails is decision false with its error in context; the others are decided (Errors)', async () => {
    const res = await post('/access/v1/evaluations', {
      action: { name: 's3:GetObject' },
      resource: resource(PUBLIC_LOGO),
      evaluations: [
        { subject: subject(WEB_ROLE) },
        { subject: subject(`arn:aws:iam::${DEV}:user/nobody`) },
        { subject: { type: 'iam_principal' } },
        { subject: subject(WEB_ROLE, { org: 'no-such-org' }) },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body['evaluations']).toEqual([
      expect.objectContaining({ decision: true }),
      { decision: false, context: { error: { status: 404, code: 'NOT_FOUND', message: expect.any(String) } } },
      { decision: false, context: { error: { status: 400, code: 'BAD_REQUEST', message: expect.stringMatching(/subject\.id/) } } },
      { decision: false, context: { error: { status: 404, code: 'NOT_FOUND', message: expect.any(String) } } },
    ]);
  });

  it('without an evaluations array it answers as the single evaluation', async () => {
    const res = await post('/access/v1/evaluations', { subject: subject(WEB_ROLE), action: { name: 's3:GetObject' }, resource: resource(PUBLIC_LOGO) });
    expect(res.body).toMatchObject({ decision: true });
    expect(res.body).not.toHaveProperty('evaluations');
  });

  it.each([
    ['evaluations that is not an array', { evaluations: {} }, 'BAD_REQUEST'],
    ['an unknown evaluations_semantic', { ...threeDocuments(), options: { evaluations_semantic: 'first_wins' } }, 'BAD_REQUEST'],
    ['more evaluations than BATCH_MAX', { ...threeDocuments(), evaluations: new Array(6).fill({ resource: resource(PUBLIC_LOGO) }) }, 'LIMIT_EXCEEDED'],
  ])('400 for %s', async (_name, body, code) => {
    const res = await post('/access/v1/evaluations', body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code } });
  });
});

describe('AUTHZEN_DEFAULT_ORG', () => {
  it('decides in the configured organization when neither subject nor header names one', async () => {
    const other = await startApp({ demoSeed: true, authzenDefaultOrg: 'demo' });
    try {
      const res = await fetch(new URL('/access/v1/evaluation', other.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ subject: { type: 'iam_principal', id: WEB_ROLE }, action: { name: 's3:GetObject' }, resource: resource(PUBLIC_LOGO) }),
      });
      expect(await res.json()).toMatchObject({ decision: true });
    } finally {
      await other.stop();
    }
  });
});
