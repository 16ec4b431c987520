import type { EntityKind } from './types.js';

/**
 * What a policy is used as, which decides the grammar it must follow and the findings that apply:
 * identity (inline and managed, also used as permissions boundaries), a role's trust policy, a
 * resource policy, an SCP or an RCP.
 */
export type PolicyRole = 'identity' | 'trust' | 'resource' | 'scp' | 'rcp';

/** One policy document held by an entity, with the label used in problems and findings. */
export interface EntityPolicy {
  /** `trustPolicy`, `inline:<Name>`, `document` or `policy`. */
  readonly label: string;
  readonly role: PolicyRole;
  readonly document: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function inlinePolicies(body: Record<string, unknown>): EntityPolicy[] {
  const list = body['inlinePolicies'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((p: unknown) =>
    isObject(p) && typeof p['name'] === 'string' ? [{ label: `inline:${p['name']}`, role: 'identity' as const, document: p['document'] }] : [],
  );
}

/**
 * Every policy document an entity body holds. Reads the body defensively (it may come straight
 * from a client), skipping what is not there; shape problems are reported by `entityShapeProblems`.
 */
export function policiesOf(kind: EntityKind, body: unknown): EntityPolicy[] {
  if (!isObject(body)) return [];
  switch (kind) {
    case 'user':
    case 'group':
      return inlinePolicies(body);
    case 'role':
      return [{ label: 'trustPolicy', role: 'trust', document: body['trustPolicy'] }, ...inlinePolicies(body)];
    case 'policy':
      return [{ label: 'document', role: 'identity', document: body['document'] }];
    case 'orgPolicy':
      return [{ label: 'document', role: body['type'] === 'RCP' ? 'rcp' : 'scp', document: body['document'] }];
    case 'resource':
      return body['policy'] === null || body['policy'] === undefined ? [] : [{ label: 'policy', role: 'resource', document: body['policy'] }];
    case 'root':
    case 'ou':
    case 'account':
      return [];
  }
}
