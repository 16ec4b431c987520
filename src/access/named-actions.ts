import { parseStored } from './evaluator.js';
import type { Entity } from '../model/types.js';
import type { ModelVersion } from './types.js';

/**
 * Every action named literally in a version's policies, as one list per entity body. Lists are
 * memoised per body object, which versions share for unchanged entities, so a version read as its
 * predecessor plus one commit costs only the commit's entities (and `ActionSpace.include` skips
 * lists it has seen).
 */
export function namedActions(model: ModelVersion): readonly (readonly string[])[] {
  let out = memo.get(model);
  if (!out) {
    out = model.entities.map(namedBy);
    memo.set(model, out);
  }
  return out;
}

const memo = new WeakMap<ModelVersion, readonly (readonly string[])[]>();
const byBody = new WeakMap<object, readonly string[]>();

function namedBy(e: Entity): readonly string[] {
  let out = byBody.get(e.body);
  if (!out) {
    out = collectNamed(e);
    byBody.set(e.body, out);
  }
  return out;
}

function collectNamed(e: Entity): string[] {
  const out: string[] = [];
  const collect = (json: unknown) => {
    for (const s of parseStored(json).statements) for (const a of [...(s.action ?? []), ...(s.notAction ?? [])]) out.push(a);
  };
  switch (e.kind) {
    case 'user': case 'group': e.body.inlinePolicies.forEach((p) => collect(p.document)); break;
    case 'role': collect(e.body.trustPolicy); e.body.inlinePolicies.forEach((p) => collect(p.document)); break;
    case 'policy': case 'orgPolicy': collect(e.body.document); break;
    case 'resource': if (e.body.policy) collect(e.body.policy); break;
    default: break;
  }
  return out;
}
