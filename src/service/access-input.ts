import type { DeltaKind, DiffFilter } from '../access/types.js';
import { isAccountId, parseArn } from '../core/index.js';
import { ServiceError } from './errors.js';

/** Largest page of an effective-access result. */
export const ACCESS_PAGE_MAX = 500;

/** Deepest chain of role assumptions `whoCan` follows. */
export const ASSUME_DEPTH_MAX = 5;

/** Most patterns a diff filter may hold (over all its fields). */
const FILTER_PATTERNS_MAX = 200;

/** A forward page: at most `first` items after the item at offset `after` (from its cursor). */
export interface PageRequest {
  readonly first: number;
  readonly after?: number | null;
}

/** One item of a page, with its offset in the whole (ordered) result: its cursor. */
export interface PageItem<T> {
  readonly offset: number;
  readonly node: T;
}

/** A page of an ordered result. */
export interface Page<T> {
  readonly items: readonly PageItem<T>[];
  /** Items of the whole result (within its limit; see `truncated` where results have one). */
  readonly totalCount: number;
  readonly hasNextPage: boolean;
}

const badRequest = (field: string, message: string): ServiceError =>
  new ServiceError('BAD_REQUEST', `${field} ${message}`, { details: { problems: [{ field, message }] } });

/** @throws ServiceError BAD_REQUEST when `first` or `after` is out of range. */
export function checkPage(page: PageRequest): void {
  if (!Number.isInteger(page.first) || page.first < 0 || page.first > ACCESS_PAGE_MAX) {
    throw badRequest('first', `must be between 0 and ${ACCESS_PAGE_MAX} (got ${page.first})`);
  }
  if (page.after !== undefined && page.after !== null && (!Number.isInteger(page.after) || page.after < 0)) {
    throw badRequest('after', 'is not a cursor of this result');
  }
}

/** The page of `all` that `page` asks for. */
export function pageOf<T>(all: readonly T[], page: PageRequest): Page<T> {
  const start = page.after === undefined || page.after === null ? 0 : page.after + 1;
  const items = all.slice(start, start + page.first).map((node, i) => ({ offset: start + i, node }));
  return { items, totalCount: all.length, hasNextPage: start + page.first < all.length };
}

/** `service:Action` with no wildcard: who-can asks about one concrete action. */
const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9]+$/;

/** @throws ServiceError BAD_REQUEST unless `action` is one concrete `service:Action`. */
export function checkAction(action: string): void {
  if (!ACTION.test(action)) throw badRequest('action', 'expected one action "service:Action", e.g. "s3:GetObject"');
}

/** @throws ServiceError BAD_REQUEST unless `arn` is an ARN (`arn:partition:service:region:account:resource`). */
export function checkArn(field: string, arn: string): void {
  const parsed = parseArn(arn);
  if (!parsed || parsed.resource === '') throw badRequest(field, `is not an ARN: ${JSON.stringify(arn)}`);
}

/** @throws ServiceError BAD_REQUEST unless `resource` is an ARN or `*`. */
export function checkResource(resource: string): void {
  if (resource !== '*') checkArn('resource', resource);
}

/** @throws ServiceError BAD_REQUEST unless `maxDepth` is a depth of role chains we follow. */
export function checkDepth(maxDepth: number | null | undefined): void {
  if (maxDepth === undefined || maxDepth === null) return;
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > ASSUME_DEPTH_MAX) {
    throw badRequest('maxDepth', `must be between 1 and ${ASSUME_DEPTH_MAX} (got ${maxDepth})`);
  }
}

const KINDS: readonly DeltaKind[] = ['GAINED', 'LOST', 'CHANGED_CONDITIONS'];

/**
 * A diff filter without empty lists (an empty list would match nothing, which no one means).
 * @throws ServiceError BAD_REQUEST for blank or too many patterns, or an unknown kind.
 */
export function normalizeFilter(filter: DiffFilter | null | undefined): DiffFilter {
  if (!filter) return {};
  const out: Record<string, readonly string[]> = {};
  let count = 0;
  for (const field of ['principals', 'accounts', 'services', 'actions', 'resources', 'kinds'] as const) {
    const values = filter[field];
    if (!values || values.length === 0) continue;
    if (values.some((v) => typeof v !== 'string' || v.trim() === '')) throw badRequest(`filter.${field}`, 'must not hold blank patterns');
    if (field === 'kinds' && values.some((v) => !KINDS.includes(v as DeltaKind))) throw badRequest('filter.kinds', `must be among ${KINDS.join(', ')}`);
    count += values.length;
    out[field] = [...new Set(values)].sort();
  }
  if (count > FILTER_PATTERNS_MAX) throw badRequest('filter', `holds ${count} patterns; at most ${FILTER_PATTERNS_MAX}`);
  return out as DiffFilter;
}

/** @throws ServiceError BAD_REQUEST unless `account` is a 12-digit account id. */
export function checkAccount(account: string): void {
  if (!isAccountId(account)) throw badRequest('resourceAccount', 'must be a 12-digit account id');
}
