import { LRUCache } from 'lru-cache';
import { AccessInputError, diffAccessSteps, renderDiffMarkdown, whatCanSteps, whoCanSteps } from '../access/index.js';
import type {
  AccessDelta, ActionCatalog, DiffFilter, DiffResult, DiffStats, DiffSummary, ModelVersion, Permission, WhoCanEntry,
} from '../access/types.js';
import { createLru, memoize, type CacheStats, type Loading } from '../cache/lru.js';
import type { Change } from '../model/changes.js';
import { parseIamArn } from '../model/iam-arn.js';
import type { ModelVersionSource, StoredModelVersion } from '../model/ports.js';
import type { OrgId } from '../model/types.js';
import {
  checkAccount, checkAction, checkArn, checkDepth, checkPage, checkResource, normalizeFilter, pageOf, type Page, type PageRequest,
} from './access-input.js';
import { modelWithChanges } from './change-set.js';
import { ServiceError } from './errors.js';
import type { ModelService } from './model.js';
import { fromStore } from './store-errors.js';

/** The engine's result types, for the GraphQL layer (which does not import the engine). */
export type * from '../access/types.js';

/** Most entries `whoCan` and permissions `whatCan` compute before saying `truncated`. */
export const ACCESS_RESULT_LIMIT = 10_000;

/** Whole model versions kept in process by default (the 2,000-role benchmark model is tens of MB). */
export const DEFAULT_MODEL_CACHE = 4;

/**
 * Results (diffs between stored versions, whoCan, whatCan) kept in process by default, so that
 * paging through one computes it once.
 */
export const DEFAULT_RESULT_CACHE = 32;

/** How long a cached result is reused: versions never change, but `now` (date conditions) does. */
const RESULT_TTL_MS = 5 * 60_000;

/** The request time: the engine evaluates date conditions at it and never reads a clock. */
export interface AccessOptions {
  readonly now: Date;
}

/** A page of a diff, with what describes the whole diff. */
export interface DiffPage extends Page<AccessDelta> {
  readonly org: OrgId;
  readonly from: number;
  /** The version diffed to; null for an uncommitted change set. */
  readonly to: number | null;
  readonly summary: DiffSummary;
  readonly stats: DiffStats;
  /** The whole diff (not only this page) as markdown for a pull-request comment; rendered when called. */
  markdown(): string;
}

/** A page of `whoCan`. */
export interface WhoCanPage extends Page<WhoCanEntry> {
  readonly org: OrgId;
  readonly version: number;
  /** The engine stopped at ACCESS_RESULT_LIMIT entries: the result is not complete. */
  readonly truncated: boolean;
  readonly principalsEvaluated: number;
}

/** One permission of `whatCan`, with its service. */
export interface ServicePermission extends Permission {
  readonly service: string;
}

/** A page of `whatCan`: permissions ordered by service. */
export interface WhatCanPage extends Page<ServicePermission> {
  readonly org: OrgId;
  readonly version: number;
  readonly principal: string;
  readonly truncated: boolean;
  /** Every service of the whole result with its number of permissions. */
  readonly services: readonly { readonly service: string; readonly permissionCount: number }[];
}

/** What `whoCan` asks. */
export interface WhoCanQuery {
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount?: string | null;
  /** Also principals that reach the access by assuming roles (`via` holds the chain). */
  readonly viaAssumeRole?: boolean | null;
  /** Longest chain of role assumptions followed (1–5); the engine's default when absent. */
  readonly maxDepth?: number | null;
}

