import { describePrincipalCached } from '../core/index.js';
import { actionMatches } from './action-space.js';
import { satisfyingAll } from './contexts.js';
import { allowingConditions } from './deltas.js';
import type { AuthorizationResult } from '../core/index.js';
import { decideAt, type EngineRequest } from './evaluator.js';
import { resourceMatches } from './resource-space.js';
import type { ModelVersion, WhoCanEntry } from './types.js';
import { principalView, requestResourceView, type ViewStatement } from './views.js';

/**
 * Decides `request`; when the model's context denies it, again with a context satisfying the
 * conditions of the Allow statements among `matching` (statements whose action and resource match
 * the request, conditions aside): an access that holds under conditions is allowed under them.
 * Null when neither decision allows; `conditional` tells which one did.
 */
export function allowedUnderConditions(
  model: ModelVersion, request: EngineRequest, matching: readonly ViewStatement[], now: Date,
): { readonly result: AuthorizationResult; readonly conditional: boolean } | null {
  const result = decideAt(model, request, now);
  if (result.allowed) return { result, conditional: false };
  const allowing = matching.filter((s) => s.statement.effect === 'Allow' && s.statement.condition.length > 0);
  if (allowing.length === 0) return null;
  const underConditions = decideAt(model, { ...request, context: satisfyingAll(allowing.map((s) => s.statement)) }, now);
  return underConditions.allowed ? { result: underConditions, conditional: true } : null;
}

/** Decides one caller (`allowedUnderConditions`): an ALLOW entry, with its conditions listed, or null. */
export function entryFor(model: ModelVersion, principal: string, action: string, resource: string, resourceAccount: string | undefined, now: Date): WhoCanEntry | null {
  const request = { principal, action, resource, ...(resourceAccount ? { resourceAccount } : {}) };
  const account = describePrincipalCached(principal)?.account ?? '';
  const statements = [...(principal === '*' ? [] : principalView(model, principal).statements), ...requestResourceView(model, resource, account).statements];
  const matching = statements.filter((s) => actionMatches(s.statement, action) && resourceMatches(s.statement, resource));
  const allowed = allowedUnderConditions(model, request, matching, now);
  if (!allowed) return null;
  const { result, conditional } = allowed;
  const conditions = allowingConditions(result, statements);
  return { principal, account, decision: 'ALLOW', grants: result.decisiveStatements, conditions: conditional || conditions.length > 0 ? conditions : [], via: [] };
}

