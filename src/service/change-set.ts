import type { ModelVersion } from '../access/types.js';
import { applyChanges, deletedKeys, referrersAmong, type BaseLookup, type EntityWrite } from '../model/apply-changes.js';
import type { Change, ChangeProblem } from '../model/changes.js';
import type { Entity, EntityKind } from '../model/types.js';
import { ServiceError } from './errors.js';

/** A rejected change set: BAD_POLICY when any problem is a policy problem, else BAD_REQUEST; every problem listed. */
export function changeSetRejected(problems: readonly ChangeProblem[]): ServiceError {
  const code = problems.some((p) => p.code === 'BAD_POLICY') ? 'BAD_POLICY' : 'BAD_REQUEST';
  const summary = problems.slice(0, 5).map((p) => `changes[${p.change}]${p.path ? ` at ${p.path}` : ''}: ${p.message}`);
  const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
  return new ServiceError(code, `commit rejected: ${summary.join('; ')}${more}`, {
    details: {
      problems: problems.map((p) => ({
        change: p.change, code: p.code, message: p.message,
        ...(p.policy !== undefined && { policy: p.policy }), ...(p.path !== undefined && { path: p.path }),
      })),
    },
  });
}

/**
 * The writes of `changes` on a base version, validated exactly as a commit is: a commit and an
 * uncommitted change set under review are accepted or rejected alike. `base` is only asked about
 * `referencedKeys(changes)`; `referrers` are the base entities referring to `deletedKeys(changes)`.
 * @throws ServiceError BAD_POLICY / BAD_REQUEST with `details.problems`.
 */
export function applyChangeSet(changes: readonly Change[], base: BaseLookup, referrers: readonly Entity[]): readonly EntityWrite[] {
  const { writes, problems } = applyChanges(changes, base, referrers);
  if (problems.length > 0) throw changeSetRejected(problems);
  return writes;
}

const entityId = (kind: EntityKind, key: string): string => `${kind}\u0000${key}`;

/**
 * The model a change set would make on top of `base`, in memory (version null): validated as a
 * commit is, and nothing stored. Entities stay ordered by (kind, key), as the store reads them.
 * @throws ServiceError BAD_REQUEST for an empty change set, BAD_POLICY / BAD_REQUEST as `applyChangeSet`.
 */
export function modelWithChanges(base: ModelVersion, changes: readonly Change[]): ModelVersion {
  if (changes.length === 0) throw new ServiceError('BAD_REQUEST', 'a change set needs at least one change');
  const byId = new Map(base.entities.map((e) => [entityId(e.kind, e.key), e] as const));
  const writes = applyChangeSet(changes, (kind, key) => byId.get(entityId(kind, key))?.body ?? null, referrersAmong(base.entities, deletedKeys(changes)));
  for (const w of writes) {
    if (w.body === null) byId.delete(entityId(w.kind, w.key));
    else byId.set(entityId(w.kind, w.key), w as Entity);
  }
  const entities = [...byId.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
  return { ...base, version: null, entities };
}
