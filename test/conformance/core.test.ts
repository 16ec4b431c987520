import { describe, expect, it } from 'vitest';
import {
  compilePolicySet, decide, parsePolicy, type PolicyDocument, type PolicyInput, type PolicySetInput,
} from '../../src/core/index.js';
import { casesByFile, type ConformanceCase } from './load-cases.js';

const LAYER_OF: Record<string, string> = {
  scp: 'SCP', rcp: 'RCP', permissionBoundary: 'PERMISSION_BOUNDARY', session: 'SESSION', identity: 'IDENTITY', resource: 'RESOURCE',
};

function doc(id: string, raw: unknown): PolicyInput {
  const parsed = parsePolicy(raw);
  if (!parsed.ok) throw new Error(`${id}: ${JSON.stringify(parsed.error)}`);
  return { id, document: parsed.value as PolicyDocument };
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

const NOW = new Date('2026-06-15T12:00:00Z');

for (const [file, cases] of casesByFile()) {
  describe(file, () => {
    for (const { case: c, divergence } of cases) {
      const run = divergence ? it.skip : it;
      run(divergence ? `${c.name} (known divergence: ${divergence.reason})` : c.name, () => {
        const result = decide(c.request, compilePolicySet(policySetOf(c)), { now: NOW });
        expect(result.decision).toBe(c.expect.decision);
        if (c.expect.blockedBy) {
          expect([...result.blockedBy].sort()).toEqual(c.expect.blockedBy.map((l) => LAYER_OF[l]).sort());
        }
        if (result.decision === 'ALLOW') expect(result.blockedBy).toEqual([]);
      });
    }
  });
}
