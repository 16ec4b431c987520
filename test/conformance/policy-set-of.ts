import { parsePolicy, type PolicyInput, type PolicySetInput } from '../../src/core/index.js';
import type { ConformanceCase } from './load-cases.js';

/** FORMAT.md policy kinds → core layers. */
export const LAYER_OF: Record<string, string> = {
  scp: 'SCP', rcp: 'RCP', permissionBoundary: 'PERMISSION_BOUNDARY', session: 'SESSION', identity: 'IDENTITY', resource: 'RESOURCE',
};

function doc(id: string, raw: unknown): PolicyInput {
  const parsed = parsePolicy(raw);
  if (!parsed.ok) throw new Error(`${id}: ${JSON.stringify(parsed.error)}`);
  return { id, document: parsed.value };
}

/** Builds the core's policy set from a case, with the same policy ids the GraphQL layer uses. */
export function policySetOf(c: ConformanceCase): PolicySetInput {
  const p = c.policies;
  const levels = (kind: 'scp' | 'rcp') => p[kind]?.map((l, i) => ({
    target: l.target, policies: l.policies.map((d, j) => doc(`${kind}[${i}].policies[${j}]`, d)),
  }));
  const scp = levels('scp');
  const rcp = levels('rcp');
  return {
    identity: (p.identity ?? []).map((d, i) => doc(`identity[${i}]`, d)),
    ...(p.permissionBoundary ? { permissionBoundary: doc('permissionBoundary', p.permissionBoundary) } : {}),
    ...(p.session ? { session: doc('session', p.session) } : {}),
    ...(scp ? { scp } : {}),
    ...(rcp ? { rcp } : {}),
    ...(p.resource ? { resource: doc('resource', p.resource) } : {}),
  };
}

