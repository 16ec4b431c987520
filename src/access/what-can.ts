import { describePrincipalCached } from '../core/index.js';
import { actionElementOf, actionSpaceOf, groupActions } from './action-space.js';
import { actionGroupsOf } from './action-groups.js';
import { canonicalJson } from '../model/canonical-json.js';
import { allowingConditions } from './deltas.js';
import { AccessInputError } from './errors.js';
import { allowedUnderConditions } from './caller-entry.js';
import { principalExists } from './evaluator.js';
import { FRESH } from './glob.js';
import { indexOf } from './model-index.js';
import { plausibleRequest, representative, resourceMatches, resourcePatterns, resourceSetOf } from './resource-space.js';
import type { ActionCatalog, ModelVersion, Permission, WhatCanResult } from './types.js';
import { principalView, requestResourceView, type ViewStatement } from './views.js';
import { namedActions } from './named-actions.js';
import { runSteps, type Steps } from './steps.js';

const grants = (s: ViewStatement): boolean => s.statement.effect === 'Allow' && (s.unit === 'IDENTITY' || s.unit === 'RESOURCE');

/** Modelled resources and roles, a fresh object in each bucket, and a representative of each granting pattern. */
function candidates(model: ModelVersion, own: readonly ViewStatement[], account: string): { list: string[]; modelled: string[] } {
  const index = indexOf(model);
  const modelled = [...index.resources.keys(), ...index.roles.keys()].sort();
  const objects = modelled.filter((arn) => /^arn:[^:]+:s3:::[^/]+$/.test(arn)).map((arn) => `${arn}/${FRESH}`);
  const reps = own.filter(grants).flatMap((s) => resourcePatterns(s.statement)).map((p) => representative(p, account));
  return { list: [...new Set([...modelled, ...objects, ...reps.filter((r): r is string => r !== undefined), '*'])], modelled };
}

interface Draft {
  readonly service: string;
  readonly actions: Set<number>;
  readonly permission: Omit<Permission, 'actions' | 'actionGroups'>;
  readonly patterns: Set<string>;
}

/**
 * The principal's effective permissions (issue 5, point 3): the catalog and named actions its
 * granting statements (identity, or resource policies of modelled resources) can match, on the
 * resources those statements carve out, decided by the core; an access that holds only under
 * conditions is listed with them. Grouped by service; `limit` caps the permissions.
 * @throws AccessInputError when the principal is not a user, role or account root of the model.
 */
export const whatCan = (model: ModelVersion, principal: string, options: WhatCanOptions): WhatCanResult =>
  runSteps(whatCanSteps(model, principal, options));

/** What `whatCan` needs besides the model and the principal. */
export interface WhatCanOptions {
  readonly catalog: ActionCatalog;
  readonly now: Date;
  readonly limit?: number;
}

/**
 * `whatCan` one candidate resource at a time: it pauses after each, so that a server can hand the
 * thread back between steps (`runInSlices`). The result is the same.
 * @throws AccessInputError as `whatCan` (on the first step).
 */
export function* whatCanSteps(model: ModelVersion, principal: string, options: WhatCanOptions): Steps<WhatCanResult> {
  const info = describePrincipalCached(principal);
  const index = indexOf(model);
  const known = info && (info.kind === 'user' || info.kind === 'role' || info.kind === 'root') && index.accounts.has(info.account) && principalExists(index, info);
  if (!known) throw new AccessInputError('principal', `is not a user, role or account root of the model (got "${principal}")`);
  const space = actionSpaceOf(options.catalog, namedActions(model));
  const own = principalView(model, principal).statements;
  const { list, modelled } = candidates(model, own, info.account);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const drafts = new Map<string, Draft>();
  let truncated = false;
  const granting = [...own, ...[...index.resources.keys()].flatMap((r) => requestResourceView(model, r, info.account).statements)].filter(grants);
  const actionIds = info.kind === 'root' ? space.actions.map((_a, i) => i) : [...new Set(granting.flatMap((s) => [...space.matchingStatement(s.statement)]))];
  const groups = groupActions(space, actionIds, own.map((s) => actionElementOf(s.statement)));
  outer: for (const resource of list) {
    const side = requestResourceView(model, resource, info.account).statements;
    const statements = [...own, ...side];
    for (const group of groups) {
      for (const sub of side.length > 0 ? groupActions(space, group, side.map((s) => actionElementOf(s.statement))) : [group]) {
        const action = space.actions[sub[0]!]!;
        const matching = statements.filter((s) => space.matchingStatement(s.statement).has(sub[0]!) && resourceMatches(s.statement, resource));
        if ((info.kind !== 'root' && !matching.some(grants)) || !plausibleRequest(space.services[sub[0]!]!, resource, matching.map((s) => s.statement))) continue;
        const allowed = allowedUnderConditions(model, { principal, action, resource }, matching, options.now);
        if (!allowed) continue;
        const { result } = allowed;
        const permission = {
          resources: resourceSetOf(resource, modelled.includes(resource), [...new Set(statements.flatMap((s) => resourcePatterns(s.statement)))], modelled),
          conditions: allowingConditions(result, statements), grants: result.decisiveStatements,
        };
        const service = space.services[sub[0]!]!;
        const key = canonicalJson([service, permission.resources, permission.conditions.map((c) => c.condition), permission.grants]);
        const draft = drafts.get(key);
        if (draft) sub.forEach((i) => draft.actions.add(i));
        else if (drafts.size >= limit) { truncated = true; break outer; }
        else drafts.set(key, { service, actions: new Set(sub), permission, patterns: new Set(matching.flatMap((s) => s.statement.action ?? [])) });
      }
    }
    yield;
  }
  const byService = new Map<string, Permission[]>();
  for (const d of drafts.values()) {
    const ids = [...d.actions];
    const p: Permission = { ...d.permission, actions: ids.map((i) => space.actions[i]!).sort(), actionGroups: actionGroupsOf(space, ids, [...d.patterns]) };
    byService.set(d.service, [...(byService.get(d.service) ?? []), p]);
  }
  const services = [...byService.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([service, permissions]) => ({ service, permissions }));
  return { principal, services, truncated };
}
