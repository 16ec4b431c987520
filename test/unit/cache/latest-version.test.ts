import { describe, expect, it, vi } from 'vitest';
import { withLatestVersions } from '../../../src/cache/latest-version.js';
import type { RedisCache } from '../../../src/cache/redis.js';
import type { VersionSource } from '../../../src/model/ports.js';

/** An in-memory stand-in for Redis: one key space and synchronous pub/sub, shared by "replicas". */
function fakeRedis() {
  const values = new Map<string, string>();
  const listeners: { channel: string; onMessage: (m: string) => void; onState: (s: boolean) => void }[] = [];
  const client = (): RedisCache => ({
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => void values.set(key, value),
    setMax: async (key, value) => void values.set(key, String(Math.max(value, Number(values.get(key) ?? -1)))),
    publish: async (channel, message) => listeners.filter((l) => l.channel === channel).forEach((l) => l.onMessage(message)),
    subscribe: (channel, onMessage, onState) => {
      listeners.push({ channel, onMessage, onState });
      onState(true);
    },
    stats: () => ({ connected: true, available: true, subscribed: true, failures: 0 }),
    close: async () => undefined,
  });
  return { client, values, drop: () => listeners.forEach((l) => l.onState(false)) };
}

/** Postgres as far as versions go: a latest version per org that tests move. */
function fakeStore(latest: Record<string, number>) {
  const source: VersionSource = {
    latestVersion: vi.fn(async (org: string) => {
      const v = latest[org];
      if (v === undefined) throw new Error(`organization ${org} not found`);
      return v;
    }),
    checkVersion: vi.fn(async (org: string, version: number) => {
      if (version > (latest[org] ?? -1)) throw new Error(`no version ${version}`);
    }),
  };
  return { source, latest };
}

describe('withLatestVersions without Redis', () => {
  it('reads the store once per local TTL', async () => {
    let now = 0;
    const { source, latest } = fakeStore({ acme: 3 });
    const versions = withLatestVersions({ redis: null, localTtlMs: 1_000, clock: () => now }, source);
    expect(await versions.latestVersion('acme')).toBe(3);
    latest['acme'] = 4; // a commit through another replica
    now = 999;
    expect(await versions.latestVersion('acme')).toBe(3);
    now = 1_001;
    expect(await versions.latestVersion('acme')).toBe(4);
    expect(source.latestVersion).toHaveBeenCalledTimes(2);
    expect(versions.stats()).toMatchObject({ entries: 1, hits: 1, misses: 2, subscribed: false });
  });

  it('moves at once on its own commit, and never back', async () => {
    const { source } = fakeStore({ acme: 3 });
    const versions = withLatestVersions({ redis: null }, source);
    await versions.committed('acme', 5);
    expect(await versions.latestVersion('acme')).toBe(5);
    expect(source.latestVersion).not.toHaveBeenCalled();
  });

  it('re-reads the store for a client ahead of it (atLeast)', async () => {
    const { source, latest } = fakeStore({ acme: 3 });
    const versions = withLatestVersions({ redis: null }, source);
    await versions.latestVersion('acme');
    latest['acme'] = 4;
    expect(await versions.latestVersion('acme', 3)).toBe(3); // known is enough
    expect(await versions.latestVersion('acme', 4)).toBe(4);
    expect(await versions.latestVersion('acme', 9)).toBe(4); // the caller decides: NOT_FOUND
    expect(source.latestVersion).toHaveBeenCalledTimes(3);
  });

  it('checks versions up to the known latest without the store', async () => {
    const { source } = fakeStore({ acme: 3 });
    const versions = withLatestVersions({ redis: null }, source);
    await versions.latestVersion('acme');
    await versions.checkVersion('acme', 0);
    await versions.checkVersion('acme', 3);
    expect(source.checkVersion).not.toHaveBeenCalled();
    await expect(versions.checkVersion('acme', 4)).rejects.toThrow('no version 4');
  });

  it('keeps nothing for an unknown organization', async () => {
    const { source, latest } = fakeStore({});
    const versions = withLatestVersions({ redis: null }, source);
    await expect(versions.latestVersion('later')).rejects.toThrow('not found');
    latest['later'] = 0;
    expect(await versions.latestVersion('later')).toBe(0);
  });
});

describe('withLatestVersions with Redis', () => {
  it('moves every replica on a commit through pub/sub, without reading the store', async () => {
    const redis = fakeRedis();
    const { source } = fakeStore({ acme: 1 });
    const a = withLatestVersions({ redis: redis.client() }, source);
    const b = withLatestVersions({ redis: redis.client() }, source);
    expect(await b.latestVersion('acme')).toBe(1); // from the store, then shared through Redis
    expect(await a.latestVersion('acme')).toBe(1); // from Redis
    expect(source.latestVersion).toHaveBeenCalledTimes(1);
    await a.committed('acme', 2);
    expect(await b.latestVersion('acme')).toBe(2);
    expect(redis.values.get('latest:v1:acme')).toBe('2');
    expect(source.latestVersion).toHaveBeenCalledTimes(1);
    expect(b.stats().subscribed).toBe(true);
  });

  it('falls back to the local TTL when the subscription is lost', async () => {
    let now = 0;
    const redis = fakeRedis();
    const { source, latest } = fakeStore({ acme: 1 });
    const b = withLatestVersions({ redis: redis.client(), localTtlMs: 1_000, clock: () => now }, source);
    await b.latestVersion('acme');
    redis.drop();
    latest['acme'] = 2;
    now = 1_500;
    expect(await b.latestVersion('acme')).toBe(2);
    expect(b.stats().subscribed).toBe(false);
  });

  it('ignores messages that are not commits', async () => {
    const redis = fakeRedis();
    const { source } = fakeStore({ acme: 1 });
    const b = withLatestVersions({ redis: redis.client() }, source);
    const other = redis.client();
    await other.publish('commits:v1', 'not json');
    await other.publish('commits:v1', JSON.stringify({ org: 'acme', version: -1 }));
    expect(await b.latestVersion('acme')).toBe(1);
  });
});
