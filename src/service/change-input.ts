import type { AttachmentKind, Change } from '../model/changes.js';
import type { EntityKind, InlinePolicy, PolicyJson, Tags } from '../model/types.js';
import { parseArn } from '../core/index.js';
import { parseIamArn, type IamArnType } from '../model/iam-arn.js';
import { ServiceError } from './errors.js';

/** An inline policy as a client sends it; the document is a JSON object or JSON text. */
export interface InlinePolicySource {
  readonly name: string;
  readonly document: unknown;
}

/** Fields that users, groups and roles share; name, path and account default to the ARN's. */
interface HolderSource {
  readonly arn: string;
  readonly name?: string | null;
  readonly path?: string | null;
  readonly accountId?: string | null;
  readonly inlinePolicies?: readonly InlinePolicySource[] | null;
  readonly managedPolicies?: readonly string[] | null;
}

/** Attachments of SCPs and RCPs on a root, OU or account. */
interface OrgTargetSource {
  readonly scps?: readonly string[] | null;
  readonly rcps?: readonly string[] | null;
}

/** A change as a client sends it: exactly one field is set. Field names are the GraphQL ones. */
export interface ChangeSource {
  readonly putRoot?: (OrgTargetSource & { readonly id: string; readonly scpEnabled?: boolean | null; readonly rcpEnabled?: boolean | null }) | null;
  readonly putOu?: (OrgTargetSource & { readonly id: string; readonly name: string; readonly parentId: string }) | null;
  readonly putAccount?: (OrgTargetSource & { readonly id: string; readonly name: string; readonly parentId: string; readonly tags?: unknown }) | null;
  readonly putUser?: (HolderSource & { readonly tags?: unknown; readonly groups?: readonly string[] | null; readonly permissionsBoundary?: string | null }) | null;
  readonly putGroup?: HolderSource | null;
  readonly putRole?: (HolderSource & { readonly tags?: unknown; readonly trustPolicy: unknown; readonly permissionsBoundary?: string | null }) | null;
  readonly putPolicy?: { readonly arn: string; readonly name?: string | null; readonly path?: string | null; readonly accountId?: string | null; readonly document: unknown } | null;
  readonly putOrgPolicy?: { readonly id: string; readonly name: string; readonly type: 'SCP' | 'RCP'; readonly document: unknown } | null;
  readonly putResource?: { readonly arn: string; readonly accountId?: string | null; readonly policy?: unknown; readonly tags?: unknown } | null;
  readonly delete?: { readonly kind: EntityKind; readonly key: string } | null;
  readonly attach?: AttachmentSource | null;
  readonly detach?: AttachmentSource | null;
}

/** `attach` / `detach`: a policy (ARN or org policy id) and the entity it is attached to. */
export interface AttachmentSource {
  readonly attachment: AttachmentKind;
  readonly policy: string;
  readonly targetKind: EntityKind;
  readonly targetKey: string;
}

/** Every one-of field of `ChangeSource`, in schema order. */
export const CHANGE_FIELDS = [
  'putRoot', 'putOu', 'putAccount', 'putUser', 'putGroup', 'putRole', 'putPolicy', 'putOrgPolicy', 'putResource',
  'delete', 'attach', 'detach',
] as const satisfies readonly (keyof ChangeSource)[];

/** A problem with one change of the input, before the model sees it. */
export interface ChangeInputProblem {
  readonly change: number;
  readonly message: string;
}

/** Thrown inside the conversion of one change; caught and labelled with its index. */
class InputProblem extends Error {}

/** A policy document: JSON text that holds an object becomes that object; anything else goes to the model's validator as is. */
function policyJson(input: unknown): PolicyJson {
  if (typeof input === 'string') {
    try {
      const parsed: unknown = JSON.parse(input);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as PolicyJson;
    } catch {
      // parsePolicy reports the syntax error with its position when the model validates the change.
    }
  }
  // INVARIANT: applyChanges validates every policy document with parsePolicy before anything is stored.
  return input as PolicyJson;
}

function tags(input: unknown, field: string): Tags {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input) || !Object.values(input).every((v) => typeof v === 'string')) {
    throw new InputProblem(`${field}: expected an object of tag key → string value`);
  }
  return input as Tags;
}

/** Name, path and account of an IAM entity from its ARN (`arn:aws:iam::123456789012:user/division/alice`). */
function iamParts(arn: string, type: IamArnType): { name: string; path: string; accountId: string } {
  const parsed = parseIamArn(arn);
  if (!parsed || parsed.type !== type) throw new InputProblem(`"${arn}" is not an IAM ${type} ARN (arn:aws:iam::ACCOUNT:${type}/PATH/NAME)`);
  return { name: parsed.name, path: parsed.path, accountId: parsed.account };
}

