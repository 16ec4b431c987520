/** Why an import is rejected. */
export type ImportProblemCode =
  | 'INVALID_FORMAT'
  | 'INVALID_DOCUMENT'
  | 'MISSING_DEFAULT_VERSION'
  | 'MISSING_MANAGED_POLICIES'
  | 'UNKNOWN_GROUP'
  | 'UNKNOWN_TARGET';

/** One problem of an imported JSON file, located by a JSON path into it. */
export interface ImportProblem {
  readonly code: ImportProblemCode;
  /** e.g. `UserDetailList[1].GroupList[0]`; `$` for the whole file. */
  readonly path: string;
  readonly message: string;
  /** For MISSING_MANAGED_POLICIES: every policy ARN referenced but absent, sorted. */
  readonly arns?: readonly string[];
}
