import type { Change, ChangeProblem } from './changes.js';
import { ENTITY_KINDS, keyOf, type Entity, type EntityBodies, type EntityKind } from './types.js';
import { applyAttachment, attachedPolicyRef } from './attachments.js';
import { entityShapeProblems } from './entity-shape.js';
import { referencesOf } from './entity-refs.js';
import { entityPolicyProblems } from './validate-policies.js';
import { ModelOverlay, refId, type EntityRefKey } from './model-overlay.js';
import { finalStateProblems } from './final-state.js';

export type { EntityRefKey } from './model-overlay.js';

/** The final body of one touched entity; null when the change set deletes it. */
export type EntityWrite = { [K in EntityKind]: { readonly kind: K; readonly key: string; readonly body: EntityBodies[K] | null } }[EntityKind];

/** An entity's body at the base version, or null when it does not exist. */
export type BaseLookup = (kind: EntityKind, key: string) => EntityBodies[EntityKind] | null;

/** The outcome of `applyChanges`: any problem rejects the whole commit. */
export interface AppliedChanges {
  readonly writes: readonly EntityWrite[];
  readonly problems: readonly ChangeProblem[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The key of a put's body, or undefined when the body cannot have one. */
function putKey(c: Extract<Change, { op: 'put' }>): string | undefined {
  if (!isObject(c.body)) return undefined;
  const key: unknown = keyOf(c.kind, c.body);
  return typeof key === 'string' && key !== '' ? key : undefined;
}

const ATTACHMENTS: readonly string[] = ['MANAGED', 'BOUNDARY', 'SCP', 'RCP'];

/** What makes a change unusable before its body is even read (clients may send anything). */
function malformed(c: Change): string | undefined {
  const kind = c.op === 'attach' || c.op === 'detach' ? c.targetKind : (c as { kind?: unknown }).kind;
  if (!ENTITY_KINDS.includes(kind as EntityKind)) return `unknown entity kind ${JSON.stringify(kind)}`;
  if (c.op === 'attach' || c.op === 'detach') {
    if (!ATTACHMENTS.includes(c.attachment)) return `unknown attachment ${JSON.stringify(c.attachment)}`;
    if (typeof c.policy !== 'string' || typeof c.targetKey !== 'string') return 'policy and targetKey must be strings';
    return undefined;
  }
  if (c.op === 'delete') return typeof c.key === 'string' ? undefined : 'key must be a string';
  return c.op === 'put' ? undefined : `unknown op ${JSON.stringify((c as { op?: unknown }).op)}`;
}

/**
 * Every entity the changes touch or reference, deduplicated, so the service can load them at the
 * base version in one batch; `applyChanges` looks up nothing else.
 */
export function referencedKeys(changes: readonly Change[]): EntityRefKey[] {
  const out = new Map<string, EntityRefKey>();
  const add = (kind: EntityKind, key: string): void => void out.set(refId(kind, key), { kind, key });
  for (const c of changes) {
    if (malformed(c)) continue;
    if (c.op === 'put') {
      const key = putKey(c);
      if (key !== undefined) add(c.kind, key);
      for (const r of referencesOf(c.kind, c.body)) add(r.kind, r.key);
    } else if (c.op === 'delete') {
      add(c.kind, c.key);
    } else {
      add(c.targetKind, c.targetKey);
      const p = attachedPolicyRef(c);
      add(p.kind, p.key);
    }
  }
  return [...out.values()];
}

/** The keys the changes delete (the service reads the base entities still referring to them). */
export function deletedKeys(changes: readonly Change[]): string[] {
  return [...new Set(changes.flatMap((c) => (c.op === 'delete' && !malformed(c) ? [c.key] : [])))];
}

/** The entities among `entities` whose references name one of `keys`: what `applyChanges` needs as referrers. */
export function referrersAmong(entities: Iterable<Entity>, keys: readonly string[]): Entity[] {
  if (keys.length === 0) return [];
  const wanted = new Set(keys);
  const out: Entity[] = [];
  for (const e of entities) if (referencesOf(e.kind, e.body).some((r) => wanted.has(r.key))) out.push(e);
  return out;
}

/**
 * Applies changes in order on top of the base version (later changes see earlier ones), checking
 * each entity's shape and policies as it is put and, once all are applied, the references the
 * change set introduces and those that `referrers` keep to what it deletes. Pure and synchronous:
 * `base` is only asked about `referencedKeys(changes)`; `referrers` must hold every base entity
 * referring to one of `deletedKeys(changes)` (others are ignored).
 */
export function applyChanges(changes: readonly Change[], base: BaseLookup, referrers: readonly Entity[]): AppliedChanges {
  const overlay = new ModelOverlay(base, referencedKeys(changes));
  const problems: ChangeProblem[] = [];
  changes.forEach((c, change) => {
    const problem = (code: ChangeProblem['code'], message: string): void => void problems.push({ change, code, message });
    const bad = malformed(c);
    if (bad) return problem('INVALID_ENTITY', bad);
    if (c.op === 'put') {
      const key = putKey(c);
      for (const m of entityShapeProblems(c.kind, c.body)) problem('INVALID_ENTITY', `${c.kind} ${key ?? '?'}: ${m}`);
      if (key === undefined) return;
      for (const p of entityPolicyProblems(c.kind, key, c.body)) problems.push({ change, code: 'BAD_POLICY', ...p, message: `${c.kind} ${key} ${p.policy}: ${p.message}` });
      overlay.set(c.kind, key, c.body, change);
    } else if (c.op === 'delete') {
      if (overlay.get(c.kind, c.key) === null) return problem('NOT_FOUND', `${c.kind} ${c.key} does not exist`);
      overlay.set(c.kind, c.key, null, change);
    } else {
      const outcome = applyAttachment(c, overlay.get(c.targetKind, c.targetKey));
      if (!outcome.ok) return problem(outcome.code, `${c.op} ${c.attachment} ${c.policy}: ${outcome.message}`);
      overlay.set(c.targetKind, c.targetKey, outcome.body, change);
    }
  });
  problems.push(...finalStateProblems(overlay, referrers));
  return { writes: overlay.writes() as EntityWrite[], problems };
}