function holder(input: HolderSource, type: 'user' | 'group' | 'role') {
  const parts = iamParts(input.arn, type);
  return {
    arn: input.arn,
    name: input.name ?? parts.name,
    path: input.path ?? parts.path,
    accountId: input.accountId ?? parts.accountId,
    inlinePolicies: (input.inlinePolicies ?? []).map((p): InlinePolicy => ({ name: p.name, document: policyJson(p.document) })),
    managedPolicies: [...(input.managedPolicies ?? [])],
  };
}

const orgTarget = (input: OrgTargetSource) => ({ scps: [...(input.scps ?? [])], rcps: [...(input.rcps ?? [])] });

function resourceAccount(arn: string, given: string | null | undefined): string {
  if (given) return given;
  const account = parseArn(arn)?.account;
  if (!account) throw new InputProblem(`accountId is required for "${arn}", whose ARN names no account`);
  return account;
}

type SetField = (typeof CHANGE_FIELDS)[number];

/** One change, given which single field is set. */
function toChange(source: ChangeSource, field: SetField): Change {
  switch (field) {
    case 'putRoot': {
      const r = source.putRoot!;
      return { op: 'put', kind: 'root', body: { id: r.id, scpEnabled: r.scpEnabled ?? true, rcpEnabled: r.rcpEnabled ?? true, ...orgTarget(r) } };
    }
    case 'putOu': {
      const o = source.putOu!;
      return { op: 'put', kind: 'ou', body: { id: o.id, name: o.name, parentId: o.parentId, ...orgTarget(o) } };
    }
    case 'putAccount': {
      const a = source.putAccount!;
      return { op: 'put', kind: 'account', body: { id: a.id, name: a.name, parentId: a.parentId, tags: tags(a.tags, 'tags'), ...orgTarget(a) } };
    }
    case 'putUser': {
      const u = source.putUser!;
      const body = { ...holder(u, 'user'), tags: tags(u.tags, 'tags'), groups: [...(u.groups ?? [])], permissionsBoundary: u.permissionsBoundary ?? null };
      return { op: 'put', kind: 'user', body };
    }
    case 'putGroup':
      return { op: 'put', kind: 'group', body: holder(source.putGroup!, 'group') };
    case 'putRole': {
      const r = source.putRole!;
      const base = holder(r, 'role');
      const body = {
        ...base, tags: tags(r.tags, 'tags'), trustPolicy: policyJson(r.trustPolicy), permissionsBoundary: r.permissionsBoundary ?? null,
        // Service-linked roles live under /aws-service-role/ (IAM User Guide, "Using service-linked roles").
        serviceLinked: base.path.startsWith('/aws-service-role/'),
      };
      return { op: 'put', kind: 'role', body };
    }
    case 'putPolicy': {
      const p = source.putPolicy!;
      const parts = iamParts(p.arn, 'policy');
      const body = { arn: p.arn, name: p.name ?? parts.name, path: p.path ?? parts.path, accountId: p.accountId ?? parts.accountId, document: policyJson(p.document) };
      return { op: 'put', kind: 'policy', body };
    }
    case 'putOrgPolicy': {
      const p = source.putOrgPolicy!;
      return { op: 'put', kind: 'orgPolicy', body: { id: p.id, name: p.name, type: p.type, document: policyJson(p.document) } };
    }
    case 'putResource': {
      const r = source.putResource!;
      const policy = r.policy === undefined || r.policy === null ? null : policyJson(r.policy);
      return { op: 'put', kind: 'resource', body: { arn: r.arn, accountId: resourceAccount(r.arn, r.accountId), policy, tags: tags(r.tags, 'tags') } };
    }
    case 'delete':
      return { op: 'delete', kind: source.delete!.kind, key: source.delete!.key };
    case 'attach':
    case 'detach': {
      const a = source[field]!;
      return { op: field, attachment: a.attachment, policy: a.policy, targetKind: a.targetKind, targetKey: a.targetKey };
    }
  }
}

/**
 * Converts the changes of a commit from their one-of input form: exactly one field per change.
 * Names, paths and accounts of IAM entities default to those in their ARNs.
 * @throws ServiceError BAD_REQUEST with `details.problems` ({ change, message }) for every bad change.
 */
export function toChanges(sources: readonly ChangeSource[]): Change[] {
  const problems: ChangeInputProblem[] = [];
  const changes: Change[] = [];
  sources.forEach((source, change) => {
    const set = CHANGE_FIELDS.filter((f) => source[f] !== undefined && source[f] !== null);
    const [field] = set;
    if (set.length !== 1 || field === undefined) {
      const got = set.length === 0 ? 'none' : set.join(', ');
      problems.push({ change, message: `changes[${change}]: set exactly one of ${CHANGE_FIELDS.join(', ')} (got ${got})` });
      return;
    }
    try {
      changes.push(toChange(source, field));
    } catch (error) {
      if (!(error instanceof InputProblem)) throw error;
      problems.push({ change, message: `changes[${change}].${field}: ${error.message}` });
    }
  });
  if (problems.length > 0) {
    throw new ServiceError('BAD_REQUEST', problems.map((p) => p.message).join('; '), { details: { problems } });
  }
  return changes;
}
