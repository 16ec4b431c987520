import type { Arn } from '../../arn/parse-arn.js';

/**
 * True for an STS request on a role: the role's trust policy is its resource policy and must allow,
 * in the same account too (IAM User Guide, "Granting a user permissions to switch roles": both the
 * caller's permissions and the role's trust policy must allow).
 */
export function isRoleTrustRequest(action: string, resource: Arn | undefined): boolean {
  return resource?.service === 'iam' && resource.resource.startsWith('role/') && action.toLowerCase().startsWith('sts:');
}
