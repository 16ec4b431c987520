import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, COMMIT, CREATE_ORGANIZATION, doc, startModelApp, type ModelTestApp } from '../helpers/model-app.js';

// An organization acting out the layers of the evaluation logic:
//   r-corp  (SCPs: FullAWSAccess, DenyCreateUser)
//   ├── 999999999999 mgmt  (the management account: SCPs never restrict it)
//   └── ou-corp-11111111 Workloads  (SCPs: FullAWSAccess, DenyS3Delete)
//       ├── 111111111111 dev   (SCP: FullAWSAccess)
//       └── 222222222222 prod  (SCP: FullAWSAccess; RCP: OrgOnly)
const ORG = { id: 'corp', name: 'Corp', awsOrgId: 'o-corp000001', managementAccountId: '999999999999', rootId: 'r-corp' };
const [MGMT, DEV, PROD] = ['999999999999', '111111111111', '222222222222'];
const OU = 'ou-corp-11111111';
const [FULL, DENY_CREATE_USER, DENY_S3_DELETE, ORG_ONLY] = ['p-FullAWSAccess', 'p-DenyCreateUser', 'p-DenyS3Delete', 'p-RcpOrgOnly'];
const admin = (account: string) => `arn:aws:iam::${account}:policy/Admin`;
const ALICE = `arn:aws:iam::${DEV}:user/alice`;
const BOB = `arn:aws:iam::${DEV}:user/bob`;
const ROOT_ADMIN = `arn:aws:iam::${MGMT}:user/root-admin`;
const APP_ROLE = `arn:aws:iam::${DEV}:role/service/App`;
const APP_SESSION = `arn:aws:sts::${DEV}:assumed-role/App/i-0123`;
const PROD_DATA = 'arn:aws:s3:::prod-data';
const PROD_PUBLIC = 'arn:aws:s3:::prod-public';

