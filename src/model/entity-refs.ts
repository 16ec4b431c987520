import type { EntityKind } from './types.js';
import { parentKind } from './ids.js';

/** A reference from one entity body to another entity, and for SCP/RCP lists the policy type it needs. */
export interface EntityRef {
  readonly kind: EntityKind;
  readonly key: string;
  /** The field holding the reference, for messages (`groups`, `managedPolicies`, `parentId`, …). */
  readonly field: string;
  readonly orgPolicyType?: 'SCP' | 'RCP';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

function listRefs(body: Record<string, unknown>, field: string, kind: EntityKind, orgPolicyType?: 'SCP' | 'RCP'): EntityRef[] {
  return strings(body[field]).map((key) => ({ kind, key, field, ...(orgPolicyType ? { orgPolicyType } : {}) }));
}

function optionalRef(body: Record<string, unknown>, field: string, kind: (key: string) => EntityKind): EntityRef[] {
  const key = body[field];
  return typeof key === 'string' && key !== '' ? [{ kind: kind(key), key, field }] : [];
}

const orgTargetRefs = (b: Record<string, unknown>): EntityRef[] => [
  ...listRefs(b, 'scps', 'orgPolicy', 'SCP'),
  ...listRefs(b, 'rcps', 'orgPolicy', 'RCP'),
];

/** Every entity an entity body refers to (read defensively: the body may not be well-formed). */
export function referencesOf(kind: EntityKind, body: unknown): EntityRef[] {
  if (!isObject(body)) return [];
  switch (kind) {
    case 'user':
      return [...listRefs(body, 'groups', 'group'), ...listRefs(body, 'managedPolicies', 'policy'), ...optionalRef(body, 'permissionsBoundary', () => 'policy')];
    case 'role':
      return [...listRefs(body, 'managedPolicies', 'policy'), ...optionalRef(body, 'permissionsBoundary', () => 'policy')];
    case 'group':
      return listRefs(body, 'managedPolicies', 'policy');
    case 'ou':
    case 'account':
      return [...optionalRef(body, 'parentId', parentKind), ...orgTargetRefs(body)];
    case 'root':
      return orgTargetRefs(body);
    case 'policy':
    case 'orgPolicy':
    case 'resource':
      return [];
  }
}
