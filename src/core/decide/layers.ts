import type { CompiledPolicy } from '../compile/compile-policy.js';
import type { CompiledOrgLevel } from '../compile/compile-policy-set.js';
import type { LayerOutcome, StatementTrace } from '../explain/trace.js';
import type { Recorder } from '../explain/recorder.js';
import type { PolicyLayer } from './types.js';
import { matchPolicy, type Env, type MatchedStatement } from './statement.js';

/** The statements of one layer that apply to the request. */
export interface LayerResult {
  readonly layer: PolicyLayer;
  /** False when the layer does not take part (absent, or exempt for this principal). */
  readonly applies: boolean;
  readonly allows: readonly MatchedStatement[];
  readonly denies: readonly MatchedStatement[];
  /** For SCP/RCP: every level has an allow. For other layers: some statement allows. */
  readonly allowed: boolean;
}

const NONE: readonly MatchedStatement[] = Object.freeze([]);
const skipped = (layer: PolicyLayer): LayerResult => Object.freeze({ layer, applies: false, allows: NONE, denies: NONE, allowed: false });
const SKIPPED: Readonly<Record<PolicyLayer, LayerResult>> = {
  RCP: skipped('RCP'), SCP: skipped('SCP'), RESOURCE: skipped('RESOURCE'), IDENTITY: skipped('IDENTITY'),
  PERMISSION_BOUNDARY: skipped('PERMISSION_BOUNDARY'), SESSION: skipped('SESSION'),
};

/** A layer that does not take part in this decision (a shared constant when not tracing). */
export function skipLayer(layer: PolicyLayer, recorder: Recorder, note: string): LayerResult {
  if (recorder.enabled) recorder.layer({ layer, outcome: 'NOT_APPLICABLE', note, statements: [] });
  return SKIPPED[layer];
}

function outcomeOf(r: LayerResult): LayerOutcome {
  return r.denies.length > 0 ? 'DENY' : r.allowed ? 'ALLOW' : 'NO_MATCH';
}

/** Splits matched statements into allows and denies, sharing the empty array. */
function resultOf(layer: PolicyLayer, matches: readonly MatchedStatement[], allowed?: boolean): LayerResult {
  if (matches.length === 0) return { layer, applies: true, allows: NONE, denies: NONE, allowed: allowed ?? false };
  const allows = matches.filter((m) => m.ref.effect === 'Allow');
  const denies = allows.length === matches.length ? NONE : matches.filter((m) => m.ref.effect === 'Deny');
  return { layer, applies: true, allows, denies, allowed: allowed ?? allows.length > 0 };
}

/** Evaluates a layer of ORed policies (identity, boundary, session, resource). */
export function evaluateLayer(
  layer: PolicyLayer, policies: readonly CompiledPolicy[], env: Env, recorder: Recorder, needsPrincipal = false,
): LayerResult {
  const traces: StatementTrace[] | undefined = recorder.enabled ? [] : undefined;
  const matches: MatchedStatement[] = [];
  for (let i = 0; i < policies.length; i++) matchPolicy(policies[i]!, { layer, policyIndex: i, needsPrincipal }, env, traces, matches);
  const result = resultOf(layer, matches);
  if (traces) recorder.layer({ layer, outcome: outcomeOf(result), statements: traces });
  return result;
}

/**
 * Evaluates an SCP or RCP chain: a deny at any level denies, and every level (root, each OU, the
 * account) must allow (AWS Organizations User Guide, "SCP evaluation"). RCPs carry the implicit
 * RCPFullAWSAccess at every level, so for them only denies can decide.
 */
export function evaluateOrgLayer(
  layer: 'SCP' | 'RCP', levels: readonly CompiledOrgLevel[], env: Env, recorder: Recorder,
): LayerResult {
  const traces: StatementTrace[] | undefined = recorder.enabled ? [] : undefined;
  const matches: MatchedStatement[] = [];
  let everyLevelAllows = true;
  for (const level of levels) {
    const before = matches.length;
    level.policies.forEach((p, policyIndex) =>
      matchPolicy(p, { layer, policyIndex, target: level.target, needsPrincipal: false }, env, traces, matches));
    let levelAllows = false;
    for (let i = before; i < matches.length; i++) if (matches[i]!.ref.effect === 'Allow') levelAllows = true;
    if (!levelAllows) everyLevelAllows = false;
  }
  const result = resultOf(layer, matches, layer === 'RCP' || everyLevelAllows);
  if (traces) {
    const note = layer === 'RCP' ? 'RCPFullAWSAccess is implicit at every level' : undefined;
    recorder.layer({ layer, outcome: outcomeOf(result), statements: traces, ...(note ? { note } : {}) });
  }
  return result;
}
