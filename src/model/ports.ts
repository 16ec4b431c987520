import type { CompiledPolicy } from '../core/index.js';
import type { PrincipalLayers, ResourceLayers } from './assemble.js';
import type {
  Account, Entity, EntityBodies, EntityKind, Group, ManagedPolicy, OrgId, OrgPolicy, Organization, Resource, Role, User,
} from './types.js';

/** One level of an SCP/RCP chain: root, each OU, the account; policies attached there. */
export interface OrgLevel {
  readonly target: string;
  readonly policies: readonly OrgPolicy[];
}

/** Where an account sits: the AWS org id and the path `o-…/r-…/ou-…/` (for `aws:PrincipalOrgPaths`). */
export interface OrgPlacement {
  readonly awsOrgId: string;
  readonly orgPath: string;
  readonly isManagementAccount: boolean;
}

/**
 * Everything the decision needs about a caller at one version: its entity (user or role; absent for
 * an account root or an unknown principal of a known account), groups, managed policies (attached
 * to it, its groups, and its boundary), its account, and the SCP chain (null when SCPs are not
 * enabled at the root).
 */
export interface PrincipalSnapshot {
  readonly user: User | null;
  readonly role: Role | null;
  readonly groups: readonly Group[];
  /** Every managed policy the principal references (identity and boundary), by ARN. */
  readonly managedPolicies: readonly ManagedPolicy[];
  readonly account: Account | null;
  readonly placement: OrgPlacement | null;
  readonly scpChain: readonly OrgLevel[] | null;
}

/**
 * Everything the decision needs about a resource at one version: its entity (a stored resource, or
 * for a role ARN the role, whose trust policy is the resource policy), its account and placement,
 * and the RCP chain of that account (null when RCPs are not enabled).
 */
export interface ResourceSnapshot {
  readonly resource: Resource | null;
  readonly role: Role | null;
  readonly accountId: string | null;
  readonly placement: OrgPlacement | null;
  readonly rcpChain: readonly OrgLevel[] | null;
}

/** Reads decision snapshots; the store implements it, caches decorate it. */
export interface SnapshotSource {
  /** @throws NotFoundError for an unknown organization or version. */
  principalSnapshot(org: OrgId, version: number, principalArn: string): Promise<PrincipalSnapshot>;
  /** @throws NotFoundError for an unknown organization or version. */
  resourceSnapshot(org: OrgId, version: number, resourceArn: string, resourceAccount?: string): Promise<ResourceSnapshot>;
  /**
   * An in-process cache's synchronous hit: the snapshot `principalSnapshot` would resolve to when it
   * is already loaded and held, else undefined (then ask `principalSnapshot`). Lets a warm decision
   * run without a promise. Absent on sources that hold nothing.
   */
  readonly cachedPrincipalSnapshot?: (org: OrgId, version: number, principalArn: string) => PrincipalSnapshot | undefined;
  /** As `cachedPrincipalSnapshot`, for `resourceSnapshot`. */
  readonly cachedResourceSnapshot?: (org: OrgId, version: number, resourceArn: string, resourceAccount?: string) => ResourceSnapshot | undefined;
}

/** Version numbers of organizations; the store implements it, `cache/latest-version.ts` decorates it. */
export interface VersionSource {
  /**
   * The latest version of `org`. With `atLeast`, a source that may lag (a cache) re-reads the
   * source of truth when what it knows is older; the answer may still be older if no such version exists yet.
   * @throws NotFoundError for an unknown organization.
   */
  latestVersion(org: OrgId, atLeast?: number): Promise<number>;
  /** @throws NotFoundError for an unknown organization or version. */
  checkVersion(org: OrgId, version: number): Promise<void>;
}

/** Compiles a stored policy document (validated on commit) with `id` as its policy id. */
export type StoredPolicyCompiler = (id: string, json: unknown) => CompiledPolicy;

/** The caller's side of a decision at one version: its snapshot and its compiled layers. */
export interface PrincipalSide extends PrincipalLayers<CompiledPolicy> {
  readonly snapshot: PrincipalSnapshot;
}

/** The resource's side of a decision at one version: its snapshot and its compiled layers. */
export interface ResourceSide extends ResourceLayers<CompiledPolicy> {
  readonly snapshot: ResourceSnapshot;
}

