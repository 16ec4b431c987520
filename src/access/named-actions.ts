import { parseStored } from './evaluator.js';
import type { ModelVersion } from './types.js';

/** Every action named literally in a version's policies. */
export function namedActions(model: ModelVersion): readonly string[] {
  let out = memo.get(model);
  if (!out) {
    out = collectNamed(model);
    memo.set(model, out);
  }
  return out;
}

const memo = new WeakMap<ModelVersion, readonly string[]>();

function collectNamed(model: ModelVersion): string[] {
  const out: string[] = [];
  const collect = (json: unknown) => {
    for (const s of parseStored(json).statements) for (const a of [...(s.action ?? []), ...(s.notAction ?? [])]) out.push(a);
  };
  for (const e of model.entities) {
    switch (e.kind) {
      case 'user': case 'group': e.body.inlinePolicies.forEach((p) => collect(p.document)); break;
      case 'role': collect(e.body.trustPolicy); e.body.inlinePolicies.forEach((p) => collect(p.document)); break;
      case 'policy': case 'orgPolicy': collect(e.body.document); break;
      case 'resource': if (e.body.policy) collect(e.body.policy); break;
      default: break;
    }
  }
  return out;
}
