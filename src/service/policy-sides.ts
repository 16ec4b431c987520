import { compilePolicy, parsePolicy } from '../core/index.js';
import { principalLayers, resourceLayers } from '../model/assemble.js';
import type { PolicySideSource, SnapshotSource, StoredPolicyCompiler } from '../model/ports.js';
import { ServiceError } from './errors.js';

/** Parses and compiles a stored document every time: the reference path, without any cache. */
export const compileFresh: StoredPolicyCompiler = (id, json) => {
  const parsed = parsePolicy(json);
  // INVARIANT: commits store only documents that parsePolicy accepted.
  if (!parsed.ok) throw new ServiceError('INTERNAL', `stored policy ${id} no longer parses: ${parsed.error[0]?.message ?? 'unknown problem'}`);
  return compilePolicy(id, parsed.value);
};

/**
 * Decision sides built on every call from `snapshots` (nothing memoised). `server/app.ts` uses the
 * memoising `cache/compiled-sides.ts` instead; this is for callers without caches and for tests.
 */
export function policySidesOf(snapshots: SnapshotSource, compile: StoredPolicyCompiler = compileFresh): PolicySideSource {
  return {
    async principalSide(org, version, arn) {
      const snapshot = await snapshots.principalSnapshot(org, version, arn);
      return { snapshot, ...principalLayers(snapshot, compile) };
    },
    async resourceSide(org, version, arn, account) {
      const snapshot = await snapshots.resourceSnapshot(org, version, arn, account);
      return { snapshot, ...resourceLayers(snapshot, compile) };
    },
  };
}
