import type { AttachChange, AttachmentKind, ChangeProblem } from './changes.js';
import type { EntityKind } from './types.js';
import { parseIamArn } from './iam-arn.js';
import { ORG_POLICY_ID } from './ids.js';

interface AttachmentRule {
  readonly targets: readonly EntityKind[];
  readonly field: 'managedPolicies' | 'permissionsBoundary' | 'scps' | 'rcps';
  readonly policyKind: 'policy' | 'orgPolicy';
  /** Attaching again: IAM's Attach*Policy is idempotent; Organizations' AttachPolicy fails (DuplicatePolicyAttachmentException). */
  readonly duplicate: 'ignore' | 'reject';
}

const RULES: Readonly<Record<AttachmentKind, AttachmentRule>> = {
  MANAGED: { targets: ['user', 'group', 'role'], field: 'managedPolicies', policyKind: 'policy', duplicate: 'ignore' },
  BOUNDARY: { targets: ['user', 'role'], field: 'permissionsBoundary', policyKind: 'policy', duplicate: 'ignore' },
  SCP: { targets: ['root', 'ou', 'account'], field: 'scps', policyKind: 'orgPolicy', duplicate: 'reject' },
  RCP: { targets: ['root', 'ou', 'account'], field: 'rcps', policyKind: 'orgPolicy', duplicate: 'reject' },
};

/** The result of one attach/detach on its target's body. */
export type AttachOutcome =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly code: ChangeProblem['code']; readonly message: string };

/** The entity an attach/detach names as its policy. */
export const attachedPolicyRef = (c: AttachChange): { kind: EntityKind; key: string } => ({ kind: RULES[c.attachment].policyKind, key: c.policy });

const fail = (code: ChangeProblem['code'], message: string): AttachOutcome => ({ ok: false, code, message });

function policyIdProblem(c: AttachChange, target: Record<string, unknown>): string | undefined {
  if (RULES[c.attachment].policyKind === 'orgPolicy') return ORG_POLICY_ID.test(c.policy) ? undefined : `${c.policy} is not a policy id (p-…)`;
  const arn = parseIamArn(c.policy);
  if (arn?.type !== 'policy') return `${c.policy} is not a managed policy ARN`;
  return arn.account === 'aws' || arn.account === target['accountId'] ? undefined : `${c.policy} belongs to another account`;
}

/**
 * Applies an attach or detach to the target's current body (null when absent). Legal pairs:
 * MANAGED to a user, group or role; BOUNDARY to a user or role (sets `permissionsBoundary`);
 * SCP and RCP to a root, OU or account. Whether the policy exists is checked with the other references.
 */
export function applyAttachment(c: AttachChange, target: unknown): AttachOutcome {
  const rule = RULES[c.attachment];
  if (!rule.targets.includes(c.targetKind)) return fail('INVALID_ENTITY', `a ${c.attachment} policy cannot be attached to a ${c.targetKind}`);
  if (typeof target !== 'object' || target === null) return fail('NOT_FOUND', `${c.targetKind} ${c.targetKey} does not exist`);
  const body = target as Record<string, unknown>;
  const bad = policyIdProblem(c, body);
  if (bad) return fail('INVALID_ENTITY', bad);
  if (rule.field === 'permissionsBoundary') {
    if (c.op === 'attach') return { ok: true, body: { ...body, permissionsBoundary: c.policy } };
    if (body['permissionsBoundary'] !== c.policy) return fail('NOT_FOUND', `${c.policy} is not the permissions boundary of ${c.targetKey}`);
    return { ok: true, body: { ...body, permissionsBoundary: null } };
  }
  const current = Array.isArray(body[rule.field]) ? (body[rule.field] as unknown[]) : [];
  const present = current.includes(c.policy);
  if (c.op === 'detach') {
    if (!present) return fail('NOT_FOUND', `${c.policy} is not attached to ${c.targetKey}`);
    return { ok: true, body: { ...body, [rule.field]: current.filter((p) => p !== c.policy) } };
  }
  if (present && rule.duplicate === 'reject') return fail('DUPLICATE', `${c.policy} is already attached to ${c.targetKey}`);
  return { ok: true, body: present ? body : { ...body, [rule.field]: [...current, c.policy] } };
}
