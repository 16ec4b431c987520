import { describe, expect, it } from 'vitest';
import { thenMaybe } from '../../../src/service/maybe-promise.js';

const rethrowing = (seen: unknown[]) => (error: unknown): never => {
  seen.push(error);
  throw error;
};

describe('thenMaybe', () => {
  it('answers synchronously when run and onValue do', () => {
    expect(thenMaybe(() => 2, (v) => v * 3)).toBe(6);
  });

  it('answers with a promise when run does', async () => {
    const answer = thenMaybe(async () => 2, (v) => v * 3);
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toBe(6);
  });

  it('turns a synchronous throw of run or onValue into a rejection that onError saw once', async () => {
    const seen: unknown[] = [];
    const fromRun = thenMaybe(() => { throw new Error('run'); }, (v: number) => v, rethrowing(seen));
    const fromValue = thenMaybe(() => 1, () => { throw new Error('value'); }, rethrowing(seen));
    await expect(fromRun).rejects.toThrow('run');
    await expect(fromValue).rejects.toThrow('value');
    expect(seen.map((e) => (e as Error).message)).toEqual(['run', 'value']);
  });

  it('passes asynchronous failures of run and onValue through onError once', async () => {
    const seen: unknown[] = [];
    await expect(thenMaybe(() => Promise.reject(new Error('late run')), (v: number) => v, rethrowing(seen))).rejects.toThrow('late run');
    await expect(thenMaybe(() => 1, () => Promise.reject(new Error('late value')), rethrowing(seen))).rejects.toThrow('late value');
    await expect(thenMaybe(async () => 1, () => { throw new Error('after'); }, rethrowing(seen))).rejects.toThrow('after');
    expect(seen.map((e) => (e as Error).message)).toEqual(['late run', 'late value', 'after']);
  });

  it('rejects with what onError throws instead', async () => {
    const replaced = thenMaybe(() => { throw new Error('inner'); }, (v: number) => v, () => { throw new Error('outer'); });
    await expect(replaced).rejects.toThrow('outer');
  });
});
