import { describe, expect, it } from 'vitest';
import type { AuthorizationRequest } from '../../../src/core/index.js';
import { decideAt } from '../../../src/access/evaluator.js';
import { indexOf } from '../../../src/access/model-index.js';
import { principalSnapshot, resourceSnapshot } from '../../../src/access/snapshots.js';
import type { ModelVersion } from '../../../src/access/types.js';
import { applyChanges } from '../../../src/model/apply-changes.js';
import type { PrincipalSnapshot, ResourceSnapshot } from '../../../src/model/ports.js';
import type { Entity } from '../../../src/model/types.js';
import { DEMO_CHANGES, DEMO_ORG } from '../../../src/service/demo-organization.js';
import { A, allow, doc, e, group, NOW, orgEntities, policy, resource, role, user, version } from './fixtures.js';
import { referenceOver } from './reference.js';

// The engine must decide exactly as the stored path does: its snapshots equal hand-built ones, and
// its decisions equal `assemble` + the core over those, and the demo organization's documented answers.

const reference = (request: AuthorizationRequest, p: PrincipalSnapshot, r: ResourceSnapshot) => referenceOver(request, p, r, NOW);

describe('snapshots and decisions equal the stored path', () => {
  const boundary = policy('Boundary', { document: doc(allow(['s3:*', 'sqs:*'])) });
  const shared = policy('Shared', { document: doc(allow('s3:GetObject', 'arn:aws:s3:::data/*')) });
  const g = group('Readers', { managedPolicies: [shared.arn], inlinePolicies: [{ name: 'q', document: doc(allow('sqs:SendMessage')) }] });
  const u = user('ann', { groups: [g.arn], managedPolicies: [shared.arn], permissionsBoundary: boundary.arn, tags: { team: 'data' },
    inlinePolicies: [{ name: 'own', document: doc(allow('s3:PutObject', 'arn:aws:s3:::data/${aws:username}/*')) }] });
  const r = role('App', { inlinePolicies: [{ name: 'p', document: doc(allow('s3:*')) }] });
  const bucket = resource('arn:aws:s3:::data', { tags: { env: 'prod' }, policy: doc({ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::data/*' }) });
  const model = version([...orgEntities(), e.policy(boundary), e.policy(shared), e.group(g), e.user(u), e.role(r), e.resource(bucket)]);
  const index = indexOf(model);
  const full = index.orgPolicies.get('p-full')!;
  const placement = { awsOrgId: 'o-test12345', orgPath: 'o-test12345/r-ab12/ou-ab12-work/', isManagementAccount: false };
  const chain = [{ target: 'r-ab12', policies: [full] }, { target: 'ou-ab12-work', policies: [full] }, { target: A, policies: [full] }];

  it('builds the principal snapshot the store would read', () => {
    const want: PrincipalSnapshot = {
      user: u, role: null, groups: [g], managedPolicies: [shared, boundary], account: index.accounts.get(A)!, placement, scpChain: chain,
    };
    expect(principalSnapshot(index, u.arn)).toEqual(want);
    expect(principalSnapshot(index, `arn:aws:sts::${A}:assumed-role/App/s1`).role).toEqual(r);
  });

  it('builds the resource snapshot the store would read, objects falling back to their bucket', () => {
    const want: ResourceSnapshot = { resource: bucket, role: null, accountId: A, placement, rcpChain: [{ target: 'r-ab12', policies: [] }, { target: 'ou-ab12-work', policies: [] }, { target: A, policies: [] }] };
    expect(resourceSnapshot(index, 'arn:aws:s3:::data/x/y.csv')).toEqual(want);
    expect(resourceSnapshot(index, r.arn).role).toEqual(r);
  });

  it.each([
    [u.arn, 's3:GetObject', 'arn:aws:s3:::data/a.csv', {}],
    [u.arn, 's3:PutObject', 'arn:aws:s3:::data/ann/a.csv', {}],
    [u.arn, 's3:PutObject', 'arn:aws:s3:::data/bob/a.csv', {}],
    [u.arn, 's3:DeleteObject', 'arn:aws:s3:::data/a.csv', {}],
    [u.arn, 'sqs:SendMessage', `arn:aws:sqs:us-east-1:${A}:q`, {}],
    [u.arn, 'ec2:RunInstances', '*', {}],
    [r.arn, 's3:DeleteObject', 'arn:aws:s3:::data/a.csv', {}],
    [r.arn, 's3:ListBucket', 'arn:aws:s3:::data', { 's3:prefix': 'x' }],
  ])('%s %s %s', (principal, action, res, context) => {
    const request = { principal, action, resource: res, context };
    const p = principalSnapshot(index, principal);
    expect(decideAt(model, request, NOW)).toEqual(reference(request, p, resourceSnapshot(index, res)));
  });
});

describe('the demo organization decides as its README says', () => {
  const applied = applyChanges(DEMO_CHANGES, () => null, []);
  const entities = applied.writes.filter((w) => w.body !== null) as Entity[];
  const root = entities.find((x) => x.kind === 'root');
  const model: ModelVersion = { org: 'demo', version: 1, awsOrgId: DEMO_ORG.awsOrgId, managementAccountId: DEMO_ORG.managementAccountId, rootId: DEMO_ORG.rootId, entities };
  const DEV = '111111111111';
  const PROD = '333333333333';
  const SECURITY = '222222222222';

  it('applies cleanly', () => {
    expect(applied.problems).toEqual([]);
    expect(root).toBeDefined();
  });

  it.each([
    ['ALLOW', `arn:aws:sts::${DEV}:assumed-role/WebAppInstanceRole/i-0abc`, 's3:GetObject', 'arn:aws:s3:::demo-app-assets/public/logo.png', {}],
    ['IMPLICIT_DENY', `arn:aws:sts::${DEV}:assumed-role/WebAppInstanceRole/i-0abc`, 's3:GetObject', 'arn:aws:s3:::demo-app-assets/private/keys.txt', {}],
    ['ALLOW', `arn:aws:sts::${DEV}:assumed-role/IngestFunctionRole/ingest`, 'kms:GenerateDataKey', `arn:aws:kms:eu-west-1:${DEV}:key/1111aaaa-0000-4000-8000-000000000001`, {}],
    ['IMPLICIT_DENY', `arn:aws:sts::${DEV}:assumed-role/IngestFunctionRole/ingest`, 'kms:GenerateDataKey', `arn:aws:kms:eu-west-1:${DEV}:key/2222bbbb-0000-4000-8000-000000000002`, {}],
    ['ALLOW', `arn:aws:iam::${SECURITY}:user/alice`, 'sts:AssumeRole', `arn:aws:iam::${PROD}:role/SecurityAudit`, { 'aws:MultiFactorAuthPresent': 'true', 'sts:ExternalId': 'audit-7f3c' }],
    ['IMPLICIT_DENY', `arn:aws:iam::${SECURITY}:user/alice`, 'sts:AssumeRole', `arn:aws:iam::${PROD}:role/SecurityAudit`, { 'sts:ExternalId': 'audit-7f3c' }],
    ['EXPLICIT_DENY', `arn:aws:sts::${PROD}:assumed-role/ProdAdmin/ops`, 'ec2:TerminateInstances', `arn:aws:ec2:eu-west-1:${PROD}:instance/i-0123456789abcdef0`, {}],
    ['ALLOW', `arn:aws:sts::${PROD}:assumed-role/ProdAdmin/ops`, 'ec2:StopInstances', `arn:aws:ec2:eu-west-1:${PROD}:instance/i-0123456789abcdef0`, {}],
    ['EXPLICIT_DENY', `arn:aws:iam::${DEV}:user/bob`, 'iam:CreateUser', `arn:aws:iam::${DEV}:user/new-hire`, {}],
    ['ALLOW', `arn:aws:iam::${DEV}:user/bob`, 'iam:CreateUser', `arn:aws:iam::${DEV}:user/new-hire`, { 'aws:MultiFactorAuthPresent': 'true' }],
    ['IMPLICIT_DENY', `arn:aws:iam::${DEV}:user/carol`, 'ec2:RunInstances', '*', {}],
    ['ALLOW', `arn:aws:iam::${DEV}:user/carol`, 'iam:CreateUser', `arn:aws:iam::${DEV}:user/intern`, {}],
    ['ALLOW', `arn:aws:sts::${DEV}:assumed-role/ReportReader/batch`, 's3:GetObject', 'arn:aws:s3:::demo-shared-reports/2026/q3.csv', {}],
    ['IMPLICIT_DENY', `arn:aws:sts::${DEV}:assumed-role/WebAppInstanceRole/i-0abc`, 's3:GetObject', 'arn:aws:s3:::demo-shared-reports/2026/q3.csv', {}],
    ['ALLOW', `arn:aws:iam::${PROD}:oidc-provider/token.actions.githubusercontent.com`, 'sts:AssumeRoleWithWebIdentity', `arn:aws:iam::${PROD}:role/GitHubDeploy`,
      { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:demo-corp/app:ref:refs/heads/main' }],
    ['ALLOW', `arn:aws:sts::${DEV}:assumed-role/DataEngineer/etl`, 's3:PutObject', 'arn:aws:s3:::demo-datalake/raw/2026/11/23.parquet', {}],
  ])('%s: %s %s %s', (decision, principal, action, res, context) => {
    expect(decideAt(model, { principal, action, resource: res, context }, NOW).decision).toBe(decision);
  });
});
