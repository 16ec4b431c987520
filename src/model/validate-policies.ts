import { parsePolicy } from '../core/index.js';
import type { EntityKind } from './types.js';
import { policiesOf } from './entity-policies.js';
import { locate } from './policy-locator.js';
import { policyRoleProblems } from './policy-rules.js';

/** A problem of one policy held by an entity. */
export interface EntityPolicyProblem {
  /** `trustPolicy`, `inline:<Name>`, `document` or `policy`. */
  readonly policy: string;
  readonly path: string;
  readonly message: string;
}

/**
 * Validates every policy an entity body holds: the core's grammar (`parsePolicy`), then the rules
 * of its use (no Principal in identity policies and SCPs, a Principal in trust and resource
 * policies, `"Principal": "*"` and Deny-only in customer managed RCPs).
 */
export function entityPolicyProblems(kind: EntityKind, key: string, body: unknown): EntityPolicyProblem[] {
  return policiesOf(kind, body).flatMap(({ label, role, document }) => {
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      return [{ policy: label, path: '$', message: 'expected a policy document object' }];
    }
    const parsed = parsePolicy(document);
    if (!parsed.ok) return parsed.error.map((p) => ({ policy: label, path: p.path || '$', message: `${p.code}: ${p.message}` }));
    return policyRoleProblems(role, parsed.value, locate(document), key).map((p) => ({ policy: label, ...p }));
  });
}
