import { randomUUID } from 'node:crypto';
import type { AuthorizationResult, Decision, PolicyLayer, StatementRef } from '../core/index.js';
import type { OrgId } from '../model/types.js';
import type { DecisionService, simulate, StoredRequestInput } from './decisions.js';
import { ServiceError, type ErrorCode } from './errors.js';
import { thenMaybe } from './maybe-promise.js';
import type { RequestInput } from './request-input.js';

/** The service operations that decide: the four of GraphQL (AuthZEN goes through `authorizeBatch`). */
export type DecisionOperation = 'authorize' | 'authorizeBatch' | 'explain' | 'simulate';

/** One request decided, or refused as a client error, by a decision operation. */
export interface DecisionEvent {
  readonly operation: DecisionOperation;
  /** Null for `simulate` (no stored organization). */
  readonly org: OrgId | null;
  /** The version that answered; null for `simulate`, and for an error when no version was resolved. */
  readonly version: number | null;
  readonly request: RequestInput | StoredRequestInput;
  /** Exactly one of `result` and `error` is set. */
  readonly result: AuthorizationResult | null;
  readonly error: { readonly code: ErrorCode; readonly message: string } | null;
  /** Items of one `authorizeBatch` call share its id; `index` is the item's position. */
  readonly batch: { readonly id: string; readonly index: number } | null;
  /** The HTTP request it answered (`options.requestId`), null when the caller gave none. */
  readonly requestId: string | null;
}

/** Receives every decision event; must not throw and must not block (metrics, an async log). */
export type DecisionObserver = (event: DecisionEvent) => void;

/** A client error of one request as an event; other failures (store down, bugs) are not decisions. */
function clientError(error: unknown): DecisionEvent['error'] {
  if (!(error instanceof ServiceError) || error.code === 'INTERNAL' || error.code === 'UNAVAILABLE') return null;
  return { code: error.code, message: error.message };
}

/**
 * The decision service with every decision (and every request refused as a client error) reported
 * to `observe`, after it was made; results pass through unchanged. The decorator used for the
 * decision log and the decision metrics (server/observability.ts stacks it).
 */
export function observeDecisions(inner: DecisionService, observe: DecisionObserver, newBatchId: () => string = randomUUID): DecisionService {
  const single = (operation: 'authorize' | 'explain') =>
    (org: OrgId, version: number | null | undefined, request: StoredRequestInput, options: Parameters<DecisionService['authorize']>[3]) =>
      // Synchronous when the inner service answers synchronously (a warm decision).
      thenMaybe(
        () => (operation === 'authorize' ? inner.authorize(org, version, request, options) : inner.explain(org, version, request, options)),
        (result) => {
          observe({ operation, org, version: result.version, request, result, error: null, batch: null, requestId: options.requestId ?? null });
          return result;
        },
        (error) => {
          const failure = clientError(error);
          if (failure) observe({ operation, org, version: version ?? null, request, result: null, error: failure, batch: null, requestId: options.requestId ?? null });
          throw error;
        },
      );
  return {
    authorize: single('authorize'),
    explain: single('explain'),
    async authorizeBatch(org, version, requests, options) {
      const items = await inner.authorizeBatch(org, version, requests, options);
      const id = newBatchId();
      const answered = items.find((item) => item.result !== null)?.result?.version ?? version ?? null;
      for (const item of items) {
        observe({
          operation: 'authorizeBatch', org, version: item.result?.version ?? answered, request: requests[item.index]!,
          result: item.result, error: item.error, batch: { id, index: item.index }, requestId: options.requestId ?? null,
        });
      }
      return items;
    },
  };
}

/** `simulate` with each decision (or client error) reported to `observe`. */
export function observeSimulate(inner: typeof simulate, observe: DecisionObserver): typeof simulate {
  return (request, policies, options, compile) => {
    try {
      const result = inner(request, policies, options, compile);
      observe({ operation: 'simulate', org: null, version: null, request, result, error: null, batch: null, requestId: options.requestId ?? null });
      return result;
    } catch (error) {
      const failure = clientError(error);
      if (failure) observe({ operation: 'simulate', org: null, version: null, request, result: null, error: failure, batch: null, requestId: options.requestId ?? null });
      throw error;
    }
  };
}

/** One line of the decision log (DECISION_LOG). */
export interface DecisionRecord {
  readonly time: string;
  readonly requestId: string | null;
  /** The API it came through: `graphql` or `authzen`. */
  readonly source: string;
  readonly operation: DecisionOperation;
  readonly org: OrgId | null;
  readonly version: number | null;
  readonly batchId?: string;
  readonly index?: number;
  readonly request: RequestInput | StoredRequestInput;
  readonly decision: Decision | null;
  readonly blockedBy?: readonly PolicyLayer[];
  readonly decisiveStatements?: readonly StatementRef[];
  readonly error?: { readonly code: ErrorCode; readonly message: string };
}

/** The log record of an event; the explanation (if any) is left out, the decisive statements are kept. */
export function decisionRecord(event: DecisionEvent, meta: { readonly source: string; readonly now: Date }): DecisionRecord {
  const { result, error, batch } = event;
  return {
    time: meta.now.toISOString(),
    requestId: event.requestId,
    source: meta.source,
    operation: event.operation,
    org: event.org,
    version: event.version,
    ...(batch && { batchId: batch.id, index: batch.index }),
    request: event.request,
    decision: result?.decision ?? null,
    ...(result && { blockedBy: result.blockedBy, decisiveStatements: result.decisiveStatements }),
    ...(error && { error }),
  };
}
