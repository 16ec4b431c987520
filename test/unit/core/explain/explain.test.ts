import { describe, expect, it } from 'vitest';
import { compilePolicySet, decide, parsePolicy, TraceRecorder, type PolicyDocument } from '../../../../src/core/index.js';
import { loadCases } from '../../../conformance/load-cases.js';
import { policySetOf } from '../../../conformance/policy-set-of.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const doc = (raw: unknown): PolicyDocument => {
  const r = parsePolicy(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('explain runs on the same path as authorize', () => {
  it('gives the same decision, blockedBy and decisive statements for every conformance case', () => {
    for (const { case: c } of loadCases()) {
      const set = compilePolicySet(policySetOf(c));
      const plain = decide(c.request, set, { now: NOW });
      const traced = decide(c.request, set, { now: NOW }, new TraceRecorder());
      expect(plain.explanation).toBeUndefined();
      expect(traced.explanation).toBeDefined();
      expect({ ...traced, explanation: undefined }).toEqual({ ...plain, explanation: undefined });
    }
  });
});

describe('explanation content', () => {
  const set = compilePolicySet({
    identity: [{ id: 'AppPolicy', document: doc({ Version: '2012-10-17', Statement: [
      { Sid: 'ReadReports', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*',
        Condition: { StringEquals: { 'aws:PrincipalTag/team': 'finance' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } } },
      { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
    ] }) }],
    scp: [{ target: 'r-root', policies: [{ id: 'FullAWSAccess', document: doc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }] }],
  });
  const request = {
    principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::reports/q3.csv',
    context: { 'aws:PrincipalTag/team': 'finance' },
  };
  const result = decide(request, set, { now: NOW }, new TraceRecorder());
  const layer = (name: string) => result.explanation!.layers.find((l) => l.layer === name)!;

  it('reports each statement with action, resource, principal and condition results', () => {
    expect(result.decision).toBe('IMPLICIT_DENY');
    expect(result.blockedBy).toEqual(['IDENTITY']);
    const [first, second] = layer('IDENTITY').statements;
    expect(first).toMatchObject({
      ref: { layer: 'IDENTITY', policyId: 'AppPolicy', statementIndex: 0, sid: 'ReadReports', effect: 'Allow' },
      actionMatched: true, resourceMatched: true, principalMatched: null, conditionsMatched: false, matched: false,
    });
    expect(first!.conditions).toEqual([
      { operator: 'StringEquals', key: 'aws:PrincipalTag/team', policyValues: ['finance'], requestValues: ['finance'], matched: true },
      { operator: 'Bool', key: 'aws:MultiFactorAuthPresent', policyValues: ['true'], requestValues: null, matched: false },
    ]);
    expect(second).toMatchObject({ actionMatched: false, matched: false });
  });

  it('lists the context keys the policies read that the request lacks', () => {
    expect(result.explanation!.missingContextKeys).toEqual(['aws:multifactorauthpresent']);
  });

  it('marks layers that take no part, with the reason', () => {
    expect(layer('RESOURCE')).toMatchObject({ outcome: 'NOT_APPLICABLE', note: 'no resource policy' });
    expect(layer('SCP').outcome).toBe('ALLOW');
    expect(layer('IDENTITY').outcome).toBe('NO_MATCH');
  });

  it('names the decisive statements of an allow', () => {
    const ok = decide({ ...request, context: { ...request.context, 'aws:MultiFactorAuthPresent': 'true' } }, set, { now: NOW });
    expect(ok.decision).toBe('ALLOW');
    expect(ok.decisiveStatements.map((s) => [s.layer, s.policyId, s.statementIndex, s.target])).toEqual([
      ['SCP', 'FullAWSAccess', 0, 'r-root'], ['IDENTITY', 'AppPolicy', 0, undefined],
    ]);
  });
});
