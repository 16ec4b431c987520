import type { PrincipalInfo } from '../arn/principal-kind.js';
import type { AuthorizationRequest } from './types.js';
import { MapContext } from './context.js';

/** `aws:PrincipalType` values (IAM User Guide, "AWS global condition context keys"). */
function principalType(p: PrincipalInfo): string | undefined {
  switch (p.kind) {
    case 'root': return 'Account';
    case 'user': return 'User';
    case 'assumed-role': case 'role': return 'AssumedRole';
    case 'federated-user': return 'FederatedUser';
    case 'anonymous': return 'Anonymous';
    case 'service': case 'web-identity': return undefined;
  }
}

/** `aws:userid` where it can be derived from the ARN alone (root: the account id; anonymous). */
function userId(p: PrincipalInfo): string | undefined {
  switch (p.kind) {
    case 'root': return p.account;
    case 'anonymous': return 'anonymous';
    case 'federated-user': return `${p.account}:${p.userName}`;
    default: return undefined;
  }
}

/**
 * Builds the request context: the caller's keys first, then the keys AWS populates itself
 * (`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:username`, `aws:userid`,
 * `aws:ResourceAccount`, `aws:CurrentTime`, `aws:EpochTime`, `aws:PrincipalIsAWSService`) unless the
 * request supplies them. `now` comes in with the request: the core never reads a clock.
 */
export function deriveContext(req: AuthorizationRequest, p: PrincipalInfo, resourceAccount: string, now: Date): MapContext {
  const ctx = new MapContext(req.context);
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '' && !ctx.has(key)) ctx.set(key, value);
  };
  const isCaller = p.kind !== 'anonymous' && p.kind !== 'service' && p.kind !== 'web-identity';
  // For a role session aws:PrincipalArn is the role's ARN, not the session's.
  if (isCaller) put('aws:PrincipalArn', p.kind === 'assumed-role' ? p.roleArn : p.kind === 'role' ? p.roleArn : p.kind === 'root' ? p.accountArn : p.id);
  if (isCaller) put('aws:PrincipalAccount', p.account);
  put('aws:PrincipalType', principalType(p));
  if (p.kind === 'user') put('aws:username', p.userName);
  put('aws:userid', userId(p));
  put('aws:PrincipalIsAWSService', p.kind === 'service' ? 'true' : 'false');
  if (p.kind === 'service') put('aws:PrincipalServiceName', p.id);
  put('aws:ResourceAccount', resourceAccount);
  put('aws:CurrentTime', now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  put('aws:EpochTime', String(Math.floor(now.getTime() / 1000)));
  return ctx;
}
