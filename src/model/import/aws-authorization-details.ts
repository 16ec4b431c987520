import { err, ok, type Result } from '../../core/index.js';
import type { Change } from '../changes.js';
import type { Group, InlinePolicy, ManagedPolicy, Role, User } from '../types.js';
import { iamArn, parseIamArn, type IamArn } from '../iam-arn.js';
import type { ImportProblem } from './import-problem.js';
import { isJson, JsonReader, type Json } from './json-reader.js';

/** Options of `changesFromAuthorizationDetails`. */
export interface AuthorizationDetailsOptions {
  /** Managed policy ARNs already in the model: references to them are not reported as missing. */
  readonly existingPolicyArns?: Iterable<string>;
}

/** Reads one export, remembering every managed policy ARN it references. */
class DetailsReader extends JsonReader {
  readonly referenced = new Map<string, string>();

  arn(o: Json, path: string, type: IamArn['type']): IamArn | undefined {
    const text = this.str(o, 'Arn', path);
    const arn = parseIamArn(text);
    if (text && arn?.type !== type) this.problem('INVALID_FORMAT', `${path}.Arn`, `expected an IAM ${type} ARN, got ${JSON.stringify(text)}`);
    return arn?.type === type ? arn : undefined;
  }

  inline(o: Json, field: string, path: string): InlinePolicy[] {
    return this.objects(o, field, path).map(([p, at]) => ({ name: this.str(p, 'PolicyName', at), document: this.document(p['PolicyDocument'], `${at}.PolicyDocument`) }));
  }

  managed(o: Json, path: string): string[] {
    return this.objects(o, 'AttachedManagedPolicies', path).map(([p, at]) => this.reference(this.str(p, 'PolicyArn', at), `${at}.PolicyArn`));
  }

  boundary(o: Json, path: string): string | null {
    const b = o['PermissionsBoundary'];
    return isJson(b) ? this.reference(this.str(b, 'PermissionsBoundaryArn', `${path}.PermissionsBoundary`), `${path}.PermissionsBoundary`) : null;
  }

  private reference(arn: string, path: string): string {
    if (arn && !this.referenced.has(arn)) this.referenced.set(arn, path);
    return arn;
  }
}

const holderOf = (arn: IamArn) => ({ arn: iamArn(arn), accountId: arn.account, name: arn.name, path: arn.path });

// The default version's document is the one AWS evaluates ("Versioning IAM policies").
function policyOf(r: DetailsReader, o: Json, at: string): ManagedPolicy | undefined {
  const arn = r.arn(o, at, 'policy');
  const versionId = r.str(o, 'DefaultVersionId', at);
  const versions = r.objects(o, 'PolicyVersionList', at);
  const found = versions.find(([v]) => v['VersionId'] === versionId) ?? versions.find(([v]) => v['IsDefaultVersion'] === true);
  if (!found) {
    r.problem('MISSING_DEFAULT_VERSION', `${at}.PolicyVersionList`, `no version ${JSON.stringify(versionId)} in PolicyVersionList`);
    return undefined;
  }
  const document = r.document(found[0]['Document'], `${found[1]}.Document`);
  return arn ? { ...holderOf(arn), document } : undefined;
}

function groupOf(r: DetailsReader, o: Json, at: string): Group | undefined {
  const arn = r.arn(o, at, 'group');
  const body = { inlinePolicies: r.inline(o, 'GroupPolicyList', at), managedPolicies: r.managed(o, at) };
  return arn ? { ...holderOf(arn), ...body } : undefined;
}

function userOf(r: DetailsReader, o: Json, at: string, groupArns: ReadonlyMap<string, string>): User | undefined {
  const arn = r.arn(o, at, 'user');
  const groups = r.strings(o, 'GroupList', at).flatMap((name, i) => {
    const g = groupArns.get(name);
    if (!g) r.problem('UNKNOWN_GROUP', `${at}.GroupList[${i}]`, `group ${JSON.stringify(name)} is not in GroupDetailList`);
    return g ? [g] : [];
  });
  const body = {
    inlinePolicies: r.inline(o, 'UserPolicyList', at), managedPolicies: r.managed(o, at),
    tags: r.tags(o['Tags'], `${at}.Tags`), groups, permissionsBoundary: r.boundary(o, at),
  };
  return arn ? { ...holderOf(arn), ...body } : undefined;
}

function roleOf(r: DetailsReader, o: Json, at: string): Role | undefined {
  const arn = r.arn(o, at, 'role');
  const body = {
    inlinePolicies: r.inline(o, 'RolePolicyList', at), managedPolicies: r.managed(o, at),
    tags: r.tags(o['Tags'], `${at}.Tags`), trustPolicy: r.document(o['AssumeRolePolicyDocument'], `${at}.AssumeRolePolicyDocument`),
    permissionsBoundary: r.boundary(o, at),
    // Service-linked roles live under /aws-service-role/ ("Using service-linked roles").
    serviceLinked: arn?.path.startsWith('/aws-service-role/') ?? false,
  };
  return arn ? { ...holderOf(arn), ...body } : undefined;
}

/**
 * Turns the JSON printed by `aws iam get-account-authorization-details` into puts: managed
 * policies (customer and AWS managed, at their default version), groups, users (GroupList names
 * resolved to group ARNs) and roles. Policy documents may be objects (CLI) or URL-encoded JSON
 * text (API). Every managed policy an entity references must be in `Policies` or in
 * `opts.existingPolicyArns`; otherwise one MISSING_MANAGED_POLICIES problem lists them all
 * (export with `--filter LocalManagedPolicy AWSManagedPolicy …`, or import those policies first).
 * Entities absent from the export are left as they are: an import never deletes.
 */
export function changesFromAuthorizationDetails(json: unknown, opts: AuthorizationDetailsOptions = {}): Result<Change[], ImportProblem[]> {
  if (!isJson(json)) return err([{ code: 'INVALID_FORMAT', path: '$', message: 'expected the JSON object printed by aws iam get-account-authorization-details' }]);
  const r = new DetailsReader();
  const listed = r.objects(json, 'Policies', '$');
  const policies = listed.flatMap(([o, at]) => policyOf(r, o, at) ?? []);
  const groups = r.objects(json, 'GroupDetailList', '$').flatMap(([o, at]) => groupOf(r, o, at) ?? []);
  const groupArns = new Map(groups.map((g) => [g.name, g.arn]));
  const users = r.objects(json, 'UserDetailList', '$').flatMap(([o, at]) => userOf(r, o, at, groupArns) ?? []);
  const roles = r.objects(json, 'RoleDetailList', '$').flatMap(([o, at]) => roleOf(r, o, at) ?? []);
  // A listed policy with its own problem is not also reported as missing.
  const known = new Set([...listed.map(([o]) => o['Arn']), ...(opts.existingPolicyArns ?? [])]);
  const missing = [...r.referenced.keys()].filter((arn) => !known.has(arn)).sort();
  if (missing.length > 0) {
    const first = r.referenced.get(missing[0]!) ?? '$';
    r.problem('MISSING_MANAGED_POLICIES', first, `${missing.length} managed policies are attached but not in Policies: ${missing.join(', ')}`, missing);
  }
  if (r.problems.length > 0) return err(r.problems);
  return ok([
    ...policies.map((body): Change => ({ op: 'put', kind: 'policy', body })),
    ...groups.map((body): Change => ({ op: 'put', kind: 'group', body })),
    ...users.map((body): Change => ({ op: 'put', kind: 'user', body })),
    ...roles.map((body): Change => ({ op: 'put', kind: 'role', body })),
  ]);
}
