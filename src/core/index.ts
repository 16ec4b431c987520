/** The evaluation core: pure, synchronous, no I/O. The only import point for other layers. */
export type { Result } from './result.js';
export { ok, err } from './result.js';
export type { PolicyDocument, Statement, Effect, PrincipalSpec, ConditionEntry } from './policy/types.js';
export type { PolicyProblem, PolicyProblemCode } from './policy/problems.js';
export { parsePolicy } from './policy/parse.js';
export type { AuthorizationRequest, ContextInput, RequestContext } from './request/types.js';
export { MapContext } from './request/context.js';
export type {
  Decision, PolicyLayer, PolicyInput, OrgLevelInput, PolicySetInput, StatementRef, AuthorizationResult,
} from './decide/types.js';
export { POLICY_LAYERS } from './decide/types.js';
export type { Explanation, LayerTrace, StatementTrace, ConditionTrace, LayerOutcome } from './explain/trace.js';
export { compilePolicySet, type CompiledPolicySet, type CompiledOrgLevel, type PolicyCompiler } from './compile/compile-policy-set.js';
export { compilePolicy, type CompiledPolicy } from './compile/compile-policy.js';
export { decide, type DecideOptions } from './decide/decide.js';
export { TraceRecorder, NO_TRACE, type Recorder } from './explain/recorder.js';
export { parseArn, type Arn } from './arn/parse-arn.js';
export { describePrincipal, describePrincipalCached, isAccountId, type PrincipalInfo, type PrincipalKind } from './arn/principal-kind.js';
