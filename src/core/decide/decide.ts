import type { AuthorizationRequest, RequestContext } from '../request/types.js';
import type { CompiledPolicySet } from '../compile/compile-policy-set.js';
import { describePrincipalCached, hasIdentity, type PrincipalInfo } from '../arn/principal-kind.js';
import { parseArn, type Arn } from '../arn/parse-arn.js';
import { deriveContext } from '../request/derived-keys.js';
import { NO_TRACE, TraceRecorder, type Recorder } from '../explain/recorder.js';
import { missingContextKeys } from '../explain/missing-context.js';
import type { AuthorizationResult, StatementRef } from './types.js';
import type { Env } from './statement.js';
import { evaluateLayer, evaluateOrgLayer, skipLayer, type LayerResult } from './layers.js';
import { combineGrants, resourceGrant } from './cross-account.js';
import { BIT, layersOf, type LayerSet } from './layer-set.js';
import { rcpExemption, scpExemption } from './special/service-principals.js';
import { isKmsKeyRequest, keyPolicyNamesCaller, kmsCrossAccountAllowed } from './special/kms-key-policy.js';
import { isRoleTrustRequest } from './special/role-trust.js';
import { actionId } from '../compile/action-index.js';

/** What `decide` needs besides the request: the core never reads a clock. */
export interface DecideOptions {
  readonly now: Date;
  /**
   * Context keys the environment supplies when the request does not (the stored model's principal
   * and resource tags and org placement), consulted in order after the request's own keys. Shared
   * objects (a `MapContext` per cached snapshot) so that a decision copies nothing.
   */
  readonly contextDefaults?: readonly RequestContext[];
  /**
   * Called when the decision reads the clock: derives `aws:CurrentTime` or `aws:EpochTime` from
   * `now` (the request did not supply them). A decision during which it was not called is the same
   * at any other `now`, which is what lets a caller memoize it.
   */
  readonly onClockRead?: () => void;
}

/** Who is asking; an unrecognisable principal is treated as a caller with no policies of its own. */
function principalOf(principal: string): PrincipalInfo {
  return describePrincipalCached(principal) ?? {
    kind: 'web-identity', id: principal, partition: 'aws', account: '', accountArn: '', serviceLinked: false,
  };
}

/** The six layers of one decision, in evaluation order. */
interface Layers {
  readonly rcp: LayerResult;
  readonly scp: LayerResult;
  readonly resource: LayerResult;
  readonly identity: LayerResult;
  readonly boundary: LayerResult;
  readonly session: LayerResult;
}

function evaluateLayers(set: CompiledPolicySet, env: Env, recorder: Recorder): Layers {
  const p = env.principal;
  const scpSkip = set.scp ? scpExemption(p) : 'no organization applies';
  const rcpSkip = set.rcp ? rcpExemption(p) : 'no organization applies';
  const withIdentity = hasIdentity(p);
  return {
    rcp: rcpSkip || !set.rcp ? skipLayer('RCP', recorder, rcpSkip ?? '') : evaluateOrgLayer('RCP', set.rcp, env, recorder),
    scp: scpSkip || !set.scp ? skipLayer('SCP', recorder, scpSkip ?? '') : evaluateOrgLayer('SCP', set.scp, env, recorder),
    resource: set.resource ? evaluateLayer('RESOURCE', [set.resource], env, recorder, true) : skipLayer('RESOURCE', recorder, 'no resource policy'),
    identity: withIdentity ? evaluateLayer('IDENTITY', set.identity, env, recorder) : skipLayer('IDENTITY', recorder, 'the caller has no identity-based policies'),
    boundary: withIdentity && set.permissionBoundary
      ? evaluateLayer('PERMISSION_BOUNDARY', [set.permissionBoundary], env, recorder)
      : skipLayer('PERMISSION_BOUNDARY', recorder, 'no permissions boundary'),
    session: withIdentity && set.session ? evaluateLayer('SESSION', [set.session], env, recorder) : skipLayer('SESSION', recorder, 'no session policy'),
  };
}

