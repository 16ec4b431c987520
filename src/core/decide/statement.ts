import type { CompiledPolicy, CompiledStatement } from '../compile/compile-policy.js';
import type { PrincipalInfo } from '../arn/principal-kind.js';
import type { PrincipalMatch } from '../match/principal.js';
import type { RequestContext } from '../request/types.js';
import type { ConditionTrace, StatementTrace } from '../explain/trace.js';
import type { PolicyLayer, StatementRef } from './types.js';

/** What a statement is evaluated against. */
export interface Env {
  readonly action: string;
  /** The action lower-cased once, for the action index. */
  readonly actionKey: string;
  /** The interned id of `actionKey` (see `actionId`). */
  readonly actionId: number;
  readonly resource: string;
  readonly principal: PrincipalInfo;
  readonly ctx: RequestContext;
}

/** A statement that applies to the request. */
export interface MatchedStatement {
  readonly ref: StatementRef;
  /** How the `Principal` matched; null for policies without one. */
  readonly principalMatch: PrincipalMatch | null;
}

/** Where a policy sits, for its statements' references. */
export interface PolicyPlace {
  readonly layer: PolicyLayer;
  readonly policyIndex: number;
  readonly target?: string;
  /** Resource-side layers require a `Principal` element to match. */
  readonly needsPrincipal: boolean;
}

function refOf(s: CompiledStatement, policy: CompiledPolicy, place: PolicyPlace): StatementRef {
  // Built without object spreads: every matched statement of every decision makes one.
  const ref: { -readonly [K in keyof StatementRef]: StatementRef[K] } = {
    layer: place.layer, policyId: policy.id, policyIndex: place.policyIndex, statementIndex: s.index, effect: s.effect,
  };
  if (place.target !== undefined) ref.target = place.target;
  if (s.sid !== undefined) ref.sid = s.sid;
  return ref;
}

function principalOf(s: CompiledStatement, place: PolicyPlace, env: Env): PrincipalMatch | null | false {
  if (s.matchPrincipal) return s.matchPrincipal(env.principal) ?? false;
  return place.needsPrincipal ? false : null;
}

/**
 * Evaluates one policy's statements. Untraced, only the statements the action index offers are
 * looked at and each check short-circuits; traced, every statement and every condition is evaluated
 * and reported, through the same checks.
 */
export function matchPolicy(
  policy: CompiledPolicy, place: PolicyPlace, env: Env, traces: StatementTrace[] | undefined,
  out: MatchedStatement[] = [],
): MatchedStatement[] {
  if (!traces) {
    for (const s of policy.index.candidates(env.actionId, env.actionKey, env.action)) {
      if (!s.matchResource(env.resource, env.ctx)) continue;
      const principalMatch = principalOf(s, place, env);
      if (principalMatch === false || !s.condition.evaluate(env.ctx)) continue;
      out.push({ ref: refOf(s, policy, place), principalMatch });
    }
    return out;
  }
  for (const s of policy.statements) {
    const ref = refOf(s, policy, place);
    const actionMatched = s.matchAction(env.action);
    const resourceMatched = s.matchResource(env.resource, env.ctx);
    const principalMatch = principalOf(s, place, env);
    const conditions: ConditionTrace[] = [];
    const conditionsMatched = s.condition.evaluate(env.ctx, conditions);
    const matched = actionMatched && resourceMatched && principalMatch !== false && conditionsMatched;
    traces.push({
      ref, actionMatched, resourceMatched, conditionsMatched, conditions, matched,
      principalMatched: s.matchPrincipal || place.needsPrincipal ? principalMatch !== false : null,
    });
    if (matched) out.push({ ref, principalMatch });
  }
  return out;
}
