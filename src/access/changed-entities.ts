import { canonicalJson } from '../model/canonical-json.js';
import type { Entity, EntityKind } from '../model/types.js';
import { entityId, indexOf } from './model-index.js';
import type { ModelVersion } from './types.js';

/** An entity that differs between two versions. */
export interface ChangedEntity {
  readonly kind: EntityKind;
  readonly key: string;
  readonly change: 'ADDED' | 'REMOVED' | 'MODIFIED';
  readonly before: Entity | undefined;
  readonly after: Entity | undefined;
}


/** Canonical JSON of entity bodies, memoised per body object: versions stay cached, so each body is serialised once. */
const bodies = new WeakMap<object, string>();
function canonicalBody(body: object): string {
  let text = bodies.get(body);
  if (text === undefined) bodies.set(body, (text = canonicalJson(body)));
  return text;
}

/** Entities added, removed or modified between two versions, compared by (kind, key) and canonical JSON. */
export function changedEntities(from: ModelVersion, to: ModelVersion): ChangedEntity[] {
  const before = indexOf(from).entities;
  const after = indexOf(to).entities;
  const out: ChangedEntity[] = [];
  for (const [id, b] of before) {
    const a = after.get(id);
    if (!a) out.push({ kind: b.kind, key: b.key, change: 'REMOVED', before: b, after: undefined });
    // Bodies shared between versions (a cached base under a change set) are equal without serialising.
    else if (a.body !== b.body && canonicalBody(a.body) !== canonicalBody(b.body)) out.push({ kind: b.kind, key: b.key, change: 'MODIFIED', before: b, after: a });
  }
  for (const [id, a] of after) if (!before.has(id)) out.push({ kind: a.kind, key: a.key, change: 'ADDED', before: undefined, after: a });
  return out;
}

/** Looks up a changed entity by kind and key. */
export function changeIndex(changes: readonly ChangedEntity[]): ReadonlyMap<string, ChangedEntity> {
  return new Map(changes.map((c) => [entityId(c.kind, c.key), c]));
}
