import { randomUUID } from 'node:crypto';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ServiceError, type ErrorCode } from '../service/errors.js';

/**
 * Codes a client may see: the service's closed set, plus the protocol codes of Apollo and
 * type-graphql (parse, validation, variable coercion, argument validation).
 */
export type PublicErrorCode =
  | ErrorCode
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_USER_INPUT'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  | 'OPERATION_RESOLUTION_FAILURE'
  | 'INTROSPECTION_DISABLED'
  | 'MAX_RECURSIVE_SELECTIONS_EXCEEDED';

const PROTOCOL_CODES: ReadonlySet<string> = new Set<PublicErrorCode>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'INTROSPECTION_DISABLED',
  'MAX_RECURSIVE_SELECTIONS_EXCEEDED',
]);

/** The request an error belongs to: its id goes to the client, the error itself only to the log. */
export interface ErrorScope {
  readonly requestId: string;
  readonly logger: Pick<Logger, 'error'>;
}

/** The message every masked error carries. */
export const INTERNAL_MESSAGE = 'Internal server error';

const located = (formatted: GraphQLFormattedError) => ({
  ...(formatted.locations && { locations: formatted.locations }),
  ...(formatted.path && { path: formatted.path }),
});

function masked(formatted: GraphQLFormattedError, error: unknown, scope: ErrorScope | undefined): GraphQLFormattedError {
  const requestId = scope?.requestId ?? randomUUID();
  scope?.logger.error({ err: error, requestId, path: formatted.path }, 'internal error (masked for the client)');
  return { message: INTERNAL_MESSAGE, ...located(formatted), extensions: { code: 'INTERNAL', requestId } };
}

/** Drops what must never leave the process (stack traces, wrapped exceptions). */
function publicExtensions(extensions: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { stacktrace: _stacktrace, exception: _exception, ...rest } = extensions;
  return rest;
}

/**
 * A ServiceError behind a located-less GraphQLError too: guard rails report a LIMIT_EXCEEDED
 * ServiceError as a validation error, and Apollo keeps it as the `originalError`.
 */
const serviceErrorOf = (error: unknown): unknown =>
  error instanceof GraphQLError && error.originalError instanceof ServiceError ? error.originalError : error;

/**
 * The one error mapper of the GraphQL edge (Apollo `formatError`): a ServiceError becomes its
 * `extensions.code` and `extensions.details`; protocol errors keep their codes; anything else is
 * logged and masked as `INTERNAL` with the request id. No stack trace is ever returned.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  scope: ErrorScope | undefined,
): GraphQLFormattedError {
  const original = serviceErrorOf(unwrapResolverError(error));
  if (original instanceof ServiceError) {
    if (original.code === 'INTERNAL') return masked(formatted, original, scope);
    return {
      message: original.message,
      ...located(formatted),
      extensions: { code: original.code, ...(original.details && { details: original.details }) },
    };
  }
  const code = formatted.extensions?.['code'];
  if (original instanceof GraphQLError && typeof code === 'string' && PROTOCOL_CODES.has(code)) {
    return { message: formatted.message, ...located(formatted), extensions: publicExtensions(formatted.extensions ?? {}) };
  }
  return masked(formatted, original, scope);
}
