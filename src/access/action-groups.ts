import { patternTest } from './glob.js';
import type { ActionSpace } from './action-space.js';
import type { ActionGroup } from './types.js';

/**
 * Compresses a set of actions per service for reading (issue 5, point 6): `svc:*` when it holds every
 * action of the service the engine knows; else the fewest wildcard patterns taken from the policies
 * that match only actions of the set (greedy, widest first), then the remaining names.
 */
export function actionGroupsOf(space: ActionSpace, actions: readonly number[], policyPatterns: readonly string[]): ActionGroup[] {
  const byService = new Map<string, number[]>();
  for (const i of actions) byService.set(space.services[i]!, [...(byService.get(space.services[i]!) ?? []), i]);
  return [...byService.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([service, list]) => {
    const set = new Set(list);
    const all = space.ofService(service);
    if (all.length > 0 && all.every((i) => set.has(i))) return { service, patterns: [`${service}:*`], actionCount: list.length };
    const usable = [...new Set(policyPatterns.filter((p) => p.toLowerCase().startsWith(`${service}:`) && /[*?]/.test(p)))]
      .map((p) => ({ p, covered: all.filter((i) => patternTest(p, true)(space.actions[i]!)) }))
      .filter((x) => x.covered.length > 0 && x.covered.every((i) => set.has(i)));
    const left = new Set(list);
    const patterns: string[] = [];
    for (;;) {
      const best = usable
        .map((x) => ({ ...x, gain: x.covered.filter((i) => left.has(i)).length }))
        .filter((x) => x.gain > 1)
        .sort((a, b) => b.gain - a.gain || a.p.length - b.p.length)[0];
      if (!best) break;
      patterns.push(best.p);
      for (const i of best.covered) left.delete(i);
    }
    patterns.push(...[...left].map((i) => space.actions[i]!).sort());
    return { service, patterns, actionCount: list.length };
  });
}
