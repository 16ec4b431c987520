import { describePrincipalCached } from '../core/index.js';
import { entryFor } from './caller-entry.js';
import { identityMayAllow } from './prefilter.js';
import { indexOf } from './model-index.js';
import type { Steps } from './steps.js';
import type { ModelVersion, WhoCanEntry } from './types.js';

const ASSUME = 'sts:AssumeRole';

/** True when the role's trust policy names the caller itself (which alone grants, in one account). */
function trustNames(model: ModelVersion, role: string, caller: string): boolean {
  const trust = indexOf(model).roles.get(role)?.trustPolicy;
  return JSON.stringify(trust ?? {}).includes(`"${caller}"`);
}

/**
 * Callers that reach the access through chains of `sts:AssumeRole` (issue 5, point 4), breadth first
 * from the roles that have it, up to `depth` assumptions. An edge caller → role exists when the real
 * core allows `sts:AssumeRole` on the role's ARN (both the caller's policies and the role's trust
 * policy), possibly under conditions, which the entry then lists with those of the access itself.
 * Callers without an identity statement that may allow it, and not named by the trust policy, are
 * skipped. Each caller appears once, with its shortest chain (`via`: the roles assumed, in order).
 * Pauses after each caller it looks at (see `whoCanSteps`).
 */
export function* assumeChains(model: ModelVersion, direct: readonly WhoCanEntry[], depth: number, now: Date): Steps<{ entries: WhoCanEntry[]; evaluated: number }> {
  const index = indexOf(model);
  const callers = [...index.users.keys(), ...index.roles.keys()];
  const reached = new Map<string, WhoCanEntry>(direct.map((e) => [e.principal, e]));
  let frontier = direct.filter((e) => index.roles.has(e.principal));
  const out: WhoCanEntry[] = [];
  let evaluated = 0;
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const next: WhoCanEntry[] = [];
    for (const caller of callers) {
      if (reached.has(caller)) continue;
      for (const target of frontier) {
        if (!identityMayAllow(model, caller, ASSUME, target.principal) && !trustNames(model, target.principal, caller)) continue;
        evaluated++;
        // A trust policy with conditions (MFA, an external id, a source account) is an edge under them.
        const edge = entryFor(model, caller, ASSUME, target.principal, undefined, now);
        if (!edge) continue;
        const entry: WhoCanEntry = {
          ...target, principal: caller, account: describePrincipalCached(caller)?.account ?? '', via: [target.principal, ...target.via],
          conditions: [...edge.conditions, ...target.conditions],
        };
        reached.set(caller, entry);
        out.push(entry);
        if (index.roles.has(caller)) next.push(entry);
        break;
      }
      yield;
    }
    frontier = next;
  }
  return { entries: out, evaluated };
}
