import { compilePolicySet, decide, describePrincipal, parseArn, parsePolicy, TraceRecorder } from '../core/index.js';
import type { AuthorizationRequest, AuthorizationResult, PrincipalInfo } from '../core/index.js';
import { assemble } from '../model/assemble.js';
import type { PrincipalSnapshot, ResourceSnapshot, SnapshotSource } from '../model/ports.js';
import type { OrgId } from '../model/types.js';
import { ServiceError, type ErrorCode } from './errors.js';
import { createPolicyParser, type StoredPolicyParser } from './policy-cache.js';
import { toPolicySetInput, type PolicySetSource } from './policy-set-input.js';
import { toAuthorizationRequest, type RequestInput } from './request-input.js';
import { fromStore } from './store-errors.js';

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

/** A request against a stored version: the request plus an optional session policy (JSON). */
export interface StoredRequestInput extends RequestInput {
  readonly sessionPolicy?: unknown;
}

/** A decision together with the version that answered it. */
export interface StoredDecision extends AuthorizationResult {
  readonly version: number;
}

/** One item of a batch: its decision, or why it could not be decided. */
export type BatchItem =
  | { readonly index: number; readonly result: StoredDecision; readonly error: null }
  | { readonly index: number; readonly result: null; readonly error: { readonly code: ErrorCode; readonly message: string } };

/** Decisions against stored versions; `server/app.ts` wires one. */
export interface DecisionService {
  /**
   * Decides one request at `version` (the latest when absent).
   * @throws ServiceError NOT_FOUND (organization, version, principal), BAD_REQUEST, BAD_POLICY (session policy).
   */
  authorize(org: OrgId, version: number | null | undefined, request: StoredRequestInput, options: SimulateOptions): Promise<StoredDecision>;
  /**
   * Decides each request at one version, in request order; a failing item is an error value.
   * @throws ServiceError BATCH_TOO_LARGE before any work; NOT_FOUND for the organization or version.
   */
  authorizeBatch(org: OrgId, version: number | null | undefined, requests: readonly StoredRequestInput[], options: Omit<SimulateOptions, 'explain'>): Promise<BatchItem[]>;
  /** `authorize` with the full trace. */
  explain(org: OrgId, version: number | null | undefined, request: StoredRequestInput, options: Omit<SimulateOptions, 'explain'>): Promise<StoredDecision>;
}

/** What the decision service reads besides snapshots: version numbers. */
export interface VersionSource {
  /** @throws a store NotFoundError for an unknown organization. */
  latestVersion(org: OrgId): Promise<number>;
  /** @throws a store NotFoundError for an unknown organization or version. */
  checkVersion(org: OrgId, version: number): Promise<void>;
}

/** Snapshots already requested within one batch, shared by its items. */
interface SnapshotMemo {
  readonly principals: Map<string, Promise<PrincipalSnapshot>>;
  readonly resources: Map<string, Promise<ResourceSnapshot>>;
}

/** Principals decided without a stored identity: anonymous callers, AWS services, web identities. */
const withoutIdentity = (p: PrincipalInfo): boolean => p.kind === 'anonymous' || p.kind === 'service' || p.kind === 'web-identity';

/** Items of one batch decided concurrently; the snapshot memo makes repeated principals cheap. */
const BATCH_CONCURRENCY = 16;

function badRequest(field: string, message: string): ServiceError {
  return new ServiceError('BAD_REQUEST', `invalid request: ${field} ${message}`, { details: { problems: [{ field, message }] } });
}

/** The session policy of a request as given, after checking it parses; BAD_POLICY with its problems labelled `session`. */
function sessionPolicyOf(input: unknown): unknown {
  if (input === undefined || input === null) return undefined;
  const parsed = parsePolicy(input);
  if (parsed.ok) return input;
  throw new ServiceError('BAD_POLICY', 'invalid policy document(s): session', {
    details: { problems: parsed.error.map((p) => ({ policy: 'session', ...p })) },
  });
}

/** The checked parts of a request: the core request, who is asking, and the session policy. */
function checked(input: StoredRequestInput): { request: AuthorizationRequest; principal: PrincipalInfo; session: unknown } {
  const request = toAuthorizationRequest(input);
  const principal = describePrincipal(request.principal);
  if (!principal) throw badRequest('request.principal', `is not a principal ARN, account id, service principal or "*" (got "${request.principal}")`);
  if (request.resource !== '*' && !parseArn(request.resource)) throw badRequest('request.resource', `is not an ARN or "*" (got "${request.resource}")`);
  return { request, principal, session: sessionPolicyOf(input.sessionPolicy) };
}

