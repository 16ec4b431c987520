import { describePrincipal, parseArn, type CompiledPolicy } from '../core/index.js';
import { actionMatches, checkAction } from './action-space.js';
import { rootArn } from './affected.js';
import { assumeChains } from './assume-role.js';
import { satisfyingAll } from './contexts.js';
import { allowingConditions } from './deltas.js';
import { AccessInputError } from './errors.js';
import { decideAt, resourceSideOf } from './evaluator.js';
import { indexOf } from './model-index.js';
import { resourceMatches } from './resource-space.js';
import type { ModelVersion, WhoCanEntry, WhoCanResult } from './types.js';
import { requestResourceView, principalView } from './views.js';
import { identityMayAllow, mayAllow } from './prefilter.js';

const DEFAULT_DEPTH = 3;
const MAX_DEPTH = 5;

/** Callers a resource policy lets in by name: modelled accounts' roots, and anonymous callers for `*`. */
function namedCallers(model: ModelVersion, policy: CompiledPolicy | undefined, action: string): string[] {
  if (!policy || !mayAllow([policy], action)) return [];
  const out: string[] = [];
  for (const account of indexOf(model).accounts.keys()) {
    const root = describePrincipal(rootArn(account))!;
    if (policy.statements.some((s) => s.effect === 'Allow' && s.matchPrincipal?.(root) === 'direct')) out.push(rootArn(account));
  }
  const anonymous = describePrincipal('*')!;
  if (policy.statements.some((s) => s.effect === 'Allow' && s.matchPrincipal?.(anonymous))) out.push('*');
  return out;
}

/**
 * Decides one caller; when the model's context denies, retries with a context satisfying the
 * conditions of the allowing statements that match (ignoring conditions): an access that holds
 * under conditions is an ALLOW with its conditions listed.
 */
export function entryFor(model: ModelVersion, principal: string, action: string, resource: string, resourceAccount: string | undefined, now: Date): WhoCanEntry | null {
  const request = { principal, action, resource, ...(resourceAccount ? { resourceAccount } : {}) };
  const account = describePrincipal(principal)?.account ?? '';
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

/**
 * Every principal that may perform `action` on `resource` (issue 5, point 3): modelled users and
 * roles, and the callers a resource policy names (modelled accounts' roots, anonymous). A caller none
 * of whose identity Allow statements match the action is skipped unless the resource policy may grant.
 * With `viaAssumeRole`, callers that reach a role with the access by assuming roles (point 4).
 * @throws AccessInputError for a malformed action or resource, or a depth outside 1–5.
 */
export function whoCan(
  model: ModelVersion,
  query: { action: string; resource: string; resourceAccount?: string; viaAssumeRole?: boolean; maxDepth?: number; limit?: number },
  options: { now: Date },
): WhoCanResult {
  const { action, resource, resourceAccount } = query;
  checkAction('action', action);
  if (/[*?]/.test(action)) throw new AccessInputError('action', `must name one action, not a pattern (got "${action}")`);
  if (resource !== '*' && !parseArn(resource)) throw new AccessInputError('resource', `is not an ARN or "*" (got "${resource}")`);
  const depth = query.maxDepth ?? DEFAULT_DEPTH;
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) throw new AccessInputError('maxDepth', `must be an integer from 1 to ${MAX_DEPTH} (got ${depth})`);
  const index = indexOf(model);
  const resourcePolicy = resourceSideOf(model, resource, resourceAccount).resource;
  // Allow statements of the resource policy that may grant the action: a caller they do not name
  // (and whose identity policies do not allow it either) cannot be allowed, whatever the conditions.
  const resourceAllows = resourcePolicy?.statements.filter((s) => s.effect === 'Allow' && s.matchAction(action)) ?? [];
  const namedByResource = (principal: string): boolean => {
    const info = describePrincipal(principal);
    return info !== undefined && resourceAllows.some((s) => Boolean(s.matchPrincipal?.(info)));
  };
  const callers = [...index.users.keys(), ...index.roles.keys(), ...namedCallers(model, resourcePolicy, action)];
  const entries: WhoCanEntry[] = [];
  let evaluated = 0;
  for (const principal of callers) {
    if (principal !== '*' && !identityMayAllow(model, principal, action, resource) && !namedByResource(principal)) continue;
    evaluated++;
    const entry = entryFor(model, principal, action, resource, resourceAccount, options.now);
    if (entry) entries.push(entry);
  }
  if (query.viaAssumeRole) {
    const chains = assumeChains(model, entries, depth, options.now);
    entries.push(...chains.entries);
    evaluated += chains.evaluated;
  }
  entries.sort((a, b) => a.via.length - b.via.length || (a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0));
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  return { entries: entries.slice(0, limit), truncated: entries.length > limit, principalsEvaluated: evaluated };
}
