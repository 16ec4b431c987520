import type { CompiledStatement } from './compile-policy.js';
import { servicePrefix } from '../match/action.js';

const MEMO_LIMIT = 2048;

/**
 * Maps an action to the statements whose `Action`/`NotAction` could match it, in document order
 * (OPA's rule index). Statements naming only other services are never looked at; answers are
 * memoised per action, so the hot path is one map lookup.
 */
export class ActionIndex {
  private readonly always: number[] = [];
  private readonly byService = new Map<string, number[]>();
  private readonly memo = new Map<string, readonly CompiledStatement[]>();

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

  /** Statements whose action element matches `action` (`key` is it lower-cased), in document order. */
  candidates(key: string, action: string): readonly CompiledStatement[] {
    const hit = this.memo.get(key);
    if (hit) return hit;
    const ids = [...this.always, ...(this.byService.get(servicePrefix(key)) ?? [])].sort((a, b) => a - b);
    const found = ids.map((i) => this.statements[i]!).filter((s) => s.matchAction(action));
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(key, found);
    return found;
  }
}