/** Effective access over stored versions (issue 5); `server/app.ts` wires one. Versions null or absent mean the latest. */
export interface AccessService {
  /**
   * Every change of effective access from version `from` to version `to`.
   * @throws ServiceError NOT_FOUND (organization, version), BAD_REQUEST (filter, page).
   */
  diffAccess(org: OrgId, from: number | null | undefined, to: number | null | undefined,
    filter: DiffFilter | null | undefined, page: PageRequest, options: AccessOptions): Promise<DiffPage>;
  /**
   * The diff an uncommitted change set would make on `baseVersion`; validated as a commit is, nothing stored.
   * @throws ServiceError BAD_POLICY / BAD_REQUEST (the change set, as `commit`), NOT_FOUND, BAD_REQUEST.
   */
  diffAccessForChanges(org: OrgId, baseVersion: number | null | undefined, changes: readonly Change[],
    filter: DiffFilter | null | undefined, page: PageRequest, options: AccessOptions): Promise<DiffPage>;
  /** Every principal that may perform `action` on `resource`. @throws ServiceError NOT_FOUND, BAD_REQUEST. */
  whoCan(org: OrgId, version: number | null | undefined, query: WhoCanQuery, page: PageRequest, options: AccessOptions): Promise<WhoCanPage>;
  /** The effective permissions of `principal`, grouped by service. @throws ServiceError NOT_FOUND, BAD_REQUEST. */
  whatCan(org: OrgId, version: number | null | undefined, principal: string, page: PageRequest, options: AccessOptions): Promise<WhatCanPage>;
  /** Hits and misses of the model-version cache. */
  cacheStats(): CacheStats;
}

/** What the access service needs. */
export interface AccessServiceDeps {
  readonly models: ModelVersionSource;
  /** Resolves the latest version of an organization (NOT_FOUND for an unknown one). */
  readonly versions: Pick<ModelService, 'resolveVersion'>;
  /** The AWS action catalog (`loadActionCatalog`); called once per operation, so it should memoise. */
  readonly catalog: () => Promise<ActionCatalog>;
  /** Model versions kept in process (LRU); DEFAULT_MODEL_CACHE when absent. */
  readonly cacheSize?: number;
  /** Results kept in process (LRU, 5 minutes); 0 turns the result cache off (benchmarks). */
  readonly resultCacheSize?: number;
}

/** An engine input error as BAD_REQUEST; anything else unchanged. */
function engineError(error: unknown): unknown {
  if (!(error instanceof AccessInputError)) return error;
  return new ServiceError('BAD_REQUEST', error.message, { details: { problems: [{ field: error.field, message: error.message }] }, cause: error });
}

/** Longest stretch a diff, whoCan or whatCan computes before handing the thread back to other requests. */
export const DIFF_SLICE_MS = 20;

/**
 * Runs a stepwise engine computation (`diffAccessSteps`, `whoCanSteps`, `whatCanSteps`) to its end,
 * handing the event loop back (`setImmediate`) whenever a slice of `sliceMs` has passed: a
 * whole-organization diff takes seconds and a `whatCan` about half a second, and the replica keeps
 * answering `authorize` meanwhile. Engine input errors become BAD_REQUEST.
 */
