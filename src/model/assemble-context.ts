import type { AuthorizationRequest } from '../core/index.js';
import type { PrincipalSnapshot, ResourceSnapshot } from './ports.js';
import type { Tags } from './types.js';

/** One context key the model supplies, with its value. */
export type ModelContextEntry = readonly [key: string, value: string | string[]];

const tagEntries = (prefix: string, tags: Tags | undefined): ModelContextEntry[] =>
  Object.entries(tags ?? {}).map(([k, v]) => [`${prefix}/${k}`, v]);

/**
 * Context keys AWS fills in from the caller's model (IAM User Guide, "AWS global condition context
 * keys"): `aws:PrincipalTag/<k>` from the user's or role's tags, `aws:PrincipalOrgID` and
 * `aws:PrincipalOrgPaths` from its account's placement.
 */
export function principalContextEntries(p: PrincipalSnapshot | null): ModelContextEntry[] {
  const out = tagEntries('aws:PrincipalTag', (p?.user ?? p?.role)?.tags);
  if (p?.placement) out.push(['aws:PrincipalOrgID', p.placement.awsOrgId], ['aws:PrincipalOrgPaths', [p.placement.orgPath]]);
  return out;
}

/** `aws:ResourceTag/<k>`, `aws:ResourceOrgID`, `aws:ResourceOrgPaths` and `aws:ResourceAccount` from the resource's model. */
export function resourceContextEntries(r: ResourceSnapshot): ModelContextEntry[] {
  const out = tagEntries('aws:ResourceTag', (r.resource ?? r.role)?.tags);
  if (r.placement) out.push(['aws:ResourceOrgID', r.placement.awsOrgId], ['aws:ResourceOrgPaths', [r.placement.orgPath]]);
  if (r.accountId) out.push(['aws:ResourceAccount', r.accountId]);
  return out;
}

/**
 * The context keys the model supplies for a request (`principalContextEntries`, then
 * `resourceContextEntries`; the first of a key wins). A key the request already carries (in any
 * case: keys are case-insensitive) is left to the request, so callers can model session tags.
 */
export function assembleContext(request: AuthorizationRequest, p: PrincipalSnapshot | null, r: ResourceSnapshot): Record<string, string | string[]> {
  const given = new Set(Object.keys(request.context ?? {}).map((k) => k.toLowerCase()));
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of [...principalContextEntries(p), ...resourceContextEntries(r)]) {
    if (!given.has(key.toLowerCase()) && !Object.hasOwn(out, key)) out[key] = value;
  }
  return out;
}
