import type { AuthorizationRequest } from '../request/types.js';
import type { CompiledPolicySet } from '../compile/compile-policy-set.js';
import { describePrincipalCached, hasIdentity, type PrincipalInfo } from '../arn/principal-kind.js';
import { parseArn, type Arn } from '../arn/parse-arn.js';
import { deriveContext } from '../request/derived-keys.js';
import { NO_TRACE, TraceRecorder, type Recorder } from '../explain/recorder.js';
import { missingContextKeys } from '../explain/missing-context.js';
import type { AuthorizationResult, Decision, PolicyLayer, StatementRef } from './types.js';
import type { Env } from './statement.js';
import { evaluateLayer, evaluateOrgLayer, skipLayer, type LayerResult } from './layers.js';
import { combineGrants } from './cross-account.js';
import { rcpExemption, scpExemption } from './special/service-principals.js';
import { isKmsKeyRequest, keyPolicyNamesCaller, kmsCrossAccountAllowed } from './special/kms-key-policy.js';
import { isRoleTrustRequest } from './special/role-trust.js';

/** What `decide` needs besides the request: the core never reads a clock. */
export interface DecideOptions {
  readonly now: Date;
}

/** Who is asking; an unrecognisable principal is treated as a caller with no policies of its own. */
function principalOf(principal: string): PrincipalInfo {
  return describePrincipalCached(principal) ?? {
    kind: 'web-identity', id: principal, partition: 'aws', account: '', accountArn: '', serviceLinked: false,
  };
}

type Layers = Record<PolicyLayer, LayerResult>;

function evaluateLayers(set: CompiledPolicySet, env: Env, recorder: Recorder): Layers {
  const p = env.principal;
  const scpSkip = set.scp ? scpExemption(p) : 'no organization applies';
  const rcpSkip = set.rcp ? rcpExemption(p) : 'no organization applies';
  const idSkip = hasIdentity(p) ? undefined : 'the caller has no identity-based policies';
  return {
    RCP: rcpSkip || !set.rcp ? skipLayer('RCP', recorder, rcpSkip ?? '') : evaluateOrgLayer('RCP', set.rcp, env, recorder),
    SCP: scpSkip || !set.scp ? skipLayer('SCP', recorder, scpSkip ?? '') : evaluateOrgLayer('SCP', set.scp, env, recorder),
    RESOURCE: set.resource ? evaluateLayer('RESOURCE', [set.resource], env, recorder, true) : skipLayer('RESOURCE', recorder, 'no resource policy'),
    IDENTITY: idSkip ? skipLayer('IDENTITY', recorder, idSkip) : evaluateLayer('IDENTITY', set.identity, env, recorder),
    PERMISSION_BOUNDARY: !idSkip && set.permissionBoundary
      ? evaluateLayer('PERMISSION_BOUNDARY', [set.permissionBoundary], env, recorder)
      : skipLayer('PERMISSION_BOUNDARY', recorder, 'no permissions boundary'),
    SESSION: !idSkip && set.session ? evaluateLayer('SESSION', [set.session], env, recorder) : skipLayer('SESSION', recorder, 'no session policy'),
  };
}

const ORDER: readonly PolicyLayer[] = ['RCP', 'SCP', 'RESOURCE', 'IDENTITY', 'PERMISSION_BOUNDARY', 'SESSION'];

/** The statements of every layer with the given effect, in layer order. */
function refsOf(layers: Layers, effect: 'Allow' | 'Deny'): StatementRef[] {
  const out: StatementRef[] = [];
  const all = [layers.RCP, layers.SCP, layers.RESOURCE, layers.IDENTITY, layers.PERMISSION_BOUNDARY, layers.SESSION];
  for (const layer of all) {
    const matches = effect === 'Allow' ? layer.allows : layer.denies;
    for (let i = 0; i < matches.length; i++) out.push(matches[i]!.ref);
  }
  return out;
}

/** Layers whose implicit refusal blocks the request, beyond the identity/resource combination. */
function implicitBlocks(req: AuthorizationRequest, set: CompiledPolicySet, env: Env, layers: Layers, resourceArn: Arn | undefined, crossAccount: boolean): Set<PolicyLayer> {
  const kms = isKmsKeyRequest(req.action, resourceArn);
  const grant = combineGrants({
    principal: env.principal, crossAccount, resourceRequired: kms || isRoleTrustRequest(req.action, resourceArn),
    identity: layers.IDENTITY, boundary: layers.PERMISSION_BOUNDARY, session: layers.SESSION, resource: layers.RESOURCE,
  });
  const blocked = new Set<PolicyLayer>(grant.blockedBy);
  if (layers.SCP.applies && !layers.SCP.allowed) blocked.add('SCP');
  if (kms && crossAccount && !kmsCrossAccountAllowed(req.action)) blocked.add('RESOURCE');
  const keyGrants = layers.RESOURCE.allows.some((a) => a.principalMatch === 'direct' || a.principalMatch === 'role');
  if (kms && !grant.granted && !crossAccount && !keyGrants && keyPolicyNamesCaller(set.resource, env.principal)) blocked.add('RESOURCE');
  return blocked;
}

/**
 * Decides a request the way AWS does ("Policy evaluation logic", "How AWS enforcement code logic
 * evaluates requests"): an explicit Deny in any applicable layer denies; then every SCP level must
 * allow; then identity and resource allows are combined for same- or cross-account access, within
 * the permissions boundary and session policy. Anything not allowed is implicitly denied.
 */
export function decide(
  req: AuthorizationRequest, set: CompiledPolicySet, options: DecideOptions, recorder: Recorder = NO_TRACE,
): AuthorizationResult {
  const principal = principalOf(req.principal);
  const resourceArn = req.resource.startsWith('arn:') ? parseArn(req.resource) : undefined;
  // The resource's account: as given, else from its ARN, else the caller's (S3 ARNs carry none).
  const resourceAccount = req.resourceAccount ?? (resourceArn?.account || principal.account);
  const ctx = deriveContext(req, principal, resourceAccount, options.now);
  const env: Env = { action: req.action, actionKey: req.action.toLowerCase(), resource: req.resource, principal, ctx };
  const layers = evaluateLayers(set, env, recorder);

  let decision: Decision;
  let blockedBy: PolicyLayer[] = [];
  let decisiveStatements: StatementRef[];
  const denies = refsOf(layers, 'Deny');
  if (denies.length > 0) {
    decision = 'EXPLICIT_DENY';
    blockedBy = ORDER.filter((l) => layers[l].denies.length > 0);
    decisiveStatements = denies;
  } else {
    const crossAccount = principal.account !== '' && principal.account !== resourceAccount;
    const blocked = implicitBlocks(req, set, env, layers, resourceArn, crossAccount);
    decision = blocked.size > 0 ? 'IMPLICIT_DENY' : 'ALLOW';
    blockedBy = ORDER.filter((l) => blocked.has(l));
    decisiveStatements = blocked.size > 0 ? [] : refsOf(layers, 'Allow');
  }
  const result = { decision, allowed: decision === 'ALLOW', blockedBy, decisiveStatements };
  if (!(recorder instanceof TraceRecorder)) return result;
  return { ...result, explanation: { layers: recorder.layers, missingContextKeys: missingContextKeys(set, ctx) } };
}
