import type { AuthorizationRequest } from '../core/index.js';
import type { PrincipalSnapshot, ResourceSnapshot } from './ports.js';
import type { Tags } from './types.js';

/**
 * Context keys AWS fills in from the model (IAM User Guide, "AWS global condition context keys"):
 * `aws:PrincipalTag/<k>` from the user's or role's tags, `aws:PrincipalOrgID` and
 * `aws:PrincipalOrgPaths` from the principal's account placement, `aws:ResourceTag/<k>`,
 * `aws:ResourceOrgID`, `aws:ResourceOrgPaths` and `aws:ResourceAccount` from the resource's.
 * A key the request already carries (in any case: keys are case-insensitive) is left to the request,
 * so callers can model session tags.
 */
export function assembleContext(request: AuthorizationRequest, p: PrincipalSnapshot | null, r: ResourceSnapshot): Record<string, string | string[]> {
  const given = new Set(Object.keys(request.context ?? {}).map((k) => k.toLowerCase()));
  const out: Record<string, string | string[]> = {};
  const add = (key: string, value: string | string[]): void => {
    if (!given.has(key.toLowerCase()) && !Object.hasOwn(out, key)) out[key] = value;
  };
  const addTags = (prefix: string, tags: Tags | undefined): void => {
    for (const [k, v] of Object.entries(tags ?? {})) add(`${prefix}/${k}`, v);
  };
  addTags('aws:PrincipalTag', (p?.user ?? p?.role)?.tags);
  if (p?.placement) {
    add('aws:PrincipalOrgID', p.placement.awsOrgId);
    add('aws:PrincipalOrgPaths', [p.placement.orgPath]);
  }
  addTags('aws:ResourceTag', (r.resource ?? r.role)?.tags);
  if (r.placement) {
    add('aws:ResourceOrgID', r.placement.awsOrgId);
    add('aws:ResourceOrgPaths', [r.placement.orgPath]);
  }
  if (r.accountId) add('aws:ResourceAccount', r.accountId);
  return out;
}
