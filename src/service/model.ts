import { deletedKeys, referencedKeys } from '../model/apply-changes.js';
import type { Catalog } from '../model/catalog.js';
import type { Change } from '../model/changes.js';
import { findingsFor } from '../model/findings.js';
import { ACCOUNT_ID } from '../model/ids.js';
import { changesFromAuthorizationDetails } from '../model/import/aws-authorization-details.js';
import { changesFromOrgExport } from '../model/import/org-export.js';
import type { EntityPage, ModelStore } from '../model/ports.js';
import type { Entity, EntityKind, Finding, Organization, OrgId, VersionInfo } from '../model/types.js';
import { ConflictError } from '../store/errors.js';
import { applyChangeSet } from './change-set.js';
import { ServiceError } from './errors.js';
import { fromStore, fromStoreError } from './store-errors.js';

/** What a commit returns: the new version and the findings on the policies it wrote. */
export interface CommitResult {
  readonly version: number;
  readonly findings: readonly Finding[];
}

/** The input of `createOrganization`. */
export interface CreateOrganizationInput {
  readonly id: OrgId;
  readonly name: string;
  readonly awsOrgId: string;
  readonly managementAccountId: string;
  readonly rootId: string;
}

/** The changes and findings stored with a version. */
export interface VersionDetails {
  readonly changes: readonly unknown[];
  readonly findings: readonly Finding[];
}

/** Largest page of a list read. */
export const PAGE_MAX = 500;

/** Organizations, commits, imports and reads of the stored model; `server/app.ts` wires one. */
export interface ModelService {
  /** @throws ServiceError BAD_REQUEST for invalid fields or a taken id. */
  createOrganization(input: CreateOrganizationInput, author: string): Promise<Organization>;
  /**
   * Validates `changes` against the model at `baseVersion` and stores them as the next version,
   * all or nothing.
   * @throws ServiceError BAD_POLICY / BAD_REQUEST (with `details.problems`), NOT_FOUND, VERSION_CONFLICT.
   */
  commit(org: OrgId, baseVersion: number, message: string, author: string, changes: readonly Change[]): Promise<CommitResult>;
  /** `aws iam get-account-authorization-details` output as one commit. */
  importAuthorizationDetails(org: OrgId, baseVersion: number, json: unknown, message: string, author: string): Promise<CommitResult>;
  /** The documented organization export (accounts, OUs, SCPs, RCPs) as one commit. */
  importOrganization(org: OrgId, baseVersion: number, json: unknown, message: string, author: string): Promise<CommitResult>;
  listOrganizations(): Promise<Organization[]>;
  /** @throws ServiceError NOT_FOUND */
  getOrganization(org: OrgId): Promise<Organization>;
  /** `version`, or the latest when absent; @throws ServiceError NOT_FOUND for an unknown organization or version. */
  resolveVersion(org: OrgId, version?: number | null): Promise<number>;
  /** @throws ServiceError NOT_FOUND */
  getVersion(org: OrgId, version: number): Promise<VersionInfo>;
  /** Versions newest first, below the cursor version `after`; `hasNextPage` says whether older ones follow. */
  listVersions(org: OrgId, opts: { after?: number; first: number }): Promise<{ items: VersionInfo[]; hasNextPage: boolean }>;
  getVersionDetails(org: OrgId, version: number): Promise<VersionDetails>;
  listEntities<K extends EntityKind>(org: OrgId, version: number, kind: K, opts: { after?: string; first: number; prefix?: string }): Promise<EntityPage<K>>;
  /** Entities by (kind, key) at a version, in the order asked; null where absent (the loaders' batch function). */
  getEntities(org: OrgId, version: number, refs: readonly { kind: EntityKind; key: string }[]): Promise<(Entity | null)[]>;
}

const ORG_ID = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const AWS_ORG_ID = /^o-[a-z0-9]{10,32}$/;
const ROOT_ID = /^r-[0-9a-z]{4,32}$/;

