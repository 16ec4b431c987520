import { describe, expect, it } from 'vitest';
import { compilePolicySet, decide } from '../../src/core/index.js';
import { casesByFile } from './load-cases.js';
import { LAYER_OF, policySetOf } from './policy-set-of.js';

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
