import { describe, expect, it } from 'vitest';
import { AccessInputError, renderDiffMarkdown, whatCan, whoCan, whoCanSteps } from '../../../src/access/index.js';
import { diffAccess } from '../../../src/access/index.js';
import { A, allow, B, CATALOG, doc, e, edit, NOW, orgEntities, resource, role, user, version } from './fixtures.js';

const BUCKET = 'arn:aws:s3:::data';
const trustAccount = (account: string) => doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' });
const inline = (document: ReturnType<typeof doc>) => [{ name: 'p', document }];

// Reader can read the bucket; Hop may assume Reader; dev (a user) may assume Hop: a chain of two.
const reader = role('Reader', { trustPolicy: trustAccount(A), inlinePolicies: inline(doc(allow('s3:GetObject', `${BUCKET}/*`))) });
const hop = role('Hop', { trustPolicy: trustAccount(A), inlinePolicies: inline(doc(allow('sts:AssumeRole', reader.arn))) });
const dev = user('dev', { inlinePolicies: inline(doc(allow('sts:AssumeRole', hop.arn))) });
const tagged = user('tagged', { inlinePolicies: inline(doc(allow('s3:GetObject', `${BUCKET}/*`, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }))) });
const others = Array.from({ length: 5 }, (_x, i) => user(`r${i}`, { inlinePolicies: inline(doc(allow('s3:GetObject'))) }));
const model = version([...orgEntities(), e.role(reader), e.role(hop), e.user(dev), e.user(tagged), ...others.map(e.user), e.resource(resource(BUCKET))]);

