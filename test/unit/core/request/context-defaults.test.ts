import { describe, expect, it } from 'vitest';
import { compilePolicySet, decide, MapContext, parsePolicy, TraceRecorder, type PolicyDocument } from '../../../../src/core/index.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const doc = (raw: unknown): PolicyDocument => {
  const r = parsePolicy(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const defaults = (input: Record<string, string | string[]>) => {
  const ctx = new MapContext();
  for (const [k, v] of Object.entries(input)) ctx.set(k, v);
  return ctx;
};

// `DecideOptions.contextDefaults`: keys the model supplies unless the request carries them.
describe('context defaults', () => {
  const set = compilePolicySet({
    identity: [{ id: 'p', document: doc({ Version: '2012-10-17', Statement: [
      { Sid: 'Team', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } } },
      { Sid: 'Paths', Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-1/r-1/ou-a/*' } } },
      { Sid: 'Account', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': '999999999999' } } },
    ] }) }],
  });
  const base = { principal: 'arn:aws:iam::111122223333:user/alice', resource: 'arn:aws:s3:::b/k' };
  const decision = (action: string, context: Record<string, string> | undefined, d: MapContext[]) =>
    decide({ ...base, action, ...(context ? { context } : {}) }, set, { now: NOW, contextDefaults: d }).decision;

  it('answers keys the request lacks', () => {
    expect(decision('s3:GetObject', undefined, [defaults({ 'aws:PrincipalTag/team': 'red' })])).toBe('ALLOW');
    expect(decision('s3:GetObject', undefined, [])).toBe('IMPLICIT_DENY');
  });

  it('yields to the request in any case of the key, and the first default wins', () => {
    expect(decision('s3:GetObject', { 'AWS:PRINCIPALTAG/TEAM': 'blue' }, [defaults({ 'aws:PrincipalTag/team': 'red' })])).toBe('IMPLICIT_DENY');
    expect(decision('s3:GetObject', undefined, [defaults({ 'aws:principaltag/team': 'blue' }), defaults({ 'aws:PrincipalTag/team': 'red' })])).toBe('IMPLICIT_DENY');
    expect(decision('s3:GetObject', undefined, [defaults({}), defaults({ 'aws:PrincipalTag/team': 'red' })])).toBe('ALLOW');
  });

  it('keeps multi-valued keys multi-valued, and comes before the keys AWS derives', () => {
    expect(decision('s3:PutObject', undefined, [defaults({ 'aws:PrincipalOrgPaths': ['o-1/r-1/ou-a/'] })])).toBe('ALLOW');
    // aws:ResourceAccount is derived from the caller's account when nothing else gives it.
    expect(decision('s3:ListBucket', undefined, [])).toBe('IMPLICIT_DENY');
    expect(decision('s3:ListBucket', undefined, [defaults({ 'aws:ResourceAccount': '999999999999' })])).toBe('ALLOW');
  });

  it('counts as present for the explanation’s missing keys', () => {
    const traced = decide({ ...base, action: 's3:GetObject' }, set, { now: NOW, contextDefaults: [defaults({ 'aws:PrincipalTag/team': 'red' })] }, new TraceRecorder());
    expect(traced.explanation!.missingContextKeys).not.toContain('aws:principaltag/team');
    expect(traced.explanation!.missingContextKeys).toContain('aws:principalorgpaths');
  });
});
