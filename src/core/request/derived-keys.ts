import type { PrincipalInfo } from '../arn/principal-kind.js';
import type { AuthorizationRequest, RequestContext } from './types.js';
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

const isCaller = (p: PrincipalInfo): boolean => p.kind !== 'anonymous' && p.kind !== 'service' && p.kind !== 'web-identity';

/** For a role session `aws:PrincipalArn` is the role's ARN, not the session's; for root the account's. */
function principalArn(p: PrincipalInfo): string | undefined {
  if (!isCaller(p)) return undefined;
  if (p.kind === 'assumed-role' || p.kind === 'role') return p.roleArn;
  return p.kind === 'root' ? p.accountArn : p.id;
}

/** The value AWS itself puts in the request context for a (lower-cased) key, if any. */
function derivedValue(key: string, p: PrincipalInfo, resourceAccount: string, now: Date): string | undefined {
  switch (key) {
    case 'aws:principalarn': return principalArn(p);
    case 'aws:principalaccount': return isCaller(p) ? p.account : undefined;
    case 'aws:principaltype': return principalType(p);
    case 'aws:username': return p.kind === 'user' ? p.userName : undefined;
    case 'aws:userid': return userId(p);
    case 'aws:principalisawsservice': return p.kind === 'service' ? 'true' : 'false';
    case 'aws:principalservicename': return p.kind === 'service' ? p.id : undefined;
    case 'aws:resourceaccount': return resourceAccount || undefined;
    case 'aws:currenttime': return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    case 'aws:epochtime': return String(Math.floor(now.getTime() / 1000));
    default: return undefined;
  }
}

/**
 * The request context: the caller's keys first, then the environment's defaults (keys the caller's
 * model supplies, e.g. `aws:PrincipalTag/*`, in order), then the keys AWS populates itself
 * (`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:username`, `aws:userid`,
 * `aws:ResourceAccount`, `aws:CurrentTime`, `aws:EpochTime`, `aws:PrincipalIsAWSService`) unless the
 * request supplies them. Both are built lazily, on the first lookup, since most decisions read no
 * context at all. `now` comes in with the request: the core never reads a clock.
 */
class DerivedContext implements RequestContext {
  private explicit: MapContext | undefined;
  private derived: Map<string, readonly string[] | undefined> | undefined;

  constructor(
    private readonly input: AuthorizationRequest['context'],
    private readonly defaults: readonly RequestContext[],
    private readonly principal: PrincipalInfo,
    private readonly resourceAccount: string,
    private readonly now: Date,
    private readonly onClockRead: (() => void) | undefined,
  ) {}

  get(key: string): readonly string[] | undefined {
    const k = key.toLowerCase();
    if (this.input) {
      this.explicit ??= new MapContext(this.input);
      const given = this.explicit.get(k);
      if (given) return given;
    }
    for (const d of this.defaults) {
      const given = d.get(k);
      if (given) return given;
    }
    this.derived ??= new Map();
    if (this.derived.has(k)) return this.derived.get(k);
    if (this.onClockRead && (k === 'aws:currenttime' || k === 'aws:epochtime')) this.onClockRead();
    const value = derivedValue(k, this.principal, this.resourceAccount, this.now);
    const values = value === undefined || value === '' ? undefined : [value];
    this.derived.set(k, values);
    return values;
  }

  isMultiValued(key: string): boolean {
    if (this.input !== undefined) {
      this.explicit ??= new MapContext(this.input);
      if (this.explicit.get(key)) return this.explicit.isMultiValued(key);
    }
    for (const d of this.defaults) if (d.get(key)) return d.isMultiValued(key);
    return false;
  }
}

const NO_DEFAULTS: readonly RequestContext[] = Object.freeze([]);

/**
 * Builds the request context for one decision; `defaults` answer keys the request does not carry
 * (the first that has a key wins), before the keys AWS derives. `onClockRead` is called when a key
 * is derived from `now` (`aws:CurrentTime`, `aws:EpochTime`): the only way `now` reaches a decision.
 */
export function deriveContext(
  req: AuthorizationRequest, p: PrincipalInfo, resourceAccount: string, now: Date, defaults: readonly RequestContext[] = NO_DEFAULTS,
  onClockRead?: () => void,
): RequestContext {
  return new DerivedContext(req.context, defaults, p, resourceAccount, now, onClockRead);
}
