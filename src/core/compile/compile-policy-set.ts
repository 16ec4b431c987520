import type { PolicyInput, PolicySetInput } from '../decide/types.js';
import { compilePolicy, type CompiledPolicy } from './compile-policy.js';

/** One compiled SCP/RCP level. */
export interface CompiledOrgLevel {
  readonly target: string;
  readonly policies: readonly CompiledPolicy[];
}

/** The six layers, compiled. */
export interface CompiledPolicySet {
  readonly identity: readonly CompiledPolicy[];
  readonly permissionBoundary?: CompiledPolicy;
  readonly session?: CompiledPolicy;
  readonly scp?: readonly CompiledOrgLevel[];
  readonly rcp?: readonly CompiledOrgLevel[];
  readonly resource?: CompiledPolicy;
}

/** Compiles a policy; callers with a cache pass their own (content hash → compiled form). */
export type PolicyCompiler = (p: PolicyInput) => CompiledPolicy;

const compileFresh: PolicyCompiler = (p) => compilePolicy(p.id, p.document);

/** Compiles every layer of a policy set. */
export function compilePolicySet(set: PolicySetInput, compile: PolicyCompiler = compileFresh): CompiledPolicySet {
  const levels = (ls: PolicySetInput['scp']) =>
    ls?.map((l) => ({ target: l.target, policies: l.policies.map(compile) }));
  const scp = levels(set.scp);
  const rcp = levels(set.rcp);
  return {
    identity: set.identity.map(compile),
    ...(set.permissionBoundary ? { permissionBoundary: compile(set.permissionBoundary) } : {}),
    ...(set.session ? { session: compile(set.session) } : {}),
    ...(scp ? { scp } : {}),
    ...(rcp ? { rcp } : {}),
    ...(set.resource ? { resource: compile(set.resource) } : {}),
  };
}

/** Every compiled policy of a set, for walks that need them all. */
export function allPolicies(set: CompiledPolicySet): CompiledPolicy[] {
  const out = [...set.identity];
  for (const p of [set.permissionBoundary, set.session, set.resource]) if (p) out.push(p);
  for (const l of [...(set.scp ?? []), ...(set.rcp ?? [])]) out.push(...l.policies);
  return out;
}
