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

/** A layer that does not take part in this decision. */
export function skipLayer(layer: PolicyLayer, recorder: Recorder, note: string): LayerResult {
  if (recorder.enabled) recorder.layer({ layer, outcome: 'NOT_APPLICABLE', note, statements: [] });
  return { layer, applies: false, allows: [], denies: [], allowed: false };
}

function outcomeOf(r: { denies: readonly unknown[]; allowed: boolean }): LayerOutcome {
  return r.denies.length > 0 ? 'DENY' : r.allowed ? 'ALLOW' : 'NO_MATCH';
}

function split(matches: MatchedStatement[]) {
  return {
    allows: matches.filter((m) => m.ref.effect === 'Allow'),
    denies: matches.filter((m) => m.ref.effect === 'Deny'),
  };
}

/** Evaluates a layer of ORed policies (identity, boundary, session, resource). */
export function evaluateLayer(
  layer: PolicyLayer, policies: readonly CompiledPolicy[], env: Env, recorder: Recorder, needsPrincipal = false,
): LayerResult {
  const traces: StatementTrace[] | undefined = recorder.enabled ? [] : undefined;
  const matches = policies.flatMap((p, policyIndex) => matchPolicy(p, { layer, policyIndex, needsPrincipal }, env, traces));
  const { allows, denies } = split(matches);
  const result = { layer, applies: true, allows, denies, allowed: allows.length > 0 };
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
  const needsPrincipal = false;
  const allows: MatchedStatement[] = [];
  const denies: MatchedStatement[] = [];
  let everyLevelAllows = true;
  for (const level of levels) {
    const matches = level.policies.flatMap((p, policyIndex) =>
      matchPolicy(p, { layer, policyIndex, target: level.target, needsPrincipal }, env, traces));
    const parts = split(matches);
    allows.push(...parts.allows);
    denies.push(...parts.denies);
    if (parts.allows.length === 0) everyLevelAllows = false;
  }
  const allowed = layer === 'RCP' || everyLevelAllows;
  const result = { layer, applies: true, allows, denies, allowed };
  if (traces) {
    const note = layer === 'RCP' ? 'RCPFullAWSAccess is implicit at every level' : undefined;
    recorder.layer({ layer, outcome: outcomeOf(result), statements: traces, ...(note ? { note } : {}) });
  }
  return result;
}
