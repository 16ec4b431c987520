import type { PrincipalSnapshot, ResourceSnapshot } from '../model/ports.js';

/**
 * Versioned text form of snapshots in Redis: `v1:` + JSON. Snapshots are plain JSON data (entity
 * bodies come from jsonb), so JSON is lossless. A text of another version, or one that does not
 * decode to the expected shape, is a miss: the caller reads the store and overwrites the entry.
 */
const PREFIX = 'v1:';

/** The snapshot kinds the codec knows, with the fields each must carry. */
const FIELDS = {
  principal: ['user', 'role', 'groups', 'managedPolicies', 'account', 'placement', 'scpChain'],
  resource: ['resource', 'role', 'accountId', 'placement', 'rcpChain'],
} as const;

/** A snapshot kind and its type. */
export interface SnapshotKinds {
  principal: PrincipalSnapshot;
  resource: ResourceSnapshot;
}

/** Encodes a snapshot for Redis. */
export function encodeSnapshot<K extends keyof SnapshotKinds>(_kind: K, snapshot: SnapshotKinds[K]): string {
  return PREFIX + JSON.stringify(snapshot);
}

/** Decodes a snapshot, or undefined for anything that is not a `v1` snapshot of `kind` (a miss). */
export function decodeSnapshot<K extends keyof SnapshotKinds>(kind: K, text: string): SnapshotKinds[K] | undefined {
  if (!text.startsWith(PREFIX)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(PREFIX.length));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (!FIELDS[kind].every((field) => field in record)) return undefined;
  const lists = kind === 'principal' ? [record['groups'], record['managedPolicies']] : [];
  if (!lists.every(Array.isArray)) return undefined;
  return value as SnapshotKinds[K];
}
