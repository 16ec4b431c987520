import type { Change } from '../model/changes.js';
import type { PolicyJson } from '../model/types.js';

/**
 * The `demo` organization seeded on an empty database: accounts and policies that act out classic
 * IAM situations. The README walks through them with queries (section "The demo organization").
 */
export const DEMO_ORG = {
  id: 'demo', name: 'Demo Corp', awsOrgId: 'o-demo123456', managementAccountId: '999999999999', rootId: 'r-demo',
} as const;

const DEV = '111111111111';
const SECURITY = '222222222222';
const PROD = '333333333333';
const V = '2012-10-17';

const doc = (...Statement: Record<string, unknown>[]): PolicyJson => ({ Version: V, Statement });
const allowAll = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const trust = (principal: Record<string, unknown>, extra: Record<string, unknown> = {}, action = 'sts:AssumeRole'): PolicyJson =>
  doc({ Effect: 'Allow', Principal: principal, Action: action, ...extra });

function role(account: string, name: string, trustPolicy: PolicyJson, inline: PolicyJson | null, more: Partial<{ managedPolicies: string[]; permissionsBoundary: string; tags: Record<string, string> }> = {}): Change {
  return { op: 'put', kind: 'role', body: {
    arn: `arn:aws:iam::${account}:role/${name}`, accountId: account, name, path: '/', tags: more.tags ?? {}, trustPolicy,
    permissionsBoundary: more.permissionsBoundary ?? null, inlinePolicies: inline ? [{ name: `${name}Policy`, document: inline }] : [],
    managedPolicies: more.managedPolicies ?? [], serviceLinked: false,
  } };
}

function user(account: string, name: string, more: Partial<{ inline: PolicyJson; groups: string[]; managedPolicies: string[]; permissionsBoundary: string; tags: Record<string, string> }> = {}): Change {
  return { op: 'put', kind: 'user', body: {
    arn: `arn:aws:iam::${account}:user/${name}`, accountId: account, name, path: '/', tags: more.tags ?? {},
    groups: more.groups ?? [], permissionsBoundary: more.permissionsBoundary ?? null,
    inlinePolicies: more.inline ? [{ name: `${name}Policy`, document: more.inline }] : [], managedPolicies: more.managedPolicies ?? [],
  } };
}

const managed = (arn: string, name: string, accountId: string, document: PolicyJson): Change =>
  ({ op: 'put', kind: 'policy', body: { arn, name, path: '/', accountId, document } });
const resource = (arn: string, accountId: string, policy: PolicyJson | null, tags: Record<string, string> = {}): Change =>
  ({ op: 'put', kind: 'resource', body: { arn, accountId, policy, tags } });
const account = (id: string, name: string, parentId: string, scps: string[] = ['p-fullawsaccess']): Change =>
  ({ op: 'put', kind: 'account', body: { id, name, parentId, tags: {}, scps, rcps: [] } });
const ou = (id: string, name: string, parentId: string, scps: string[] = ['p-fullawsaccess']): Change =>
  ({ op: 'put', kind: 'ou', body: { id, name, parentId, scps, rcps: [] } });

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const KEY_OK = `arn:aws:kms:eu-west-1:${DEV}:key/1111aaaa-0000-4000-8000-000000000001`;
const KEY_LOCKED = `arn:aws:kms:eu-west-1:${DEV}:key/2222bbbb-0000-4000-8000-000000000002`;
const OIDC = `arn:aws:iam::${PROD}:oidc-provider/token.actions.githubusercontent.com`;

