import type { Effect, PrincipalSpec } from '../policy/types.js';
import type { PrincipalInfo } from '../arn/principal-kind.js';
import { isAccountId } from '../arn/principal-kind.js';
import { parseArn } from '../arn/parse-arn.js';

/**
 * How a `Principal` element matched the caller. The difference matters for what else must allow
 * (IAM User Guide, "Policy evaluation logic"):
 * - `direct`: the caller itself is named (user, role session, federated user, service, `*`);
 * - `role`: the role of a role session is named (limited by its boundary and session policy);
 * - `account`: the caller's account is named (delegates to the account's IAM policies).
 */
export type PrincipalMatch = 'direct' | 'role' | 'account';

/** A compiled `Principal` or `NotPrincipal` element. */
export type PrincipalMatcher = (p: PrincipalInfo) => PrincipalMatch | null;

type Entry = (p: PrincipalInfo) => PrincipalMatch | null;

/** The account an AWS principal entry names, when it names a whole account. */
function namedAccount(value: string): string | undefined {
  if (isAccountId(value)) return value;
  const arn = parseArn(value);
  return arn && arn.service === 'iam' && arn.resource === 'root' ? arn.account : undefined;
}

/** Compiles one `AWS` entry: `*`, an account, or an exact user/role/session/federated-user ARN. */
function awsEntry(value: string): Entry {
  if (value === '*') return (p) => (p.kind === 'service' ? null : 'direct');
  const account = namedAccount(value);
  if (account !== undefined) return (p) => (p.account === account ? 'account' : null);
  const arn = parseArn(value);
  if (arn?.service === 'iam' && arn.resource.startsWith('role/')) {
    const roleArn = roleKey(arn);
    return (p) => {
      if (p.roleArn !== roleArn) return null;
      return p.kind === 'role' ? 'direct' : 'role';
    };
  }
  // Principal ARNs are compared exactly and case-sensitively; wildcards are not allowed here. The IAM
  // user who federated counts like a session's role: limited by the session policy.
  return (p) => (p.id === value ? 'direct' : p.kind === 'federated-user' && p.parentUserArn === value ? 'role' : null);
}

/** Compiles a `Principal` element into a matcher returning how it matched, or null. */
export function compilePrincipalMatcher(spec: PrincipalSpec): PrincipalMatcher {
  if (spec.wildcard) return () => 'direct';
  const entries: Entry[] = [
    ...spec.aws.map(awsEntry),
    ...spec.service.map((s) => (p: PrincipalInfo) => (p.kind === 'service' && p.id.toLowerCase() === s.toLowerCase() ? 'direct' as const : null)),
    ...spec.federated.map((f) => (p: PrincipalInfo) => (p.id === f ? 'direct' as const : null)),
    ...spec.canonicalUser.map((c) => (p: PrincipalInfo) => (p.id === c ? 'direct' as const : null)),
  ];
  return (p) => {
    let best: PrincipalMatch | null = null;
    for (const entry of entries) {
      const m = entry(p);
      if (m === 'direct') return m;
      if (m === 'role' || (m === 'account' && best === null)) best = m;
    }
    return best;
  };
}

/** The canonical form of a role ARN: the path dropped, as a session ARN does not carry it. */
function roleKey(arn: { partition: string; account: string; resource: string }): string {
  return `arn:${arn.partition}:iam::${arn.account}:role/${arn.resource.slice(arn.resource.lastIndexOf('/') + 1)}`;
}

/** The canonical key of one listed `NotPrincipal` entry. */
function listedKey(value: string): string {
  const account = namedAccount(value);
  if (account !== undefined) return `account:${account}`;
  const arn = parseArn(value);
  return arn?.service === 'iam' && arn.resource.startsWith('role/') ? roleKey(arn) : value;
}

/**
 * The identities AWS checks a caller against in `NotPrincipal`: the caller's own ARN, the role of a
 * session, and the account. A caller is excepted only when every one of them is listed (IAM User
 * Guide, "NotPrincipal": name the session, the role and the account).
 */
function identitiesOf(p: PrincipalInfo): string[] {
  const account = `account:${p.account}`;
  switch (p.kind) {
    case 'anonymous': return ['*anonymous*'];
    case 'service': case 'web-identity': return [p.id.toLowerCase()];
    case 'root': return [account];
    case 'assumed-role': return [p.id, p.roleArn!, account];
    case 'role': return [p.roleArn!, account];
    case 'user': case 'federated-user': return [p.id, account];
  }
}

/**
 * Compiles a `NotPrincipal` element. Each identity of the caller (session, role, account) is a
 * principal the statement may cover: a Deny applies when it covers any of them (so an excepted
 * session needs its role and account listed too), an Allow only when it covers all of them.
 */
export function compileNotPrincipalMatcher(spec: PrincipalSpec, effect: Effect): PrincipalMatcher {
  if (spec.wildcard || spec.aws.includes('*')) return () => null;
  const listed = new Set<string>([
    ...spec.aws.map(listedKey),
    ...spec.service.map((s) => s.toLowerCase()), ...spec.federated, ...spec.canonicalUser,
  ]);
  if (effect === 'Deny') return (p) => (identitiesOf(p).every((id) => listed.has(id)) ? null : 'direct');
  return (p) => (identitiesOf(p).some((id) => listed.has(id)) ? null : 'direct');
}
