import type { CompiledPolicy } from '../../compile/compile-policy.js';
import type { PrincipalInfo } from '../../arn/principal-kind.js';
import type { Arn } from '../../arn/parse-arn.js';

/** True for a request on a KMS key or alias: the key policy must allow (AWS KMS Developer Guide, "Key policies"). */
export function isKmsKeyRequest(action: string, resource: Arn | undefined): boolean {
  return resource?.service === 'kms' && action.toLowerCase().startsWith('kms:');
}

/**
 * Operations whose cross-account permission is effective (AWS KMS Developer Guide, "Allowing users
 * in other accounts to use a KMS key"): cryptographic operations, CreateGrant, DescribeKey,
 * GetKeyRotationStatus, GetPublicKey, ListGrants, RetireGrant and RevokeGrant.
 */
const CROSS_ACCOUNT_KMS = new Set([
  'decrypt', 'encrypt', 'generatedatakey', 'generatedatakeypair', 'generatedatakeypairwithoutplaintext',
  'generatedatakeywithoutplaintext', 'generatemac', 'reencryptfrom', 'reencryptto', 'sign', 'verify', 'verifymac',
  'derivesharedsecret', 'createGrant'.toLowerCase(), 'describekey', 'getkeyrotationstatus', 'getpublickey',
  'listgrants', 'retiregrant', 'revokegrant',
].map((a) => `kms:${a}`));

/** True when a KMS action can be granted to another account at all. */
export const kmsCrossAccountAllowed = (action: string): boolean => CROSS_ACCOUNT_KMS.has(action.toLowerCase());

/**
 * For an implicit deny on a key: the key policy counts as refusing when it has statements naming
 * the caller itself (or its role) and none of them allowed; a key policy that only delegates to the
 * account leaves the refusal to the IAM policies.
 */
export function keyPolicyNamesCaller(policy: CompiledPolicy | undefined, p: PrincipalInfo): boolean {
  return policy?.statements.some((s) => {
    const m = s.effect === 'Allow' ? s.matchPrincipal?.(p) : null;
    return m === 'direct' || m === 'role';
  }) ?? false;
}
