import type { CompiledStatement } from './compile-policy.js';
import { servicePrefix } from '../match/action.js';

const ACTION_LIMIT = 65_536;
const actionIds = new Map<string, number>();

/**
 * A small integer for a lower-cased action, shared by every policy, so that each policy's memo is
 * an array read rather than a hash lookup (the hot path touches many policies per decision). The
 * table is bounded: past the limit, new actions get no id and are matched without the memo.
 */
export function actionId(key: string): number {
  let id = actionIds.get(key);
  if (id === undefined) {
    if (actionIds.size >= ACTION_LIMIT) return -1;
    id = actionIds.size;
    actionIds.set(key, id);
  }
  return id;
}

/**
 * Maps an action to the statements whose `Action`/`NotAction` could match it, in document order
 * (OPA's rule index). Statements naming only other services are never looked at; answers are
 * memoised per action id, so the hot path is one array read.
 */
export class ActionIndex {
  private readonly always: number[] = [];
  private readonly byService = new Map<string, number[]>();
  private readonly memo: (readonly CompiledStatement[] | undefined)[] = [];

  /** Indexes statements by the service prefixes of their `Action` patterns. */
  constructor(private readonly statements: readonly CompiledStatement[]) {
    statements.forEach((s, i) => {
      const services = s.actionPositive ? s.actionPatterns.map(servicePrefix) : ['*'];
      if (services.some((svc) => svc.includes('*') || svc.includes('?'))) {
        this.always.push(i);
        return;
      }
      for (const svc of new Set(services)) this.byService.set(svc, [...(this.byService.get(svc) ?? []), i]);
    });
  }

  /** Statements whose action element matches `action` (`key` lower-cased, `id` its actionId), in document order. */
  candidates(id: number, key: string, action: string): readonly CompiledStatement[] {
    const hit = id >= 0 ? this.memo[id] : undefined;
    if (hit) return hit;
    const ids = [...this.always, ...(this.byService.get(servicePrefix(key)) ?? [])].sort((a, b) => a - b);
    const found = ids.map((i) => this.statements[i]!).filter((s) => s.matchAction(action));
    if (id >= 0) this.memo[id] = found;
    return found;
  }
}
