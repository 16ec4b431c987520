import { describe, expect, it } from 'vitest';
import { compilePolicy, decide, parsePolicy, type CompiledPolicy, type PolicyDocument } from '../../../src/core/index.js';
import { assembleContext } from '../../../src/model/assemble-context.js';
import { decideWithSides } from '../../../src/model/decide-sides.js';
import type { PrincipalSide, PrincipalSnapshot, ResourceSide, ResourceSnapshot } from '../../../src/model/ports.js';
import { ACCT, user } from './entities.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const compiled = (id: string, raw: unknown): CompiledPolicy => {
  const r = parsePolicy(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return compilePolicy(id, r.value as PolicyDocument);
};

// decideWithSides reads the model's context keys from one context per snapshot; the fresh path
// merges assembleContext's object into the request. Both must decide alike, also for tag keys that
// differ only in case (a later one replaces an earlier one) and for keys the request carries.
describe('decideWithSides and the assembled context agree', () => {
  const identity = compiled('p', { Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue', 'aws:ResourceTag/env': 'prod' } } },
  ] });
  const snapshot = (tags: Record<string, string>): PrincipalSnapshot => ({
    user: user('alice', { tags }), role: null, groups: [], managedPolicies: [], account: null, placement: null, scpChain: null,
  });
  const resourceSnapshot: ResourceSnapshot = {
    resource: { arn: 'arn:aws:s3:::b', accountId: ACCT, policy: null, tags: { env: 'prod' } }, role: null, accountId: ACCT, placement: null, rcpChain: null,
  };
  const resource: ResourceSide = { snapshot: resourceSnapshot };
  const request = (context?: Record<string, string>) => ({
    principal: `arn:aws:iam::${ACCT}:user/alice`, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', ...(context ? { context } : {}),
  });

  it.each([
    [{ team: 'blue' }, undefined, 'ALLOW'],
    [{ Team: 'red', team: 'blue' }, undefined, 'ALLOW'],
    [{ team: 'blue', TEAM: 'red' }, undefined, 'IMPLICIT_DENY'],
    [{ team: 'blue' }, { 'AWS:PrincipalTag/Team': 'red' }, 'IMPLICIT_DENY'],
    [{ team: 'red' }, { 'aws:principaltag/team': 'blue' }, 'ALLOW'],
  ] as const)('tags %j, request context %j → %s', (tags, context, expected) => {
    const p = snapshot(tags);
    const side: PrincipalSide = { snapshot: p, identity: [identity] };
    const req = request(context);
    const viaSides = decideWithSides(req, side, resource, { now: NOW });
    const fresh = decide({ ...req, resourceAccount: ACCT, context: { ...assembleContext(req, p, resourceSnapshot), ...req.context } }, { identity: [identity] }, { now: NOW });
    expect(viaSides.decision).toBe(expected);
    expect(fresh.decision).toBe(expected);
  });
});