/** NOT_FOUND unless the snapshot holds the caller: its account, and its user or role. */
function requirePrincipal(org: OrgId, version: number, p: PrincipalInfo, snap: PrincipalSnapshot): void {
  const notFound = (why: string) =>
    new ServiceError('NOT_FOUND', `principal ${p.id} not found at version ${version}: ${why}`, { details: { principal: p.id, version } });
  if (!snap.account) throw notFound(`account ${p.account} is not in organization ${org}`);
  if (p.kind === 'user' && !snap.user) throw notFound('no such user');
  if ((p.kind === 'role' || p.kind === 'assumed-role') && !snap.role) throw notFound(`no role ${p.roleName ?? ''} in account ${p.account}`);
}

/** The decision service over a snapshot source; parsed policies are cached by content. */
export function createDecisionService(deps: {
  readonly snapshots: SnapshotSource;
  readonly versions: VersionSource;
  readonly batchMax: number;
  readonly parse?: StoredPolicyParser;
}): DecisionService {
  const { snapshots, versions, batchMax } = deps;
  const parse = deps.parse ?? createPolicyParser();

  async function resolve(org: OrgId, version: number | null | undefined): Promise<number> {
    if (version === undefined || version === null) return fromStore(versions.latestVersion(org));
    if (!Number.isInteger(version) || version < 0) throw badRequest('version', `must be a version number (got ${version})`);
    return version;
  }

  /**
   * The resource's snapshot; read for "*" too, as it checks the version. An unknown resource has no
   * policy: AWS decides it as a resource without a resource-based policy. One whose account neither
   * the request, its ARN nor the model gives is taken to be in the caller's account, as the core does.
   */
  async function readResource(org: OrgId, version: number, request: AuthorizationRequest, principal: PrincipalInfo): Promise<ResourceSnapshot> {
    const snapshot = await fromStore(snapshots.resourceSnapshot(org, version, request.resource, request.resourceAccount));
    if (snapshot.accountId !== null || !principal.account) return snapshot;
    return fromStore(snapshots.resourceSnapshot(org, version, request.resource, principal.account));
  }

  async function decideAt(org: OrgId, version: number, input: StoredRequestInput, explain: boolean, now: Date, memo: SnapshotMemo): Promise<StoredDecision> {
    const { request, principal, session } = checked(input);
    const principalSnapshot = withoutIdentity(principal)
      ? null
      : await remember(memo.principals, principal.id, () => fromStore(snapshots.principalSnapshot(org, version, principal.id)));
    if (principalSnapshot) requirePrincipal(org, version, principal, principalSnapshot);
    const resourceSnapshot = await remember(memo.resources, `${request.resource}|${request.resourceAccount ?? ''}|${principal.account}`, () =>
      readResource(org, version, request, principal));
    const assembled = assemble({
      request,
      principal: principalSnapshot,
      resource: resourceSnapshot,
      parse,
      ...(session !== undefined && { sessionPolicy: session }),
    });
    const set = compilePolicySet(assembled.policies);
    // The model knows whose resource it is when its ARN does not say (S3 buckets and objects); the core
    // needs that account to tell same- from cross-account access. Keys the request carries win over
    // those the model supplies (assemble never overrides them either).
    const resourceAccount = request.resourceAccount ?? resourceSnapshot.accountId ?? undefined;
    const withContext: AuthorizationRequest = {
      ...request,
      ...(resourceAccount !== undefined && { resourceAccount }),
      context: { ...assembled.context, ...request.context },
    };
    const result = explain ? decide(withContext, set, { now }, new TraceRecorder()) : decide(withContext, set, { now });
    return { ...result, version };
  }

  const freshMemo = (): SnapshotMemo => ({ principals: new Map(), resources: new Map() });

  return {
    async authorize(org, version, request, options) {
      const v = await resolve(org, version);
      return decideAt(org, v, request, options.explain, options.now, freshMemo());
    },
    async explain(org, version, request, options) {
      const v = await resolve(org, version);
      return decideAt(org, v, request, true, options.now, freshMemo());
    },
    async authorizeBatch(org, version, requests, options) {
      if (requests.length > batchMax) {
        throw new ServiceError('BATCH_TOO_LARGE', `a batch may hold at most ${batchMax} requests (got ${requests.length})`, {
          details: { max: batchMax, got: requests.length },
        });
      }
      const v = await resolve(org, version);
      if (version !== undefined && version !== null) await fromStore(versions.checkVersion(org, v));
      const memo = freshMemo();
      return mapConcurrently(requests, BATCH_CONCURRENCY, async (request, index): Promise<BatchItem> => {
        try {
          return { index, result: await decideAt(org, v, request, false, options.now, memo), error: null };
        } catch (error) {
          if (!(error instanceof ServiceError) || error.code === 'INTERNAL') throw error;
          return { index, result: null, error: { code: error.code, message: error.message } };
        }
      });
    },
  };
}

/** The memoised promise for `key`, started by `load` on first use. */
function remember<T>(memo: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let hit = memo.get(key);
  if (!hit) {
    hit = load();
    memo.set(key, hit);
  }
  return hit;
}

/** `Promise.all(items.map(fn))` with at most `limit` calls in flight; results in input order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      // INVARIANT: index < items.length, checked just above.
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
