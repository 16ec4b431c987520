import { compilePolicySet, decide, TraceRecorder } from '../core/index.js';
import type { AuthorizationResult } from '../core/index.js';
import { toPolicySetInput, type PolicySetSource } from './policy-set-input.js';
import { toAuthorizationRequest, type RequestInput } from './request-input.js';

/** Options of one simulation. */
export interface SimulateOptions {
  /** Record a full trace into `result.explanation`; off unless the client asked for it. */
  readonly explain: boolean;
  /** The request time (`aws:CurrentTime`); the core never reads a clock. */
  readonly now: Date;
}

/**
 * Decides one request against policies given inline (nothing stored).
 * @throws ServiceError BAD_POLICY (every invalid policy listed) or BAD_REQUEST.
 */
export function simulate(request: RequestInput, policies: PolicySetSource, options: SimulateOptions): AuthorizationResult {
  const authorizationRequest = toAuthorizationRequest(request);
  const set = compilePolicySet(toPolicySetInput(policies));
  return options.explain
    ? decide(authorizationRequest, set, { now: options.now }, new TraceRecorder())
    : decide(authorizationRequest, set, { now: options.now });
}
