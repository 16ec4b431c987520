import type { Effect, PolicyDocument, Statement } from '../policy/types.js';
import { variablesEnabled } from '../policy/types.js';
import { compileActionMatcher } from '../match/action.js';
import { compileResourceMatcher, type ResourceMatcher } from '../match/resource.js';
import { compileNotPrincipalMatcher, compilePrincipalMatcher, type PrincipalMatcher } from '../match/principal.js';
import { compileCondition, type CompiledCondition } from '../condition/evaluate.js';
import type { Matcher } from '../match/glob.js';
import { ActionIndex } from './action-index.js';

/** A statement with every matcher built once. */
export interface CompiledStatement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  /** True when the statement uses `Action`; false for `NotAction`. */
  readonly actionPositive: boolean;
  readonly actionPatterns: readonly string[];
  readonly matchAction: Matcher;
  /** Absent `Resource`/`NotResource` (trust and key policies) matches every resource. */
  readonly matchResource: ResourceMatcher;
  /** Absent for identity-side policies, which have no `Principal`. */
  readonly matchPrincipal?: PrincipalMatcher;
  readonly condition: CompiledCondition;
}

/** A compiled policy: statements plus an index from actions to the statements that may match them. */
export interface CompiledPolicy {
  readonly id: string;
  readonly statements: readonly CompiledStatement[];
  readonly index: ActionIndex;
  /** Context keys the policy's conditions and variables read. */
  readonly contextKeys: readonly string[];
}

const ANY_RESOURCE: ResourceMatcher = () => true;

function compileResource(s: Statement, vars: boolean): ResourceMatcher {
  if (s.resource) return compileResourceMatcher(s.resource, vars);
  if (s.notResource) {
    const m = compileResourceMatcher(s.notResource, vars);
    return (resource, ctx) => !m(resource, ctx);
  }
  return ANY_RESOURCE;
}

function compileStatement(s: Statement, vars: boolean): CompiledStatement {
  const actionPositive = s.action !== undefined;
  const patterns = s.action ?? s.notAction ?? [];
  const m = compileActionMatcher(patterns);
  const compiled: CompiledStatement = {
    index: s.index,
    effect: s.effect,
    actionPositive,
    actionPatterns: patterns,
    matchAction: actionPositive ? m : (a) => !m(a),
    matchResource: compileResource(s, vars),
    condition: compileCondition(s.condition, vars),
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
    ...(s.principal ? { matchPrincipal: compilePrincipalMatcher(s.principal) } : {}),
    ...(s.notPrincipal ? { matchPrincipal: compileNotPrincipalMatcher(s.notPrincipal, s.effect) } : {}),
  };
  return compiled;
}

/** Compiles a validated policy document once; the result is immutable and shareable. */
export function compilePolicy(id: string, doc: PolicyDocument): CompiledPolicy {
  const vars = variablesEnabled(doc);
  const statements = doc.statements.map((s) => compileStatement(s, vars));
  const contextKeys = [...new Set(statements.flatMap((s) => s.condition.keys.map((k) => k.toLowerCase())))];
  return { id, statements, index: new ActionIndex(statements), contextKeys };
}
