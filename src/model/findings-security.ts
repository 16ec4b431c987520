import type { PrincipalSpec, Statement } from '../core/index.js';
import type { CheckedPolicy, PolicyFinding } from './findings-context.js';
import { globMatches, splitAction } from './pattern-cover.js';

const isPublic = (p: PrincipalSpec | undefined): boolean => p !== undefined && (p.wildcard || p.aws.includes('*'));

// A trust or resource policy that lets "*" in without a condition grants access to anyone
// (IAM Access Analyzer, "Policy validation check reference": security warnings).
function publicAccess(s: Statement, p: CheckedPolicy): PolicyFinding[] {
  if (s.effect !== 'Allow' || (p.role !== 'trust' && p.role !== 'resource')) return [];
  const out: PolicyFinding[] = [];
  if (isPublic(s.principal) && s.condition.length === 0) {
    out.push({ severity: 'SECURITY_WARNING', code: 'PUBLIC_ACCESS', path: p.loc.member(s.index, 'Principal'), message: 'Allow to every principal ("*") without a condition grants public access' });
  }
  if (s.notPrincipal) {
    out.push({ severity: 'SECURITY_WARNING', code: 'ALLOW_WITH_NOT_PRINCIPAL', path: p.loc.member(s.index, 'NotPrincipal'), message: 'Allow with NotPrincipal grants access to every principal not listed, including anonymous ones' });
  }
  return out;
}

// Only patterns that name the iam service: `*` alone (administrator policies) is left to other reviews.
const matchesPassRole = (pattern: string): boolean =>
  splitAction(pattern)?.service.toLowerCase() === 'iam' && globMatches(pattern, 'iam:PassRole', true);

function passRoleWithStar(s: Statement, p: CheckedPolicy): PolicyFinding[] {
  if (s.effect !== 'Allow' || p.role !== 'identity' || !s.action?.some(matchesPassRole)) return [];
  const star = s.resource?.indexOf('*') ?? -1;
  if (star < 0) return [];
  return [{ severity: 'SECURITY_WARNING', code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', path: p.loc.item(s.index, 'Resource', star), message: 'iam:PassRole on "Resource": "*" lets the holder pass any role, including more privileged ones, to a service' }];
}

function allowWithNotAction(s: Statement, p: CheckedPolicy): PolicyFinding[] {
  if (s.effect !== 'Allow' || !s.notAction || p.role === 'scp' || p.role === 'rcp') return [];
  return [{ severity: 'SECURITY_WARNING', code: 'ALLOW_WITH_NOT_ACTION', path: p.loc.member(s.index, 'NotAction'), message: 'Allow with NotAction grants every action not listed, including those of services added later' }];
}

/** Security warnings: public access, Allow with NotPrincipal or NotAction, iam:PassRole on every role. */
export function securityFindings(p: CheckedPolicy): PolicyFinding[] {
  return p.doc.statements.flatMap((s) => [...publicAccess(s, p), ...passRoleWithStar(s, p), ...allowWithNotAction(s, p)]);
}