/** The organization structure: root → Security, Workloads → {Production, Development}. */
const structure: Change[] = [
  { op: 'put', kind: 'orgPolicy', body: { id: 'p-fullawsaccess', name: 'FullAWSAccess', type: 'SCP', document: allowAll } },
  { op: 'put', kind: 'orgPolicy', body: { id: 'p-denyterminateprod', name: 'DenyTerminateInProduction', type: 'SCP',
    document: doc({ Sid: 'NoTerminateInProd', Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' }) } },
  { op: 'put', kind: 'root', body: { id: 'r-demo', scpEnabled: true, rcpEnabled: false, scps: ['p-fullawsaccess'], rcps: [] } },
  ou('ou-demo-security', 'Security', 'r-demo'),
  ou('ou-demo-workloads', 'Workloads', 'r-demo'),
  ou('ou-demo-prod', 'Production', 'ou-demo-workloads', ['p-fullawsaccess', 'p-denyterminateprod']),
  ou('ou-demo-dev', 'Development', 'ou-demo-workloads'),
  account('999999999999', 'management', 'r-demo'),
  account(SECURITY, 'security', 'ou-demo-security'),
  account(PROD, 'production', 'ou-demo-prod'),
  account(DEV, 'development', 'ou-demo-dev'),
  managed(ADMIN, 'AdministratorAccess', 'aws', allowAll),
];

/** Each situation of the README, in order. */
const situations: Change[] = [
  // 1. An EC2 instance role reads one prefix of one bucket.
  role(DEV, 'WebAppInstanceRole', trust({ Service: 'ec2.amazonaws.com' }),
    doc({ Sid: 'ReadPublicAssets', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::demo-app-assets/public/*' })),
  // 2. A Lambda role writes to an SSE-KMS bucket; a second key's policy does not let it in.
  role(DEV, 'IngestFunctionRole', trust({ Service: 'lambda.amazonaws.com' }), doc(
    { Sid: 'WriteIngest', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::demo-ingest/*' },
    { Sid: 'UseIngestKeys', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: [KEY_OK, KEY_LOCKED] })),
  resource(KEY_OK, DEV, doc({ Sid: 'EnableIAMPolicies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEV}:root` }, Action: 'kms:*', Resource: '*' })),
  resource(KEY_LOCKED, DEV, doc({ Sid: 'KeyAdminsOnly', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEV}:role/KeyAdmin` }, Action: 'kms:*', Resource: '*' })),
  // 3. The security account assumes an audit role in production, with MFA and an ExternalId.
  user(SECURITY, 'alice', { inline: doc({ Sid: 'AssumeAudit', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/SecurityAudit' }), tags: { team: 'security' } }),
  role(PROD, 'SecurityAudit', trust({ AWS: `arn:aws:iam::${SECURITY}:root` }, {
    Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, StringEquals: { 'sts:ExternalId': 'audit-7f3c' } },
  }), doc({ Effect: 'Allow', Action: ['ec2:Describe*', 'iam:Get*', 'iam:List*'], Resource: '*' })),
  // 4. The Production OU's SCP denies ec2:TerminateInstances, even to an administrator.
  role(PROD, 'ProdAdmin', trust({ AWS: `arn:aws:iam::${SECURITY}:root` }), null, { managedPolicies: [ADMIN] }),
  // 5. Sensitive actions are denied without MFA (BoolIfExists), through a group.
  managed(`arn:aws:iam::${DEV}:policy/RequireMFAForSensitive`, 'RequireMFAForSensitive', DEV, doc(
    { Sid: 'AllowDeveloperWork', Effect: 'Allow', Action: ['ec2:*', 's3:*', 'iam:*'], Resource: '*' },
    { Sid: 'DenySensitiveWithoutMFA', Effect: 'Deny', Action: ['iam:*', 'ec2:TerminateInstances'], Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })),
  { op: 'put', kind: 'group', body: { arn: `arn:aws:iam::${DEV}:group/Developers`, accountId: DEV, name: 'Developers', path: '/',
    inlinePolicies: [], managedPolicies: [`arn:aws:iam::${DEV}:policy/RequireMFAForSensitive`] } },
  user(DEV, 'bob', { groups: [`arn:aws:iam::${DEV}:group/Developers`], tags: { team: 'apps' } }),
  // 6. A delegated administrator is limited by a permissions boundary.
  managed(`arn:aws:iam::${DEV}:policy/DelegatedAdminBoundary`, 'DelegatedAdminBoundary', DEV, doc(
    { Sid: 'OnlyIdentityAndStorage', Effect: 'Allow', Action: ['iam:*User*', 'iam:*Group*', 's3:*'], Resource: '*' })),
  user(DEV, 'carol', { managedPolicies: [ADMIN], permissionsBoundary: `arn:aws:iam::${DEV}:policy/DelegatedAdminBoundary` }),
  // 7. A cross-account bucket policy shares reports from production with the development account.
  resource('arn:aws:s3:::demo-shared-reports', PROD, doc({ Sid: 'ShareWithDev', Effect: 'Allow', Principal: { AWS: DEV },
    Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::demo-shared-reports', 'arn:aws:s3:::demo-shared-reports/*'] }), { classification: 'internal' }),
  role(DEV, 'ReportReader', trust({ Service: 'ec2.amazonaws.com' }),
    doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::demo-shared-reports/*' })),
  // 8. CI federates through GitHub's OIDC provider with sts:AssumeRoleWithWebIdentity.
  role(PROD, 'GitHubDeploy', trust({ Federated: OIDC }, { Condition: {
    StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
    StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:demo-corp/app:ref:refs/heads/main' },
  } }, 'sts:AssumeRoleWithWebIdentity'), doc({ Effect: 'Allow', Action: ['ecs:UpdateService', 'ecr:*'], Resource: '*' })),
  // 9. A session policy scopes an assumed role down.
  role(DEV, 'DataEngineer', trust({ AWS: `arn:aws:iam::${DEV}:root` }),
    doc({ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::demo-datalake', 'arn:aws:s3:::demo-datalake/*'] })),
];

/** The changes of the demo's first commit. */
export const DEMO_CHANGES: readonly Change[] = [...structure, ...situations];