describe('whoCan', () => {
  const ask = (q: Partial<Parameters<typeof whoCan>[1]> = {}) => whoCan(model, { action: 's3:GetObject', resource: `${BUCKET}/a.csv`, ...q }, { now: NOW });

  it('lists every principal with the access, conditional ones with their conditions', () => {
    const r = ask();
    expect(r.truncated).toBe(false);
    expect(r.entries.map((x) => x.principal)).toEqual([reader.arn, ...others.map((o) => o.arn), tagged.arn].sort());
    const t = r.entries.find((x) => x.principal === tagged.arn)!;
    expect(t).toMatchObject({ decision: 'ALLOW', via: [], conditions: [{ condition: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } } }] });
    expect(r.entries.find((x) => x.principal === reader.arn)!.grants).toContainEqual(expect.objectContaining({ layer: 'IDENTITY', policyId: 'inline:Reader/p' }));
  });

  it('skips principals none of whose identity statements can allow the action', () => {
    expect(ask().principalsEvaluated).toBe(7);
  });

  it('follows sts:AssumeRole chains up to the depth asked', () => {
    const deep = ask({ viaAssumeRole: true });
    expect(deep.entries.filter((x) => x.via.length > 0).map((x) => [x.principal, x.via])).toEqual([
      [hop.arn, [reader.arn]],
      [dev.arn, [hop.arn, reader.arn]],
    ]);
    expect(ask({ viaAssumeRole: true, maxDepth: 1 }).entries.filter((x) => x.via.length > 0).map((x) => x.principal)).toEqual([hop.arn]);
  });

  it('pauses in the chain search too', () => {
    const query = { action: 's3:GetObject', resource: `${BUCKET}/a.csv` };
    const pausesOf = (steps: Generator<undefined, unknown, void>) => {
      let pauses = 0;
      for (let step = steps.next(); !step.done; step = steps.next()) pauses++;
      return pauses;
    };
    const direct = pausesOf(whoCanSteps(model, query, { now: NOW }));
    expect(direct).toBe(7);
    // One pause per caller not reached yet, at each level of the search: dev and Hop (which
    // reaches Reader), then dev (which reaches Hop); dev is a user, so the search ends there.
    const steps = whoCanSteps(model, { ...query, viaAssumeRole: true }, { now: NOW });
    expect(pausesOf(steps)).toBe(direct + 2 + 1);
  });

  it('follows an edge whose trust policy has conditions, and lists them with the entry', () => {
    const guarded = role('Guarded', {
      trustPolicy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x-1' } } }),
      inlinePolicies: inline(doc(allow('sts:AssumeRole', reader.arn))),
    });
    const caller = user('auditor', { inlinePolicies: inline(doc(allow('sts:AssumeRole', guarded.arn))) });
    const m = version([...orgEntities(), e.role(reader), e.role(guarded), e.user(caller), e.resource(resource(BUCKET))]);
    const r = whoCan(m, { action: 's3:GetObject', resource: `${BUCKET}/a.csv`, viaAssumeRole: true }, { now: NOW });
    const entry = r.entries.find((x) => x.principal === caller.arn);
    expect(entry?.via).toEqual([guarded.arn, reader.arn]);
    expect(entry?.conditions).toContainEqual(expect.objectContaining({ condition: { StringEquals: { 'sts:ExternalId': ['x-1'] } } }));
  });

  it('cuts at the limit and says so', () => {
    const r = ask({ limit: 3 });
    expect(r.entries).toHaveLength(3);
    expect(r.truncated).toBe(true);
  });

  it('names anonymous callers and account roots a resource policy admits', () => {
    const open = edit(model, e.resource(resource(BUCKET, { policy: doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` }) })));
    expect(whoCan(open, { action: 's3:GetObject', resource: `${BUCKET}/a.csv` }, { now: NOW }).entries.map((x) => x.principal)).toContain('*');
  });

  it.each([
    [{ action: 's3', resource: BUCKET }, 'action'],
    [{ action: 's3:Get*', resource: BUCKET }, 'action'],
    [{ action: 's3:GetObject', resource: 'bucket' }, 'resource'],
    [{ action: 's3:GetObject', resource: BUCKET, maxDepth: 9 }, 'maxDepth'],
  ])('rejects bad input %j', (query, field) => {
    expect(() => whoCan(model, query, { now: NOW })).toThrow(expect.objectContaining({ name: 'AccessInputError', field }));
  });
});

describe('whatCan', () => {
  it('lists the permissions by service with resources and conditions', () => {
    const r = whatCan(model, hop.arn, { catalog: CATALOG, now: NOW });
    expect(r.truncated).toBe(false);
    expect(r.services.map((s) => s.service)).toEqual(['sts']);
    expect(r.services[0]!.permissions).toEqual([expect.objectContaining({ actions: ['sts:AssumeRole'], resources: { include: [reader.arn], exclude: [] } })]);
    const t = whatCan(model, tagged.arn, { catalog: CATALOG, now: NOW });
    expect(t.services[0]!.permissions[0]).toMatchObject({ actions: ['s3:GetObject'], conditions: [{ condition: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } } }] });
  });

  it('cuts at the limit and says so', () => {
    const wide = user('wide', { inlinePolicies: inline(doc(allow(['s3:*', 'ec2:*', 'sqs:*']))) });
    const m = edit(model, e.user(wide));
    expect(whatCan(m, wide.arn, { catalog: CATALOG, now: NOW }).truncated).toBe(false);
    const cut = whatCan(m, wide.arn, { catalog: CATALOG, now: NOW, limit: 2 });
    expect(cut.truncated).toBe(true);
    expect(cut.services.flatMap((s) => s.permissions)).toHaveLength(2);
  });

  it('rejects a principal the model does not hold', () => {
    expect(() => whatCan(model, `arn:aws:iam::${B}:user/ghost`, { catalog: CATALOG, now: NOW })).toThrow(AccessInputError);
  });
});

describe('renderDiffMarkdown', () => {
  it('renders a summary, the deltas with witness and causes, and says when cut short', () => {
    const m2 = edit(model, e.user({ ...dev, inlinePolicies: inline(doc(allow(['sqs:SendMessage', 'ec2:StopInstances']))) }));
    const result = diffAccess(model, m2, { catalog: CATALOG, now: NOW });
    const md = renderDiffMarkdown(result, { from: 'v1', to: 'v2', maxDeltas: 1 });
    expect(md).toContain('### Effective access: v1 → v2');
    expect(md).toContain('| Principal | Gained | Lost | Conditions changed |');
    expect(md).toContain('**Witness:**');
    expect(md).toContain('**Cause:** modified user');
    expect(md).toMatch(/Showing 1 of \d+ changes/);
    expect(renderDiffMarkdown({ ...result, deltas: [] }, { from: 'v1', to: 'v1' })).toContain('No change in effective access.');
  });
});
