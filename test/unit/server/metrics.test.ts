import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/core/index.js';
import { createMetrics, operationLabel } from '../../../src/server/metrics.js';
import type { DecisionEvent, DecisionOperation } from '../../../src/service/decision-log.js';

const operationOf = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;

describe('operationLabel', () => {
  it.each([
    ['{ authorize(org: "a", request: {}) { decision } }', 'authorize'],
    ['query Mine { x: authorize { decision } }', 'authorize'],
    ['{ organizations { id } organization(id: "a") { id } }', 'organization,organizations'],
    ['mutation { commit { version } }', 'commit'],
    ['{ a b c d }', 'multiple'],
    ['{ ...F }', 'fragment'],
  ])('%s → %s', (source, want) => {
    expect(operationLabel(operationOf(source))).toBe(want);
  });

  it('labels a request that never resolved an operation "invalid"', () => {
    expect(operationLabel(undefined)).toBe('invalid');
  });
});

describe('decision counters', () => {
  const metrics = createMetrics({ cacheStats: () => ({}) as never, poolStats: () => null });
  const event = (decision: Decision | null, operation: DecisionOperation = 'authorizeBatch'): DecisionEvent => ({
    operation, org: 'acme', version: 1, request: { principal: '*', action: 's3:GetObject', resource: '*' },
    result: decision && { decision, allowed: decision === 'ALLOW', blockedBy: [], decisiveStatements: [] },
    error: decision ? null : { code: 'NOT_FOUND', message: 'no such principal' }, batch: null, requestId: null,
  });
  const values = async (name: string) => {
    const metric = metrics.registry.getSingleMetric(name);
    return Object.fromEntries((await metric!.get()).values.map((v) => [Object.values(v.labels).join(' '), v.value]));
  };

  it('count every decision and refusal by operation and outcome, the same on every scrape', async () => {
    for (const d of ['ALLOW', 'ALLOW', 'IMPLICIT_DENY', null] as const) metrics.decision(event(d), 'graphql');
    metrics.decision(event('ALLOW', 'authorize'), 'authzen');
    metrics.decision(event('EXPLICIT_DENY', 'authorize'), 'graphql');
    const want = { 'authorizeBatch ALLOW': 2, 'authorizeBatch IMPLICIT_DENY': 1, 'authzen ALLOW': 1, 'authorize EXPLICIT_DENY': 1 };
    expect(await values('iam_decisions_total')).toEqual(want);
    expect(await values('iam_decisions_total')).toEqual(want);
    expect(await values('iam_decision_errors_total')).toEqual({ 'authorizeBatch NOT_FOUND': 1 });
    metrics.decision(event('ALLOW'), 'graphql');
    expect((await values('iam_decisions_total'))['authorizeBatch ALLOW']).toBe(3);
  });
});
