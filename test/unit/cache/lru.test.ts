import { describe, expect, it } from 'vitest';
import { createLru, memoize, memoized, type Loading } from '../../../src/cache/lru.js';

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
    const lru = createLru<Loading<number>>({ max: 10 });
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([memoize(lru, 'k', load), memoize(lru, 'k', load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    expect(await memoize(lru, 'k', load)).toBe(1);
    expect(lru.stats()).toMatchObject({ hits: 2, misses: 1 });
  });

  it('never keeps a failure: the next call loads again', async () => {
    const lru = createLru<Loading<string>>({ max: 10 });
    await expect(memoize(lru, 'k', () => Promise.reject(new Error('no such version yet')))).rejects.toThrow('no such version yet');
    await Promise.resolve();
    expect(lru.peek('k')).toBeUndefined();
    await expect(memoize(lru, 'k', async () => 'now it exists')).resolves.toBe('now it exists');
  });
});

describe('getIf', () => {
  it('counts a hit only for a value it accepts, and makes any present entry the most recently used', () => {
    const lru = createLru<string>({ max: 2 });
    lru.set('a', 'pending');
    lru.set('b', 'B');
    expect(lru.getIf('a', (v) => v !== 'pending')).toBeUndefined();
    expect(lru.getIf('missing', () => true)).toBeUndefined();
    expect(lru.stats()).toMatchObject({ hits: 0, misses: 0 });
    lru.set('c', 'C'); // evicts b: a was made most recent
    expect([lru.peek('a'), lru.peek('b')]).toEqual(['pending', undefined]);
    expect(lru.getIf('c', (v) => v === 'C')).toBe('C');
    expect(lru.stats()).toMatchObject({ hits: 1, misses: 0 });
  });
});

describe('memoized', () => {
  it('answers synchronously once the load has resolved, as a hit; before that, nothing and no count', async () => {
    const lru = createLru<Loading<string>>({ max: 10 });
    let resolve!: (value: string) => void;
    const pending = memoize(lru, 'k', () => new Promise<string>((r) => (resolve = r)));
    expect(memoized(lru, 'k')).toBeUndefined();
    expect(memoized(lru, 'other')).toBeUndefined();
    expect(lru.stats()).toMatchObject({ hits: 0, misses: 1 });
    resolve('snapshot');
    await pending;
    expect(memoized(lru, 'k')).toBe('snapshot');
    expect(lru.stats()).toMatchObject({ hits: 1, misses: 1 });
  });

  it('makes a hit the most recently used', async () => {
    const lru = createLru<Loading<string>>({ max: 2 });
    await memoize(lru, 'a', async () => 'A');
    await memoize(lru, 'b', async () => 'B');
    expect(memoized(lru, 'a')).toBe('A');
    await memoize(lru, 'c', async () => 'C'); // evicts b, the least recently used
    expect([lru.peek('a')?.value, lru.peek('b'), lru.peek('c')?.value]).toEqual(['A', undefined, 'C']);
  });

  it('never answers from a failed load', async () => {
    const lru = createLru<Loading<string>>({ max: 10 });
    await expect(memoize(lru, 'k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(memoized(lru, 'k')).toBeUndefined();
  });
});