/** Compiled decision sides, as `SnapshotSource` has snapshots; built over one, memoised by caches. */
export interface PolicySideSource {
  /** @throws NotFoundError for an unknown organization or version. */
  principalSide(org: OrgId, version: number, principalArn: string): Promise<PrincipalSide>;
  /** @throws NotFoundError for an unknown organization or version. */
  resourceSide(org: OrgId, version: number, resourceArn: string, resourceAccount?: string): Promise<ResourceSide>;
  /** The side `principalSide` would resolve to, when its snapshot is a synchronous cache hit; else undefined. */
  readonly cachedPrincipalSide?: (org: OrgId, version: number, principalArn: string) => PrincipalSide | undefined;
  /** As `cachedPrincipalSide`, for `resourceSide`. */
  readonly cachedResourceSide?: (org: OrgId, version: number, resourceArn: string, resourceAccount?: string) => ResourceSide | undefined;
}

/** A page of entities, ordered by key. */
export interface EntityPage<K extends EntityKind> {
  readonly items: readonly { readonly key: string; readonly body: EntityBodies[K] }[];
  readonly hasNextPage: boolean;
}

/** The stored model, as the service uses it. */
export interface ModelStore {
  createOrganization(input: { id: OrgId; name: string; awsOrgId: string; managementAccountId: string; rootId: string; author: string }): Promise<Organization>;
  /** @throws NotFoundError */
  getOrganization(org: OrgId): Promise<Organization>;
  listOrganizations(): Promise<Organization[]>;
  /**
   * Applies resolved entity writes as the next version, atomically.
   * @throws ConflictError when `baseVersion` is no longer the latest.
   */
  commit(org: OrgId, input: {
    baseVersion: number; message: string; author: string;
    writes: readonly ({ kind: EntityKind; key: string; body: unknown } | { kind: EntityKind; key: string; body: null })[];
    changes: readonly unknown[]; findings: readonly unknown[];
  }): Promise<{ version: number }>;
  /** @throws NotFoundError */
  getVersion(org: OrgId, version: number): Promise<import('./types.js').VersionInfo>;
  listVersions(org: OrgId, opts: { after?: number; first: number }): Promise<import('./types.js').VersionInfo[]>;
  /** The changes and findings stored with a version. */
  getVersionDetails(org: OrgId, version: number): Promise<{ changes: unknown[]; findings: unknown[] }>;
  /** Entities of one kind at a version, ordered by key, after a cursor key. */
  listEntities<K extends EntityKind>(org: OrgId, version: number, kind: K, opts: { after?: string; first: number; prefix?: string }): Promise<EntityPage<K>>;
  /** Entities by (kind, key) at a version, in the order asked; null where absent (DataLoader batch). */
  getEntities(org: OrgId, version: number, refs: readonly { kind: EntityKind; key: string }[]): Promise<(Entity | null)[]>;
  /**
   * Entities at a version that may refer to one of `keys` (attached policies, boundaries, group
   * memberships, parents, SCP/RCP lists): a superset, which `referencesOf` narrows.
   */
  getReferrers(org: OrgId, version: number, keys: readonly string[]): Promise<Entity[]>;
}

/**
 * An organization's whole model at one stored version: every entity visible at it, and the
 * organization's AWS ids. Structurally the `ModelVersion` of `access/types.ts` (version not null).
 */
export interface StoredModelVersion {
  readonly org: OrgId;
  readonly version: number;
  readonly awsOrgId: string;
  readonly managementAccountId: string;
  readonly rootId: string;
  /** Every entity visible at the version, ordered by (kind, key). */
  readonly entities: readonly Entity[];
}

/** Reads whole models at a version (for effective-access analysis); the store implements it. */
export interface ModelVersionSource {
  /** @throws NotFoundError for an unknown organization or version. */
  loadModelVersion(org: OrgId, version: number): Promise<StoredModelVersion>;
  /**
   * The model at `version`, read as `base` (another version of the same organization) patched with
   * the rows that differ between the two: what a commit changed, not the whole organization. Bodies
   * of unchanged entities are `base`'s own objects, so per-body memos carry over.
   * @throws NotFoundError for an unknown version.
   */
  loadModelVersionFrom(base: StoredModelVersion, version: number): Promise<StoredModelVersion>;
}
