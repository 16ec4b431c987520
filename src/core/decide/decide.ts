import type { AuthorizationRequest } from '../request/types.js';
import type { CompiledPolicySet } from '../compile/compile-policy-set.js';
import { describePrincipal, hasIdentity, type PrincipalInfo } from '../arn/principal-kind.js';
import { parseArn } from '../arn/parse-arn.js';
import { deriveContext } from '../request/derived-keys.js';
import { NO_TRACE, TraceRecorder, type Recorder } from '../explain/recorder.js';
import { missingContextKeys } from '../explain/missing-context.js';
import type { AuthorizationResult, PolicyLayer, StatementRef } from './types.js';
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
  return describePrincipal(principal) ?? {
    kind: 'web-identity', id: principal, partition: 'aws', account: '', accountArn: '', serviceLinked: false,
  };
}

/** The resource's account: as given, else from its ARN, else the caller's (S3 ARNs carry none). */
function resourceAccountOf(req: AuthorizationRequest, p: PrincipalInfo): string {
  return req.resourceAccount ?? (parseArn(req.resource)?.account || p.account);
}

function evaluateLayers(set: CompiledPolicySet, env: Env, recorder: Recorder): Record<PolicyLayer, LayerResult> {
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
  const resourceAccount = resourceAccountOf(req, principal);
  const ctx = deriveContext(req, principal, resourceAccount, options.now);
  const env: Env = { action: req.action, resource: req.resource, principal, ctx };
  const layers = evaluateLayers(set, env, recorder);
  const explanation = recorder instanceof TraceRecorder
    ? { layers: recorder.layers, missingContextKeys: missingContextKeys(set, ctx) } : undefined;
  const finish = (r: Omit<AuthorizationResult, 'explanation'>): AuthorizationResult =>
    explanation ? { ...r, explanation } : r;

  const denies = ORDER.flatMap((l) => layers[l].denies.map((d) => d.ref));
  if (denies.length > 0) {
    const blockedBy = ORDER.filter((l) => layers[l].denies.length > 0);
    return finish({ decision: 'EXPLICIT_DENY', allowed: false, blockedBy, decisiveStatements: denies });
  }

  const crossAccount = principal.account !== '' && principal.account !== resourceAccount;
  const kms = isKmsKeyRequest(req.action, req.resource);
  const grant = combineGrants({
    principal, crossAccount, resourceRequired: kms || isRoleTrustRequest(req.action, req.resource),
    identity: layers.IDENTITY, boundary: layers.PERMISSION_BOUNDARY, session: layers.SESSION, resource: layers.RESOURCE,
  });
  const blocked = new Set<PolicyLayer>(grant.blockedBy);
  if (layers.SCP.applies && !layers.SCP.allowed) blocked.add('SCP');
  if (kms && crossAccount && !kmsCrossAccountAllowed(req.action)) blocked.add('RESOURCE');
  const keyGrants = layers.RESOURCE.allows.some((a) => a.principalMatch === 'direct' || a.principalMatch === 'role');
  if (kms && !grant.granted && !crossAccount && !keyGrants && keyPolicyNamesCaller(set.resource, principal)) blocked.add('RESOURCE');
  if (blocked.size > 0) {
    return finish({ decision: 'IMPLICIT_DENY', allowed: false, blockedBy: ORDER.filter((l) => blocked.has(l)), decisiveStatements: [] });
  }
  const allows: StatementRef[] = ORDER.flatMap((l) => layers[l].allows.map((a) => a.ref));
  return finish({ decision: 'ALLOW', allowed: true, blockedBy: [], decisiveStatements: allows });
}
