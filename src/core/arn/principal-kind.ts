import { parseArn } from './parse-arn.js';

/** The kinds of principal a request can come from. */
export type PrincipalKind = 'root' | 'user' | 'role' | 'assumed-role' | 'federated-user' | 'service' | 'anonymous' | 'web-identity';

/** Everything the evaluator needs to know about who is asking. */
export interface PrincipalInfo {
  readonly kind: PrincipalKind;
  /** The principal as given (ARN, service name, `*`). */
  readonly id: string;
  readonly partition: string;
  /** Owning account; empty for services, anonymous callers and web identities. */
  readonly account: string;
  /** `arn:aws:iam::ACCOUNT:root` for principals with an account. */
  readonly accountArn: string;
  /** For roles and role sessions: `arn:aws:iam::ACCOUNT:role/Name` (the path is not known from a session ARN). */
  readonly roleArn?: string;
  readonly roleName?: string;
  readonly sessionName?: string;
  readonly userName?: string;
  /**
   * For federated users: the IAM user who called GetFederationToken. An ARN does not say who that
   * was; the core assumes the IAM user of the same name, and the stored model can say better.
   */
  readonly parentUserArn?: string;
  /** Role under `/aws-service-role/`, or a session of a role named `AWSServiceRoleFor…`. */
  readonly serviceLinked: boolean;
}

const ANONYMOUS: PrincipalInfo = {
  kind: 'anonymous', id: '*', partition: 'aws', account: '', accountArn: '', serviceLinked: false,
};

/** Recognises an account id: twelve digits. */
export const isAccountId = (s: string): boolean => /^\d{12}$/.test(s);

/**
 * Classifies a principal: account id or root ARN, IAM user, role, assumed-role session, federated
 * user, service principal (`name.amazonaws.com`), anonymous (`*`), or a web identity / SAML
 * provider (anything else, e.g. `cognito-identity.amazonaws.com` is a service-like federated name).
 * Undefined when an ARN is malformed.
 */
export function describePrincipal(principal: string): PrincipalInfo | undefined {
  if (principal === '*' || principal === 'anonymous') return ANONYMOUS;
  if (isAccountId(principal)) return rootOf('aws', principal, principal);
  const arn = parseArn(principal);
  if (!arn) {
    if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(principal)) {
      return { kind: 'service', id: principal, partition: 'aws', account: '', accountArn: '', serviceLinked: false };
    }
    if (principal.includes(':') || principal.includes('/')) return undefined;
    return { kind: 'web-identity', id: principal, partition: 'aws', account: '', accountArn: '', serviceLinked: false };
  }
  const { partition, service, account, resource } = arn;
  if (!isAccountId(account)) return undefined;
  const accountArn = `arn:${partition}:iam::${account}:root`;
  const base = { id: principal, partition, account, accountArn, serviceLinked: false };
  const slash = resource.indexOf('/');
  const type = slash < 0 ? resource : resource.slice(0, slash);
  const rest = slash < 0 ? '' : resource.slice(slash + 1);
  if (service === 'iam' && resource === 'root') return rootOf(partition, account, principal);
  if (service === 'iam' && type === 'user' && rest) {
    return { ...base, kind: 'user', userName: rest.slice(rest.lastIndexOf('/') + 1) };
  }
  if (service === 'iam' && type === 'role' && rest) {
    const roleName = rest.slice(rest.lastIndexOf('/') + 1);
    return {
      ...base, kind: 'role', roleName, roleArn: `arn:${partition}:iam::${account}:role/${roleName}`,
      serviceLinked: rest.startsWith('aws-service-role/'),
    };
  }
  if (service === 'sts' && type === 'assumed-role') {
    const [roleName, sessionName] = rest.split('/');
    if (!roleName || !sessionName) return undefined;
    return {
      ...base, kind: 'assumed-role', roleName, sessionName,
      roleArn: `arn:${partition}:iam::${account}:role/${roleName}`,
      serviceLinked: roleName.startsWith('AWSServiceRoleFor'),
    };
  }
  if (service === 'sts' && type === 'federated-user' && rest) {
    return { ...base, kind: 'federated-user', userName: rest, parentUserArn: `arn:${partition}:iam::${account}:user/${rest}` };
  }
  if (service === 'iam' && (type === 'oidc-provider' || type === 'saml-provider')) {
    return { ...base, kind: 'web-identity' };
  }
  return undefined;
}

function rootOf(partition: string, account: string, id: string): PrincipalInfo {
  const accountArn = `arn:${partition}:iam::${account}:root`;
  return { kind: 'root', id, partition, account, accountArn, serviceLinked: false };
}

const MEMO_LIMIT = 10_000;
/** null: the text is not a principal (remembered too). */
const memo = new Map<string, PrincipalInfo | null>();

/** `describePrincipal`, memoised (bounded): callers ask about the same principals again and again. */
export function describePrincipalCached(principal: string): PrincipalInfo | undefined {
  const known = memo.get(principal); // one lookup: every decision asks at least once
  if (known !== undefined) return known ?? undefined;
  const info = describePrincipal(principal);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(principal, info ?? null);
  return info;
}

/** Principals whose identity-based policies exist (IAM users, roles and their sessions, root). */
export const hasIdentity = (p: PrincipalInfo): boolean =>
  p.kind === 'user' || p.kind === 'role' || p.kind === 'assumed-role' || p.kind === 'federated-user' || p.kind === 'root';
