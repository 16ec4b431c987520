import type { AuthorizationRequest, ContextInput } from '../core/index.js';
import { ServiceError } from './errors.js';

/** An authorization request as a client sends it, before validation. */
export interface RequestInput {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount?: string | null;
  /** Must be an object of string | number | boolean | list of those. */
  readonly context?: unknown;
}

/** One reason a request was rejected, located by its field path (`request.context.aws:SourceIp`). */
export interface RequestProblem {
  readonly field: string;
  readonly message: string;
}

/** `service:Action`, e.g. `s3:GetObject`; request actions are concrete, so no wildcards. */
const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9]+$/;

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

function contextProblems(context: unknown): RequestProblem[] {
  if (context === undefined || context === null) return [];
  if (typeof context !== 'object' || Array.isArray(context)) {
    return [{ field: 'request.context', message: 'expected an object of context keys' }];
  }
  return Object.entries(context).flatMap(([key, value]): RequestProblem[] => {
    const field = `request.context.${key}`;
    if (key.trim() === '') return [{ field, message: 'context keys must be non-empty' }];
    if (isScalar(value) || (Array.isArray(value) && value.every(isScalar))) return [];
    return [{ field, message: 'expected a string, number, boolean or a list of those' }];
  });
}

/** Every problem of a request; empty when it is valid. */
export function requestProblems(input: RequestInput): RequestProblem[] {
  const problems: RequestProblem[] = [];
  for (const field of ['principal', 'action', 'resource'] as const) {
    if (input[field].trim() === '') problems.push({ field: `request.${field}`, message: 'must be non-empty' });
  }
  if (input.action.trim() !== '' && !ACTION.test(input.action)) {
    problems.push({ field: 'request.action', message: 'expected "service:Action", e.g. "s3:GetObject"' });
  }
  if (input.resourceAccount !== undefined && input.resourceAccount !== null && input.resourceAccount.trim() === '') {
    problems.push({ field: 'request.resourceAccount', message: 'must be non-empty when given' });
  }
  return [...problems, ...contextProblems(input.context)];
}

/**
 * Validates a client request and converts it to the core's request.
 * @throws ServiceError BAD_REQUEST with `details.problems` listing every problem.
 */
export function toAuthorizationRequest(input: RequestInput): AuthorizationRequest {
  const problems = requestProblems(input);
  if (problems.length > 0) {
    throw new ServiceError('BAD_REQUEST', `invalid request: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, {
      details: { problems },
    });
  }
  return {
    principal: input.principal,
    action: input.action,
    resource: input.resource,
    ...(input.resourceAccount ? { resourceAccount: input.resourceAccount } : {}),
    // INVARIANT: contextProblems accepted the shape above.
    ...(input.context ? { context: input.context as ContextInput } : {}),
  };
}
