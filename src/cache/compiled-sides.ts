import { principalLayers, resourceLayers } from '../model/assemble.js';
import type {
  PolicySideSource, PrincipalSide, PrincipalSnapshot, ResourceSide, ResourceSnapshot, SnapshotSource, StoredPolicyCompiler,
} from '../model/ports.js';
import type { OrgId } from '../model/types.js';
import { statsOf, type CacheStats } from './lru.js';

/** Hit counts of the compiled sides, per kind. */
export interface CompiledSideStats {
  readonly principals: CacheStats;
  readonly resources: CacheStats;
}

/** Compiled sides with stats. */
export interface CachedPolicySideSource extends PolicySideSource {
  stats(): CompiledSideStats;
}

/** A memo from snapshot objects to what is built from them, alive exactly as long as the snapshot. */
function sideMemo<S extends object, T>(build: (snapshot: S) => T) {
  const memo = new WeakMap<S, T>();
  let live = 0;
  let hits = 0;
  let misses = 0;
  const collected = new FinalizationRegistry<undefined>(() => void live--);
  return {
    get(snapshot: S): T {
      const hit = memo.get(snapshot);
      if (hit !== undefined) {
        hits++;
        return hit;
      }
      misses++;
      const side = build(snapshot);
      memo.set(snapshot, side);
      collected.register(snapshot, undefined);
      live++;
      return side;
    },
    stats: (): CacheStats => statsOf(live, hits, misses),
  };
}

/**
 * The compiled sides of decisions over `snapshots`: each snapshot's layers are assembled (by the
 * model's `principalLayers` / `resourceLayers`) and compiled once, and the result is attached to
 * the snapshot object. Over the in-process snapshot LRU, which returns the same object for a
 * (org, version, ARN) until it evicts it, a side is therefore built once per cached snapshot and
 * dropped with it: one bound (CACHE_PRINCIPALS / CACHE_RESOURCES) governs both, and nothing is
 * invalidated. The per-request work is then two lookups, one small object and `decide`.
 */
export function withCompiledSides(compile: StoredPolicyCompiler, snapshots: SnapshotSource): CachedPolicySideSource {
  const principals = sideMemo((snapshot: PrincipalSnapshot): PrincipalSide => ({ snapshot, ...principalLayers(snapshot, compile) }));
  const resources = sideMemo((snapshot: ResourceSnapshot): ResourceSide => ({ snapshot, ...resourceLayers(snapshot, compile) }));
  const { cachedPrincipalSnapshot, cachedResourceSnapshot } = snapshots;
  return {
    principalSide: async (org, version, arn) => principals.get(await snapshots.principalSnapshot(org, version, arn)),
    resourceSide: async (org, version, arn, account) => resources.get(await snapshots.resourceSnapshot(org, version, arn, account)),
    ...(cachedPrincipalSnapshot && {
      cachedPrincipalSide: (org: OrgId, version: number, arn: string) => {
        const snapshot = cachedPrincipalSnapshot(org, version, arn);
        return snapshot && principals.get(snapshot);
      },
    }),
    ...(cachedResourceSnapshot && {
      cachedResourceSide: (org: OrgId, version: number, arn: string, account?: string) => {
        const snapshot = cachedResourceSnapshot(org, version, arn, account);
        return snapshot && resources.get(snapshot);
      },
    }),
    stats: () => ({ principals: principals.stats(), resources: resources.stats() }),
  };
}
