import { withCompiledSides, type CachedPolicySideSource } from '../cache/compiled-sides.js';
import { createCompiledPolicies, type CompiledPolicies } from '../cache/compiled-policies.js';
import { createAdmittingMemo, type AdmittingMemo } from '../cache/decision-memo.js';
import { withLatestVersions, type LatestVersions } from '../cache/latest-version.js';
import type { RedisCache } from '../cache/redis.js';
import { withLru, withRedis, type CachedSnapshotSource } from '../cache/snapshots.js';
import type { SnapshotSource, VersionSource } from '../model/ports.js';
import { createDecisionService, type DecisionService, type StoredDecision } from '../service/decisions.js';
import type { Config } from './config.js';

/** The bounds of the decision caches (CACHE_PRINCIPALS, CACHE_RESOURCES, CACHE_POLICIES, CACHE_DECISIONS) and BATCH_MAX. */
export type DecisionStackOptions = Pick<Config, 'cachePrincipals' | 'cacheResources' | 'cachePolicies' | 'cacheDecisions' | 'batchMax'>;

/** The decision service and every cache under it, for their stats. */
export interface DecisionStack {
  readonly decisions: DecisionService;
  /** Snapshots shared through Redis; null without Redis. */
  readonly shared: CachedSnapshotSource | null;
  readonly snapshots: CachedSnapshotSource;
  readonly sides: CachedPolicySideSource;
  readonly policies: CompiledPolicies;
  /** Null with CACHE_DECISIONS=0. */
  readonly memo: AdmittingMemo<StoredDecision> | null;
  readonly versions: LatestVersions;
}

/**
 * The decision caches stacked as every replica stacks them, and the decision service over them.
 * Snapshots: `reader` (Postgres), then Redis (shared by replicas, when given), then an in-process
 * LRU; compiled sides hang off the LRU's snapshots and compile through one content-keyed policy
 * cache; decisions are remembered behind a doorkeeper; latest versions are cached and, with Redis,
 * pushed. `server/app.ts` and the service benchmark build theirs here, so the benchmark measures
 * what production runs.
 */
export function stackDecisions(options: DecisionStackOptions, reader: SnapshotSource, versionSource: VersionSource, redis: RedisCache | null): DecisionStack {
  const shared = redis ? withRedis(redis, reader) : null;
  const snapshots = withLru({ principals: options.cachePrincipals, resources: options.cacheResources }, shared ?? reader);
  const policies = createCompiledPolicies({ max: options.cachePolicies });
  const sides = withCompiledSides(policies.compileStored, snapshots);
  const memo = options.cacheDecisions > 0 ? createAdmittingMemo<StoredDecision>({ max: options.cacheDecisions }) : null;
  const versions = withLatestVersions({ redis }, versionSource);
  const decisions = createDecisionService({ sides, versions, compile: policies.compileStored, batchMax: options.batchMax, ...(memo && { memo }) });
  return { decisions, shared, snapshots, sides, policies, memo, versions };
}
