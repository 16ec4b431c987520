import type { PrincipalInfo } from '../../arn/principal-kind.js';

/**
 * Callers without identity-based policies (anonymous, service principals, web identities) can only
 * be granted by the resource policy (IAM User Guide, "Policy evaluation logic").
 */
export const resourceOnlyCaller = (p: PrincipalInfo): boolean =>
  p.kind === 'anonymous' || p.kind === 'service' || p.kind === 'web-identity';
