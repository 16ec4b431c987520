import type { VersionSource } from '../model/ports.js';
import type { OrgId } from '../model/types.js';
import { COMMITS_CHANNEL, latestVersionKey } from './keys.js';
import { statsOf, type CacheStats } from './lru.js';
import type { RedisCache } from './redis.js';

/** Options of the latest-version cache. */
export interface LatestVersionOptions {
  /** The shared cache; null without REDIS_URL. */
  readonly redis: RedisCache | null;
  /** How long a version is trusted without a live commit subscription; default 1 s. */
  readonly localTtlMs?: number;
  /**
   * How long a version is trusted with a live subscription; default 30 s. Commits arrive by
   * pub/sub well before that; the bound only limits how long a lost message can go unnoticed.
   */
  readonly subscribedTtlMs?: number;
  /** Milliseconds now; tests pass a fake clock. */
  readonly clock?: () => number;
}

/** The latest versions as a `VersionSource`, told about commits. */
export interface LatestVersions extends VersionSource {
  /** Records a commit of this replica, and announces it to the others through Redis. Never throws. */
  committed(org: OrgId, version: number): Promise<void>;
  stats(): CacheStats & { readonly subscribed: boolean };
}

interface Known {
  readonly version: number;
  /** Trusted until this time (ms); after it, the next read goes to the source of truth. */
  readonly until: number;
}

/** A commit announcement, as published on the channel. */
function parseCommit(message: string): { org: OrgId; version: number } | undefined {
  try {
    const value = JSON.parse(message) as { org?: unknown; version?: unknown };
    if (typeof value.org === 'string' && Number.isInteger(value.version) && (value.version as number) >= 0) {
      return { org: value.org, version: value.version as number };
    }
  } catch {
    // not ours: ignore
  }
  return undefined;
}

/**
 * The latest version of each organization, the only mutable thing cached. An in-process map,
 * kept current by commits (this replica's directly, other replicas' through Redis pub/sub), so
 * every replica moves to a new version within milliseconds of its commit. Version numbers only
 * grow, so the map only ever raises a value: a slow read can never move it back. Without a live
 * subscription (no Redis, Redis down) entries expire after `localTtlMs` and are re-read from
 * `source` (Postgres), so commits made elsewhere become visible within that time.
 *
 * `latestVersion(org, atLeast)` re-reads `source` when the known version is older than `atLeast`
 * (a client that has seen a newer version elsewhere).
 */
export function withLatestVersions(options: LatestVersionOptions, source: VersionSource): LatestVersions {
  const { redis } = options;
  const localTtl = options.localTtlMs ?? 1_000;
  const subscribedTtl = options.subscribedTtlMs ?? 30_000;
  const clock = options.clock ?? Date.now;
  const known = new Map<OrgId, Known>();
  const pending = new Map<OrgId, Promise<number>>();
  let subscribed = false;
  let hits = 0;
  let misses = 0;

  function remember(org: OrgId, version: number): number {
    const best = Math.max(known.get(org)?.version ?? -1, version);
    known.set(org, { version: best, until: clock() + (subscribed ? subscribedTtl : localTtl) });
    return best;
  }

  /** Shortens every entry's trust to at most `until`. */
  function expireAll(until: number): void {
    for (const [org, k] of known) if (k.until > until) known.set(org, { version: k.version, until });
  }

  redis?.subscribe(COMMITS_CHANNEL, (message) => {
    const commit = parseCommit(message);
    if (commit) remember(commit.org, commit.version);
  }, (live) => {
    subscribed = live;
    // (Re)subscribed: commits may have been missed meanwhile, so re-read each org once.
    // Lost: fall back to the local TTL.
    expireAll(live ? 0 : clock() + localTtl);
  });

  /** Reads the latest version: from Redis for an org not seen yet, else (or failing that) from the source. */
  function load(org: OrgId, fromSource: boolean): Promise<number> {
    const inFlight = pending.get(org);
    if (inFlight && !fromSource) return inFlight;
    const read = (async () => {
      if (!fromSource && redis) {
        const text = await redis.get(latestVersionKey(org));
        const shared = text === null ? Number.NaN : Number(text);
        if (Number.isInteger(shared) && shared >= 0) return remember(org, shared);
      }
      const version = await source.latestVersion(org);
      void redis?.setMax(latestVersionKey(org), version);
      return remember(org, version);
    })();
    if (!fromSource) {
      pending.set(org, read);
      void read.finally(() => pending.delete(org)).catch(() => undefined);
    }
    return read;
  }

  return {
    async latestVersion(org, atLeast) {
      const entry = known.get(org);
      if (entry && entry.until > clock() && (atLeast === undefined || entry.version >= atLeast)) {
        hits++;
        return entry.version;
      }
      misses++;
      // A stale entry or a client ahead of us: ask the source of truth, not a possibly lagging Redis.
      return load(org, entry !== undefined || atLeast !== undefined);
    },
    async checkVersion(org, version) {
      // INVARIANT: versions are numbered 0, 1, 2, … without gaps, and never disappear.
      const entry = known.get(org);
      if (entry && version <= entry.version) return;
      await source.checkVersion(org, version);
    },
    async committed(org, version) {
      remember(org, version);
      if (!redis) return;
      await redis.setMax(latestVersionKey(org), version);
      await redis.publish(COMMITS_CHANNEL, JSON.stringify({ org, version }));
    },
    stats: () => ({ ...statsOf(known.size, hits, misses), subscribed }),
  };
}
