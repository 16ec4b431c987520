import type { Db } from '../../src/store/db.js';
import type { Config } from '../../src/server/config.js';
import { countingDb, type CountingDb } from '../../src/store/counting-db.js';
import { startApp, type TestApp } from './app.js';
import { freshPgDb, freshPgliteDb, pgAvailable } from './database.js';
import { gql, type GqlResponse } from './graphql.js';

/** Where a model test stores its data. */
export type Backend = 'pglite' | 'pg';

/** PGlite always; Postgres too when DATABASE_URL is set (global-setup makes it mandatory in CI). */
export const backends = (): Backend[] => (pgAvailable() ? ['pglite', 'pg'] : ['pglite']);

/** A started app over a fresh database of its own, with the statements it runs counted. */
export interface ModelTestApp extends TestApp {
  readonly db: CountingDb;
  /** POSTs one operation; fails the test on a GraphQL error unless `allowErrors`. */
  run<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  raw<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
}

/** Starts an app on a fresh database of `backend`; `stop()` stops it and drops the database. */
export async function startModelApp(backend: Backend, overrides: Partial<Config> = {}): Promise<ModelTestApp> {
  const inner: Db = backend === 'pg' ? await freshPgDb() : await freshPgliteDb();
  const db = countingDb(inner);
  const app = await startApp(overrides, { db });
  const raw = <T>(query: string, variables: Record<string, unknown> = {}) => gql<T>(app.url, query, variables);
  return {
    url: app.url,
    db,
    raw,
    async run<T>(query: string, variables: Record<string, unknown> = {}) {
      const res = await raw<T>(query, variables);
      if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
      return res.data;
    },
    async stop() {
      await app.stop();
      await inner.close();
    },
  };
}

/** `createOrganization` with the given ids (defaults suit most tests). */
export const CREATE_ORGANIZATION = /* GraphQL */ `
  mutation($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { id name awsOrgId managementAccountId latestVersion createdAt }
  }
`;

/** `commit` returning the version and findings. */
export const COMMIT = /* GraphQL */ `
  mutation($org: String!, $base: Int!, $message: String!, $changes: [ChangeInput!]!) {
    commit(org: $org, baseVersion: $base, message: $message, changes: $changes) {
      version
      findings { severity code message entityKind entityKey policy path }
    }
  }
`;

/** A policy document of the given statements. */
export const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
