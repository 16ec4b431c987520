import { isAccountId, type AuthorizationRequest, type ContextInput } from '../core/index.js';
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
  // A plain loop: every authorize runs this, and a valid context (the usual case) allocates nothing.
  const problems: RequestProblem[] = [];
  for (const key of Object.keys(context)) {
    const value = (context as Record<string, unknown>)[key];
    if (key.trim() === '') problems.push({ field: `request.context.${key}`, message: 'context keys must be non-empty' });
    else if (!isScalar(value) && !(Array.isArray(value) && value.every(isScalar))) {
      problems.push({ field: `request.context.${key}`, message: 'expected a string, number, boolean or a list of those' });
    }
  }
  return problems;
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
  if (input.resourceAccount !== undefined && input.resourceAccount !== null && !isAccountId(input.resourceAccount)) {
    problems.push({ field: 'request.resourceAccount', message: 'must be a 12-digit account id when given' });
  }
  const inContext = contextProblems(input.context);
  return inContext.length === 0 ? problems : [...problems, ...inContext];
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
  const { principal, action, resource, resourceAccount, context } = input;
  // INVARIANT: contextProblems accepted the context's shape above.
  if (context) return resourceAccount ? { principal, action, resource, resourceAccount, context: context as ContextInput } : { principal, action, resource, context: context as ContextInput };
  return resourceAccount ? { principal, action, resource, resourceAccount } : { principal, action, resource };
}
