import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { gql } from '../helpers/graphql.js';

/**
 * The demo organization that `npm start` seeds on an empty database, and the situations the README
 * walks through: each row is a README query and the answer the README states.
 */
const DEV = '111111111111';
const PROD = '333333333333';
const SECURITY = '222222222222';

interface Situation {
  readonly name: string;
  readonly request: Record<string, unknown>;
  readonly decision: string;
  readonly blockedBy: string[];
}

export const DEMO_SITUATIONS: readonly Situation[] = [
  { name: '1. the EC2 instance role reads the public prefix', decision: 'ALLOW', blockedBy: [],
    request: { principal: `arn:aws:sts::${DEV}:assumed-role/WebAppInstanceRole/i-0abc`, action: 's3:GetObject', resource: 'arn:aws:s3:::demo-app-assets/public/logo.png' } },
  { name: '1. … but not another prefix', decision: 'IMPLICIT_DENY', blockedBy: ['IDENTITY'],
    request: { principal: `arn:aws:sts::${DEV}:assumed-role/WebAppInstanceRole/i-0abc`, action: 's3:GetObject', resource: 'arn:aws:s3:::demo-app-assets/private/keys.txt' } },
  { name: '2. the Lambda role gets a data key from the key that enables IAM policies', decision: 'ALLOW', blockedBy: [],
    request: { principal: `arn:aws:sts::${DEV}:assumed-role/IngestFunctionRole/ingest`, action: 'kms:GenerateDataKey', resource: `arn:aws:kms:eu-west-1:${DEV}:key/1111aaaa-0000-4000-8000-000000000001` } },
  { name: '2. … but not from the key whose policy admits only its admins', decision: 'IMPLICIT_DENY', blockedBy: ['RESOURCE'],
    request: { principal: `arn:aws:sts::${DEV}:assumed-role/IngestFunctionRole/ingest`, action: 'kms:GenerateDataKey', resource: `arn:aws:kms:eu-west-1:${DEV}:key/2222bbbb-0000-4000-8000-000000000002` } },
  { name: '3. security assumes the audit role with MFA and the ExternalId', decision: 'ALLOW', blockedBy: [],
    request: { principal: `arn:aws:iam::${SECURITY}:user/alice`, action: 'sts:AssumeRole', resource: `arn:aws:iam::${PROD}:role/SecurityAudit`,
      context: { 'aws:MultiFactorAuthPresent': 'true', 'sts:ExternalId': 'audit-7f3c' } } },
  { name: '3. … and is refused without MFA', decision: 'IMPLICIT_DENY', blockedBy: ['RESOURCE'],
    request: { principal: `arn:aws:iam::${SECURITY}:user/alice`, action: 'sts:AssumeRole', resource: `arn:aws:iam::${PROD}:role/SecurityAudit`,
      context: { 'sts:ExternalId': 'audit-7f3c' } } },
  { name: '4. the production admin cannot terminate instances (SCP)', decision: 'EXPLICIT_DENY', blockedBy: ['SCP'],
    request: { principal: `arn:aws:sts::${PROD}:assumed-role/ProdAdmin/ops`, action: 'ec2:TerminateInstances', resource: `arn:aws:ec2:eu-west-1:${PROD}:instance/i-0123456789abcdef0` } },
  { name: '4. … but can stop them', decision: 'ALLOW', blockedBy: [],
    request: { principal: `arn:aws:sts::${PROD}:assumed-role/ProdAdmin/ops`, action: 'ec2:StopInstances', resource: `arn:aws:ec2:eu-west-1:${PROD}:instance/i-0123456789abcdef0` } },
  { name: '5. bob cannot create users without MFA', decision: 'EXPLICIT_DENY', blockedBy: ['IDENTITY'],
    request: { principal: `arn:aws:iam::${DEV}:user/bob`, action: 'iam:CreateUser', resource: `arn:aws:iam::${DEV}:user/new-hire` } },
  { name: '5. … and can with MFA', decision: 'ALLOW', blockedBy: [],
    request: { principal: `arn:aws:iam::${DEV}:user/bob`, action: 'iam:CreateUser', resource: `arn:aws:iam::${DEV}:user/new-hire`, context: { 'aws:MultiFactorAuthPresent': 'true' } } },
  { name: '6. the delegated admin is held by her boundary', decision: 'IMPLICIT_DENY', blockedBy: ['PERMISSION_BOUNDARY'],
    request: { principal: `arn:aws:iam::${DEV}:user/carol`, action: 'ec2:RunInstances', resource: '*' } },
  { name: '6. … within it she may manage users', decision: 'ALLOW', blockedBy: [],
    request: { principal: `arn:aws:iam::${DEV}:user/carol`, action: 'iam:CreateUser', resource: `arn:aws:iam::${DEV}:user/intern` } },
  { name: '7. a development role reads the production bucket shared with its account', decision: 'ALLOW', blockedBy: [],
    request: { principal: `arn:aws:sts::${DEV}:assumed-role/ReportReader/batch`, action: 's3:GetObject', resource: 'arn:aws:s3:::demo-shared-reports/2026/q3.csv' } },
  { name: '7. … another development role without an identity allow cannot', decision: 'IMPLICIT_DENY', blockedBy: ['IDENTITY'],
    request: { principal: `arn:aws:sts::${DEV}:assumed-role/WebAppInstanceRole/i-0abc`, action: 's3:GetObject', resource: 'arn:aws:s3:::demo-shared-reports/2026/q3.csv' } },
  { name: '8. CI on main assumes the deploy role through OIDC', decision: 'ALLOW', blockedBy: [],
    request: { principal: `arn:aws:iam::${PROD}:oidc-provider/token.actions.githubusercontent.com`, action: 'sts:AssumeRoleWithWebIdentity', resource: `arn:aws:iam::${PROD}:role/GitHubDeploy`,
      context: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:demo-corp/app:ref:refs/heads/main' } } },
  { name: '8. … a feature branch cannot', decision: 'IMPLICIT_DENY', blockedBy: ['RESOURCE'],
    request: { principal: `arn:aws:iam::${PROD}:oidc-provider/token.actions.githubusercontent.com`, action: 'sts:AssumeRoleWithWebIdentity', resource: `arn:aws:iam::${PROD}:role/GitHubDeploy`,
      context: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:demo-corp/app:ref:refs/heads/feature-x' } } },
  { name: '9. the data engineer writes to the lake', decision: 'ALLOW', blockedBy: [],
    request: { principal: `arn:aws:sts::${DEV}:assumed-role/DataEngineer/etl`, action: 's3:PutObject', resource: 'arn:aws:s3:::demo-datalake/raw/2026/11/23.parquet' } },
  { name: '9. … but not with a read-only session policy', decision: 'IMPLICIT_DENY', blockedBy: ['SESSION'],
    request: { principal: `arn:aws:sts::${DEV}:assumed-role/DataEngineer/etl`, action: 's3:PutObject', resource: 'arn:aws:s3:::demo-datalake/raw/2026/11/23.parquet',
      sessionPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::demo-datalake/curated/*' }] } } },
];

const AUTHORIZE = `query($request: StoredAuthorizationRequestInput!) {
  authorize(org: "demo", request: $request) { decision blockedBy version decisiveStatements { layer policyId sid } } }`;

describe('the demo organization', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startApp({ demoSeed: true }); });
  afterAll(async () => app?.stop());

  it('is seeded as version 1 of "demo"', async () => {
    const res = await gql<{ organization: { latestVersion: number; awsOrgId: string } }>(app.url, '{ organization(id: "demo") { latestVersion awsOrgId } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.organization).toEqual({ latestVersion: 1, awsOrgId: 'o-demo123456' });
  });

  it.each(DEMO_SITUATIONS)('$name', async ({ request, decision, blockedBy }) => {
    const res = await gql<{ authorize: { decision: string; blockedBy: string[]; version: number } }>(app.url, AUTHORIZE, { request });
    expect(res.errors).toBeUndefined();
    expect(res.data?.authorize).toMatchObject({ decision, blockedBy, version: 1 });
  });
});
