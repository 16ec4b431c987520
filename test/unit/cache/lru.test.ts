import { describe, expect, it } from 'vitest';
import { createLru, memoize } from '../../../src/cache/lru.js';

describe('createLru', () => {
  it('counts hits and misses and reports the hit rate', () => {
    const lru = createLru<string>({ max: 10 });
    expect(lru.stats()).toEqual({ entries: 0, hits: 0, misses: 0, hitRate: 0 });
    expect(lru.get('a')).toBeUndefined();
    lru.set('a', 'A');
    expect(lru.get('a')).toBe('A');
    expect(lru.get('a')).toBe('A');
    expect(lru.stats()).toEqual({ entries: 1, hits: 2, misses: 1, hitRate: 2 / 3 });
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const lru = createLru<number>({ max: 2 });
    lru.set('1', 1);
    lru.set('2', 2);
    lru.get('1'); // 2 is now the least recently used
    lru.set('3', 3);
    expect([lru.peek('1'), lru.peek('2'), lru.peek('3')]).toEqual([1, undefined, 3]);
    expect(lru.size).toBe(2);
  });

  it('peek neither counts nor refreshes', () => {
    const lru = createLru<number>({ max: 2 });
    lru.set('1', 1);
    lru.set('2', 2);
    lru.peek('1');
    lru.set('3', 3);
    expect(lru.peek('1')).toBeUndefined();
    expect(lru.stats()).toMatchObject({ hits: 0, misses: 0 });
  });

  it.each([0, -1, 1.5])('rejects max = %s', (max) => {
    expect(() => createLru({ max })).toThrow(RangeError);
  });
});

describe('memoize', () => {
  it('shares one load between concurrent callers', async () => {
    const lru = createLru<Promise<number>>({ max: 10 });
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([memoize(lru, 'k', load), memoize(lru, 'k', load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    expect(await memoize(lru, 'k', load)).toBe(1);
    expect(lru.stats()).toMatchObject({ hits: 2, misses: 1 });
  });

  it('never keeps a failure: the next call loads again', async () => {
    const lru = createLru<Promise<string>>({ max: 10 });
    await expect(memoize(lru, 'k', () => Promise.reject(new Error('no such version yet')))).rejects.toThrow('no such version yet');
    await Promise.resolve();
    expect(lru.peek('k')).toBeUndefined();
    await expect(memoize(lru, 'k', async () => 'now it exists')).resolves.toBe('now it exists');
  });
});
