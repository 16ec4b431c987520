import { compilePolicySet, decide, describePrincipalCached, parseArn, parsePolicy, TraceRecorder } from '../core/index.js';
import type { AuthorizationRequest, AuthorizationResult, PolicyCompiler, PrincipalInfo } from '../core/index.js';
import { callerAccountFor, decideWithSides, withoutIdentity } from '../model/decide-sides.js';
import { governingResourceArn } from '../model/resource-key.js';
import type {
  PolicySideSource, PrincipalSide, PrincipalSnapshot, ResourceSide, SnapshotSource, StoredPolicyCompiler, VersionSource,
} from '../model/ports.js';
import type { OrgId } from '../model/types.js';
import { mapConcurrently } from './concurrency.js';
import { ServiceError, type ErrorCode } from './errors.js';
import { thenMaybe, type MaybePromise } from './maybe-promise.js';
import { compileFresh, policySidesOf } from './policy-sides.js';
import { toPolicySetInput, type PolicySetSource } from './policy-set-input.js';
import { toAuthorizationRequest, type RequestInput } from './request-input.js';
import { fromStore } from './store-errors.js';

/** Options of one simulation. */
export interface SimulateOptions {
  /** Record a full trace into `result.explanation`; off unless the client asked for it. */
  readonly explain: boolean;
  /** The request time (`aws:CurrentTime`); the core never reads a clock. */
  readonly now: Date;
  /** The HTTP request being answered, for the decision log (`observeDecisions`); deciding never reads it. */
  readonly requestId?: string;
}

/** Options of a decision against a stored version. */
export interface StoredDecisionOptions extends SimulateOptions {
  /**
   * Answer from this version or a newer one, never an older one: a client that saw version N
   * (through another replica) passes N. NOT_FOUND when version N does not exist yet.
   */
  readonly atLeastVersion?: number | null;
}

/**
 * Decides one request against policies given inline (nothing stored); `compile` may be a
 * content-keyed cache (`cache/compiled-policies.ts`).
 * @throws ServiceError BAD_POLICY (every invalid policy listed) or BAD_REQUEST.
 */
