import { describePrincipalCached } from '../core/index.js';
import { actionMatches } from './action-space.js';
import { satisfyingAll } from './contexts.js';
import { allowingConditions } from './deltas.js';
import { decideAt } from './evaluator.js';
import { resourceMatches } from './resource-space.js';
import type { ModelVersion, WhoCanEntry } from './types.js';
import { principalView, requestResourceView } from './views.js';

/**
 * Decides one caller; when the model's context denies, retries with a context satisfying the
 * conditions of the allowing statements that match (ignoring conditions): an access that holds
 * under conditions is an ALLOW with its conditions listed.
 */
export function entryFor(model: ModelVersion, principal: string, action: string, resource: string, resourceAccount: string | undefined, now: Date): WhoCanEntry | null {
  const request = { principal, action, resource, ...(resourceAccount ? { resourceAccount } : {}) };
  const account = describePrincipalCached(principal)?.account ?? '';
  const statements = [...(principal === '*' ? [] : principalView(model, principal).statements), ...requestResourceView(model, resource, account).statements];
  let result = decideAt(model, request, now);
  let conditional = false;
  if (!result.allowed) {
    const allowing = statements.filter((s) => s.statement.effect === 'Allow' && s.statement.condition.length > 0
      && actionMatches(s.statement, action) && resourceMatches(s.statement, resource));
    if (allowing.length === 0) return null;
    result = decideAt(model, { ...request, context: satisfyingAll(allowing.map((s) => s.statement)) }, now);
    conditional = true;
    if (!result.allowed) return null;
  }
  const conditions = allowingConditions(result, statements);
  return { principal, account, decision: 'ALLOW', grants: result.decisiveStatements, conditions: conditional || conditions.length > 0 ? conditions : [], via: [] };
}

