import type { PrincipalInfo } from '../arn/principal-kind.js';
import type { PrincipalMatch } from '../match/principal.js';
import type { LayerResult } from './layers.js';
import { BIT, type LayerSet } from './layer-set.js';
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

/** The strongest way the resource policy names the caller. */
export function resourceGrant(resource: LayerResult): PrincipalMatch | null {
  let best: PrincipalMatch | null = null;
  for (const a of resource.allows) {
    if (a.principalMatch === 'direct') return 'direct';
    if (a.principalMatch === 'role' || (a.principalMatch === 'account' && best === null)) best = a.principalMatch;
  }
  return best;
}

/**
 * Combines identity-side and resource-side allows and returns the layers that failed to allow
 * (empty: granted). IAM User Guide, "Policy evaluation logic" and "Cross-account policy evaluation
 * logic":
 * - cross-account, both sides must allow: the caller's identity policies (within its boundary and
 *   session policy) and the resource policy;
 * - within one account, either side may grant. A resource policy that names the user, the role
 *   session or the federated user directly is not limited by an implicit deny in the boundary or
 *   session policy; one that names the role is; one that names only the account delegates to IAM;
 * - the account root user has every permission of its account on the identity side.
 */
export function combineGrants(g: GrantInputs): LayerSet {
  const { principal, resource } = g;
  const byResource = resourceGrant(resource);
  const resourceAllows = byResource !== null;
  const resourceBlocked = resourceAllows ? 0 : BIT.RESOURCE;
  if (resourceOnlyCaller(principal)) return resourceBlocked;

  const identityAllows = principal.kind === 'root' || g.identity.allowed;
  const limits = (g.boundary.applies && !g.boundary.allowed ? BIT.PERMISSION_BOUNDARY : 0)
    | (g.session.applies && !g.session.allowed ? BIT.SESSION : 0);

  if (g.crossAccount) return (identityAllows ? 0 : BIT.IDENTITY) | limits | resourceBlocked;
  if (byResource === 'direct') return 0;
  const principalSide = identityAllows || byResource === 'role';
  const needResource = g.resourceRequired && !resourceAllows;
  if (principalSide && limits === 0 && !needResource) return 0;
  const resourceListed = needResource || (resource.applies && !resourceAllows && !identityAllows);
  return (principalSide ? 0 : BIT.IDENTITY) | limits | (resourceListed ? BIT.RESOURCE : 0);
}
