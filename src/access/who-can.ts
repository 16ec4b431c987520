import { describePrincipalCached, parseArn, type CompiledPolicy } from '../core/index.js';
import { checkAction } from './action-space.js';
import { rootArn } from './affected.js';
import { assumeChains } from './assume-role.js';
import { AccessInputError } from './errors.js';
import { entryFor } from './caller-entry.js';
import { resourceSideOf } from './evaluator.js';
import { indexOf } from './model-index.js';
import type { ModelVersion, WhoCanEntry, WhoCanResult } from './types.js';
import { identityMayAllow, mayAllow } from './prefilter.js';
import { runSteps, type Steps } from './steps.js';

const DEFAULT_DEPTH = 3;
const MAX_DEPTH = 5;

/** Callers a resource policy lets in by name: modelled accounts' roots, and anonymous callers for `*`. */
function namedCallers(model: ModelVersion, policy: CompiledPolicy | undefined, action: string): string[] {
  if (!policy || !mayAllow([policy], action)) return [];
  const out: string[] = [];
  for (const account of indexOf(model).accounts.keys()) {
    const root = describePrincipalCached(rootArn(account))!;
    if (policy.statements.some((s) => s.effect === 'Allow' && s.matchPrincipal?.(root) === 'direct')) out.push(rootArn(account));
  }
  const anonymous = describePrincipalCached('*')!;
  if (policy.statements.some((s) => s.effect === 'Allow' && s.matchPrincipal?.(anonymous))) out.push('*');
  return out;
}

/** What `whoCan` asks. */
export interface WhoCanQuery {
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount?: string;
  readonly viaAssumeRole?: boolean;
  readonly maxDepth?: number;
  readonly limit?: number;
}

/**
 * Every principal that may perform `action` on `resource` (issue 5, point 3): modelled users and
 * roles, and the callers a resource policy names (modelled accounts' roots, anonymous). A caller none
 * of whose identity Allow statements match the action is skipped unless the resource policy may grant.
 * With `viaAssumeRole`, callers that reach a role with the access by assuming roles (point 4).
 * @throws AccessInputError for a malformed action or resource, or a depth outside 1–5.
 */
export const whoCan = (model: ModelVersion, query: WhoCanQuery, options: { now: Date }): WhoCanResult =>
  runSteps(whoCanSteps(model, query, options));

/**
 * `whoCan` one caller at a time: it pauses after each caller it evaluates (and, with
 * `viaAssumeRole`, after each caller the chain search looks at), so that a server can hand the
 * thread back between steps (`runInSlices`). The result is the same.
 * @throws AccessInputError as `whoCan` (on the first step).
 */
export function* whoCanSteps(model: ModelVersion, query: WhoCanQuery, options: { now: Date }): Steps<WhoCanResult> {
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
    const info = describePrincipalCached(principal);
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
    yield;
  }
  if (query.viaAssumeRole) {
    const chains = yield* assumeChains(model, entries, depth, options.now);
    entries.push(...chains.entries);
    evaluated += chains.evaluated;
  }
  entries.sort((a, b) => a.via.length - b.via.length || (a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0));
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  return { entries: entries.slice(0, limit), truncated: entries.length > limit, principalsEvaluated: evaluated };
}
