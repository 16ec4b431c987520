import { describe, expect, it } from 'vitest';
import { compilePolicySet, decide, parsePolicy, type PolicyDocument } from '../../../../src/core/index.js';

const doc = (raw: unknown): PolicyDocument => {
  const r = parsePolicy(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

// `DecideOptions.onClockRead`: the one way `now` reaches a decision is a key derived from it; a
// decision that never called it is the same at any `now` (what the service's decision memo relies on).
describe('onClockRead', () => {
  const set = compilePolicySet({
    identity: [{ id: 'p', document: doc({ Version: '2012-10-17', Statement: [
      { Sid: 'Until2027', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } } },
      { Sid: 'Epoch', Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { NumericLessThan: { 'aws:EpochTime': '1798761600' } } },
      { Sid: 'TimeInPath', Effect: 'Allow', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::b/${aws:EpochTime}' },
      { Sid: 'Plain', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } } },
    ] }) }],
  });
  const principal = 'arn:aws:iam::111122223333:user/alice';
  const run = (action: string, now: Date, context?: Record<string, string>) => {
    let reads = 0;
    const { decision } = decide({ principal, action, resource: 'arn:aws:s3:::b/k', ...(context ? { context } : {}) }, set, { now, onClockRead: () => void reads++ });
    return { decision, reads };
  };
  const before = new Date('2026-06-15T12:00:00Z');
  const after = new Date('2027-06-15T12:00:00Z');

  it('is called when a condition or a policy variable reads aws:CurrentTime or aws:EpochTime', () => {
    expect(run('s3:GetObject', before)).toEqual({ decision: 'ALLOW', reads: 1 });
    expect(run('s3:GetObject', after)).toEqual({ decision: 'IMPLICIT_DENY', reads: 1 });
    expect(run('s3:PutObject', before)).toEqual({ decision: 'ALLOW', reads: 1 });
    expect(run('s3:PutObject', after)).toEqual({ decision: 'IMPLICIT_DENY', reads: 1 });
    expect(run('s3:DeleteObject', before).reads).toBe(1);
  });

  it('is not called when the request supplies the key, or when nothing reads the clock', () => {
    expect(run('s3:GetObject', after, { 'aws:CurrentTime': '2026-06-15T12:00:00Z' })).toEqual({ decision: 'ALLOW', reads: 0 });
    expect(run('s3:ListBucket', before, { 'aws:PrincipalTag/team': 'red' })).toEqual({ decision: 'ALLOW', reads: 0 });
    expect(run('s3:ListBucket', after)).toEqual({ decision: 'IMPLICIT_DENY', reads: 0 });
    expect(run('sqs:SendMessage', before)).toEqual({ decision: 'IMPLICIT_DENY', reads: 0 });
  });
});
