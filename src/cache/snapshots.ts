import type { PrincipalSnapshot, ResourceSnapshot, SnapshotSource } from '../model/ports.js';
import { decodeSnapshot, encodeSnapshot, type SnapshotKinds } from './codec.js';
import { principalSnapshotKey, resourceSnapshotKey } from './keys.js';
import { createLru, memoize, memoized, statsOf, type CacheStats, type Loading } from './lru.js';
import type { RedisCache } from './redis.js';

/** Hit counts of a snapshot cache, per kind. */
export interface SnapshotCacheStats {
  readonly principals: CacheStats;
  readonly resources: CacheStats;
}

/** A `SnapshotSource` that is a cache: the same port, plus its stats. */
export interface CachedSnapshotSource extends SnapshotSource {
  stats(): SnapshotCacheStats;
}

/** Entries per kind of the in-process snapshot cache (CACHE_PRINCIPALS, CACHE_RESOURCES). */
export interface SnapshotLruOptions {
  readonly principals: number;
  readonly resources: number;
}

/**
 * An in-process LRU in front of `source`. Keys embed the version, and versions never change, so an
 * entry is valid until evicted. Concurrent reads of one key share one load; failures (an unknown
 * version, which may exist later) are never kept.
 */
export function withLru(options: SnapshotLruOptions, source: SnapshotSource): CachedSnapshotSource {
  const principals = createLru<Loading<PrincipalSnapshot>>({ max: options.principals });
  const resources = createLru<Loading<ResourceSnapshot>>({ max: options.resources });
  return {
    principalSnapshot: (org, version, arn) =>
      memoize(principals, principalSnapshotKey(org, version, arn), () => source.principalSnapshot(org, version, arn)),
    resourceSnapshot: (org, version, arn, account) =>
      memoize(resources, resourceSnapshotKey(org, version, arn, account), () => source.resourceSnapshot(org, version, arn, account)),
    cachedPrincipalSnapshot: (org, version, arn) => memoized(principals, principalSnapshotKey(org, version, arn)),
    cachedResourceSnapshot: (org, version, arn, account) => memoized(resources, resourceSnapshotKey(org, version, arn, account)),
    stats: () => ({ principals: principals.stats(), resources: resources.stats() }),
  };
}

/** Options of the Redis snapshot cache. */
export interface RedisSnapshotOptions {
  /** Bounds memory only (entries are immutable); default one day. */
  readonly ttlSeconds?: number;
}

const ONE_DAY = 24 * 60 * 60;

/**
 * Snapshots shared by every replica through Redis, serialized by the versioned codec. A Redis
 * failure or an undecodable entry is a miss: the snapshot is read from `source` and written back
 * (without waiting), so Redis being down costs latency, never correctness.
 */
export function withRedis(redis: RedisCache, source: SnapshotSource, options: RedisSnapshotOptions = {}): CachedSnapshotSource {
  const ttl = options.ttlSeconds ?? ONE_DAY;
  const counts = { principal: { hits: 0, misses: 0, writes: 0 }, resource: { hits: 0, misses: 0, writes: 0 } };

  async function through<K extends keyof SnapshotKinds>(kind: K, key: string, load: () => Promise<SnapshotKinds[K]>): Promise<SnapshotKinds[K]> {
    const text = await redis.get(key);
    const cached = text === null ? undefined : decodeSnapshot(kind, text);
    if (cached !== undefined) {
      counts[kind].hits++;
      return cached;
    }
    counts[kind].misses++;
    const snapshot = await load();
    counts[kind].writes++;
    void redis.set(key, encodeSnapshot(kind, snapshot), ttl);
    return snapshot;
  }

  // Entries live in Redis, shared and expiring there: `entries` counts those this replica wrote.
  const statsOfKind = (kind: keyof SnapshotKinds) => statsOf(counts[kind].writes, counts[kind].hits, counts[kind].misses);
  return {
    principalSnapshot: (org, version, arn) =>
      through('principal', principalSnapshotKey(org, version, arn), () => source.principalSnapshot(org, version, arn)),
    resourceSnapshot: (org, version, arn, account) =>
      through('resource', resourceSnapshotKey(org, version, arn, account), () => source.resourceSnapshot(org, version, arn, account)),
    stats: () => ({ principals: statsOfKind('principal'), resources: statsOfKind('resource') }),
  };
}
