import { describe, expect, it } from 'vitest';
import { diffAccess, type DiffResult } from '../../../src/access/index.js';
import type { User } from '../../../src/model/types.js';
import {
  A, allow, B, CATALOG, deny, doc, e, edit, group, NOW, orgEntities, orgPolicy, policy, resource, role, user, version,
} from './fixtures.js';

// The nine scenarios of issue 5 with known answers, at the engine level.

const BUCKET = 'arn:aws:s3:::data';
const diff = (from: ReturnType<typeof version>, to: ReturnType<typeof version>): DiffResult => diffAccess(from, to, { catalog: CATALOG, now: NOW });
const inline = (name: string, document: ReturnType<typeof doc>) => [{ name, document }];
const principals = (r: DiffResult) => [...new Set(r.deltas.map((d) => d.principal))].sort();

describe('diffAccess scenarios', () => {
  it('an SCP deny added at the root: every principal loses exactly the denied action', () => {
    const app = role('App', { inlinePolicies: inline('p', doc(allow('s3:*'))) });
    const denyScp = orgPolicy('p-nodelete', 'SCP', { document: doc(deny('s3:DeleteBucket')) });
    const v1 = version([...orgEntities(), e.role(app), e.resource(resource(BUCKET))]);
    const v2b = version([...orgEntities({ rootScps: ['p-full', 'p-nodelete'], extraOrgPolicies: [e.orgPolicy(denyScp)] }), e.role(app), e.resource(resource(BUCKET))], 2);
    const r = diff(v1, v2b);
    expect(r.deltas.length).toBeGreaterThan(0);
    expect(r.deltas.every((d) => d.kind === 'LOST' && d.actions.join() === 's3:DeleteBucket' && d.after === 'EXPLICIT_DENY')).toBe(true);
    expect(principals(r)).toContain(app.arn);
    expect(principals(r)).toEqual(expect.arrayContaining([`arn:aws:iam::${A}:root`, `arn:aws:iam::${B}:root`]));
    const cause = r.deltas.find((d) => d.principal === app.arn)!.causes;
    expect(cause.map((c) => `${c.entityKind}:${c.change}`)).toEqual(expect.arrayContaining(['orgPolicy:ADDED', 'root:MODIFIED']));
    expect(cause.find((c) => c.entityKind === 'orgPolicy')!.statementsAfter[0]).toMatchObject({ layer: 'SCP', policyId: 'p-nodelete', target: 'r-ab12' });
  });

  it('an SCP allow narrowed on one OU: principals under it lose what falls outside, others keep all', () => {
    const s3only = orgPolicy('p-s3only', 'SCP', { document: doc(allow('s3:*')) });
    const inA = role('InA', { inlinePolicies: inline('p', doc(allow(['s3:GetObject', 'ec2:StopInstances']))) });
    const inB = role('InB', { arn: `arn:aws:iam::${B}:role/InB`, accountId: B, inlinePolicies: inline('p', doc(allow(['s3:GetObject', 'ec2:StopInstances']))) });
    const rest = [e.role(inA), e.role(inB), e.orgPolicy(s3only)];
    const r = diff(version([...orgEntities(), ...rest]), version([...orgEntities({ ouScps: ['p-s3only'] }), ...rest], 2));
    expect(principals(r)).toEqual([inA.arn, `arn:aws:iam::${A}:root`].sort());
    const d = r.deltas.find((x) => x.principal === inA.arn)!;
    expect(d).toMatchObject({ kind: 'LOST', actions: ['ec2:StopInstances'], before: 'ALLOW', after: 'IMPLICIT_DENY' });
    expect(d.causes.map((c) => `${c.entityKind}:${c.entityKey}`)).toContain('ou:ou-ab12-work');
  });

  it('one role gains s3:* on one bucket: one principal evaluated, s3:* on the bucket and its objects', () => {
    const app = role('App', { inlinePolicies: inline('p', doc(allow('ec2:DescribeInstances'))) });
    const other = role('Other', { inlinePolicies: inline('p', doc(allow('s3:GetObject'))) });
    const v1 = version([...orgEntities(), e.role(app), e.role(other), e.resource(resource(BUCKET)), e.resource(resource('arn:aws:s3:::other'))]);
    const v2 = edit(v1, e.role({ ...app, inlinePolicies: [...app.inlinePolicies, ...inline('q', doc(allow('s3:*', [BUCKET, `${BUCKET}/*`])))] }));
    const r = diff(v1, v2);
    expect(r.stats.principalsEvaluated).toBe(1);
    expect(r.stats.changedEntities).toBe(1);
    expect(r.deltas.map((d) => [d.principal, d.kind, d.actionGroups.flatMap((g) => g.patterns).join(), d.resources.include.join()])).toEqual([
      [app.arn, 'GAINED', 's3:*', BUCKET],
      [app.arn, 'GAINED', 's3:*', `${BUCKET}/*`],
    ]);
    expect(r.deltas[1]!.witness.request.resource).toMatch(/^arn:aws:s3:::data\/.+/);
    expect(r.deltas[0]!.causes).toEqual([expect.objectContaining({ entityKind: 'role', change: 'MODIFIED', statementsAfter: [expect.objectContaining({ policyId: 'inline:App/q' })] })]);
  });

  it('a permissions boundary removed: the user gains what the boundary held back', () => {
    const boundary = policy('S3Only', { document: doc(allow('s3:*')) });
    const u = user('dev', { inlinePolicies: inline('p', doc(allow(['s3:GetObject', 'ec2:RunInstances']))), permissionsBoundary: boundary.arn });
    const v1 = version([...orgEntities(), e.policy(boundary), e.user(u)]);
    const r = diff(v1, edit(v1, e.user({ ...u, permissionsBoundary: null })));
    expect(r.deltas).toHaveLength(1);
    expect(r.deltas[0]).toMatchObject({ principal: u.arn, kind: 'GAINED', actions: ['ec2:RunInstances'], before: 'IMPLICIT_DENY', after: 'ALLOW' });
    expect(r.deltas[0]!.causes).toEqual([expect.objectContaining({ entityKind: 'user', entityKey: u.arn, change: 'MODIFIED' })]);
  });

  it('a condition loosened (StringEquals → StringLike): conditions changed, with a witness context', () => {
    const cond = (op: string, v: string) => doc(allow('s3:GetObject', `${BUCKET}/*`, { Condition: { [op]: { 'aws:RequestTag/team': v } } }));
    const app = role('App', { inlinePolicies: inline('p', cond('StringEquals', 'data')) });
    const v1 = version([...orgEntities(), e.role(app), e.resource(resource(BUCKET))]);
    const r = diff(v1, edit(v1, e.role({ ...app, inlinePolicies: inline('p', cond('StringLike', 'data*')) })));
    expect(r.deltas).toHaveLength(1);
    const d = r.deltas[0]!;
    expect(d).toMatchObject({ principal: app.arn, kind: 'CHANGED_CONDITIONS', actions: ['s3:GetObject'], before: 'IMPLICIT_DENY', after: 'ALLOW' });
    expect(d.witness.request.context['aws:RequestTag/team']).toMatch(/^data.+/);
    expect(d.conditionsAfter[0]!.condition).toEqual({ StringLike: { 'aws:RequestTag/team': ['data*'] } });
  });

  it('a trust policy opened to another account: that account gains sts:AssumeRole on the role', () => {
    const target = role('Shared', { trustPolicy: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) });
    const caller = role('Caller', { arn: `arn:aws:iam::${B}:role/Caller`, accountId: B, inlinePolicies: inline('p', doc(allow('sts:AssumeRole'))) });
    const v1 = version([...orgEntities(), e.role(target), e.role(caller)]);
    const opened = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'sts:AssumeRole' });
    const r = diff(v1, edit(v1, e.role({ ...target, trustPolicy: opened })));
    expect(principals(r)).toEqual([`arn:aws:iam::${B}:role/Caller`, `arn:aws:iam::${B}:root`]);
    expect(r.deltas.every((d) => d.kind === 'GAINED' && d.actions.join() === 'sts:AssumeRole' && d.resources.include.join() === target.arn)).toBe(true);
    expect(r.deltas[0]!.causes[0]).toMatchObject({ entityKind: 'role', entityKey: target.arn, statementsAfter: [expect.objectContaining({ layer: 'RESOURCE' })] });
  });

  it('a bucket policy made public: anonymous callers gain read on its objects', () => {
    const bucket = resource(BUCKET);
    const v1 = version([...orgEntities(), e.resource(bucket)]);
    const open = doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` });
    const r = diff(v1, edit(v1, e.resource({ ...bucket, policy: open })));
    const anonymous = r.deltas.find((d) => d.principal === '*');
    expect(anonymous).toMatchObject({ kind: 'GAINED', actions: ['s3:GetObject'], account: '' });
    expect(anonymous!.resources.include).toEqual([`${BUCKET}/*`]);
    expect(principals(r)).toContain('arn:aws:iam::999999999999:root');
    expect(r.deltas.every((d) => d.kind === 'GAINED' && d.actions.join() === 's3:GetObject')).toBe(true);
  });

  it('a managed policy attached to a group of 50 users: 50 principals gain', () => {
    const g = group('Team');
    const users: User[] = Array.from({ length: 50 }, (_x, i) => user(`u${i}`, { groups: [g.arn] }));
    const p = policy('Queue', { document: doc(allow('sqs:SendMessage')) });
    const v1 = version([...orgEntities(), e.group(g), e.policy(p), ...users.map(e.user)]);
    const r = diff(v1, edit(v1, e.group({ ...g, managedPolicies: [p.arn] })));
    expect(principals(r)).toHaveLength(50);
    expect(r.stats.principalsEvaluated).toBe(50);
    expect(r.deltas.every((d) => d.kind === 'GAINED' && d.actions.join() === 'sqs:SendMessage')).toBe(true);
    expect(r.summary.byService).toEqual([{ key: 'sqs', gained: 50, lost: 0, changedConditions: 0 }]);
    expect(r.deltas[0]!.causes).toEqual([expect.objectContaining({ entityKind: 'group', entityKey: g.arn, statementsAfter: [expect.objectContaining({ policyId: p.arn })] })]);
  });

  it('a no-op refactor (statements reordered, actions as an equivalent wildcard) reports nothing', () => {
    const before = doc(allow(['s3:GetObject', 's3:GetObjectAcl', 's3:GetBucketPolicy'], `${BUCKET}/*`), allow('ec2:DescribeInstances'), deny('s3:DeleteBucket'));
    const after = doc(deny('s3:DeleteBucket'), allow('ec2:DescribeInstances'), allow('s3:Get*', `${BUCKET}/*`));
    const app = role('App', { inlinePolicies: inline('p', before) });
    const v1 = version([...orgEntities(), e.role(app), e.resource(resource(BUCKET))]);
    const r = diff(v1, edit(v1, e.role({ ...app, inlinePolicies: inline('p', after) })));
    expect(r.deltas).toEqual([]);
    expect(r.stats.principalsEvaluated).toBe(1);
    expect(r.stats.decisions).toBeGreaterThan(0);
  });

  it('a gain that needs an identity condition and a bucket-policy condition at once is found, with both satisfied', () => {
    // Found by the property test (seed 639828853): the bucket's NumericLessThan was "satisfied" by its
    // own literal, so the pair of conditions was never tried together.
    const u1 = user('u1', { arn: `arn:aws:iam::${B}:user/u1`, accountId: B, inlinePolicies: inline('p', doc(allow('sqs:SendMessage'))) });
    const bucketPolicy = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 's3:GetObject', Resource: `${BUCKET}/*`,
      Condition: { NumericLessThan: { 's3:max-keys': '10' } } });
    const v1 = version([...orgEntities(), e.user(u1), e.resource(resource(BUCKET, { policy: bucketPolicy }))]);
    const opened = inline('p', doc(allow('s3:GetObject', `${BUCKET}/logs/*`, { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })));
    const r = diff(v1, edit(v1, e.user({ ...u1, inlinePolicies: opened })));
    const d = r.deltas.find((x) => x.principal === u1.arn)!;
    expect(d).toMatchObject({ kind: 'CHANGED_CONDITIONS', actions: ['s3:GetObject'], before: 'IMPLICIT_DENY', after: 'ALLOW' });
    expect(d.resources.include).toEqual([`${BUCKET}/logs/*`]);
    expect(Number(d.witness.request.context['s3:max-keys'])).toBeLessThan(10);
    expect(d.witness.request.context['aws:SourceIp']).toMatch(/^10\./);
  });
});