/** The matched statements of every layer with the given effect, in evaluation order. */
function refsOf(l: Layers, effect: 'Allow' | 'Deny'): StatementRef[] {
  const out: StatementRef[] = [];
  for (const layer of [l.rcp, l.scp, l.resource, l.identity, l.boundary, l.session]) {
    for (const m of effect === 'Allow' ? layer.allows : layer.denies) out.push(m.ref);
  }
  return out;
}

/** Layers holding an explicit deny. */
function denyingLayers(l: Layers): LayerSet {
  return (l.rcp.denies.length > 0 ? BIT.RCP : 0) | (l.scp.denies.length > 0 ? BIT.SCP : 0)
    | (l.resource.denies.length > 0 ? BIT.RESOURCE : 0) | (l.identity.denies.length > 0 ? BIT.IDENTITY : 0)
    | (l.boundary.denies.length > 0 ? BIT.PERMISSION_BOUNDARY : 0) | (l.session.denies.length > 0 ? BIT.SESSION : 0);
}

/** Layers whose failure to allow blocks the request, when nothing denied it explicitly. */
function implicitBlocks(req: AuthorizationRequest, set: CompiledPolicySet, env: Env, l: Layers, arn: Arn | undefined, crossAccount: boolean): LayerSet {
  const kms = isKmsKeyRequest(req.action, arn);
  let blocked = combineGrants({
    principal: env.principal, crossAccount, resourceRequired: kms || isRoleTrustRequest(req.action, arn),
    identity: l.identity, boundary: l.boundary, session: l.session, resource: l.resource,
  });
  if (l.scp.applies && !l.scp.allowed) blocked |= BIT.SCP;
  if (!kms) return blocked;
  if (crossAccount && !kmsCrossAccountAllowed(req.action)) blocked |= BIT.RESOURCE;
  // A key policy that names the caller and still does not let it in refuses it (see keyPolicyNamesCaller).
  const keyGrants = resourceGrant(l.resource);
  if (blocked !== 0 && !crossAccount && keyGrants !== 'direct' && keyGrants !== 'role'
    && keyPolicyNamesCaller(set.resource, env.principal)) blocked |= BIT.RESOURCE;
  return blocked;
}

const NO_STATEMENTS: readonly StatementRef[] = Object.freeze([]);

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
  const arn = req.resource.startsWith('arn:') ? parseArn(req.resource) : undefined;
  // The resource's account: as given, else from its ARN, else the caller's (S3 ARNs carry none).
  const resourceAccount = req.resourceAccount ?? (arn?.account || principal.account);
  const ctx = deriveContext(req, principal, resourceAccount, options.now, options.contextDefaults, options.onClockRead);
  const actionKey = req.action.toLowerCase();
  const env: Env = { action: req.action, actionKey, actionId: actionId(actionKey), resource: req.resource, principal, ctx };
  const layers = evaluateLayers(set, env, recorder);

  let result: AuthorizationResult;
  const denying = denyingLayers(layers);
  if (denying !== 0) {
    result = { decision: 'EXPLICIT_DENY', allowed: false, blockedBy: layersOf(denying), decisiveStatements: refsOf(layers, 'Deny') };
  } else {
    const crossAccount = principal.account !== '' && principal.account !== resourceAccount;
    const blocked = implicitBlocks(req, set, env, layers, arn, crossAccount);
    result = blocked !== 0
      ? { decision: 'IMPLICIT_DENY', allowed: false, blockedBy: layersOf(blocked), decisiveStatements: NO_STATEMENTS }
      : { decision: 'ALLOW', allowed: true, blockedBy: layersOf(0), decisiveStatements: refsOf(layers, 'Allow') };
  }
  if (!(recorder instanceof TraceRecorder)) return result;
  return { ...result, explanation: { layers: recorder.layers, missingContextKeys: missingContextKeys(set, ctx) } };
}
