import { defineConfig } from 'vitest/config';

// graphql 16 ships CJS ("main") and ESM ("module") without an "exports" map: Vite resolves our
// sources to index.mjs while Node loads index.js for type-graphql and Apollo, and graphql-js then
// rejects types "from another module or realm". Point every import at the copy Node (and tsx) load.
const resolve = { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] };

// CI (.ci/run) asks for a JSON report beside the usual output, to print a plain closing line.
const jsonReport = process.env.VITEST_JSON_REPORT;

export default defineConfig({
  test: {
    ...(jsonReport ? { reporters: ['dot', 'json'], outputFile: { json: jsonReport } } : {}),
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/property/**/*.test.ts', 'test/repo/**/*.test.ts', 'test/conformance/core.test.ts'],
          pool: 'threads',
        },
      },
      {
        resolve,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/conformance/simulate.test.ts', 'test/conformance/stored.test.ts'],
          globalSetup: 'test/helpers/global-setup.ts',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
