/** A request context value as callers give it: one value or a list (multi-valued key). */
export type ContextInput = Readonly<Record<string, string | number | boolean | readonly (string | number | boolean)[]>>;

/** An authorization request as callers give it. */
export interface AuthorizationRequest {
  /** Principal ARN, account id, service principal (`lambda.amazonaws.com`) or `*` for anonymous. */
  readonly principal: string;
  readonly action: string;
  /** Resource ARN, or `*` for actions without a resource. */
  readonly resource: string;
  /** Account that owns the resource; defaults to the resource ARN's account, else the principal's. */
  readonly resourceAccount?: string;
  readonly context?: ContextInput;
}

/**
 * The request context the evaluator reads: condition key names are case-insensitive, so keys are
 * stored lower-cased; values are case-sensitive text. A key given as a list is multi-valued.
 */
export interface RequestContext {
  /** Values of a key (any case), or undefined when the request does not carry it. */
  get(key: string): readonly string[] | undefined;
  /** True when the key was given as a list (multi-valued). */
  isMultiValued(key: string): boolean;
}
