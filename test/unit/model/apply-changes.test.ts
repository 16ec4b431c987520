import { describe, expect, it, vi } from 'vitest';
import { applyChanges, deletedKeys, referencedKeys, referrersAmong } from '../../../src/model/apply-changes.js';
import type { Change, ChangeProblem } from '../../../src/model/changes.js';
import type { Entity, EntityKind } from '../../../src/model/types.js';
import {
  ACCT, account, baseOf, doc, group, groupArn, orgPolicy, ou, policy, policyArn, resource, role, roleArn, root, user, userArn,
} from './entities.js';

const SCP = 'p-denyleave01';
const RCP = 'p-enforcetls1';

const BASE: Entity[] = [
  { kind: 'user', key: userArn('alice'), body: user('alice') },
  { kind: 'role', key: roleArn('app'), body: role('app') },
  { kind: 'group', key: groupArn('devs'), body: group('devs') },
  { kind: 'policy', key: policyArn('Read'), body: policy('Read') },
  { kind: 'root', key: 'r-ab12', body: root() },
  { kind: 'ou', key: 'ou-ab12-aaaaaaaa', body: ou('ou-ab12-aaaaaaaa', 'r-ab12') },
  { kind: 'ou', key: 'ou-ab12-bbbbbbbb', body: ou('ou-ab12-bbbbbbbb', 'ou-ab12-aaaaaaaa') },
  { kind: 'account', key: ACCT, body: account(ACCT, 'ou-ab12-aaaaaaaa', { scps: [SCP] }) },
  { kind: 'orgPolicy', key: SCP, body: orgPolicy(SCP, 'SCP') },
  { kind: 'orgPolicy', key: RCP, body: orgPolicy(RCP, 'RCP') },
  { kind: 'group', key: groupArn('team'), body: group('team') },
  { kind: 'policy', key: policyArn('Used'), body: policy('Used') },
  { kind: 'user', key: userArn('carol'), body: user('carol', { groups: [groupArn('team')], managedPolicies: [policyArn('Used')] }) },
];

/** The base entities referring to what the changes delete, as the service reads them. */
const referrers = (changes: readonly Change[]): Entity[] => referrersAmong(BASE, deletedKeys(changes));

type Expected = Pick<ChangeProblem, 'change' | 'code'> & Partial<Pick<ChangeProblem, 'policy' | 'path'>>;

const attach = (attachment: 'MANAGED' | 'BOUNDARY' | 'SCP' | 'RCP', p: string, targetKind: EntityKind, targetKey: string, op: 'attach' | 'detach' = 'attach'): Change =>
  ({ op, attachment, policy: p, targetKind, targetKey }) as Change;