function organizationProblems(input: CreateOrganizationInput): { field: string; message: string }[] {
  const rules: [keyof CreateOrganizationInput, RegExp, string][] = [
    ['id', ORG_ID, 'lower-case letters, digits and inner hyphens, at most 63 characters (e.g. "acme")'],
    ['awsOrgId', AWS_ORG_ID, 'an AWS organization id, e.g. "o-a1b2c3d4e5"'],
    ['managementAccountId', ACCOUNT_ID, 'a 12-digit account id'],
    ['rootId', ROOT_ID, 'an organization root id, e.g. "r-ab12"'],
  ];
  const problems = rules.filter(([field, re]) => !re.test(input[field])).map(([field, , message]) => ({ field: `input.${field}`, message }));
  if (input.name.trim() === '') problems.push({ field: 'input.name', message: 'must be non-empty' });
  return problems;
}

function checkPaging(first: number): void {
  if (!Number.isInteger(first) || first < 0 || first > PAGE_MAX) {
    throw new ServiceError('BAD_REQUEST', `first must be between 0 and ${PAGE_MAX} (got ${first})`);
  }
}

/** Told after each successful commit (the latest-version cache announces it to every replica). */
export type CommitHook = (org: OrgId, version: number) => Promise<void> | void;

/**
 * The model service over a store; the catalog feeds the findings of each commit, and `onCommit`
 * (which must not throw; a failure is ignored, the commit has landed) hears of each new version.
 */
