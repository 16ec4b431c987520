import type { PolicyLayer, StatementRef } from '../decide/types.js';

/** One condition operator/key pair as evaluated. */
export interface ConditionTrace {
  readonly operator: string;
  readonly key: string;
  /** Policy values after variable substitution; an unresolvable variable shows as its source text. */
  readonly policyValues: readonly string[];
  /** The request's values, or null when the request lacks the key. */
  readonly requestValues: readonly string[] | null;
  readonly matched: boolean;
}

/** One statement as evaluated against the request. */
export interface StatementTrace {
  readonly ref: StatementRef;
  readonly actionMatched: boolean;
  readonly resourceMatched: boolean;
  /** Null for policies without Principal/NotPrincipal (identity-side policies). */
  readonly principalMatched: boolean | null;
  readonly conditionsMatched: boolean;
  readonly conditions: readonly ConditionTrace[];
  /** True when every element matched: the statement applies. */
  readonly matched: boolean;
}

/** How one layer ended. */
export type LayerOutcome = 'ALLOW' | 'DENY' | 'NO_MATCH' | 'NOT_APPLICABLE';

/** One layer as evaluated. */
export interface LayerTrace {
  readonly layer: PolicyLayer;
  readonly outcome: LayerOutcome;
  /** Why a layer was skipped or treated specially (service-linked role, cross-account, ...). */
  readonly note?: string;
  readonly statements: readonly StatementTrace[];
}

/** The full explanation of a decision. */
export interface Explanation {
  readonly layers: readonly LayerTrace[];
  /** Context keys the policies reference that the request did not supply (AWS MissingContextValues). */
  readonly missingContextKeys: readonly string[];
}