describe('applyChanges problems', () => {
  it.each<[string, Change[], Expected[]]>([
    ['a valid put', [{ op: 'put', kind: 'user', body: user('bob', { groups: [groupArn('devs')] }) }], []],
    ['put a policy then attach it', [{ op: 'put', kind: 'policy', body: policy('New') }, attach('MANAGED', policyArn('New'), 'user', userArn('alice'))], []],
    ['attach first, put the policy later', [attach('MANAGED', policyArn('New'), 'user', userArn('alice')), { op: 'put', kind: 'policy', body: policy('New') }], []],
    ['attach an absent managed policy', [attach('MANAGED', policyArn('Nope'), 'role', roleArn('app'))], [{ change: 0, code: 'DANGLING_REFERENCE' }]],
    ['attach an AWS managed policy not in the model', [attach('MANAGED', 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'group', groupArn('devs'))], [{ change: 0, code: 'DANGLING_REFERENCE' }]],
    ['a user in an absent group', [{ op: 'put', kind: 'user', body: user('bob', { groups: [groupArn('ops')] }) }], [{ change: 0, code: 'DANGLING_REFERENCE' }]],
    ['a boundary that does not exist', [{ op: 'put', kind: 'role', body: role('r2', { permissionsBoundary: policyArn('B') }) }], [{ change: 0, code: 'DANGLING_REFERENCE' }]],
    ['an OU under an absent parent', [{ op: 'put', kind: 'ou', body: ou('ou-ab12-cccccccc', 'ou-ab12-zzzzzzzz') }], [{ change: 0, code: 'DANGLING_REFERENCE' }]],
    ['an account naming an absent SCP', [{ op: 'put', kind: 'account', body: account('444455556666', 'r-ab12', { scps: ['p-missing001'] }) }], [{ change: 0, code: 'DANGLING_REFERENCE' }]],
    ['a user ARN of the wrong kind', [{ op: 'put', kind: 'user', body: user('bob', { arn: roleArn('bob') }) }], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['accountId differs from the ARN', [{ op: 'put', kind: 'group', body: group('ops', { accountId: '999999999999' }) }], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['an S3 object as a resource (policies belong to its bucket)', [{ op: 'put', kind: 'resource', body: resource('arn:aws:s3:::b/k.txt') }], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['name differs from the ARN', [{ op: 'put', kind: 'user', body: user('bob', { name: 'robert' }) }], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['an 11-digit account id', [{ op: 'put', kind: 'account', body: account('12345678901', 'r-ab12') }], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['a bad OU id', [{ op: 'put', kind: 'ou', body: ou('OU-Ab12', 'r-ab12') }], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['a bad root id', [{ op: 'put', kind: 'root', body: root({ id: 'root-1' }) }], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['an org policy of type XCP', [{ op: 'put', kind: 'orgPolicy', body: { ...orgPolicy('p-other0001', 'SCP'), type: 'XCP' as 'SCP' } }], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['a managed policy of another account', [{ op: 'put', kind: 'user', body: user('bob', { managedPolicies: [policyArn('X', '999999999999')] }) }], [{ change: 0, code: 'INVALID_ENTITY' }, { change: 0, code: 'DANGLING_REFERENCE' }]],
    ['a boundary on a group', [attach('BOUNDARY', policyArn('Read'), 'group', groupArn('devs'))], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['an SCP on a user', [attach('SCP', SCP, 'user', userArn('alice'))], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['a managed policy on an OU', [attach('MANAGED', policyArn('Read'), 'ou', 'ou-ab12-aaaaaaaa')], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['an RCP attached as an SCP', [attach('SCP', RCP, 'ou', 'ou-ab12-aaaaaaaa')], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['an SCP attached twice', [attach('SCP', SCP, 'account', ACCT)], [{ change: 0, code: 'DUPLICATE' }]],
    ['a managed policy attached twice (IAM is idempotent)', [attach('MANAGED', policyArn('Read'), 'user', userArn('alice')), attach('MANAGED', policyArn('Read'), 'user', userArn('alice'))], []],
    ['attach to an absent user', [attach('MANAGED', policyArn('Read'), 'user', userArn('zoe'))], [{ change: 0, code: 'NOT_FOUND' }]],
    ['detach what is not attached', [attach('MANAGED', policyArn('Read'), 'user', userArn('alice'), 'detach')], [{ change: 0, code: 'NOT_FOUND' }]],
    ['detach a boundary that is not set', [attach('BOUNDARY', policyArn('Read'), 'role', roleArn('app'), 'detach')], [{ change: 0, code: 'NOT_FOUND' }]],
    ['detach an attached SCP', [attach('SCP', SCP, 'account', ACCT, 'detach')], []],
    ['delete an absent entity', [{ op: 'delete', kind: 'user', key: userArn('zoe') }], [{ change: 0, code: 'NOT_FOUND' }]],
    ['delete twice', [{ op: 'delete', kind: 'group', key: groupArn('devs') }, { op: 'delete', kind: 'group', key: groupArn('devs') }], [{ change: 1, code: 'NOT_FOUND' }]],
    ['delete a policy a changed user still uses',
      [attach('MANAGED', policyArn('Read'), 'user', userArn('alice')), { op: 'delete', kind: 'policy', key: policyArn('Read') }],
      [{ change: 0, code: 'DANGLING_REFERENCE' }]],
    ['delete a managed policy still attached (AWS: DeleteConflict)', [{ op: 'delete', kind: 'policy', key: policyArn('Used') }], [{ change: 0, code: 'DELETE_CONFLICT' }]],
    ['detach a managed policy, then delete it', [attach('MANAGED', policyArn('Used'), 'user', userArn('carol'), 'detach'), { op: 'delete', kind: 'policy', key: policyArn('Used') }], []],
    ['delete a group that has a member', [{ op: 'delete', kind: 'group', key: groupArn('team') }], [{ change: 0, code: 'DELETE_CONFLICT' }]],
    ['delete a group and its only member', [{ op: 'delete', kind: 'group', key: groupArn('team') }, { op: 'delete', kind: 'user', key: userArn('carol') }], []],
    ['delete an SCP still attached to an account', [{ op: 'delete', kind: 'orgPolicy', key: SCP }], [{ change: 0, code: 'DELETE_CONFLICT' }]],
    ['delete an OU that has an OU and an account under it', [{ op: 'delete', kind: 'ou', key: 'ou-ab12-aaaaaaaa' }],
      [{ change: 0, code: 'DELETE_CONFLICT' }, { change: 0, code: 'DELETE_CONFLICT' }]],
    ['delete a policy and put it back', [{ op: 'delete', kind: 'policy', key: policyArn('Used') }, { op: 'put', kind: 'policy', body: policy('Used') }], []],
    ['an OU moved under its own child', [{ op: 'put', kind: 'ou', body: ou('ou-ab12-aaaaaaaa', 'ou-ab12-bbbbbbbb') }], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['SCPs attached while not enabled', [{ op: 'put', kind: 'root', body: root({ scpEnabled: false, scps: [SCP] }) }], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['a trust policy without Statement', [{ op: 'put', kind: 'role', body: role('r2', { trustPolicy: { Version: '2012-10-17' } }) }],
      [{ change: 0, code: 'BAD_POLICY', policy: 'trustPolicy', path: 'Statement' }]],
    ['a trust policy without Principal', [{ op: 'put', kind: 'role', body: role('r2', { trustPolicy: doc({ Effect: 'Allow', Action: 'sts:AssumeRole' }) }) }],
      [{ change: 0, code: 'BAD_POLICY', policy: 'trustPolicy', path: 'Statement[0]' }]],
    ['an inline policy naming a principal', [{ op: 'put', kind: 'user', body: user('bob', { inlinePolicies: [{ name: 'P', document: doc({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }) }] }) }],
      [{ change: 0, code: 'BAD_POLICY', policy: 'inline:P', path: 'Statement[0].Principal' }]],
    ['a managed policy with a bad Effect', [{ op: 'put', kind: 'policy', body: policy('Bad', { document: { Version: '2012-10-17', Statement: { Effect: 'Permit', Action: '*', Resource: '*' } } }) }],
      [{ change: 0, code: 'BAD_POLICY', policy: 'document', path: 'Statement.Effect' }]],
    ['a resource policy without Principal', [{ op: 'put', kind: 'resource', body: resource('arn:aws:s3:::b', { policy: doc() }) }],
      [{ change: 0, code: 'BAD_POLICY', policy: 'policy', path: 'Statement[0]' }]],
    ['a customer RCP that allows', [{ op: 'put', kind: 'orgPolicy', body: orgPolicy('p-rcpallow01', 'RCP', { document: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) }) }],
      [{ change: 0, code: 'BAD_POLICY', policy: 'document', path: 'Statement[0].Effect' }]],
    ['an unknown kind', [{ op: 'put', kind: 'bucket', body: {} } as unknown as Change], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['an unknown attachment', [{ op: 'attach', attachment: 'INLINE', policy: 'x', targetKind: 'user', targetKey: userArn('alice') } as unknown as Change], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['an unknown op', [{ op: 'rename', kind: 'user', key: userArn('alice') } as unknown as Change], [{ change: 0, code: 'INVALID_ENTITY' }]],
    ['an SCP naming a principal', [{ op: 'put', kind: 'orgPolicy', body: orgPolicy('p-scpprinc1', 'SCP', { document: doc({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }) }) }],
      [{ change: 0, code: 'BAD_POLICY', policy: 'document', path: 'Statement[0].Principal' }]],
  ])('%s', (_name, changes, expected) => {
    const { problems } = applyChanges(changes, baseOf(BASE), referrers(changes));
    expect(problems.map((p) => ({ change: p.change, code: p.code, ...(p.policy ? { policy: p.policy, path: p.path } : {}) }))).toEqual(expected);
  });
});

describe('applyChanges writes', () => {
  it('writes each touched key once with its final body', () => {
    const { writes, problems } = applyChanges([
      { op: 'put', kind: 'policy', body: policy('New') },
      attach('MANAGED', policyArn('New'), 'user', userArn('alice')),
      attach('BOUNDARY', policyArn('Read'), 'user', userArn('alice')),
      { op: 'delete', kind: 'group', key: groupArn('devs') },
    ], baseOf(BASE), []);
    expect(problems).toEqual([]);
    expect(writes).toEqual([
      { kind: 'policy', key: policyArn('New'), body: policy('New') },
      { kind: 'user', key: userArn('alice'), body: user('alice', { managedPolicies: [policyArn('New')], permissionsBoundary: policyArn('Read') }) },
      { kind: 'group', key: groupArn('devs'), body: null },
    ]);
  });

  it('leaves out an entity created and deleted in the same change set', () => {
    const { writes } = applyChanges([{ op: 'put', kind: 'group', body: group('tmp') }, { op: 'delete', kind: 'group', key: groupArn('tmp') }], baseOf(BASE), []);
    expect(writes).toEqual([]);
  });

  it('asks the base only about referencedKeys', () => {
    const changes: Change[] = [attach('MANAGED', policyArn('Read'), 'role', roleArn('app')), { op: 'put', kind: 'ou', body: ou('ou-ab12-aaaaaaaa', 'ou-ab12-bbbbbbbb') }];
    const base = vi.fn(baseOf(BASE));
    applyChanges(changes, base, []);
    const allowed = new Set(referencedKeys(changes).map((r) => `${r.kind} ${r.key}`));
    for (const [kind, key] of base.mock.calls) expect(allowed).toContain(`${kind} ${key}`);
  });
});

describe('referencedKeys', () => {
  it.each<[string, Change[], string[]]>([
    ['a put and what its body names', [{ op: 'put', kind: 'user', body: user('bob', { groups: [groupArn('devs')], managedPolicies: [policyArn('Read')], permissionsBoundary: policyArn('B') }) }],
      [`user ${userArn('bob')}`, `group ${groupArn('devs')}`, `policy ${policyArn('Read')}`, `policy ${policyArn('B')}`]],
    ['an OU: its parent and policies', [{ op: 'put', kind: 'ou', body: ou('ou-ab12-cccccccc', 'r-ab12', { scps: [SCP], rcps: [RCP] }) }],
      ['ou ou-ab12-cccccccc', 'root r-ab12', `orgPolicy ${SCP}`, `orgPolicy ${RCP}`]],
    ['attach: target and policy, deduplicated', [attach('SCP', SCP, 'account', ACCT), attach('SCP', SCP, 'account', ACCT, 'detach')],
      [`account ${ACCT}`, `orgPolicy ${SCP}`]],
    ['delete', [{ op: 'delete', kind: 'resource', key: 'arn:aws:s3:::b' }], ['resource arn:aws:s3:::b']],
  ])('%s', (_name, changes, expected) => {
    expect(referencedKeys(changes).map((r) => `${r.kind} ${r.key}`)).toEqual(expected);
  });
});
