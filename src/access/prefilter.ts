import type { CompiledPolicy } from '../core/index.js';
import { actionMatches } from './action-space.js';
import { principalSideOf } from './evaluator.js';
import { resourceMatches } from './resource-space.js';
import type { ModelVersion } from './types.js';
import { principalView } from './views.js';

/** True when some Allow statement of the policies can match the action (conditions and resources aside). */
export const mayAllow = (policies: readonly CompiledPolicy[], action: string): boolean =>
  policies.some((p) => p.statements.some((s) => s.effect === 'Allow' && s.matchAction(action)));

/**
 * True when some identity Allow statement of the caller matches the action and the resource
 * (conditions aside, policy variables as wildcards): the cheap prefilter of `whoCan`.
 */
export function identityMayAllow(model: ModelVersion, principal: string, action: string, resource: string): boolean {
  if (!mayAllow(principalSideOf(model, principal).identity, action)) return false;
  return principalView(model, principal).statements.some((s) => s.unit === 'IDENTITY' && s.statement.effect === 'Allow'
    && actionMatches(s.statement, action) && resourceMatches(s.statement, resource));
}
