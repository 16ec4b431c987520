import type { PrincipalInfo } from '../../arn/principal-kind.js';

/**
 * SCPs restrict IAM users, roles and the member accounts' root users; they do not restrict service
 * principals, anonymous callers or service-linked roles (AWS Organizations User Guide, "Tasks and
 * entities not restricted by SCPs").
 */
export function scpExemption(p: PrincipalInfo): string | undefined {
  if (p.serviceLinked) return 'SCPs do not restrict service-linked roles';
  if (p.kind === 'service') return 'SCPs do not restrict service principals';
  if (p.kind === 'anonymous' || p.kind === 'web-identity') return 'SCPs apply only to principals of member accounts';
  return undefined;
}

/** RCPs apply to every caller, anonymous ones too, but not to service principals or service-linked roles. */
export function rcpExemption(p: PrincipalInfo): string | undefined {
  if (p.serviceLinked) return 'RCPs do not restrict service-linked roles';
  if (p.kind === 'service') return 'RCPs do not restrict service principals';
  return undefined;
}
