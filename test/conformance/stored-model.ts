import type { Change } from '../../src/model/changes.js';
import type { PolicyJson } from '../../src/model/types.js';
import type { ConformanceCase } from './load-cases.js';

/** A case turned into a stored organization, one commit, and an `authorize` request. */
export interface StoredCase {
  readonly org: { readonly awsOrgId: string; readonly managementAccountId: string; readonly rootId: string };
  readonly changes: Change[];
  readonly request: {
    principal: string; action: string; resource: string; resourceAccount?: string;
    context?: Record<string, string | string[]>; sessionPolicy?: unknown;
  };
}

const MANAGEMENT = '000000000000';
const FULL_ACCESS: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const NO_TRUST: PolicyJson = { Version: '2012-10-17', Statement: [] };

function accountOf(arn: string): string | undefined {
  if (/^\d{12}$/.test(arn)) return arn;
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** The entity a request's resource policy belongs to: the bucket of an S3 object, else the ARN itself. */
function resourceKey(arn: string): string {
  const s3 = /^arn:aws:s3:::([^/]+)\//.exec(arn);
  return s3 ? `arn:aws:s3:::${s3[1]}` : arn;
}

type Level = { target: string; policies: unknown[] };

/**
 * Places an account under the levels of an SCP or RCP chain: level 0 is the root, the last level the
 * account, the ones between nested OUs. A one-level SCP chain names the root only; the account then
 * gets FullAWSAccess, as AWS attaches by default.
 */
function placeChain(kind: 'SCP' | 'RCP', levels: Level[], account: string, rootId: string, out: { changes: Change[]; targets: Map<string, string[]> }): string {
  let parent = rootId;
  levels.forEach((level, i) => {
    const isRoot = i === 0;
    const isAccount = i === levels.length - 1 && levels.length > 1;
    const target = isRoot ? rootId : isAccount ? account : level.target.startsWith('ou-') ? level.target : `ou-lvl${i}`;
    if (!isRoot && !isAccount) {
      out.changes.push({ op: 'put', kind: 'ou', body: { id: target, name: target, parentId: parent, scps: [], rcps: [] } });
      parent = target;
    }
    const ids = level.policies.map((document, j) => {
      const id = `p-${kind.toLowerCase()}${i}a${j}conf`;
      out.changes.push({ op: 'put', kind: 'orgPolicy', body: { id, name: id, type: kind, document: document as PolicyJson } });
      return id;
    });
    out.targets.set(`${kind}:${target}`, ids);
  });
  if (kind === 'SCP' && levels.length === 1) {
    out.changes.push({ op: 'put', kind: 'orgPolicy', body: { id: 'p-fullaccess', name: 'FullAWSAccess', type: 'SCP', document: FULL_ACCESS } });
    out.targets.set(`SCP:${account}`, ['p-fullaccess']);
  }
  return parent;
}

/** Converts one conformance case into a stored model, so `authorize` must reach the case's decision. */
export function storedCase(c: ConformanceCase): StoredCase {
  const { request, policies } = c;
  const principalAccount = accountOf(request.principal);
  const resourceAccount = request.resourceAccount ?? accountOf(request.resource) ?? principalAccount ?? '111111111111';
  const rootId = policies.scp?.[0]?.target.startsWith('r-') ? policies.scp[0].target : policies.rcp?.[0]?.target.startsWith('r-') ? policies.rcp[0].target : 'r-conf';
  const out = { changes: [] as Change[], targets: new Map<string, string[]>() };
  const inOrg = new Map<string, string>(); // account → parent
  if (policies.scp && principalAccount) inOrg.set(principalAccount, placeChain('SCP', policies.scp, principalAccount, rootId, out));
  if (policies.rcp) inOrg.set(resourceAccount, placeChain('RCP', policies.rcp, resourceAccount, rootId, out));

  const attached = (kind: 'SCP' | 'RCP', target: string) => out.targets.get(`${kind}:${target}`) ?? [];
  const head: Change[] = [{ op: 'put', kind: 'root', body: { id: rootId, scpEnabled: !!policies.scp, rcpEnabled: !!policies.rcp, scps: attached('SCP', rootId), rcps: attached('RCP', rootId) } }];
  const ous = out.changes.filter((ch) => ch.op === 'put' && ch.kind === 'ou').map((ch) => {
    const body = (ch as Extract<Change, { kind: 'ou' }>).body;
    return { ...ch, body: { ...body, scps: attached('SCP', body.id), rcps: attached('RCP', body.id) } } as Change;
  });
  const orgPolicies = out.changes.filter((ch) => ch.op === 'put' && ch.kind === 'orgPolicy');
  const accounts = [...new Set([principalAccount, resourceAccount].filter((a): a is string => !!a))].map((id): Change => ({
    op: 'put', kind: 'account',
    body: { id, name: id, parentId: inOrg.get(id) ?? '', tags: {}, scps: attached('SCP', id), rcps: attached('RCP', id) },
  }));
  const changes: Change[] = [...head, ...orgPolicies, ...ous, ...accounts, ...principalChanges(c, principalAccount)];
  changes.push(...resourceChanges(c, resourceAccount, changes));
  return {
    org: { awsOrgId: 'o-conformance', managementAccountId: MANAGEMENT, rootId },
    changes,
    request: {
      principal: request.principal, action: request.action, resource: request.resource,
      ...(request.resourceAccount ? { resourceAccount: request.resourceAccount } : {}),
      ...(request.context ? { context: request.context } : {}),
      ...(policies.session ? { sessionPolicy: policies.session } : {}),
    },
  };
}

/** The caller's entity: an IAM user (also for a federated user: the user who federated) or a role. */
function principalChanges(c: ConformanceCase, account: string | undefined): Change[] {
  const { principal } = c.request;
  const identity = (c.policies.identity ?? []).map((document, i) => ({ name: `identity${i}`, document: document as PolicyJson }));
  const boundaryArn = `arn:aws:iam::${account}:policy/conformance-boundary`;
  const boundary: Change[] = c.policies.permissionBoundary
    ? [{ op: 'put', kind: 'policy', body: { arn: boundaryArn, name: 'conformance-boundary', path: '/', accountId: account!, document: c.policies.permissionBoundary as PolicyJson } }]
    : [];
  const permissionsBoundary = c.policies.permissionBoundary ? boundaryArn : null;
  const user = /^arn:aws:(?:iam::(\d{12}):user\/(.*)|sts::(\d{12}):federated-user\/(.*))$/.exec(principal);
  if (user) {
    const full = user[2] ?? user[4]!;
    const name = full.slice(full.lastIndexOf('/') + 1);
    const path = user[2] ? `/${full.slice(0, full.lastIndexOf('/') + 1)}`.replace(/^\/\//, '/') : '/';
    return [...boundary, { op: 'put', kind: 'user', body: {
      arn: `arn:aws:iam::${account}:user${path}${name}`, accountId: account!, name, path, tags: {}, groups: [],
      permissionsBoundary, inlinePolicies: identity, managedPolicies: [],
    } }];
  }
  const role = /^arn:aws:(?:iam::(\d{12}):role\/(.*)|sts::(\d{12}):assumed-role\/([^/]+)\/.*)$/.exec(principal);
  if (role) {
    const full = role[2] ?? role[4]!;
    const name = full.slice(full.lastIndexOf('/') + 1);
    const path = role[2] ? `/${full.slice(0, full.lastIndexOf('/') + 1)}`.replace(/^\/\//, '/') : '/';
    return [...boundary, { op: 'put', kind: 'role', body: {
      arn: `arn:aws:iam::${account}:role${path}${name}`, accountId: account!, name, path, tags: {}, trustPolicy: NO_TRUST,
      permissionsBoundary, inlinePolicies: identity, managedPolicies: [],
      serviceLinked: path.startsWith('/aws-service-role/') || name.startsWith('AWSServiceRoleFor'),
    } }];
  }
  return boundary;
}

/** The resource's policy: a role's trust policy for a role ARN, else a resource entity. */
function resourceChanges(c: ConformanceCase, account: string, before: Change[]): Change[] {
  const policy = c.policies.resource as PolicyJson | null | undefined;
  if (!policy) return [];
  const { resource } = c.request;
  const role = /^arn:aws:iam::(\d{12}):role\/(.*)$/.exec(resource);
  if (role) {
    const existing = before.find((ch) => ch.op === 'put' && ch.kind === 'role' && ch.body.arn === resource);
    if (existing && existing.op === 'put' && existing.kind === 'role') return [{ op: 'put', kind: 'role', body: { ...existing.body, trustPolicy: policy } }];
    const full = role[2]!;
    const name = full.slice(full.lastIndexOf('/') + 1);
    return [{ op: 'put', kind: 'role', body: {
      arn: resource, accountId: role[1]!, name, path: `/${full.slice(0, full.lastIndexOf('/') + 1)}`.replace(/^\/\//, '/'), tags: {},
      trustPolicy: policy, permissionsBoundary: null, inlinePolicies: [], managedPolicies: [], serviceLinked: false,
    } }];
  }
  return [{ op: 'put', kind: 'resource', body: { arn: resourceKey(resource), accountId: account, policy, tags: {} } }];
}
