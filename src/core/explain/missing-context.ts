import type { CompiledPolicySet } from '../compile/compile-policy-set.js';
import { allPolicies } from '../compile/compile-policy-set.js';
import type { RequestContext } from '../request/types.js';

/** Context keys the policies read that the request did not supply (AWS's MissingContextValues). */
export function missingContextKeys(set: CompiledPolicySet, ctx: RequestContext): string[] {
  const keys = new Set(allPolicies(set).flatMap((p) => p.contextKeys));
  return [...keys].filter((k) => ctx.get(k) === undefined).sort();
}
