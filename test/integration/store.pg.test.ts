import { describe } from 'vitest';
import { freshPgDb, pgAvailable } from '../helpers/database.js';
import { defineStoreContract } from './store-contract.js';

// Skipped (with this reason in the report) only outside CI: global-setup.ts fails the run in CI
// when DATABASE_URL is missing or unreachable.
describe.skipIf(!pgAvailable())('Postgres store (requires DATABASE_URL)', () => {
  defineStoreContract('pg', freshPgDb);
});
