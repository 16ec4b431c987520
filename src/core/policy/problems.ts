/** Closed set of reasons a policy document is rejected. */
export type PolicyProblemCode =
  | 'NOT_AN_OBJECT'
  | 'INVALID_JSON'
  | 'UNKNOWN_ELEMENT'
  | 'MISSING_ELEMENT'
  | 'INVALID_VERSION'
  | 'INVALID_TYPE'
  | 'INVALID_EFFECT'
  | 'CONFLICTING_ELEMENTS'
  | 'EMPTY_VALUE'
  | 'INVALID_ACTION'
  | 'INVALID_RESOURCE'
  | 'INVALID_PRINCIPAL'
  | 'INVALID_CONDITION'
  | 'DUPLICATE_SID';

/** One problem of a policy document, located by a JSON path such as `Statement[2].Effect`. */
export interface PolicyProblem {
  readonly path: string;
  readonly code: PolicyProblemCode;
  readonly message: string;
}
