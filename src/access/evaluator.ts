import { compilePolicy, describePrincipalCached, parsePolicy } from '../core/index.js';
import type { AuthorizationRequest, AuthorizationResult, CompiledPolicy, ContextInput, PolicyDocument, PrincipalInfo } from '../core/index.js';
import { principalLayers, resourceLayers } from '../model/assemble.js';
import { callerAccountFor, decideWithSides, withoutIdentity } from '../model/decide-sides.js';
import type { PrincipalSide, ResourceSide } from '../model/ports.js';
import { indexOf, type ModelIndex } from './model-index.js';
import { principalSnapshot, resourceSnapshot } from './snapshots.js';
import type { ModelVersion } from './types.js';

/** A request as the engine asks it: `authorize`'s input without a session policy. */
export interface EngineRequest {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount?: string;
  readonly context?: ContextInput;
}

const CACHE_LIMIT = 50_000;
const compiled = new Map<string, CompiledPolicy>();
const parsed = new Map<string, PolicyDocument>();
const NOTHING: PolicyDocument = { version: '2012-10-17', statements: [] };

/**
 * A stored document, parsed once per content. INVARIANT: commits store only documents that
 * parsePolicy accepted; one that no longer parses is read as allowing nothing.
 */
export function parseStored(json: unknown): PolicyDocument {
  // Versions share the body objects of unchanged entities (a change set shares its base's): by identity first.
  const byObject = typeof json === 'object' && json !== null ? parsedByObject.get(json) : undefined;
  if (byObject) return byObject;
  const key = JSON.stringify(json);
  let doc = parsed.get(key);
  if (!doc) {
    const result = parsePolicy(json);
    doc = result.ok ? result.value : NOTHING;
    if (parsed.size >= CACHE_LIMIT) parsed.clear();
    parsed.set(key, doc);
  }
  if (typeof json === 'object' && json !== null) parsedByObject.set(json, doc);
  return doc;
}

const parsedByObject = new WeakMap<object, PolicyDocument>();

/**
 * Compiles a stored document, shared by content across versions (a one-policy edit between two
 * versions recompiles one policy, as the service's content-hash cache does).
 */
export function compileStored(id: string, json: unknown): CompiledPolicy {
  const holder = typeof json === 'object' && json !== null ? json : undefined;
  const byId = holder ? compiledByObject.get(holder) : undefined;
  const hit = byId?.get(id);
  if (hit) return hit;
  const key = `${id}\u0000${JSON.stringify(json)}`;
  let policy = compiled.get(key);
  if (!policy) {
    policy = compilePolicy(id, parseStored(json));
    if (compiled.size >= CACHE_LIMIT) compiled.clear();
    compiled.set(key, policy);
  }
  if (holder) {
    if (byId) byId.set(id, policy);
    else compiledByObject.set(holder, new Map([[id, policy]]));
  }
  return policy;
}

const compiledByObject = new WeakMap<object, Map<string, CompiledPolicy>>();

interface Sides {
  readonly principals: Map<string, PrincipalSide>;
  readonly resources: Map<string, ResourceSide>;
}

const sidesByVersion = new WeakMap<ModelVersion, Sides>();

function sidesOf(model: ModelVersion): Sides {
  let sides = sidesByVersion.get(model);
  if (!sides) {
    sides = { principals: new Map(), resources: new Map() };
    sidesByVersion.set(model, sides);
  }
  return sides;
}

/** The caller's compiled side at a version, memoised per version (the service's `principalSide`). */
export function principalSideOf(model: ModelVersion, arn: string): PrincipalSide {
  const memo = sidesOf(model).principals;
  let side = memo.get(arn);
  if (!side) {
    const snapshot = principalSnapshot(indexOf(model), arn);
    side = { snapshot, ...principalLayers(snapshot, compileStored) };
    memo.set(arn, side);
  }
  return side;
}

/** The resource's compiled side at a version, memoised per version (the service's `resourceSide`). */
export function resourceSideOf(model: ModelVersion, arn: string, account?: string): ResourceSide {
  const memo = sidesOf(model).resources;
  const key = `${arn}|${account ?? ''}`;
  let side = memo.get(key);
  if (!side) {
    const snapshot = resourceSnapshot(indexOf(model), arn, account);
    side = { snapshot, ...resourceLayers(snapshot, compileStored) };
    memo.set(key, side);
  }
  return side;
}

/**
 * True when the principal can make requests at the version: a modelled user or role, the root of a
 * modelled account, or any principal of an account outside the model (decided with what the model
 * knows of it: nothing, so only resource policies can grant it). A user or role missing from a
 * modelled account does not exist there.
 */
export function principalExists(index: ModelIndex, p: PrincipalInfo): boolean {
  if (withoutIdentity(p) || !index.accounts.has(p.account)) return true;
  const snap = principalSnapshot(index, p.id);
  if (p.kind === 'user' || p.kind === 'federated-user') return snap.user !== null;
  if (p.kind === 'role' || p.kind === 'assumed-role') return snap.role !== null;
  return true;
}

const ABSENT: AuthorizationResult = Object.freeze({ decision: 'IMPLICIT_DENY', allowed: false, blockedBy: Object.freeze(['IDENTITY'] as const), decisiveStatements: Object.freeze([]) });

/**
 * Decides a request at a version exactly as `DecisionService.authorize` does: the same compiled
 * sides, decided by the same `decideWithSides` (model/decide-sides.ts). A principal that does not
 * exist at the version is implicitly denied.
 */
export function decideAt(model: ModelVersion, req: EngineRequest, now: Date): AuthorizationResult {
  const principal = describePrincipalCached(req.principal);
  if (!principal || !principalExists(indexOf(model), principal)) return ABSENT;
  const side = withoutIdentity(principal) ? null : principalSideOf(model, principal.id);
  let resource = resourceSideOf(model, req.resource, req.resourceAccount);
  const account = callerAccountFor(resource.snapshot, principal.account);
  if (account !== undefined) resource = resourceSideOf(model, req.resource, account);
  const request: AuthorizationRequest = { principal: req.principal, action: req.action, resource: req.resource, ...(req.context ? { context: req.context } : {}) };
  return decideWithSides(request, side, resource, { now });
}
