import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { gql, type GqlResponse } from '../helpers/graphql.js';
import { casesByFile, type ConformanceCase, type LoadedCase } from './load-cases.js';

// Every conformance case through GraphQL `simulate` over HTTP: the same corpus core.test.ts runs
// through the core, so the service layers cannot change a decision.

const LAYER_OF: Record<string, string> = {
  scp: 'SCP',
  rcp: 'RCP',
  permissionBoundary: 'PERMISSION_BOUNDARY',
  session: 'SESSION',
  identity: 'IDENTITY',
  resource: 'RESOURCE',
};

const SIMULATE = /* GraphQL */ `
  query Simulate($request: AuthorizationRequestInput!, $policies: PolicySetInput!) {
    simulate(request: $request, policies: $policies) { decision blockedBy }
  }
`;

interface SimulateData {
  simulate: { decision: string; blockedBy: string[] };
}

/** Requests in flight at once; enough to keep the server busy without queueing thousands of sockets. */
const CONCURRENCY = 32;

/** The case's policies as given, with identity defaulting to []. */
const policiesOf = (c: ConformanceCase) => ({ ...c.policies, identity: c.policies.identity ?? [] });

async function simulateAll(url: string, cases: readonly LoadedCase[]): Promise<Map<string, GqlResponse<SimulateData>>> {
  const results = new Map<string, GqlResponse<SimulateData>>();
  for (let i = 0; i < cases.length; i += CONCURRENCY) {
    await Promise.all(
      cases.slice(i, i + CONCURRENCY).map(async ({ case: c }) => {
        results.set(c.name, await gql<SimulateData>(url, SIMULATE, { request: c.request, policies: policiesOf(c) }));
      }),
    );
  }
  return results;
}

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());

for (const [file, cases] of casesByFile()) {
  describe(file, () => {
    let results: Map<string, GqlResponse<SimulateData>>;
    beforeAll(async () => {
      results = await simulateAll(app.url, cases.filter((c) => !c.divergence));
    });

    for (const { case: c, divergence } of cases) {
      if (divergence) {
        it.skip(`${c.name} (known divergence: ${divergence.reason})`, () => {});
        continue;
      }
      it(c.name, () => {
        const response = results.get(c.name);
        expect(response?.errors).toBeUndefined();
        expect(response?.status).toBe(200);
        const result = response?.data?.simulate;
        expect(result?.decision).toBe(c.expect.decision);
        if (c.expect.blockedBy) {
          expect([...(result?.blockedBy ?? [])].sort()).toEqual(c.expect.blockedBy.map((l) => LAYER_OF[l]).sort());
        }
      });
    }
  });
}
