import { decide, MapContext, type AuthorizationRequest, type AuthorizationResult, type CompiledPolicy, type PrincipalInfo, type Recorder } from '../core/index.js';
import { combineLayers } from './assemble.js';
import { principalContextEntries, resourceContextEntries, type ModelContextEntry } from './assemble-context.js';
import type { PrincipalSide, PrincipalSnapshot, ResourceSide, ResourceSnapshot } from './ports.js';

/** Principals decided without a stored identity: anonymous callers, AWS services, web identities. */
export const withoutIdentity = (p: PrincipalInfo): boolean => p.kind === 'anonymous' || p.kind === 'service' || p.kind === 'web-identity';

/** A context of model-supplied keys; the first entry of a key wins (as in `assembleContext`). */
function contextOf(entries: readonly ModelContextEntry[]): MapContext {
  const ctx = new MapContext();
  for (const [key, value] of entries) if (!ctx.has(key)) ctx.set(key, value);
  return ctx;
}

// Built once per snapshot (snapshots are immutable and cached with their sides), not per decision.
const principalContexts = new WeakMap<PrincipalSnapshot, MapContext>();
const resourceContexts = new WeakMap<ResourceSnapshot, MapContext>();
const EMPTY = new MapContext();

function principalContext(p: PrincipalSnapshot | null): MapContext {
  if (!p) return EMPTY;
  let ctx = principalContexts.get(p);
  if (!ctx) principalContexts.set(p, (ctx = contextOf(principalContextEntries(p))));
  return ctx;
}

function resourceContext(r: ResourceSnapshot): MapContext {
  let ctx = resourceContexts.get(r);
  if (!ctx) resourceContexts.set(r, (ctx = contextOf(resourceContextEntries(r))));
  return ctx;
}

/**
 * Decides a request from the compiled sides of its caller (null without a stored identity) and its
 * resource, as every stored decision is made (`authorize`, and the effective-access engine). The
 * model knows whose resource it is when its ARN does not say (S3 buckets and objects); the core needs
 * that account to tell same- from cross-account access. Keys the request carries win over those the
 * model supplies (the core's `contextDefaults`: the principal's, then the resource's, each built
 * once per snapshot), as in `assembleContext`.
 */
export function decideWithSides(
  request: AuthorizationRequest, principal: PrincipalSide | null, resource: ResourceSide,
  options: { readonly now: Date; readonly session?: CompiledPolicy | undefined; readonly recorder?: Recorder | undefined },
): AuthorizationResult {
  const p = principal?.snapshot ?? null;
  const set = combineLayers(p, principal, resource, options.session);
  const resourceAccount = request.resourceAccount ?? resource.snapshot.accountId ?? undefined;
  const withAccount: AuthorizationRequest = resourceAccount === request.resourceAccount ? request : { ...request, resourceAccount };
  const decideOptions = { now: options.now, contextDefaults: [principalContext(p), resourceContext(resource.snapshot)] };
  return options.recorder ? decide(withAccount, set, decideOptions, options.recorder) : decide(withAccount, set, decideOptions);
}
