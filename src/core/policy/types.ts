/** The typed form of an IAM policy document, produced only by `parsePolicy`. */

export type Effect = 'Allow' | 'Deny';

/** `Principal` / `NotPrincipal`: `"*"` or a map of principal types to values. */
export interface PrincipalSpec {
  /** `"Principal": "*"` (also `{"AWS": "*"}` sets `aws` to `["*"]`, not this flag). */
  readonly wildcard: boolean;
  readonly aws: readonly string[];
  readonly service: readonly string[];
  readonly federated: readonly string[];
  readonly canonicalUser: readonly string[];
}

/** One `operator → key → values` triple of a `Condition` block. Values keep their JSON text form. */
export interface ConditionEntry {
  /** The operator exactly as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** The condition key as written, e.g. `aws:PrincipalTag/team`. */
  readonly key: string;
  /** The values; JSON numbers and booleans become their text (`true`, `42`). */
  readonly values: readonly string[];
}

/** One statement, with its position in the document. */
export interface Statement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: PrincipalSpec;
  readonly notPrincipal?: PrincipalSpec;
  readonly condition: readonly ConditionEntry[];
}

/** A validated policy document. */
export interface PolicyDocument {
  /** `2012-10-17`, `2008-10-17`, or undefined when the element is absent. */
  readonly version?: '2012-10-17' | '2008-10-17';
  readonly id?: string;
  readonly statements: readonly Statement[];
}

/** Policy variables are substituted only under Version 2012-10-17 (IAM User Guide, "Variables and tags"). */
export const variablesEnabled = (doc: PolicyDocument): boolean => doc.version === '2012-10-17';