export function createModelService(deps: { readonly store: ModelStore; readonly catalog: Catalog; readonly onCommit?: CommitHook }): ModelService {
  const { store, catalog, onCommit } = deps;

  const getOrganization = (org: OrgId) => fromStore(store.getOrganization(org));

  async function commit(org: OrgId, baseVersion: number, message: string, author: string, changes: readonly Change[]): Promise<CommitResult> {
    if (changes.length === 0) throw new ServiceError('BAD_REQUEST', 'a commit needs at least one change');
    const { latestVersion } = await getOrganization(org);
    if (!Number.isInteger(baseVersion) || baseVersion < 0 || baseVersion > latestVersion) {
      throw new ServiceError('NOT_FOUND', `organization ${org} has no version ${baseVersion} (latest is ${latestVersion})`);
    }
    if (baseVersion !== latestVersion) throw conflict(baseVersion, latestVersion);
    // INVARIANT: one read of every entity the changes touch or reference, at the base version.
    const refs = referencedKeys(changes);
    const entities = await fromStore(store.getEntities(org, baseVersion, refs));
    const base = new Map(entities.flatMap((e) => (e === null ? [] : [[`${e.kind}\u0000${e.key}`, e.body] as const])));
    const deleted = deletedKeys(changes);
    const referrers = deleted.length === 0 ? [] : await fromStore(store.getReferrers(org, baseVersion, deleted));
    const writes = applyChangeSet(changes, (kind, key) => base.get(`${kind}\u0000${key}`) ?? null, referrers);
    const findings = findingsFor(writes, catalog);
    try {
      const { version } = await store.commit(org, { baseVersion, message, author, writes, changes, findings });
      await announce(org, version);
      return { version, findings };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw fromStoreError(error);
      // Another commit landed between the check above and ours.
      const latest = await getOrganization(org);
      throw conflict(baseVersion, latest.latestVersion, error);
    }
  }

  async function announce(org: OrgId, version: number): Promise<void> {
    try {
      await onCommit?.(org, version);
    } catch {
      // INVARIANT: hooks degrade on their own (cache/latest-version.ts never throws); the commit stands.
    }
  }

  return {
    async createOrganization(input, author) {
      const problems = organizationProblems(input);
      if (problems.length > 0) {
        throw new ServiceError('BAD_REQUEST', `invalid organization: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, {
          details: { problems },
        });
      }
      try {
        return await store.createOrganization({ ...input, author });
      } catch (error) {
        if (error instanceof ConflictError) {
          throw new ServiceError('BAD_REQUEST', `organization ${input.id} already exists`, { cause: error });
        }
        throw fromStoreError(error);
      }
    },
    commit,
    async importAuthorizationDetails(org, baseVersion, json, message, author) {
      let result = changesFromAuthorizationDetails(json);
      // Attached policies missing from the export may already be in the model (imported before).
      const missing = result.ok ? [] : result.error.find((p) => p.code === 'MISSING_MANAGED_POLICIES')?.arns ?? [];
      if (missing.length > 0) {
        const found = await fromStore(store.getEntities(org, baseVersion, missing.map((key) => ({ kind: 'policy' as const, key }))));
        const existingPolicyArns = found.flatMap((e) => (e ? [e.key] : []));
        if (existingPolicyArns.length > 0) result = changesFromAuthorizationDetails(json, { existingPolicyArns });
      }
      if (!result.ok) throw importRejected('authorization details', result.error);
      return commit(org, baseVersion, message, author, result.value);
    },
    async importOrganization(org, baseVersion, json, message, author) {
      const result = changesFromOrgExport(json);
      if (!result.ok) throw importRejected('organization export', result.error);
      const { awsOrgId, managementAccountId, rootId, changes } = result.value;
      const target = await getOrganization(org);
      const [root] = await fromStore(store.getEntities(org, baseVersion, [{ kind: 'root', key: rootId }]));
      const problems = [
        ...(awsOrgId === target.awsOrgId ? [] : [{ path: '$.awsOrgId', message: `is ${awsOrgId}, but organization ${org} is ${target.awsOrgId}` }]),
        ...(managementAccountId === target.managementAccountId
          ? [] : [{ path: '$.managementAccountId', message: `is ${managementAccountId}, but that of ${org} is ${target.managementAccountId}` }]),
        ...(root ? [] : [{ path: '$.root.id', message: `${rootId} is not the root of organization ${org}` }]),
      ];
      if (problems.length > 0) throw importRejected('organization export', problems);
      return commit(org, baseVersion, message, author, changes);
    },
    listOrganizations: () => fromStore(store.listOrganizations()),
    getOrganization,
    async resolveVersion(org, version) {
      if (version === undefined || version === null) return (await getOrganization(org)).latestVersion;
      await fromStore(store.getVersion(org, version));
      return version;
    },
    getVersion: (org, version) => fromStore(store.getVersion(org, version)),
    async listVersions(org, { after, first }) {
      checkPaging(first);
      const rows = await fromStore(store.listVersions(org, { ...(after !== undefined && { after }), first: first + 1 }));
      return { items: rows.slice(0, first), hasNextPage: rows.length > first };
    },
    async getVersionDetails(org, version) {
      const details = await fromStore(store.getVersionDetails(org, version));
      return { changes: details.changes, findings: details.findings as Finding[] };
    },
    listEntities(org, version, kind, opts) {
      checkPaging(opts.first);
      return fromStore(store.listEntities(org, version, kind, opts));
    },
    getEntities: (org, version, refs) => fromStore(store.getEntities(org, version, refs)),
  };
}

function conflict(base: number, latest: number, cause?: unknown): ServiceError {
  return new ServiceError('VERSION_CONFLICT', `base version ${base} is not the latest (${latest})`, {
    details: { baseVersion: base, latestVersion: latest },
    ...(cause !== undefined && { cause }),
  });
}

/** BAD_REQUEST for an export that cannot be imported, listing every problem with its JSON path. */
function importRejected(what: string, problems: readonly { readonly path: string; readonly message: string }[]): ServiceError {
  const summary = problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ');
  return new ServiceError('BAD_REQUEST', `invalid ${what}: ${summary}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`, {
    details: { problems },
  });
}
