import { describe, expect, it } from 'vitest';
import { diffAccess, diffAccessSteps } from '../../../src/access/index.js';
import type { User } from '../../../src/model/types.js';
import { runInSlices } from '../../../src/service/access.js';
import { allow, CATALOG, doc, e, edit, group, NOW, orgEntities, policy, user, version } from './fixtures.js';

// A whole-organization diff takes seconds: the engine computes it one principal at a time, and the
// service hands the event loop back between slices, so a replica keeps answering `authorize`.
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
