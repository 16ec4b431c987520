import { decide, type AuthorizationRequest, type AuthorizationResult, type CompiledPolicy, type PrincipalInfo, type Recorder } from '../core/index.js';
import { combineLayers } from './assemble.js';
import { assembleContext } from './assemble-context.js';
import type { PrincipalSide, ResourceSide } from './ports.js';

/** Principals decided without a stored identity: anonymous callers, AWS services, web identities. */
export const withoutIdentity = (p: PrincipalInfo): boolean => p.kind === 'anonymous' || p.kind === 'service' || p.kind === 'web-identity';

/**
 * Decides a request from the compiled sides of its caller (null without a stored identity) and its
 * resource, as every stored decision is made (`authorize`, and the effective-access engine). The
 * model knows whose resource it is when its ARN does not say (S3 buckets and objects); the core needs
 * that account to tell same- from cross-account access. Keys the request carries win over those the
 * model supplies (assembleContext never overrides them either).
 */
export function decideWithSides(
  request: AuthorizationRequest, principal: PrincipalSide | null, resource: ResourceSide,
  options: { readonly now: Date; readonly session?: CompiledPolicy | undefined; readonly recorder?: Recorder | undefined },
): AuthorizationResult {
  const p = principal?.snapshot ?? null;
  const set = combineLayers(p, principal, resource, options.session);
  const resourceAccount = request.resourceAccount ?? resource.snapshot.accountId ?? undefined;
  const withContext: AuthorizationRequest = {
    ...request,
    ...(resourceAccount !== undefined && { resourceAccount }),
    context: { ...assembleContext(request, p, resource.snapshot), ...request.context },
  };
  return options.recorder ? decide(withContext, set, { now: options.now }, options.recorder) : decide(withContext, set, { now: options.now });
}
