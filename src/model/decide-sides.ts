import { decide, MapContext, type AuthorizationRequest, type AuthorizationResult, type CompiledPolicy, type PrincipalInfo, type Recorder } from '../core/index.js';
import { combineLayers } from './assemble.js';
import { principalContextEntries, resourceContextEntries, type ModelContextEntry } from './assemble-context.js';
import type { PrincipalSide, PrincipalSnapshot, ResourceSide, ResourceSnapshot } from './ports.js';

/** Principals decided without a stored identity: anonymous callers, AWS services, web identities. */
export const withoutIdentity = (p: PrincipalInfo): boolean => p.kind === 'anonymous' || p.kind === 'service' || p.kind === 'web-identity';

/**
 * The account to read a resource's snapshot again in: a resource whose account neither the request,
 * its ARN nor the model gives is taken to be in the caller's account, as the core does. Undefined
 * when `snapshot` has its account (or the caller has none): `snapshot` stands.
 */
export const callerAccountFor = (snapshot: ResourceSnapshot, callerAccount: string): string | undefined =>
  snapshot.accountId === null && callerAccount ? callerAccount : undefined;

/**
 * The context of a snapshot's model-supplied keys, built once per snapshot (snapshots are immutable
 * and cached with their sides), not per decision. Entries are set in order, so a later case-variant
 * of a key replaces an earlier one, as when `assembleContext`'s object is read into a `MapContext`.
 */
function contextPerSnapshot<S extends object>(entriesOf: (snapshot: S) => readonly ModelContextEntry[]): (snapshot: S) => MapContext {
  const built = new WeakMap<S, MapContext>();
  return (snapshot) => {
    let ctx = built.get(snapshot);
    if (!ctx) {
      ctx = new MapContext();
      for (const [key, value] of entriesOf(snapshot)) ctx.set(key, value);
      built.set(snapshot, ctx);
    }
    return ctx;
  };
}

const principalContext = contextPerSnapshot<PrincipalSnapshot>(principalContextEntries);
const resourceContext = contextPerSnapshot<ResourceSnapshot>(resourceContextEntries);
const NO_PRINCIPAL = new MapContext();

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
  options: {
    readonly now: Date; readonly session?: CompiledPolicy | undefined; readonly recorder?: Recorder | undefined;
    /** The core's `onClockRead`: told when the decision reads `now`. */
    readonly onClockRead?: (() => void) | undefined;
  },
): AuthorizationResult {
  const p = principal?.snapshot ?? null;
  const set = combineLayers(p, principal, resource, options.session);
  const resourceAccount = request.resourceAccount ?? resource.snapshot.accountId ?? undefined;
  const withAccount: AuthorizationRequest = resourceAccount === request.resourceAccount ? request : { ...request, resourceAccount };
  const decideOptions = {
    now: options.now, contextDefaults: [p ? principalContext(p) : NO_PRINCIPAL, resourceContext(resource.snapshot)], onClockRead: options.onClockRead,
  };
  return options.recorder ? decide(withAccount, set, decideOptions, options.recorder) : decide(withAccount, set, decideOptions);
}