export async function runInSlices<T>(steps: Generator<undefined, T, void>, sliceMs = DIFF_SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    let step: IteratorResult<undefined, T>;
    try {
      step = steps.next();
    } catch (error) {
      throw engineError(error);
    }
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

/** The page of a diff result. */
function diffPage(org: OrgId, from: number, to: number | null, result: DiffResult, page: PageRequest): DiffPage {
  let markdown: string | undefined;
  const label = (v: number | null) => (v === null ? `${org}: uncommitted changes on version ${from}` : `${org}@${v}`);
  return {
    org, from, to, summary: result.summary, stats: result.stats, ...pageOf(result.deltas, page),
    markdown: () => (markdown ??= renderDiffMarkdown(result, { from: label(from), to: label(to) })),
  };
}

/** @throws ServiceError NOT_FOUND when a user or role ARN names no entity of the model. */
function checkPrincipalExists(model: ModelVersion, principal: string): void {
  const iam = parseIamArn(principal);
  if (!iam || (iam.type !== 'user' && iam.type !== 'role')) return;
  if (!model.entities.some((e) => e.kind === iam.type && e.key === principal)) {
    throw new ServiceError('NOT_FOUND', `${iam.type} ${principal} does not exist at version ${model.version} of ${model.org}`);
  }
}

/**
 * The access service over a source of whole model versions, with an LRU of them per
 * (organization, version): versions are immutable, so entries are evicted, never invalidated.
 */
export function createAccessService(deps: AccessServiceDeps): AccessService {
  const models = createLru<Loading<ModelVersion>>({ max: deps.cacheSize ?? DEFAULT_MODEL_CACHE });
  const resultCacheSize = deps.resultCacheSize ?? DEFAULT_RESULT_CACHE;
  const results = resultCacheSize > 0 ? new LRUCache<string, object>({ max: resultCacheSize, ttl: RESULT_TTL_MS }) : null;

  /** The result under `key` (whose parts include the immutable versions), computed on a miss. */
  function cached<T extends object>(key: readonly unknown[], compute: () => T): T {
    const id = JSON.stringify(key);
    const hit = results?.get(id) as T | undefined;
    if (hit) return hit;
    const result = compute();
    results?.set(id, result);
    return result;
  }

  const versionOf = async (org: OrgId, version: number | null | undefined): Promise<number> =>
    version ?? (await deps.versions.resolveVersion(org));

  // The last model read per organization: the next version is read as it plus what changed since
  // (one commit's rows, not the whole organization), sharing its unchanged bodies and their memos.
  const lastRead = new Map<OrgId, StoredModelVersion>();
  const read = async (org: OrgId, version: number): Promise<StoredModelVersion> => {
    const base = lastRead.get(org);
    const model = await fromStore(base ? deps.models.loadModelVersionFrom(base, version) : deps.models.loadModelVersion(org, version));
    lastRead.set(org, model);
    return model;
  };
  const modelAt = (org: OrgId, version: number): Promise<ModelVersion> => memoize(models, `${org}\u0000${version}`, () => read(org, version));

  async function diffBetween(org: OrgId, from: number, to: number, filter: DiffFilter, now: Date): Promise<DiffResult> {
    const [a, b, catalog] = await Promise.all([modelAt(org, from), modelAt(org, to), deps.catalog()]);
    return cached(['diff', org, from, to, filter], () => runInSlices(diffAccessSteps(a, b, { catalog, filter, now })));
  }

  return {
    async diffAccess(org, from, to, filter, page, { now }) {
      checkPage(page);
      const f = normalizeFilter(filter);
      const [fromV, toV] = await Promise.all([versionOf(org, from), versionOf(org, to)]);
      return diffPage(org, fromV, toV, await diffBetween(org, fromV, toV, f, now), page);
    },

    async diffAccessForChanges(org, baseVersion, changes, filter, page, { now }) {
      checkPage(page);
      const f = normalizeFilter(filter);
      const base = await modelAt(org, await versionOf(org, baseVersion));
      const after = modelWithChanges(base, changes);
      const catalog = await deps.catalog();
      // INVARIANT: modelAt returns stored versions, whose version is a number.
      return diffPage(org, base.version!, null, await runInSlices(diffAccessSteps(base, after, { catalog, filter: f, now })), page);
    },

    async whoCan(org, version, query, page, { now }) {
      checkPage(page);
      checkAction(query.action);
      checkResource(query.resource);
      if (query.resourceAccount) checkAccount(query.resourceAccount);
      checkDepth(query.maxDepth);
      const model = await modelAt(org, await versionOf(org, version));
      const key = ['whoCan', org, model.version, query.action, query.resource, query.resourceAccount, query.viaAssumeRole, query.maxDepth];
      const result = await cached(key, () => runInSlices(whoCanSteps(model, {
        action: query.action, resource: query.resource, limit: ACCESS_RESULT_LIMIT,
        ...(query.resourceAccount ? { resourceAccount: query.resourceAccount } : {}),
        ...(query.viaAssumeRole ? { viaAssumeRole: true } : {}),
        ...(query.maxDepth ? { maxDepth: query.maxDepth } : {}),
      }, { now })));
      return {
        org, version: model.version!, truncated: result.truncated, principalsEvaluated: result.principalsEvaluated,
        ...pageOf(result.entries, page),
      };
    },

    async whatCan(org, version, principal, page, { now }) {
      checkPage(page);
      checkArn('principal', principal);
      const [model, catalog] = await Promise.all([versionOf(org, version).then((v) => modelAt(org, v)), deps.catalog()]);
      checkPrincipalExists(model, principal);
      const result = await cached(['whatCan', org, model.version, principal], () => runInSlices(whatCanSteps(model, principal, { catalog, now, limit: ACCESS_RESULT_LIMIT })));
      const permissions = result.services.flatMap((s) => s.permissions.map((p) => ({ ...p, service: s.service })));
      return {
        org, version: model.version!, principal: result.principal, truncated: result.truncated,
        services: result.services.map((s) => ({ service: s.service, permissionCount: s.permissions.length })),
        ...pageOf(permissions, page),
      };
    },

    cacheStats: () => models.stats(),
  };
}
