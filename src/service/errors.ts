/** Closed set of failure codes; the GraphQL edge exposes them as `extensions.code`. */
export type ErrorCode =
  | 'BAD_POLICY'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'BATCH_TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'LIMIT_EXCEEDED'
  | 'TIMEOUT'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** Every error code, for exhaustive checks at the edges. */
export const ERROR_CODES: readonly ErrorCode[] = [
  'BAD_POLICY',
  'BAD_REQUEST',
  'NOT_FOUND',
  'VERSION_CONFLICT',
  'BATCH_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'LIMIT_EXCEEDED',
  'TIMEOUT',
  'UNAVAILABLE',
  'INTERNAL',
];

/** Structured, client-safe data about a failure (problem lists, limits, versions). */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** A typed failure of a service operation. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  readonly details: ErrorDetails | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { readonly details?: ErrorDetails; readonly cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details;
  }
}

