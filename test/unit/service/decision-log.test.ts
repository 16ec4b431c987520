import { describe, expect, it } from 'vitest';
import type { AuthorizationResult } from '../../../src/core/index.js';
import { decisionRecord, observeDecisions, observeSimulate, type DecisionEvent } from '../../../src/service/decision-log.js';
import type { DecisionService, StoredDecision } from '../../../src/service/decisions.js';
import { ServiceError } from '../../../src/service/errors.js';

const allow: StoredDecision = { decision: 'ALLOW', allowed: true, blockedBy: [], decisiveStatements: [], version: 4 };
const request = { principal: 'arn:aws:iam::111122223333:user/a', action: 's3:GetObject', resource: '*' };

const inner: DecisionService = {
  authorize: async () => allow,
  explain: async () => { throw new ServiceError('NOT_FOUND', 'no such principal'); },
  authorizeBatch: async (_org, _version, requests) => requests.map((_, index) => (index === 1
    ? { index, result: null, error: { code: 'BAD_REQUEST' as const, message: 'bad' } }
    : { index, result: allow, error: null })),
};

function recording() {
  const events: DecisionEvent[] = [];
  return { events, observe: (e: DecisionEvent) => events.push(e) };
}

describe('observeDecisions', () => {
  it('reports a decision after it was made and returns it unchanged', async () => {
    const { events, observe } = recording();
    const service = observeDecisions(inner, observe);
    expect(await service.authorize('acme', null, request, { explain: false, now: new Date(), requestId: 'req-7' })).toBe(allow);
    expect(events).toEqual([{ operation: 'authorize', org: 'acme', version: 4, request, result: allow, error: null, batch: null, requestId: 'req-7' }]);
  });

  it('answers synchronously when the inner service does (a warm decision), and still reports it', () => {
    const { events, observe } = recording();
    const service = observeDecisions({ ...inner, authorize: () => allow }, observe);
    expect(service.authorize('acme', 4, request, { explain: false, now: new Date() })).toBe(allow);
    expect(events).toHaveLength(1);
  });

  it('turns a synchronous throw of the inner service into a reported rejection', async () => {
    const { events, observe } = recording();
    const throwing = { ...inner, authorize: () => { throw new ServiceError('BAD_REQUEST', 'bad principal'); } };
    await expect(observeDecisions(throwing, observe).authorize('acme', 4, request, { explain: false, now: new Date() })).rejects.toThrow('bad principal');
    expect(events).toEqual([expect.objectContaining({ operation: 'authorize', error: { code: 'BAD_REQUEST', message: 'bad principal' } })]);
  });

  it('reports a client error and rethrows it', async () => {
    const { events, observe } = recording();
    await expect(observeDecisions(inner, observe).explain('acme', 2, request, { now: new Date() })).rejects.toThrow('no such principal');
    expect(events).toEqual([expect.objectContaining({ operation: 'explain', version: 2, result: null, error: { code: 'NOT_FOUND', message: 'no such principal' } })]);
  });

  it('does not report failures that are not client errors', async () => {
    const { events, observe } = recording();
    const failing = { ...inner, authorize: async () => { throw new ServiceError('UNAVAILABLE', 'db down'); } };
    await expect(observeDecisions(failing, observe).authorize('acme', null, request, { explain: false, now: new Date() })).rejects.toThrow();
    expect(events).toEqual([]);
  });

  it('reports each batch item under one batch id, errors included', async () => {
    const { events, observe } = recording();
    await observeDecisions(inner, observe, () => 'batch-1').authorizeBatch('acme', null, [request, request, request], { now: new Date(), requestId: 'req-8' });
    expect(events.map((e) => [e.batch, e.result?.decision ?? e.error?.code, e.version, e.requestId])).toEqual([
      [{ id: 'batch-1', index: 0 }, 'ALLOW', 4, 'req-8'],
      [{ id: 'batch-1', index: 1 }, 'BAD_REQUEST', 4, 'req-8'],
      [{ id: 'batch-1', index: 2 }, 'ALLOW', 4, 'req-8'],
    ]);
  });
});

describe('observeSimulate', () => {
  it('reports simulate decisions without an organization', () => {
    const { events, observe } = recording();
    const result: AuthorizationResult = { decision: 'IMPLICIT_DENY', allowed: false, blockedBy: ['IDENTITY'], decisiveStatements: [] };
    observeSimulate(() => result, observe)(request, {}, { explain: false, now: new Date() });
    expect(events).toEqual([{ operation: 'simulate', org: null, version: null, request, result, error: null, batch: null, requestId: null }]);
  });
});

describe('decisionRecord', () => {
  it('is one flat JSON-ready record: request id, source, decision, decisive statements, batch id', () => {
    const event: DecisionEvent = { operation: 'authorizeBatch', org: 'acme', version: 4, request, result: allow, error: null, batch: { id: 'b', index: 2 }, requestId: 'r-1' };
    expect(decisionRecord(event, { source: 'authzen', now: new Date('2026-01-01T00:00:00Z') })).toEqual({
      time: '2026-01-01T00:00:00.000Z', requestId: 'r-1', source: 'authzen', operation: 'authorizeBatch', org: 'acme', version: 4,
      batchId: 'b', index: 2, request, decision: 'ALLOW', blockedBy: [], decisiveStatements: [],
    });
  });
});
