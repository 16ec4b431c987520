import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../src/model/apply-changes.js';
import type { ImportProblem } from '../../../src/model/import/import-problem.js';
import { changesFromOrgExport, type OrgImport } from '../../../src/model/import/org-export.js';
import { keyOf, type EntityBodies, type EntityKind } from '../../../src/model/types.js';

const FIXTURE = JSON.parse(readFileSync(new URL('../../fixtures/aws/organization.json', import.meta.url), 'utf8')) as Record<string, any>;

function imported(json: unknown = FIXTURE): OrgImport {
  const r = changesFromOrgExport(json);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function body<K extends EntityKind>(kind: K, key: string): EntityBodies[K] {
  const c = imported().changes.find((x) => x.op === 'put' && x.kind === kind && keyOf(kind, x.body as EntityBodies[K]) === key);
  if (!c || c.op !== 'put') throw new Error(`no ${kind} ${key}`);
  return c.body as EntityBodies[K];
}

function variant(edit: (d: Record<string, any>) => void): Record<string, unknown> {
  const copy = structuredClone(FIXTURE);
  edit(copy);
  return copy;
}

describe('changesFromOrgExport on the fixture', () => {
  it('returns the organization ids', () => {
    const { awsOrgId, managementAccountId, rootId } = imported();
    expect({ awsOrgId, managementAccountId, rootId }).toEqual({ awsOrgId: 'o-a1b2c3d4e5', managementAccountId: '111111111111', rootId: 'r-ab12' });
  });

  it('puts org policies, root, OUs, accounts, then resources', () => {
    expect(imported().changes.map((c) => (c.op === 'put' ? c.kind : c.op))).toEqual([
      'orgPolicy', 'orgPolicy', 'orgPolicy', 'orgPolicy', 'root', 'ou', 'ou', 'ou', 'account', 'account', 'account', 'resource', 'resource', 'resource',
    ]);
  });

  it.each<[string, () => unknown, unknown]>([
    ['root: enabled types and its policies', () => body('root', 'r-ab12'), { id: 'r-ab12', scpEnabled: true, rcpEnabled: true, scps: ['p-FullAWSAccess', 'p-denyleaveorg'], rcps: ['p-RCPFullAWSAccess'] }],
    ['an OU', () => body('ou', 'ou-ab12-wkld0001'), { id: 'ou-ab12-wkld0001', name: 'Workloads', parentId: 'r-ab12', scps: ['p-FullAWSAccess'], rcps: ['p-RCPFullAWSAccess', 'p-rcpenforcetls'] }],
    ['an account with tags as an object', () => body('account', '222222222222').tags, { env: 'prod' }],
    ['an account with tags as Key/Value', () => body('account', '333333333333').tags, { env: 'sandbox' }],
    ['a policy given as JSON text', () => body('orgPolicy', 'p-denyleaveorg').document['Statement'], [{ Sid: 'DenyLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }]],
    ['an RCP', () => body('orgPolicy', 'p-rcpenforcetls').type, 'RCP'],
    ['a resource without a policy', () => body('resource', 'arn:aws:sqs:us-east-1:333333333333:sandbox-events').policy, null],
  ])('%s', (_name, pick, expected) => expect(pick()).toEqual(expected));

  it('is accepted by applyChanges on an empty model', () => {
    expect(applyChanges(imported().changes, () => null, []).problems).toEqual([]);
  });
});

describe('changesFromOrgExport problems', () => {
  it.each<[string, unknown, Pick<ImportProblem, 'code' | 'path'>[]]>([
    ['not an object', 'org', [{ code: 'INVALID_FORMAT', path: '$' }]],
    ['a bad organization id', variant((d) => { d['awsOrgId'] = 'org-1'; }), [{ code: 'INVALID_FORMAT', path: '$.awsOrgId' }]],
    ['a bad management account', variant((d) => { d['managementAccountId'] = '1111'; }), [{ code: 'INVALID_FORMAT', path: '$.managementAccountId' }]],
    ['no root', variant((d) => { delete d['root']; }), [{ code: 'INVALID_FORMAT', path: '$.root' }]],
    ['an OU without a name', variant((d) => { delete d['ous'][1].name; }), [{ code: 'INVALID_FORMAT', path: 'ous[1].name' }]],
    ['a policy type', variant((d) => { d['policies'][1].type = 'TAG'; }), [{ code: 'INVALID_FORMAT', path: 'policies[1].type' }]],
    ['a target not in the file', variant((d) => { d['policies'][1].targets = ['ou-ab12-gone0001']; }), [{ code: 'UNKNOWN_TARGET', path: 'policies[1].targets[0]' }]],
    ['a document that is not JSON', variant((d) => { d['resources'][0].policy = '{nope'; }), [{ code: 'INVALID_DOCUMENT', path: 'resources[0].policy' }]],
  ])('%s', (_name, json, expected) => {
    const r = changesFromOrgExport(json);
    expect(r.ok ? [] : r.error.map((p) => ({ code: p.code, path: p.path }))).toEqual(expected);
  });

  it('leaves semantic checks to applyChanges: an OU under a missing parent', () => {
    const { changes } = imported(variant((d) => { d['ous'][0].parentId = 'ou-ab12-none0001'; }));
    expect(applyChanges(changes, () => null, []).problems.map((p) => p.code)).toEqual(['DANGLING_REFERENCE']);
  });
});
