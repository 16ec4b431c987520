import type { PolicyDocument, Statement } from '../core/index.js';
import type { PolicyRole } from './entity-policies.js';
import type { PolicyLocator } from './policy-locator.js';

/** A grammar problem that depends on what the policy is used as. */
export interface RoleProblem {
  readonly path: string;
  readonly message: string;
}

/** The AWS managed RCP that allows everything; the only RCP with an Allow statement. */
export const RCP_FULL_AWS_ACCESS = 'p-RCPFullAWSAccess';

type Rule = (s: Statement, loc: PolicyLocator) => RoleProblem | undefined;

const hasPrincipal = (s: Statement): boolean => s.principal !== undefined || s.notPrincipal !== undefined;

// "You cannot use the Principal element in an identity-based policy." — IAM User Guide,
// "IAM JSON policy elements: Principal". SCPs likewise have no Principal (Organizations User Guide, "SCP syntax").
const noPrincipal = (what: string): Rule => (s, loc) =>
  hasPrincipal(s) ? { path: loc.member(s.index, s.principal ? 'Principal' : 'NotPrincipal'), message: `${what} cannot name a principal` } : undefined;

// "You must use the Principal element in resource-based policies." — same page.
const needsPrincipal: Rule = (s, loc) =>
  hasPrincipal(s) ? undefined : { path: loc.statement(s.index), message: 'a resource-based policy statement needs Principal or NotPrincipal' };

// A trust policy's resource is the role itself: IAM rejects Resource in it ("Has prohibited field Resource").
const noResource: Rule = (s, loc) =>
  s.resource || s.notResource ? { path: loc.member(s.index, s.resource ? 'Resource' : 'NotResource'), message: 'a trust policy cannot have Resource or NotResource' } : undefined;

// RCPs: Principal must be "*" and NotPrincipal is not supported — Organizations User Guide, "RCP syntax".
const rcpPrincipal: Rule = (s, loc) => {
  if (s.notPrincipal) return { path: loc.member(s.index, 'NotPrincipal'), message: 'RCPs do not support NotPrincipal' };
  const star = s.principal?.wildcard === true || (s.principal?.aws.length === 1 && s.principal.aws[0] === '*');
  return star ? undefined : { path: loc.member(s.index, 'Principal'), message: 'an RCP statement needs "Principal": "*"' };
};

const rcpDenyOnly: Rule = (s, loc) =>
  s.effect === 'Allow' ? { path: loc.member(s.index, 'Effect'), message: 'customer managed RCPs support only "Effect": "Deny"' } : undefined;

const RULES: Readonly<Record<PolicyRole, readonly Rule[]>> = {
  identity: [noPrincipal('an identity-based policy')],
  scp: [noPrincipal('a service control policy')],
  trust: [needsPrincipal, noResource],
  resource: [needsPrincipal],
  rcp: [rcpPrincipal, rcpDenyOnly],
};

/** Problems of a parsed policy that the generic grammar allows but its use does not. */
export function policyRoleProblems(role: PolicyRole, doc: PolicyDocument, loc: PolicyLocator, policyId?: string): RoleProblem[] {
  const rules = role === 'rcp' && policyId === RCP_FULL_AWS_ACCESS ? [rcpPrincipal] : RULES[role];
  return doc.statements.flatMap((s) => rules.flatMap((rule) => rule(s, loc) ?? []));
}
