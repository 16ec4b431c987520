import type { StatementRef } from '../core/index.js';
import { isRoleArn } from '../model/org-lineage.js';
import type { ChangedEntity } from './changed-entities.js';
import { entityId, indexOf } from './model-index.js';
import { principalSnapshot, storedResource } from './snapshots.js';
import type { Cause, ModelVersion } from './types.js';
import type { ViewStatement } from './views.js';

/** Entities whose structure puts a principal or resource in scope of policies: holders, groups, the org path. */
function structuralScope(model: ModelVersion, principal: string, resource: string, callerAccount: string): string[] {
  const index = indexOf(model);
  const p = principalSnapshot(index, principal);
  const holder = p.user ? entityId('user', p.user.arn) : p.role ? entityId('role', p.role.arn) : undefined;
  const stored = isRoleArn(resource) ? (index.roles.has(resource) ? entityId('role', resource) : undefined)
    : (storedResource(index, resource) ? entityId('resource', storedResource(index, resource)!.arn) : undefined);
  const lineage = (account: string | undefined) => {
    const l = account ? index.lineage(account) : null;
    return l ? [entityId('account', l.account.id), ...l.ous.map((o) => entityId('ou', o.id)), ...(l.root ? [entityId('root', l.root.id)] : [])] : [];
  };
  const resourceAccount = (isRoleArn(resource) ? index.roles.get(resource)?.accountId : storedResource(index, resource)?.accountId) ?? callerAccount;
  return [
    ...(holder ? [holder] : []), ...p.groups.map((g) => entityId('group', g.arn)), ...lineage(p.account?.id),
    ...(stored ? [stored] : []), ...lineage(resourceAccount),
  ];
}

const refsOf = (statements: readonly ViewStatement[]): StatementRef[] => statements.map((s) => s.ref);

/**
 * The causes of one difference (issue 5, point 5): each changed entity holding a changed statement
 * that matches the witness (ignoring conditions), with those statements; and each changed entity
 * whose structure (attachments, membership, boundary, org placement, enabled policy types) puts the
 * principal or resource in scope, with the changed statements it brought in. When neither is found
 * (a removed layer no statement of which matches), the changed entities behind every changed
 * statement in scope are named.
 */
export function causesOf(
  changes: ReadonlyMap<string, ChangedEntity>, models: { from: ModelVersion; to: ModelVersion },
  request: { principal: string; resource: string; account: string },
  changedBefore: readonly ViewStatement[], changedAfter: readonly ViewStatement[], inScope: readonly ViewStatement[],
): Cause[] {
  const causes = new Map<string, { change: ChangedEntity; before: ViewStatement[]; after: ViewStatement[] }>();
  const entry = (c: ChangedEntity) => {
    const id = entityId(c.kind, c.key);
    let e = causes.get(id);
    if (!e) causes.set(id, (e = { change: c, before: [], after: [] }));
    return e;
  };
  const orphans: { s: ViewStatement; side: 'before' | 'after' }[] = [];
  for (const [list, side] of [[changedBefore, 'before'], [changedAfter, 'after']] as const) {
    for (const s of list) {
      const c = changes.get(entityId(s.origin.kind, s.origin.key));
      if (c) entry(c)[side].push(s);
      else orphans.push({ s, side });
    }
  }
  const scope = new Set([
    ...structuralScope(models.from, request.principal, request.resource, request.account),
    ...structuralScope(models.to, request.principal, request.resource, request.account),
  ]);
  for (const id of scope) {
    const c = changes.get(id);
    if (!c) continue;
    const e = entry(c);
    for (const o of orphans) e[o.side].push(o.s);
  }
  if (causes.size === 0) {
    for (const s of inScope) {
      const c = changes.get(entityId(s.origin.kind, s.origin.key));
      if (c) entry(c);
    }
  }
  return [...causes.values()]
    .map(({ change, before, after }) => ({
      entityKind: change.kind, entityKey: change.key, change: change.change,
      statementsBefore: refsOf(before), statementsAfter: refsOf(after),
    }))
    .sort((a, b) => (`${a.entityKind} ${a.entityKey}` < `${b.entityKind} ${b.entityKey}` ? -1 : 1));
}
