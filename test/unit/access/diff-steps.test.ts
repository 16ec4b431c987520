import { describe, expect, it } from 'vitest';
import { diffAccess, diffAccessSteps, whatCan, whatCanSteps, whoCan, whoCanSteps } from '../../../src/access/index.js';
import type { User } from '../../../src/model/types.js';
import { runInSlices } from '../../../src/service/access.js';
import { allow, CATALOG, doc, e, edit, group, NOW, orgEntities, policy, user, version } from './fixtures.js';

// A whole-organization diff takes seconds, a whatCan about half a second: the engine computes them
// one principal (diff, whoCan) or candidate resource (whatCan) at a time, and the service hands the
// event loop back between slices, so a replica keeps answering `authorize`.
const g = group('Team');
const users: User[] = Array.from({ length: 20 }, (_x, i) => user(`u${i}`, { groups: [g.arn] }));
const p = policy('Queue', { document: doc(allow('sqs:SendMessage')) });
const before = version([...orgEntities(), e.group(g), e.policy(p), ...users.map(e.user)]);
const after = edit(before, e.group({ ...g, managedPolicies: [p.arn] }));
const options = { catalog: CATALOG, now: NOW };

describe('diffAccessSteps', () => {
  it('pauses after each principal it evaluates and ends with the result diffAccess returns', () => {
    const steps = diffAccessSteps(before, after, options);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBe(20);
    expect(step.value).toEqual(diffAccess(before, after, options));
  });
});

/** The steps of a generator, and its result. */
function stepsOf<T>(steps: Generator<undefined, T, void>): { pauses: number; result: T } {
  let pauses = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) pauses++;
  return { pauses, result: step.value };
}

describe('whoCanSteps and whatCanSteps', () => {
  const query = { action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:111122223333:q' };

  it('whoCan pauses after each caller it evaluates and ends with the result whoCan returns', () => {
    const { pauses, result } = stepsOf(whoCanSteps(after, query, { now: NOW }));
    expect(result).toEqual(whoCan(after, query, { now: NOW }));
    expect(result.principalsEvaluated).toBe(20);
    expect(pauses).toBe(20);
    expect(result.entries).toHaveLength(20);
  });

  it('whatCan pauses after each candidate resource and ends with the result whatCan returns', () => {
    const { pauses, result } = stepsOf(whatCanSteps(after, users[0]!.arn, options));
    expect(result).toEqual(whatCan(after, users[0]!.arn, options));
    expect(result.services.map((s) => s.service)).toEqual(['sqs']);
    expect(pauses).toBeGreaterThan(0);
  });

  it('throw input errors on the first step', () => {
    expect(() => whoCanSteps(after, { ...query, action: 'sqs:Send*' }, { now: NOW }).next()).toThrow(/one action/);
    expect(() => whatCanSteps(after, 'arn:aws:iam::111122223333:user/nobody', options).next()).toThrow(/not a user, role or account root/);
  });
});

describe('runInSlices', () => {
  it('lets other callbacks run between slices, and returns the same result', async () => {
    let ranDuring = 0;
    let done = false;
    const ticker = async () => {
      while (!done) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (!done) ranDuring++;
      }
    };
    const tick = ticker();
    const result = await runInSlices(diffAccessSteps(before, after, options), 0);
    done = true;
    await tick;
    expect(ranDuring).toBeGreaterThanOrEqual(10);
    expect(result).toEqual(diffAccess(before, after, options));
  });

  it('turns an engine input error into BAD_REQUEST', async () => {
    await expect(runInSlices(diffAccessSteps(before, after, { ...options, filter: { actions: ['not an action'] } }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
