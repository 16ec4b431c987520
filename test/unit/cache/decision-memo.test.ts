import { describe, expect, it } from 'vitest';
import { createAdmittingMemo } from '../../../src/cache/decision-memo.js';

describe('createAdmittingMemo', () => {
  it('keeps a key the second time it is offered', () => {
    const memo = createAdmittingMemo<{ n: number }>({ max: 100 });
    expect(memo.get('a')).toBeUndefined();
    expect(memo.set('a', { n: 1 })).toBe(false);
    expect(memo.get('a')).toBeUndefined();
    expect(memo.set('a', { n: 2 })).toBe(true);
    expect(memo.get('a')).toEqual({ n: 2 });
    expect(memo.stats()).toMatchObject({ entries: 1, hits: 1, misses: 2 });
  });

  it('keeps few of the keys offered only once, and never more than max', () => {
    const memo = createAdmittingMemo<{ n: number }>({ max: 50_000 });
    // Keys that look random, as request keys do (FNV-1a spreads `unique-1`, `unique-2`, … better than chance).
    let seed = 12345;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0).toString(36);
    for (let i = 0; i < 20_000; i++) memo.set(`arn:aws:iam::111122223333:role/r-${random()}${random()}`, { n: i });
    // 40,000 marks in 2^20 slots: a first offer finds both its bits taken by other keys at most
    // (4 %)² of the time, about 10 keys in all (one bit per key in 2^19 slots kept about 350).
    expect(memo.stats().entries).toBeLessThan(100);
    const small = createAdmittingMemo<{ n: number }>({ max: 10 });
    for (let round = 0; round < 2; round++) for (let i = 0; i < 100; i++) small.set(`k${i}`, { n: i });
    expect(small.stats().entries).toBe(10);
  });

  it('forgets what it was offered long ago: "before" means within the last slots / 8 offers', () => {
    const memo = createAdmittingMemo<{ n: number }>({ max: 1000 }); // 16,384 slots, cleared after 2,048 marks (1,024 offers or more)
    memo.set('early', { n: 0 });
    for (let i = 0; i < 1100; i++) memo.set(`other-${i}`, { n: i });
    memo.set('early', { n: 1 });
    expect(memo.get('early')).toBeUndefined();
    memo.set('early', { n: 2 });
    expect(memo.get('early')).toEqual({ n: 2 });
  });
});
