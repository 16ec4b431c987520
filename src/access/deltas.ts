import type { AuthorizationResult, StatementRef } from '../core/index.js';
import { actionGroupsOf } from './action-groups.js';
import type { ActionSpace } from './action-space.js';
import { canonicalJson } from '../model/canonical-json.js';
import type { AccessDelta, Cause, ConditionSummary, DiffCount, DiffSummary } from './types.js';
import type { ViewStatement } from './views.js';

const sameRef = (a: StatementRef, b: StatementRef): boolean =>
  a.layer === b.layer && a.policyId === b.policyId && a.statementIndex === b.statementIndex && a.target === b.target;

/** The condition blocks of the allowing statements of a decision (empty when it does not allow). */
export function allowingConditions(result: AuthorizationResult, statements: readonly ViewStatement[]): ConditionSummary[] {
  if (!result.allowed) return [];
  return result.decisiveStatements.flatMap((ref) => {
    const s = statements.find((x) => sameRef(x.ref, ref))?.statement;
    if (!s || s.condition.length === 0) return [];
    const condition: Record<string, Record<string, string[]>> = {};
    for (const c of s.condition) (condition[c.operator] ??= {})[c.key] = [...c.values];
    return [{ statement: ref, condition }];
  });
}

/** Conditions before and after, kept only where they differ (as the contract asks). */
export function conditionPair(before: ConditionSummary[], after: ConditionSummary[]): { before: ConditionSummary[]; after: ConditionSummary[] } {
  const text = (xs: ConditionSummary[]) => canonicalJson(xs.map((x) => x.condition).map(canonicalJson).sort());
  return text(before) === text(after) ? { before: [], after: [] } : { before, after };
}

function mergeCauses(a: readonly Cause[], b: readonly Cause[]): Cause[] {
  const out = new Map<string, Cause>();
  const refs = (xs: readonly StatementRef[], ys: readonly StatementRef[]) => [...xs, ...ys.filter((y) => !xs.some((x) => sameRef(x, y)))];
  for (const c of [...a, ...b]) {
    const key = `${c.entityKind} ${c.entityKey}`;
    const seen = out.get(key);
    out.set(key, seen ? { ...seen, statementsBefore: refs(seen.statementsBefore, c.statementsBefore), statementsAfter: refs(seen.statementsAfter, c.statementsAfter) } : c);
  }
  return [...out.values()];
}

/** A delta under construction: actions as indices, and the policy patterns seen, for compression. */
export interface DraftDelta extends Omit<AccessDelta, 'actions' | 'actionGroups'> {
  readonly actionIds: readonly number[];
  readonly policyPatterns: readonly string[];
}

/**
 * Merges deltas alike but for their actions (issue 5, point 6): same principal, kind, resources,
 * decisions and conditions. Keeps the first witness; unites actions and causes; orders the result.
 */
export function mergeDeltas(space: ActionSpace, drafts: readonly DraftDelta[]): AccessDelta[] {
  const merged = new Map<string, { draft: DraftDelta; actions: Set<number>; patterns: Set<string>; causes: Cause[] }>();
  for (const d of drafts) {
    const key = canonicalJson([d.principal, d.kind, d.resources, d.before, d.after, d.conditionsBefore.map((c) => c.condition), d.conditionsAfter.map((c) => c.condition)]);
    const m = merged.get(key);
    if (!m) merged.set(key, { draft: d, actions: new Set(d.actionIds), patterns: new Set(d.policyPatterns), causes: [...d.causes] });
    else {
      d.actionIds.forEach((i) => m.actions.add(i));
      d.policyPatterns.forEach((p) => m.patterns.add(p));
      m.causes = mergeCauses(m.causes, d.causes);
    }
  }
  const out = [...merged.values()].map(({ draft, actions, patterns, causes }): AccessDelta => {
    const ids = [...actions];
    const { actionIds: _ids, policyPatterns: _p, ...rest } = draft;
    return {
      ...rest, causes,
      actions: ids.map((i) => space.actions[i]!).sort(),
      actionGroups: actionGroupsOf(space, ids, [...patterns]),
    };
  });
  const order = (d: AccessDelta) => [d.principal, d.kind, d.actions[0] ?? '', d.resources.include[0] ?? ''];
  return out.sort((a, b) => {
    const x = order(a);
    const y = order(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  });
}

/** Counts of deltas per principal, account and service. */
export function summarize(deltas: readonly AccessDelta[]): DiffSummary {
  const count = (keys: (d: AccessDelta) => string[]): DiffCount[] => {
    const m = new Map<string, { gained: number; lost: number; changedConditions: number }>();
    for (const d of deltas) {
      for (const key of new Set(keys(d))) {
        const c = m.get(key) ?? { gained: 0, lost: 0, changedConditions: 0 };
        if (d.kind === 'GAINED') c.gained++;
        else if (d.kind === 'LOST') c.lost++;
        else c.changedConditions++;
        m.set(key, c);
      }
    }
    return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, c]) => ({ key, ...c }));
  };
  return {
    byPrincipal: count((d) => [d.principal]),
    byAccount: count((d) => [d.account]),
    byService: count((d) => d.actionGroups.map((g) => g.service)),
  };
}
