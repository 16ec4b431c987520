import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { startApp, type TestApp } from '../helpers/app.js';
import { freshPgliteDb } from '../helpers/database.js';
import { gql } from '../helpers/graphql.js';

// GRAPHQL_EXECUTOR: the same questions to an app executing through graphql-jit (the default) and one
// executing through graphql-js get the same answers and the same errors, HTTP status included.
const SESSION = 'arn:aws:sts::111111111111:assumed-role/WebAppInstanceRole/i-0abc';
const AUTHORIZE = /* GraphQL */ `
  query($request: StoredAuthorizationRequestInput!, $org: String! = "demo") {
    authorize(org: $org, version: 1, request: $request) { version decision blockedBy decisiveStatements { layer policyId sid effect } }
  }
`;
const QUESTIONS: [string, string, Record<string, unknown>][] = [
  ['a decision', AUTHORIZE, { request: { principal: SESSION, action: 's3:GetObject', resource: 'arn:aws:s3:::demo-app-assets/public/logo.png' } }],
  ['an implicit deny', AUTHORIZE, { request: { principal: SESSION, action: 's3:GetObject', resource: 'arn:aws:s3:::demo-app-assets/private/keys.txt' } }],
  ['an unknown organization', AUTHORIZE, { org: 'nope', request: { principal: SESSION, action: 's3:GetObject', resource: '*' } }],
  ['a bad ARN', AUTHORIZE, { request: { principal: 'not-an-arn', action: 's3:GetObject', resource: '*' } }],
  ['variables that do not coerce', AUTHORIZE, { request: { principal: 7, action: 's3:GetObject' } }],
  ['a batch with a bad item', /* GraphQL */ `
    query($requests: [StoredAuthorizationRequestInput!]!) {
      authorizeBatch(org: "demo", version: 1, requests: $requests) { index result { decision blockedBy } error { code message } }
    }
  `, { requests: [
    { principal: SESSION, action: 's3:GetObject', resource: 'arn:aws:s3:::demo-app-assets/public/logo.png' },
    { principal: SESSION, action: 'not an action', resource: '*' },
  ] }],
  ['an explanation', /* GraphQL */ `
    query($request: StoredAuthorizationRequestInput!) {
      explain(org: "demo", version: 1, request: $request) {
        decision explanation { missingContextKeys layers { layer outcome statements { ref { policyId sid } matched } } }
      }
    }
  `, { request: { principal: 'arn:aws:iam::222222222222:user/alice', action: 'sts:AssumeRole', resource: 'arn:aws:iam::333333333333:role/SecurityAudit' } }],
  ['a model read', /* GraphQL */ '{ organizations { id name latestVersion } }', {}],
  ['a validation error', '{ organizations { nope } }', {}],
];

describe('GRAPHQL_EXECUTOR', () => {
  let db: Db;
  let jit: TestApp;
  let js: TestApp;

  beforeAll(async () => {
    db = await freshPgliteDb();
    jit = await startApp({ demoSeed: true }, { db });
    js = await startApp({ demoSeed: true, graphqlExecutor: 'graphql-js' }, { db });
  });
  afterAll(async () => {
    await jit?.stop();
    await js?.stop();
    await db?.close();
  });

  it.each(QUESTIONS)('graphql-jit and graphql-js answer alike: %s', async (_name, query, variables) => {
    const viaJit = await gql(jit.url, query, variables);
    const viaJs = await gql(js.url, query, variables);
    expect(viaJit).toEqual(viaJs);
    expect(viaJit.data || viaJit.errors?.length).toBeTruthy();
  });
});
