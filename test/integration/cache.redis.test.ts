import { afterAll, describe, expect, it } from 'vitest';
import { createRedisCache, type CacheLogger, type RedisCache } from '../../src/cache/redis.js';
import { withLru, withRedis } from '../../src/cache/snapshots.js';
import type { PrincipalSnapshot, ResourceSnapshot, SnapshotSource } from '../../src/model/ports.js';
import { deleteRedisPrefix, redisTestPrefix, redisUrl } from '../helpers/redis.js';
import { defineCacheContract } from './cache-contract.js';

const url = redisUrl();
const prefix = redisTestPrefix('cache-redis');
const clients: RedisCache[] = [];
const silent: CacheLogger = { warn: () => undefined, info: () => undefined };

/** A Redis cache of this file's prefix; closed after the file. */
function redis(options: { keyPrefix?: string; url?: string; logger?: CacheLogger } = {}): RedisCache {
  const client = createRedisCache({ url: options.url ?? url!, keyPrefix: options.keyPrefix ?? prefix, logger: options.logger ?? silent });
  clients.push(client);
  return client;
}

/** Resolves once `client` is connected (connections are made in the background). */
async function connected(client: RedisCache): Promise<void> {
  for (let i = 0; i < 500 && !client.stats().connected; i++) await new Promise((r) => setTimeout(r, 10));
  expect(client.stats().connected).toBe(true);
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  if (url) await deleteRedisPrefix(url, prefix);
});

const RESOURCE: ResourceSnapshot = { resource: null, role: null, accountId: '123456789012', placement: null, rcpChain: null };
const PRINCIPAL: PrincipalSnapshot = { user: null, role: null, groups: [], managedPolicies: [], account: null, placement: null, scpChain: null };

/** A store stand-in counting its reads. */
function countingSource(): SnapshotSource & { reads: number } {
  const source = {
    reads: 0,
    principalSnapshot: async () => (source.reads++, PRINCIPAL),
    resourceSnapshot: async () => (source.reads++, RESOURCE),
  };
  return source;
}

describe.skipIf(!url)(`Redis snapshot cache${url ? '' : ' (skipped: requires REDIS_URL)'}`, () => {
  defineCacheContract('Redis only', async (store) => {
    const client = redis({ keyPrefix: `${prefix}only:` });
    await connected(client);
    const source = withRedis(client, store);
    return { source, hits: () => source.stats().principals.hits + source.stats().resources.hits, close: async () => undefined };
  });

  defineCacheContract('LRU over Redis (as app.ts stacks them)', async (store) => {
    const client = redis({ keyPrefix: `${prefix}stack:` });
    await connected(client);
    const shared = withRedis(client, store);
    const source = withLru({ principals: 2, resources: 2 }, shared);
    const hits = () => [source.stats(), shared.stats()].reduce((n, s) => n + s.principals.hits + s.resources.hits, 0);
    return { source, hits, close: async () => undefined };
  });

  it('shares snapshots between replicas: the second reads the first one\'s entry', async () => {
    const [a, b] = [redis(), redis()];
    await Promise.all([connected(a), connected(b)]);
    const store = countingSource();
    const first = withLru({ principals: 10, resources: 10 }, withRedis(a, store));
    const second = withLru({ principals: 10, resources: 10 }, withRedis(b, store));
    expect(await first.resourceSnapshot('org', 1, 'arn:aws:s3:::shared')).toEqual(RESOURCE);
    for (let i = 0; i < 100 && (await b.get('snap:v1:org:1:resource:arn:aws:s3:::shared|')) === null; i++) await new Promise((r) => setTimeout(r, 5));
    expect(await second.resourceSnapshot('org', 1, 'arn:aws:s3:::shared')).toEqual(RESOURCE);
    expect(store.reads).toBe(1);
  });

  it('treats an entry it cannot decode as a miss, and rewrites it', async () => {
    const client = redis();
    await connected(client);
    const key = 'snap:v1:org:1:principal:arn:aws:iam::123456789012:user/x';
    await client.set(key, 'v0:{"an":"older format"}', 60);
    const store = countingSource();
    const source = withRedis(client, store);
    expect(await source.principalSnapshot('org', 1, 'arn:aws:iam::123456789012:user/x')).toEqual(PRINCIPAL);
    expect(store.reads).toBe(1);
    for (let i = 0; i < 100 && !(await client.get(key))?.startsWith('v1:'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(await source.principalSnapshot('org', 1, 'arn:aws:iam::123456789012:user/x')).toEqual(PRINCIPAL);
    expect(store.reads).toBe(1);
  });
});

describe('Redis unreachable', () => {
  it('every read is a miss served by the store, and the degradation is logged once', async () => {
    const warnings: string[] = [];
    const logger = { warn: (_: object, message: string) => void warnings.push(message), info: () => undefined };
    const client = redis({ url: 'redis://127.0.0.1:1', logger });
    const store = countingSource();
    const source = withRedis(client, store);
    for (let i = 0; i < 20; i++) {
      expect(await source.principalSnapshot('org', 1, `arn:aws:iam::123456789012:user/u${i}`)).toEqual(PRINCIPAL);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(store.reads).toBe(20);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/redis unavailable/);
    expect(client.stats()).toMatchObject({ available: false, subscribed: false });
  });
});