export function simulate(request: RequestInput, policies: PolicySetSource, options: SimulateOptions, compile?: PolicyCompiler): AuthorizationResult {
  const authorizationRequest = toAuthorizationRequest(request);
  const set = compilePolicySet(toPolicySetInput(policies), compile);
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
  | { readonly index: number; readonly result: null; readonly error: ItemError };

/** Decisions against stored versions; `server/app.ts` wires one. */
export interface DecisionService {
  /**
   * Decides one request at `version` (the latest when absent). Answers synchronously when the version
   * is pinned and both sides of the request are cached in process (the warm path); a failure is
   * always a rejected promise.
   * @throws ServiceError NOT_FOUND (organization, version, principal), BAD_REQUEST, BAD_POLICY (session policy).
   */
  authorize(org: OrgId, version: number | null | undefined, request: StoredRequestInput, options: StoredDecisionOptions): MaybePromise<StoredDecision>;
  /**
   * Decides each request at one version, in request order; a failing item is an error value.
   * @throws ServiceError BATCH_TOO_LARGE before any work; NOT_FOUND for the organization or version.
   */
  authorizeBatch(org: OrgId, version: number | null | undefined, requests: readonly StoredRequestInput[], options: Omit<StoredDecisionOptions, 'explain'>): Promise<BatchItem[]>;
  /** `authorize` with the full trace. */
  explain(org: OrgId, version: number | null | undefined, request: StoredRequestInput, options: Omit<StoredDecisionOptions, 'explain'>): MaybePromise<StoredDecision>;
}

/** What the decision service reads besides snapshots: version numbers (declared in model/ports.ts). */
export type { VersionSource } from '../model/ports.js';

/**
 * Decisions already made, by `decisionMemoKey` (server/app.ts passes a bounded LRU behind a doorkeeper,
 * cache/decision-memo.ts, CACHE_DECISIONS).
 * Every key embeds an immutable version, so an entry is never stale, only evicted.
 */
export interface DecisionMemo {
  get(key: string): StoredDecision | undefined;
  /** Offers a decision; true when the memo keeps it (the service then freezes it). */
  set(key: string, decision: StoredDecision): boolean;
}

/**
 * The memo key of a validated request at a version: everything a decision depends on besides the
 * stored model at that version and the clock (which the memo checks for separately). Every string a
 * client chose goes in after its length and the account (validated: absent or 12 digits) before a
 * colon, so that no two requests share a key whatever characters their strings hold; the context
 * comes last as its JSON text. Undefined for a request with a session policy, which is never
 * memoized. Two requests whose context differs only in key order or case are decided twice, never
 * confused. (A template, not one `JSON.stringify` of the parts: that measured 0.2–0.3 µs slower per
 * lookup.)
 */
export function decisionMemoKey(org: OrgId, version: number, request: AuthorizationRequest, sessionPolicy: unknown): string | undefined {
  if (sessionPolicy !== undefined && sessionPolicy !== null) return undefined;
  const { principal, action, resource, resourceAccount, context } = request;
  return `${org.length}:${org}${version}:${principal.length}:${principal}${action.length}:${action}${resource.length}:${resource}` +
    `${resourceAccount ?? ''}:${context === undefined ? '' : JSON.stringify(context)}`;
}

/** Freezes a decision the memo keeps: every later hit hands out the same object. */
function freeze(decision: StoredDecision): void {
  Object.freeze(decision.blockedBy);
  Object.freeze(decision.decisiveStatements);
  Object.freeze(decision);
}

/** Distinct principal and resource sides of one batch loaded at a time (each a few reads on a cache miss). */
const LOAD_CONCURRENCY = 16;

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
interface Checked {
  readonly request: AuthorizationRequest;
  readonly principal: PrincipalInfo;
  readonly session: unknown;
  /** The key of the principal side it needs (null without a stored identity). */
  readonly principalKey: string | null;
  /** The ARN whose side governs the resource (an S3 object's bucket: model/resource-key.ts). */
  readonly resourceArn: string;
}

/**
 * What tells apart the resource sides of a batch's checked requests (`readResource` reads by the
 * ARN, the account asked for and, for a resource without one, the caller's); the account asked for
 * is validated (12 digits or none), so the parts cannot run into each other.
 */
const resourceKeyOf = (c: Checked): string => `${c.resourceArn}|${c.request.resourceAccount ?? ''}|${c.principal.account}`;

function checked(input: StoredRequestInput, request: AuthorizationRequest = toAuthorizationRequest(input)): Checked {
  const principal = describePrincipalCached(request.principal);
  if (!principal) throw badRequest('request.principal', `is not a principal ARN, account id, service principal or "*" (got "${request.principal}")`);
  if (request.resource !== '*' && !parseArn(request.resource)) throw badRequest('request.resource', `is not an ARN or "*" (got "${request.resource}")`);
  // Every object of a bucket shares the bucket's side (model/resource-key.ts): one cache entry per bucket.
  const resourceArn = governingResourceArn(request.resource);
  return {
    request, principal, session: sessionPolicyOf(input.sessionPolicy),
    principalKey: withoutIdentity(principal) ? null : principal.id,
    resourceArn,
  };
}

/** Why one item of a batch could not be decided. */
type ItemError = { readonly code: ErrorCode; readonly message: string };

/** A client error of one item, as a value; anything else (the store failing) fails the whole call. */
function itemError(error: unknown): ItemError {
  if (!(error instanceof ServiceError) || error.code === 'INTERNAL') throw error;
  return { code: error.code, message: error.message };
}

/** NOT_FOUND unless the snapshot holds the caller: its account, and its user or role. */
function requirePrincipal(org: OrgId, version: number, p: PrincipalInfo, snap: PrincipalSnapshot): void {
  const notFound = (why: string) =>
    new ServiceError('NOT_FOUND', `principal ${p.id} not found at version ${version}: ${why}`, { details: { principal: p.id, version } });
  if (!snap.account) throw notFound(`account ${p.account} is not in organization ${org}`);
  if (p.kind === 'user' && !snap.user) throw notFound('no such user');
  if ((p.kind === 'role' || p.kind === 'assumed-role') && !snap.role) throw notFound(`no role ${p.roleName ?? ''} in account ${p.account}`);
}

/** Where decisions read the model: snapshots (compiled on every request), or compiled sides (cached). */
export type DecisionInputs =
  | { readonly snapshots: SnapshotSource; readonly sides?: undefined }
  | { readonly sides: PolicySideSource; readonly snapshots?: undefined };

/**
 * The decision service. With `sides` (server/app.ts passes cached ones), a request compiles nothing:
 * it combines the compiled sides of its principal and resource and runs `decide`. With `snapshots`
 * only, every request assembles and compiles its policies afresh.
 */
export function createDecisionService(deps: DecisionInputs & {
  readonly versions: VersionSource;
  readonly batchMax: number;
  /** Compiles stored documents and session policies; a content-keyed cache in production. */
  readonly compile?: StoredPolicyCompiler;
  /**
   * Remembers decisions that did not read the clock, by request and version (none: every request
   * is decided). `explain` and requests with a session policy always decide afresh.
   */
  readonly memo?: DecisionMemo;
}): DecisionService {
  const { versions, batchMax, memo } = deps;
  const compile = deps.compile ?? compileFresh;
  // INVARIANT: DecisionInputs holds one of the two.
  const sides = deps.sides ?? policySidesOf(deps.snapshots!, compile);

  /**
   * The version to answer from: `version` as asked (synchronously), else the latest, never older
   * than `atLeast`.
   */
  function resolve(org: OrgId, version: number | null | undefined, atLeast: number | null | undefined): MaybePromise<number> {
    const isVersion = (v: number) => Number.isInteger(v) && v >= 0;
    if (atLeast !== undefined && atLeast !== null && !isVersion(atLeast)) {
      throw badRequest('atLeastVersion', `must be a version number (got ${atLeast})`);
    }
    if (version === undefined || version === null) return latest(org, atLeast);
    if (!isVersion(version)) throw badRequest('version', `must be a version number (got ${version})`);
    if (atLeast !== undefined && atLeast !== null && version < atLeast) {
      throw badRequest('version', `is ${version}, older than atLeastVersion ${atLeast}`);
    }
    return version;
  }

  async function latest(org: OrgId, atLeast: number | null | undefined): Promise<number> {
    if (atLeast === undefined || atLeast === null) return fromStore(versions.latestVersion(org));
    const found = await fromStore(versions.latestVersion(org, atLeast));
    if (found < atLeast) {
      throw new ServiceError('NOT_FOUND', `version ${atLeast} does not exist yet (latest is ${found})`, {
        details: { atLeastVersion: atLeast, latestVersion: found },
      });
    }
    return found;
  }

  /**
   * The resource's side; read for "*" too, as it checks the version. An unknown resource has no
   * policy: AWS decides it as a resource without a resource-based policy. One without an account is
   * read again in the caller's (`callerAccountFor`).
   */
  async function readResource(org: OrgId, version: number, c: Checked): Promise<ResourceSide> {
    const side = await fromStore(sides.resourceSide(org, version, c.resourceArn, c.request.resourceAccount));
    const account = callerAccountFor(side.snapshot, c.principal.account);
    return account === undefined ? side : fromStore(sides.resourceSide(org, version, c.resourceArn, account));
  }

  /**
   * `readResource` answered from the in-process cache alone: the side, or undefined when a snapshot
   * it needs is not loaded yet (then `readResource`).
   */
  function cachedResource(org: OrgId, version: number, c: Checked): ResourceSide | undefined {
    if (!sides.cachedResourceSide) return undefined;
    const side = sides.cachedResourceSide(org, version, c.resourceArn, c.request.resourceAccount);
    const account = side && callerAccountFor(side.snapshot, c.principal.account);
    return account === undefined ? side : sides.cachedResourceSide(org, version, c.resourceArn, account);
  }

  /** The principal's side from the in-process cache alone (null: none needed), or undefined when not loaded yet. */
  const cachedPrincipal = (org: OrgId, version: number, c: Checked): PrincipalSide | null | undefined =>
    c.principalKey === null ? null : sides.cachedPrincipalSide?.(org, version, c.principalKey);

  /**
   * Decides one checked request from its loaded sides: synchronous, no I/O. With a memo key, a
   * decision that did not read the clock is remembered under it.
   */
  function decideLoaded(
    org: OrgId, version: number, c: Checked, principalSide: PrincipalSide | null, resourceSide: ResourceSide, explain: boolean, now: Date,
    memoKey: string | undefined,
  ): StoredDecision {
    const { request, principal, session } = c;
    if (principalSide) requirePrincipal(org, version, principal, principalSide.snapshot);
    let clockRead = false;
    const result = decideWithSides(request, principalSide, resourceSide, {
      now, session: session === undefined ? undefined : compile('session', session), recorder: explain ? new TraceRecorder() : undefined,
      onClockRead: memoKey === undefined ? undefined : () => void (clockRead = true),
    });
    const decision: StoredDecision = { ...result, version };
    // Frozen right after the memo took it, before anything else can run and read it.
    if (memoKey !== undefined && !clockRead && memo!.set(memoKey, decision)) freeze(decision);
    return decision;
  }

  /** The memo key of a request about to be decided; undefined when it is not memoized. */
  const memoKeyOf = (org: OrgId, version: number, input: StoredRequestInput, request: AuthorizationRequest): string | undefined =>
    memo === undefined ? undefined : decisionMemoKey(org, version, request, input.sessionPolicy);

  /** The decision the memo remembers under `key`, if any. */
  const recall = (key: string | undefined): StoredDecision | undefined => (key === undefined ? undefined : memo!.get(key));

  /**
   * Decides one request: a remembered decision when the memo has it, else, when both its sides are
   * cached in process (the warm path), without a promise of its own.
   */
  function decideOne(org: OrgId, version: number, input: StoredRequestInput, explain: boolean, now: Date): StoredDecision | Promise<StoredDecision> {
    const request = toAuthorizationRequest(input);
    const key = explain ? undefined : memoKeyOf(org, version, input, request);
    const hit = recall(key);
    if (hit) return hit;
    const c = checked(input, request);
    const principalSide = cachedPrincipal(org, version, c);
    const resourceSide = principalSide === undefined ? undefined : cachedResource(org, version, c);
    if (principalSide !== undefined && resourceSide !== undefined) return decideLoaded(org, version, c, principalSide, resourceSide, explain, now, key);
    return decideLoading(org, version, c, explain, now, key);
  }

  async function decideLoading(org: OrgId, version: number, c: Checked, explain: boolean, now: Date, memoKey: string | undefined): Promise<StoredDecision> {
    const [principalSide, resourceSide] = await Promise.all([
      c.principalKey === null ? null : fromStore(sides.principalSide(org, version, c.principalKey)),
      readResource(org, version, c),
    ]);
    return decideLoaded(org, version, c, principalSide, resourceSide, explain, now, memoKey);
  }

  /**
   * A batch in three steps: check every item, and take those the memo remembers from it; take each
   * distinct principal and resource side of the others once, from the in-process cache when it holds
   * it, else loaded (concurrently, bounded); then decide those items synchronously from their sides,
   * so repeated principals and resources cost one load and items cost no promise of their own.
   */
  async function decideBatch(org: OrgId, version: number, requests: readonly StoredRequestInput[], now: Date): Promise<BatchItem[]> {
    // Items the memo remembers, and those that cannot be checked, are answered at once; the others wait for their sides.
    type Pending = { readonly index: number; readonly checked: Checked; readonly resourceKey: string; readonly memoKey: string | undefined };
    const answers = new Array<BatchItem>(requests.length);
    const pending: Pending[] = [];
    for (let index = 0; index < requests.length; index++) {
      const input = requests[index]!;
      try {
        const request = toAuthorizationRequest(input);
        const memoKey = memoKeyOf(org, version, input, request);
        const hit = recall(memoKey);
        if (hit) answers[index] = { index, result: hit, error: null };
        else {
          const c = checked(input, request);
          pending.push({ index, checked: c, resourceKey: resourceKeyOf(c), memoKey });
        }
      } catch (error) {
        answers[index] = { index, result: null, error: itemError(error) };
      }
    }
    // One representative item per distinct side; its load tells every item needing that side.
    const principalKeys = new Map<string, Checked>();
    const resourceKeys = new Map<string, Checked>();
    for (const { checked: c, resourceKey } of pending) {
      if (c.principalKey !== null && !principalKeys.has(c.principalKey)) principalKeys.set(c.principalKey, c);
      if (!resourceKeys.has(resourceKey)) resourceKeys.set(resourceKey, c);
    }
    type Loaded<T> = T | { readonly error: ItemError };
    const principals = new Map<string, Loaded<PrincipalSide>>();
    const resources = new Map<string, Loaded<ResourceSide>>();
    const settle = async <T>(into: Map<string, Loaded<T>>, key: string, load: () => Promise<T>): Promise<void> => {
      try {
        into.set(key, await load());
      } catch (error) {
        into.set(key, { error: itemError(error) });
      }
    };
    const loads: (() => Promise<void>)[] = [];
    for (const [key, c] of principalKeys) {
      const cached = cachedPrincipal(org, version, c);
      if (cached) principals.set(key, cached);
      else loads.push(() => settle(principals, key, () => fromStore(sides.principalSide(org, version, key))));
    }
    for (const [key, c] of resourceKeys) {
      const cached = cachedResource(org, version, c);
      if (cached) resources.set(key, cached);
      else loads.push(() => settle(resources, key, () => readResource(org, version, c)));
    }
    if (loads.length > 0) await mapConcurrently(loads, LOAD_CONCURRENCY, (load) => load());
    for (const item of pending) answers[item.index] = decidePending(item);
    return answers;

    function decidePending({ index, checked: c, resourceKey, memoKey }: Pending): BatchItem {
      const principalSide = c.principalKey === null ? null : principals.get(c.principalKey)!;
      const resourceSide = resources.get(resourceKey)!;
      if (principalSide && 'error' in principalSide) return { index, result: null, error: principalSide.error };
      if ('error' in resourceSide) return { index, result: null, error: resourceSide.error };
      try {
        return { index, result: decideLoaded(org, version, c, principalSide, resourceSide, false, now, memoKey), error: null };
      } catch (error) {
        return { index, result: null, error: itemError(error) };
      }
    }
  }

  return {
    authorize(org, version, request, options) {
      return thenMaybe(() => resolve(org, version, options.atLeastVersion), (v) => decideOne(org, v, request, options.explain, options.now));
    },
    explain(org, version, request, options) {
      return thenMaybe(() => resolve(org, version, options.atLeastVersion), (v) => decideOne(org, v, request, true, options.now));
    },
    async authorizeBatch(org, version, requests, options) {
      if (requests.length > batchMax) {
        throw new ServiceError('BATCH_TOO_LARGE', `a batch may hold at most ${batchMax} requests (got ${requests.length})`, {
          details: { max: batchMax, got: requests.length },
        });
      }
      const v = await resolve(org, version, options.atLeastVersion);
      if (version !== undefined && version !== null) await fromStore(versions.checkVersion(org, v));
      return decideBatch(org, v, requests, options.now);
    },
  };
}
