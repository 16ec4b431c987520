import type { ChangeProblem } from './changes.js';
import type { Entity, EntityKind } from './types.js';
import { referencesOf, type EntityRef } from './entity-refs.js';
import { parentKind } from './ids.js';
import { refId, type ModelOverlay } from './model-overlay.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * References to check: those the change set introduces, and those pointing at an entity it
 * touched (e.g. deleted). References the base body already had to untouched entities were checked
 * when they were committed, and their targets are not loaded.
 */
function refsToCheck(overlay: ModelOverlay, kind: EntityKind, key: string, body: unknown): EntityRef[] {
  const before = new Set(referencesOf(kind, overlay.baseOf(kind, key)).map((r) => refId(r.kind, r.key)));
  return referencesOf(kind, body).filter((r) => !before.has(refId(r.kind, r.key)) || overlay.isTouched(r.kind, r.key));
}

function refProblem(overlay: ModelOverlay, from: string, ref: EntityRef): Omit<ChangeProblem, 'change'> | undefined {
  const target = overlay.get(ref.kind, ref.key);
  if (!isObject(target)) return { code: 'DANGLING_REFERENCE', message: `${from}: ${ref.field} refers to ${ref.kind} ${ref.key}, which does not exist` };
  if (ref.orgPolicyType && target['type'] !== ref.orgPolicyType) {
    return { code: 'INVALID_ENTITY', message: `${from}: ${ref.field} refers to ${ref.key}, which is a ${String(target['type'])}, not an ${ref.orgPolicyType}` };
  }
  return undefined;
}

/** True when following `parentId` from an OU comes back to it (within the loaded entities). */
function inCycle(overlay: ModelOverlay, start: string): boolean {
  const seen = new Set<string>();
  let current: unknown = overlay.get('ou', start);
  while (isObject(current) && typeof current['parentId'] === 'string') {
    const parent = current['parentId'];
    if (parent === start) return true;
    if (parentKind(parent) === 'root' || seen.has(parent)) return false;
    seen.add(parent);
    current = overlay.get('ou', parent);
  }
  return false;
}

/**
 * Deletes of entities that untouched entities still refer to, as AWS refuses them (DeleteConflict):
 * a managed policy still attached, a group with members, an OU with children, an SCP or RCP still
 * attached. Blamed on the delete; the change set may detach or delete the referrer first.
 */
function deleteConflicts(overlay: ModelOverlay, referrers: readonly Entity[]): ChangeProblem[] {
  const problems: ChangeProblem[] = [];
  for (const r of referrers) {
    if (overlay.isTouched(r.kind, r.key)) continue;
    for (const ref of referencesOf(r.kind, r.body)) {
      const change = overlay.changeOf(ref.kind, ref.key);
      if (change === undefined || overlay.get(ref.kind, ref.key) !== null) continue;
      problems.push({ change, code: 'DELETE_CONFLICT', message: `${ref.kind} ${ref.key} cannot be deleted: ${r.kind} ${r.key} still refers to it (${ref.field})` });
    }
  }
  return problems;
}

/**
 * Problems of the model after every change: dangling references, deletes of what untouched
 * `referrers` (the base entities referring to what the changes delete) still refer to, wrong
 * SCP/RCP types, OU cycles.
 */
export function finalStateProblems(overlay: ModelOverlay, referrers: readonly Entity[]): ChangeProblem[] {
  const problems: ChangeProblem[] = deleteConflicts(overlay, referrers);
  for (const { kind, key, body, change } of overlay.entries()) {
    if (body === null) continue;
    const from = `${kind} ${key}`;
    for (const ref of refsToCheck(overlay, kind, key, body)) {
      const p = refProblem(overlay, from, ref);
      if (p) problems.push({ change, ...p });
    }
    if (kind === 'ou' && inCycle(overlay, key)) problems.push({ change, code: 'INVALID_ENTITY', message: `${from}: its parents form a cycle` });
  }
  return problems;
}
