import type { OrgId } from '../model/types.js';

// Every key of a cached value embeds an immutable version (or a content hash), so an entry is never
// invalidated, only evicted. The one mutable value, an organization's latest version, has its own
// key and is kept current by pub/sub (see latest-version.ts). Redis keys and channels additionally
// start with the configured prefix (CACHE_KEY_PREFIX), which separates deployments and test files.

/** The key of a principal snapshot at a version. */
export const principalSnapshotKey = (org: OrgId, version: number, principalArn: string): string =>
  `snap:v1:${org}:${version}:principal:${principalArn}`;

/** The key of a resource snapshot at a version; the account hint is part of the question. */
export const resourceSnapshotKey = (org: OrgId, version: number, resourceArn: string, resourceAccount?: string): string =>
  `snap:v1:${org}:${version}:resource:${resourceArn}|${resourceAccount ?? ''}`;

/** The key of a compiled policy: a hash of its document's canonical JSON text. */
export const compiledPolicyKey = (contentHash: string): string => `policy:v1:${contentHash}`;

/** The Redis key holding an organization's latest version. */
export const latestVersionKey = (org: OrgId): string => `latest:v1:${org}`;

/** The channel on which commits announce `{ org, version }`. */
export const COMMITS_CHANNEL = 'commits:v1';
