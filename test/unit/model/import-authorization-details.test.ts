import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../src/model/apply-changes.js';
import type { Change } from '../../../src/model/changes.js';
import { changesFromAuthorizationDetails } from '../../../src/model/import/aws-authorization-details.js';
import type { ImportProblem } from '../../../src/model/import/import-problem.js';
import { keyOf, type EntityBodies, type EntityKind } from '../../../src/model/types.js';

const FIXTURE = JSON.parse(readFileSync(new URL('../../fixtures/aws/account-authorization-details.json', import.meta.url), 'utf8')) as Record<string, unknown[]>;
const A = '222222222222';
const S3_READ_ONLY = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const BOUNDARY = `arn:aws:iam::${A}:policy/boundaries/DeveloperBoundary`;

function imported(): Change[] {
  const r = changesFromAuthorizationDetails(FIXTURE);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function body<K extends EntityKind>(kind: K, key: string): EntityBodies[K] {
  const c = imported().find((x) => x.op === 'put' && x.kind === kind && keyOf(kind, x.body as EntityBodies[K]) === key);
  if (!c || c.op !== 'put') throw new Error(`no ${kind} ${key}`);
  return c.body as EntityBodies[K];
}

/** The fixture with one change, made on a deep copy. */
function variant(edit: (d: Record<string, any[]>) => void): Record<string, unknown> {
  const copy = structuredClone(FIXTURE) as Record<string, any[]>;
  edit(copy);
  return copy;
}

describe('changesFromAuthorizationDetails on a realistic export', () => {
  it('puts policies, then groups, users and roles', () => {
    expect(imported().map((c) => (c.op === 'put' ? `${c.kind} ${keyOf(c.kind, c.body)}` : c.op))).toEqual([
      `policy arn:aws:iam::${A}:policy/S3ReadReports`, `policy ${BOUNDARY}`, `policy ${S3_READ_ONLY}`,
      'policy arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy',
      `group arn:aws:iam::${A}:group/Developers`, `group arn:aws:iam::${A}:group/audit/Auditors`,
      `user arn:aws:iam::${A}:user/engineering/alice`, `user arn:aws:iam::${A}:user/bob`,
      `role arn:aws:iam::${A}:role/DeployRole`, `role arn:aws:iam::${A}:role/app/AppRole`,
      `role arn:aws:iam::${A}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`,
    ]);
  });

  it.each<[string, () => unknown, unknown]>([
    ['user path and name from the ARN', () => { const u = body('user', `arn:aws:iam::${A}:user/engineering/alice`); return [u.path, u.name, u.accountId]; }, ['/engineering/', 'alice', A]],
    ['group names become group ARNs', () => body('user', `arn:aws:iam::${A}:user/bob`).groups, [`arn:aws:iam::${A}:group/audit/Auditors`, `arn:aws:iam::${A}:group/Developers`]],
    ['a user boundary', () => body('user', `arn:aws:iam::${A}:user/engineering/alice`).permissionsBoundary, BOUNDARY],
    ['user tags', () => body('user', `arn:aws:iam::${A}:user/engineering/alice`).tags, { team: 'platform', 'cost-center': 'cc-1234' }],
    ['inline policies by name', () => body('user', `arn:aws:iam::${A}:user/engineering/alice`).inlinePolicies.map((p) => p.name), ['ManageOwnAccessKeys']],
    ['group managed policies', () => body('group', `arn:aws:iam::${A}:group/Developers`).managedPolicies, [S3_READ_ONLY]],
    ['the default version, not the first listed', () => (body('policy', S3_READ_ONLY).document['Statement'] as { Action: string[] }[])[0]?.Action.length, 5],
    ['an AWS managed policy belongs to "aws"', () => body('policy', S3_READ_ONLY).accountId, 'aws'],
    ['a URL-encoded document is decoded', () => (body('policy', BOUNDARY).document['Statement'] as { Sid: string }[]).map((s) => s.Sid), ['AllowWithinBoundary', 'DenyIamChanges']],
    ['a trust policy', () => body('role', `arn:aws:iam::${A}:role/DeployRole`).trustPolicy['Statement'], [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': A } } }]],
    ['a role boundary', () => body('role', `arn:aws:iam::${A}:role/app/AppRole`).permissionsBoundary, BOUNDARY],
    ['a service-linked role', () => body('role', `arn:aws:iam::${A}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`).serviceLinked, true],
    ['an ordinary role', () => body('role', `arn:aws:iam::${A}:role/DeployRole`).serviceLinked, false],
  ])('%s', (_name, pick, expected) => expect(pick()).toEqual(expected));

  it('is accepted by applyChanges on an empty model', () => {
    expect(applyChanges(imported(), () => null, []).problems).toEqual([]);
  });
});

describe('changesFromAuthorizationDetails problems', () => {
  const withoutS3ReadOnly = variant((d) => { d['Policies'] = d['Policies']!.filter((p) => p.Arn !== S3_READ_ONLY); });
  it.each<[string, unknown, Pick<ImportProblem, 'code' | 'path'>[]]>([
    ['not an object', [], [{ code: 'INVALID_FORMAT', path: '$' }]],
    ['a list that is not an array', { UserDetailList: {} }, [{ code: 'INVALID_FORMAT', path: 'UserDetailList' }]],
    ['an AWS managed policy left out', withoutS3ReadOnly, [{ code: 'MISSING_MANAGED_POLICIES', path: 'GroupDetailList[0].AttachedManagedPolicies[0].PolicyArn' }]],
    ['an unknown group', variant((d) => { d['UserDetailList']![0].GroupList = ['Nobody']; }), [{ code: 'UNKNOWN_GROUP', path: 'UserDetailList[0].GroupList[0]' }]],
    ['a default version that is not listed', variant((d) => { d['Policies']![0].DefaultVersionId = 'v9'; d['Policies']![0].PolicyVersionList[0].IsDefaultVersion = false; }),
      [{ code: 'MISSING_DEFAULT_VERSION', path: 'Policies[0].PolicyVersionList' }]],
    ['a document that is not JSON', variant((d) => { d['RoleDetailList']![0].AssumeRolePolicyDocument = '%7Bnope'; }), [{ code: 'INVALID_DOCUMENT', path: 'RoleDetailList[0].AssumeRolePolicyDocument' }]],
    ['a user ARN that names a role', variant((d) => { d['UserDetailList']![1].Arn = `arn:aws:iam::${A}:role/bob`; }), [{ code: 'INVALID_FORMAT', path: 'UserDetailList[1].Arn' }]],
    ['tags of the wrong shape', variant((d) => { d['RoleDetailList']![0].Tags = [{ Key: 'a' }]; }), [{ code: 'INVALID_FORMAT', path: 'RoleDetailList[0].Tags' }]],
  ])('%s', (_name, json, expected) => {
    const r = changesFromAuthorizationDetails(json);
    expect(r.ok ? [] : r.error.map((p) => ({ code: p.code, path: p.path }))).toEqual(expected);
  });

  it('lists every missing managed policy once', () => {
    const r = changesFromAuthorizationDetails(variant((d) => { d['Policies'] = []; }));
    expect(r.ok ? [] : r.error.flatMap((p) => p.arns ?? [])).toEqual([
      `arn:aws:iam::${A}:policy/S3ReadReports`, BOUNDARY, S3_READ_ONLY, 'arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy',
    ].sort());
  });

  it('accepts policies already in the model', () => {
    expect(changesFromAuthorizationDetails(withoutS3ReadOnly, { existingPolicyArns: [S3_READ_ONLY] }).ok).toBe(true);
  });

  it('accepts documents as plain JSON text', () => {
    const r = changesFromAuthorizationDetails(variant((d) => { d['RoleDetailList']![0].AssumeRolePolicyDocument = JSON.stringify(d['RoleDetailList']![0].AssumeRolePolicyDocument); }));
    expect(r.ok).toBe(true);
  });
});
