/**
 * The stored model of an AWS organization. Every entity is identified within an organization by
 * `(kind, key)`; its body is stored as JSON, one row per version range (see db/README.md).
 * Policy documents are kept as the JSON the user gave (validated by the core on commit).
 */

/** Our identifier of an organization: a slug chosen at creation (e.g. `demo`). */
export type OrgId = string;

/** A policy document as stored: JSON, validated by `parsePolicy` before it is accepted. */
export type PolicyJson = Record<string, unknown>;

/** Tags as AWS has them: key → value. */
export type Tags = Readonly<Record<string, string>>;

/** An organization with its latest version. */
export interface Organization {
  readonly id: OrgId;
  readonly name: string;
  /** The AWS organization id (`o-…`), used for `aws:PrincipalOrgID` / `aws:ResourceOrgID`. */
  readonly awsOrgId: string;
  /** The management account: SCPs never restrict its principals. */
  readonly managementAccountId: string;
  readonly createdAt: string;
  readonly latestVersion: number;
}

/** One immutable version (a commit). Version 0 is the empty organization made at creation. */
export interface VersionInfo {
  readonly orgId: OrgId;
  readonly version: number;
  readonly parent: number | null;
  readonly message: string;
  readonly author: string;
  readonly createdAt: string;
  readonly changeCount: number;
}

/** The entity kinds of the model. */
export type EntityKind = 'root' | 'ou' | 'account' | 'user' | 'group' | 'role' | 'policy' | 'orgPolicy' | 'resource';

/** Every entity kind. */
export const ENTITY_KINDS: readonly EntityKind[] = ['root', 'ou', 'account', 'user', 'group', 'role', 'policy', 'orgPolicy', 'resource'];

/** An inline policy of a user, group or role. */
export interface InlinePolicy {
  readonly name: string;
  readonly document: PolicyJson;
}

/** Targets of SCPs and RCPs carry their attachments (policy ids of `orgPolicy` entities). */
export interface OrgTarget {
  readonly scps: readonly string[];
  readonly rcps: readonly string[];
}

/** The organization root (key: root id, `r-…`). Policy types are enabled per root, as in AWS. */
export interface Root extends OrgTarget {
  readonly id: string;
  readonly scpEnabled: boolean;
  readonly rcpEnabled: boolean;
}

/** An organizational unit (key: `ou-…`); `parentId` is the root or another OU. */
export interface Ou extends OrgTarget {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
}

/**
 * An account (key: the 12-digit id). `parentId` is the root or an OU for a member account, or `""`
 * for an account outside the organization whose IAM entities are modelled (a partner's account):
 * it has no OU path and no SCPs or RCPs.
 */
export interface Account extends OrgTarget {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
  readonly tags: Tags;
}

/** What users, groups and roles share: inline policies and attached managed policy ARNs. */
export interface PolicyHolder {
  readonly arn: string;
  readonly accountId: string;
  readonly name: string;
  readonly path: string;
  readonly inlinePolicies: readonly InlinePolicy[];
  readonly managedPolicies: readonly string[];
}

/** An IAM user (key: its ARN). */
export interface User extends PolicyHolder {
  readonly tags: Tags;
  /** Group ARNs. */
  readonly groups: readonly string[];
  /** Managed policy ARN used as permissions boundary. */
  readonly permissionsBoundary: string | null;
}

/** An IAM group (key: its ARN). */
export type Group = PolicyHolder;

/** An IAM role (key: its ARN). Its trust policy is its resource policy for `sts:AssumeRole*`. */
export interface Role extends PolicyHolder {
  readonly tags: Tags;
  readonly trustPolicy: PolicyJson;
  readonly permissionsBoundary: string | null;
  readonly serviceLinked: boolean;
}

/** A managed IAM policy, customer or AWS managed (key: its ARN), at its default version. */
export interface ManagedPolicy {
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  /** The owning account, or `aws` for AWS managed policies. */
  readonly accountId: string;
  readonly document: PolicyJson;
}

/** An SCP or RCP (key: its id, `p-…`). */
export interface OrgPolicy {
  readonly id: string;
  readonly name: string;
  readonly type: 'SCP' | 'RCP';
  readonly document: PolicyJson;
}

/** A resource with a resource policy and/or tags (key: its ARN): bucket, key, queue, topic, … */
export interface Resource {
  readonly arn: string;
  readonly accountId: string;
  readonly policy: PolicyJson | null;
  readonly tags: Tags;
}

/** The body type of each entity kind. */
export interface EntityBodies {
  root: Root;
  ou: Ou;
  account: Account;
  user: User;
  group: Group;
  role: Role;
  policy: ManagedPolicy;
  orgPolicy: OrgPolicy;
  resource: Resource;
}

/** An entity of any kind with its key. */
export type Entity = { [K in EntityKind]: { readonly kind: K; readonly key: string; readonly body: EntityBodies[K] } }[EntityKind];

/** The key of an entity body: ids for org structure, ARNs for IAM entities and resources. */
export function keyOf<K extends EntityKind>(kind: K, body: EntityBodies[K]): string {
  return 'arn' in body ? body.arn : (body as { id: string }).id;
}

/** An Access-Analyzer-style finding on a committed policy. */
export interface Finding {
  readonly severity: 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';
  readonly code: string;
  readonly message: string;
  /** The entity holding the policy and which policy of it (`trustPolicy`, `inline:Name`, `document`, `policy`). */
  readonly entityKind: EntityKind;
  readonly entityKey: string;
  readonly policy: string;
  /** JSON path within the policy, e.g. `Statement[0].Principal`. */
  readonly path: string;
}