const allowAll = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const CHANGES = [
  { putOrgPolicy: { id: FULL, name: 'FullAWSAccess', type: 'SCP', document: allowAll } },
  { putOrgPolicy: { id: DENY_CREATE_USER, name: 'DenyCreateUser', type: 'SCP', document: doc({ Sid: 'NoUsers', Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }) } },
  { putOrgPolicy: { id: DENY_S3_DELETE, name: 'DenyS3Delete', type: 'SCP', document: doc({ Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }) } },
  { putOrgPolicy: { id: ORG_ONLY, name: 'OrgOnly', type: 'RCP', document: doc({
    Sid: 'OrgOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*',
    Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG.awsOrgId } },
  }) } },
  { putRoot: { id: ORG.rootId, scpEnabled: true, rcpEnabled: true, scps: [FULL, DENY_CREATE_USER] } },
  { putOu: { id: OU, name: 'Workloads', parentId: ORG.rootId, scps: [FULL, DENY_S3_DELETE] } },
  { putAccount: { id: MGMT, name: 'mgmt', parentId: ORG.rootId, scps: [FULL] } },
  { putAccount: { id: DEV, name: 'dev', parentId: OU, scps: [FULL] } },
  { putAccount: { id: PROD, name: 'prod', parentId: OU, scps: [FULL], rcps: [ORG_ONLY] } },
  { putPolicy: { arn: admin(DEV), document: allowAll } },
  { putPolicy: { arn: admin(MGMT), document: allowAll } },
  { putUser: {
    arn: ALICE, managedPolicies: [admin(DEV)], tags: { team: 'data' },
    inlinePolicies: [{ name: 'TeamQueues', document: doc({
      Sid: 'DataTeamOnly', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data' } },
    }) }],
  } },
  { putUser: {
    arn: BOB, tags: { team: 'web' },
    inlinePolicies: [{ name: 'TeamQueues', document: doc({
      Sid: 'DataTeamOnly', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data' } },
    }) }],
  } },
  { putUser: { arn: ROOT_ADMIN, managedPolicies: [admin(MGMT)] } },
  { putRole: {
    arn: APP_ROLE, trustPolicy: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    inlinePolicies: [{ name: 'Tables', document: doc({ Sid: 'ReadTables', Effect: 'Allow', Action: ['dynamodb:GetItem', 's3:GetObject'], Resource: '*' }) }],
  } },
  { putResource: { arn: PROD_DATA, accountId: PROD, policy: doc({
    Sid: 'AliceReads', Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:GetObject', Resource: `${PROD_DATA}/*`,
  }) } },
  { putResource: { arn: PROD_PUBLIC, accountId: PROD, policy: doc({
    Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${PROD_PUBLIC}/*`,
  }) } },
];

const RESULT_FIELDS = 'version decision allowed blockedBy decisiveStatements { layer policyId target statementIndex sid effect }';
const AUTHORIZE = /* GraphQL */ `
  query($org: String!, $version: Int, $request: StoredAuthorizationRequestInput!) {
    authorize(org: $org, version: $version, request: $request) { ${RESULT_FIELDS} }
  }
`;

interface Result {
  version: number;
  decision: string;
  allowed: boolean;
  blockedBy: string[];
  decisiveStatements: Record<string, unknown>[];
  explanation?: { layers: { layer: string; outcome: string }[] } | null;
}
type Request = { principal: string; action: string; resource: string; context?: Record<string, unknown>; sessionPolicy?: unknown };

describe.each(backends())('authorize, explain and authorizeBatch against stored versions (%s)', (backend) => {
  let app: ModelTestApp;
  const authorize = async (request: Request, version?: number) => {
    const res = await app.raw<{ authorize: Result }>(AUTHORIZE, { org: ORG.id, request, ...(version !== undefined && { version }) });
    return { result: res.data?.authorize, error: res.errors?.[0] };
  };

  beforeAll(async () => {
    app = await startModelApp(backend, { batchMax: 5 });
    await app.run(CREATE_ORGANIZATION, { input: ORG });
    await app.run(COMMIT, { org: ORG.id, base: 0, message: 'the organization', changes: CHANGES });
  });
  afterAll(() => app?.stop());

  it.each<[string, Request, Partial<Result>, Record<string, unknown>?]>([
    ['a user through a managed policy', { principal: ALICE, action: 's3:GetObject', resource: 'arn:aws:s3:::dev-bucket/a' },
      { decision: 'ALLOW', blockedBy: [] }, { layer: 'IDENTITY', policyId: admin(DEV) }],
    ['a role session through its role\'s inline policy', { principal: APP_SESSION, action: 'dynamodb:GetItem', resource: `arn:aws:dynamodb:us-east-1:${DEV}:table/t` },
      { decision: 'ALLOW' }, { layer: 'IDENTITY', sid: 'ReadTables' }],
    ['a role session outside its policies', { principal: APP_SESSION, action: 'dynamodb:PutItem', resource: `arn:aws:dynamodb:us-east-1:${DEV}:table/t` },
      { decision: 'IMPLICIT_DENY', blockedBy: ['IDENTITY'] }],
    ['cross-account read granted by the bucket policy', { principal: ALICE, action: 's3:GetObject', resource: `${PROD_DATA}/report.csv` },
      { decision: 'ALLOW' }, { layer: 'RESOURCE', sid: 'AliceReads', policyId: `policy:${PROD_DATA}` }],
    ['cross-account write the bucket policy does not grant', { principal: ALICE, action: 's3:PutObject', resource: `${PROD_DATA}/report.csv` },
      { decision: 'IMPLICIT_DENY', blockedBy: ['RESOURCE'] }],
    ['cross-account read by a role session the bucket policy does not name', { principal: APP_SESSION, action: 's3:GetObject', resource: `${PROD_DATA}/x` },
      { decision: 'IMPLICIT_DENY', blockedBy: ['RESOURCE'] }],
    ['an SCP attached on the OU path', { principal: ALICE, action: 's3:DeleteObject', resource: 'arn:aws:s3:::dev-bucket/a' },
      { decision: 'EXPLICIT_DENY', blockedBy: ['SCP'] }, { layer: 'SCP', policyId: DENY_S3_DELETE, target: OU, sid: 'NoDelete' }],
    ['an SCP attached at the root', { principal: ALICE, action: 'iam:CreateUser', resource: `arn:aws:iam::${DEV}:user/eve` },
      { decision: 'EXPLICIT_DENY', blockedBy: ['SCP'] }, { layer: 'SCP', policyId: DENY_CREATE_USER, target: ORG.rootId }],
    ['the management account, which SCPs do not restrict', { principal: ROOT_ADMIN, action: 'iam:CreateUser', resource: `arn:aws:iam::${MGMT}:user/eve` },
      { decision: 'ALLOW' }],
    ['an RCP denying callers outside the organization', { principal: '*', action: 's3:GetObject', resource: `${PROD_PUBLIC}/index.html` },
      { decision: 'EXPLICIT_DENY', blockedBy: ['RCP'] }, { layer: 'RCP', policyId: ORG_ONLY, sid: 'OrgOnly' }],
    ['the same public object for a caller inside the organization', { principal: ALICE, action: 's3:GetObject', resource: `${PROD_PUBLIC}/index.html` },
      { decision: 'ALLOW' }],
    ['a tag condition met through aws:PrincipalTag', { principal: ALICE, action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-east-1:${DEV}:q` },
      { decision: 'ALLOW' }, { sid: 'DataTeamOnly' }],
    ['a tag condition not met through aws:PrincipalTag', { principal: BOB, action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-east-1:${DEV}:q` },
      { decision: 'IMPLICIT_DENY', blockedBy: ['IDENTITY'] }],
    ['a session policy that does not allow the action', {
      principal: APP_SESSION, action: 'dynamodb:GetItem', resource: `arn:aws:dynamodb:us-east-1:${DEV}:table/t`,
      sessionPolicy: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }),
    }, { decision: 'IMPLICIT_DENY', blockedBy: ['SESSION'] }],
  ])('%s', async (_name, request, want, decisive) => {
    const { result, error } = await authorize(request);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ version: 1, ...want, allowed: want.decision === 'ALLOW' });
    if (decisive) expect(result?.decisiveStatements).toContainEqual(expect.objectContaining(decisive));
  });

  it.each([
    ['an IAM user that does not exist', { principal: `arn:aws:iam::${DEV}:user/nobody`, action: 's3:GetObject', resource: '*' }],
    ['a role session of a role that does not exist', { principal: `arn:aws:sts::${DEV}:assumed-role/Nope/s`, action: 's3:GetObject', resource: '*' }],
    ['a principal of an account outside the organization', { principal: 'arn:aws:iam::444455556666:user/x', action: 's3:GetObject', resource: '*' }],
  ])('NOT_FOUND for %s', async (_name, request) => {
    const { error } = await authorize(request);
    expect(error?.extensions?.code).toBe('NOT_FOUND');
    expect(error?.message).toMatch(/^principal .* not found at version 1/);
  });

  it.each([
    ['a malformed principal ARN', { principal: 'arn:aws:iam::12:user/x', action: 's3:GetObject', resource: '*' }, 'BAD_REQUEST'],
    ['a malformed resource ARN', { principal: ALICE, action: 's3:GetObject', resource: 'bucket/key' }, 'BAD_REQUEST'],
    ['an invalid session policy', { principal: APP_SESSION, action: 's3:GetObject', resource: '*', sessionPolicy: doc({ Effect: 'Perhaps', Action: '*', Resource: '*' }) }, 'BAD_POLICY'],
  ])('%s → %s', async (_name, request, code) => {
    const { error } = await authorize(request);
    expect(error?.extensions?.code).toBe(code);
  });

  it('an unknown organization or version → NOT_FOUND', async () => {
    const request = { principal: ALICE, action: 's3:GetObject', resource: '*' };
    expect((await app.raw(AUTHORIZE, { org: 'nope', request })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await authorize(request, 42)).error?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a service principal is decided by the resource policy alone', async () => {
    const { result } = await authorize({ principal: 'lambda.amazonaws.com', action: 's3:GetObject', resource: `${PROD_DATA}/x` });
    expect(result).toMatchObject({ decision: 'IMPLICIT_DENY', blockedBy: ['RESOURCE'], version: 1 });
  });

  it('answers at the version asked for, and says which', async () => {
    const request = { principal: ALICE, action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-east-1:${DEV}:q` };
    await app.run(COMMIT, { org: ORG.id, base: 1, message: 'alice moves team', changes: [{ putUser: { arn: ALICE, managedPolicies: [admin(DEV)], tags: { team: 'web' } } }] });
    expect((await authorize(request)).result).toMatchObject({ version: 2, decision: 'ALLOW' }); // still Admin
    const sendOnly = { ...request, action: 'sqs:SendMessage', sessionPolicy: undefined };
    expect((await authorize(sendOnly, 1)).result).toMatchObject({ version: 1, decision: 'ALLOW' });
    await app.run(COMMIT, { org: ORG.id, base: 2, message: 'alice loses admin', changes: [{ putUser: { arn: ALICE, tags: { team: 'web' } } }] });
    expect((await authorize(request)).result).toMatchObject({ version: 3, decision: 'IMPLICIT_DENY' });
    expect((await authorize(request, 1)).result).toMatchObject({ version: 1, decision: 'ALLOW' });
  });

  it('explain returns the trace on the same path as authorize', async () => {
    const request = { principal: ALICE, action: 's3:DeleteObject', resource: 'arn:aws:s3:::dev-bucket/a' };
    const res = await app.run<{ explain: Result; authorize: Result }>(/* GraphQL */ `
      query($request: StoredAuthorizationRequestInput!) {
        explain(org: "corp", version: 1, request: $request) { version decision blockedBy explanation { layers { layer outcome } } }
        authorize(org: "corp", version: 1, request: $request) { decision blockedBy explanation { layers { layer } } }
      }`, { request });
    expect(res.explain).toMatchObject({ version: 1, decision: 'EXPLICIT_DENY', blockedBy: ['SCP'] });
    expect(res.explain.explanation?.layers).toContainEqual({ layer: 'SCP', outcome: 'DENY' });
    expect(res.authorize.decision).toBe(res.explain.decision);
    expect(res.authorize.explanation?.layers.length).toBe(res.explain.explanation?.layers.length);
  });

  it('atLeastVersion: answers from that version or a newer one, never an older one', async () => {
    const request = { principal: ALICE, action: 's3:GetObject', resource: 'arn:aws:s3:::dev-bucket/a' };
    const latest = (await authorize(request)).result!.version;
    const FIELDS = {
      authorize: 'authorize(org: "corp", version: $version, atLeastVersion: $atLeast, request: $request) { version }',
      explain: 'explain(org: "corp", version: $version, atLeastVersion: $atLeast, request: $request) { version }',
      authorizeBatch: 'authorizeBatch(org: "corp", version: $version, atLeastVersion: $atLeast, requests: [$request]) { version: result { version } }',
    };
    const run = async (field: keyof typeof FIELDS, variables: Record<string, unknown>) => {
      const res = await app.raw<Record<string, unknown>>(
        `query($request: StoredAuthorizationRequestInput!, $version: Int, $atLeast: Int) { ${FIELDS[field]} }`, { request, ...variables });
      const data = res.data?.[field];
      return res.errors ? [res.errors[0]?.extensions?.code, res.errors[0]?.message] : (Array.isArray(data) ? data[0] : data);
    };
    for (const field of ['authorize', 'explain', 'authorizeBatch'] as const) {
      const version = (v: number) => (field === 'authorizeBatch' ? { version: { version: v } } : { version: v });
      expect(await run(field, { atLeast: 1 }), field).toEqual(version(latest));
      expect(await run(field, { atLeast: latest + 1 }), field).toEqual(['NOT_FOUND', `version ${latest + 1} does not exist yet (latest is ${latest})`]);
      expect(await run(field, { version: 1, atLeast: 1 }), field).toEqual(version(1));
      expect(await run(field, { version: 1, atLeast: 2 }), field).toEqual(['BAD_REQUEST', 'invalid request: version is 1, older than atLeastVersion 2']);
      expect((await run(field, { atLeast: -1 }) as unknown[])[0], field).toBe('BAD_REQUEST');
    }
  });

  const BATCH = /* GraphQL */ `
    query($requests: [StoredAuthorizationRequestInput!]!) {
      authorizeBatch(org: "corp", version: 1, requests: $requests) { index result { version decision blockedBy } error { code message } }
    }
  `;

  it('authorizeBatch answers in request order, with a per-item error value', async () => {
    const requests = [
      { principal: ALICE, action: 's3:GetObject', resource: `${PROD_DATA}/a` },
      { principal: `arn:aws:iam::${DEV}:user/nobody`, action: 's3:GetObject', resource: '*' },
      { principal: ALICE, action: 'GetObject', resource: '*' },
      { principal: ALICE, action: 's3:DeleteObject', resource: 'arn:aws:s3:::dev-bucket/a' },
      { principal: ALICE, action: 's3:PutObject', resource: `${PROD_DATA}/a` },
    ];
    const res = await app.raw<{ authorizeBatch: { index: number; result: Result | null; error: { code: string } | null }[] }>(BATCH, { requests });
    expect(res.errors).toBeUndefined();
    expect(res.data?.authorizeBatch).toEqual([
      { index: 0, result: { version: 1, decision: 'ALLOW', blockedBy: [] }, error: null },
      { index: 1, result: null, error: expect.objectContaining({ code: 'NOT_FOUND' }) },
      { index: 2, result: null, error: expect.objectContaining({ code: 'BAD_REQUEST' }) },
      { index: 3, result: { version: 1, decision: 'EXPLICIT_DENY', blockedBy: ['SCP'] }, error: null },
      { index: 4, result: { version: 1, decision: 'IMPLICIT_DENY', blockedBy: ['RESOURCE'] }, error: null },
    ]);
  });

  it('authorizeBatch over BATCH_MAX → BATCH_TOO_LARGE before any work', async () => {
    const requests = Array.from({ length: 6 }, () => ({ principal: ALICE, action: 's3:GetObject', resource: '*' }));
    app.db.resetCount();
    const res = await app.raw(BATCH, { requests });
    expect(res.errors?.[0]?.extensions?.code).toBe('BATCH_TOO_LARGE');
    expect(app.db.queryCount()).toBe(0);
  });

  it('authorizeBatch reads each principal and resource snapshot once', async () => {
    const one = [{ principal: ALICE, action: 's3:GetObject', resource: `${PROD_DATA}/a` }];
    app.db.resetCount();
    await app.run(BATCH, { requests: one });
    const single = app.db.queryCount();
    app.db.resetCount();
    await app.run(BATCH, { requests: Array.from({ length: 5 }, (_, i) => ({ ...one[0], action: i % 2 ? 's3:GetObject' : 's3:PutObject' })) });
    expect(app.db.queryCount()).toBe(single);
  });
});
