import type { PrincipalInfo } from '../arn/principal-kind.js';
import type { PrincipalMatch } from '../match/principal.js';
import type { PolicyLayer } from './types.js';
import type { LayerResult } from './layers.js';
import { resourceOnlyCaller } from './special/anonymous.js';

/** The non-organization layers of one decision, after evaluation. */
export interface GrantInputs {
  readonly principal: PrincipalInfo;
  readonly crossAccount: boolean;
  /** The resource policy must allow even within one account (role trust, KMS key policy). */
  readonly resourceRequired: boolean;
  readonly identity: LayerResult;
  readonly boundary: LayerResult;
  readonly session: LayerResult;
  readonly resource: LayerResult;
}

/** Whether the request is granted, and if not, which layers failed to allow. */
export interface GrantOutcome {
  readonly granted: boolean;
  readonly blockedBy: readonly PolicyLayer[];
}

/** The strongest way the resource policy names the caller. */
function resourceGrant(resource: LayerResult): PrincipalMatch | null {
  let best: PrincipalMatch | null = null;
  for (const a of resource.allows) {
    if (a.principalMatch === 'direct') return 'direct';
    if (a.principalMatch === 'role' || (a.principalMatch === 'account' && best === null)) best = a.principalMatch;
  }
  return best;
}

/**
 * Combines identity-side and resource-side allows (IAM User Guide, "Policy evaluation logic" and
 * "Cross-account policy evaluation logic"):
 * - cross-account, both sides must allow: the caller's identity policies (within its boundary and
 *   session policy) and the resource policy;
 * - within one account, either side may grant. A resource policy that names the user, the role
 *   session or the federated user directly is not limited by an implicit deny in the boundary or
 *   session policy; one that names the role is; one that names only the account delegates to IAM;
 * - the account root user has every permission of its account on the identity side.
 */
export function combineGrants(g: GrantInputs): GrantOutcome {
  const { principal, resource } = g;
  const byResource = resourceGrant(resource);
  const resourceAllows = byResource !== null;
  const resourceBlocked: PolicyLayer[] = resourceAllows ? [] : ['RESOURCE'];
  if (resourceOnlyCaller(principal)) return { granted: resourceAllows, blockedBy: resourceBlocked };

  const isRoot = principal.kind === 'root';
  const identityAllows = isRoot || g.identity.allowed;
  const boundaryOk = !g.boundary.applies || g.boundary.allowed;
  const sessionOk = !g.session.applies || g.session.allowed;
  const limits: PolicyLayer[] = [
    ...(boundaryOk ? [] : ['PERMISSION_BOUNDARY' as const]),
    ...(sessionOk ? [] : ['SESSION' as const]),
  ];

  if (g.crossAccount) {
    const blockedBy: PolicyLayer[] = [...(identityAllows ? [] : ['IDENTITY' as const]), ...limits, ...resourceBlocked];
    return { granted: blockedBy.length === 0, blockedBy };
  }
  if (byResource === 'direct') return { granted: true, blockedBy: [] };
  const principalSide = identityAllows || byResource === 'role';
  const needResource = g.resourceRequired && !resourceAllows;
  const granted = principalSide && limits.length === 0 && !needResource;
  if (granted) return { granted, blockedBy: [] };
  const resourceListed = needResource || (resource.applies && !resourceAllows && !identityAllows);
  return {
    granted,
    blockedBy: [...(principalSide ? [] : ['IDENTITY' as const]), ...limits, ...(resourceListed ? ['RESOURCE' as const] : [])],
  };
}
