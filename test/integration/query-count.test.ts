import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, COMMIT, CREATE_ORGANIZATION, doc, startModelApp, type ModelTestApp } from '../helpers/model-app.js';

// One GraphQL query over 100 users, their 200 managed policies and their groups must cost a bounded
// number of SQL statements (DataLoader batching through one getEntities call per version and
// tick), not one per user or per policy.
const ORG = { id: 'many', name: 'Many', awsOrgId: 'o-many000001', managementAccountId: '999999999999', rootId: 'r-many' };
const ACCOUNT = '111111111111';
const USERS = 100;
const GROUPS = 5;
const policyArn = (i: number) => `arn:aws:iam::${ACCOUNT}:policy/P${i}`;
const groupArn = (g: number) => `arn:aws:iam::${ACCOUNT}:group/G${g}`;

const CHANGES = [
  { putAccount: { id: ACCOUNT, name: 'main', parentId: ORG.rootId } },
  ...Array.from({ length: USERS * 2 }, (_, i) => ({
    putPolicy: { arn: policyArn(i), document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` }) },
  })),
  ...Array.from({ length: GROUPS }, (_, g) => ({ putGroup: { arn: groupArn(g), managedPolicies: [policyArn(g)] } })),
  ...Array.from({ length: USERS }, (_, u) => ({
    putUser: { arn: `arn:aws:iam::${ACCOUNT}:user/u${String(u).padStart(3, '0')}`, managedPolicies: [policyArn(2 * u), policyArn(2 * u + 1)], groups: [groupArn(u % GROUPS)] },
  })),
];

const QUERY = /* GraphQL */ `
  {
    organization(id: "many") {
      model {
        users(first: 100) {
          pageInfo { hasNextPage }
          edges { node { arn managedPolicies { arn document } groups { arn managedPolicies { arn } } } }
        }
      }
    }
  }
`;

interface Data {
  organization: { model: { users: { pageInfo: { hasNextPage: boolean }; edges: { node: { arn: string; managedPolicies: { arn: string }[]; groups: { arn: string; managedPolicies: { arn: string }[] }[] } }[] } } };
}

describe.each(backends())('query budget (%s)', (backend) => {
  let app: ModelTestApp;
  beforeAll(async () => {
    app = await startModelApp(backend);
    await app.run(CREATE_ORGANIZATION, { input: ORG });
    await app.run(COMMIT, { org: ORG.id, base: 0, message: '100 users', changes: CHANGES });
  });
  afterAll(() => app?.stop());

  it('lists 100 users with their managed policies and groups in a bounded number of SQL statements', async () => {
    app.db.resetCount();
    const data = await app.run<Data>(QUERY);
    const statements = app.db.queries();
    const { edges, pageInfo } = data.organization.model.users;
    expect(edges).toHaveLength(USERS);
    expect(pageInfo.hasNextPage).toBe(false);
    expect(edges[7]?.node).toEqual({
      arn: `arn:aws:iam::${ACCOUNT}:user/u007`,
      managedPolicies: [expect.objectContaining({ arn: policyArn(14) }), expect.objectContaining({ arn: policyArn(15) })],
      groups: [{ arn: groupArn(2), managedPolicies: [{ arn: policyArn(2) }] }],
    });
    // organization, the users page, one batch of groups + policies, one batch of the groups' policies.
    expect(statements.length, statements.join('\n---\n')).toBeLessThanOrEqual(6);
  });

  it('reads each thing once per request, however often the query repeats it (DataLoader)', async () => {
    const part = (alias: string) => /* GraphQL */ `
      ${alias}: organization(id: "many") {
        latestVersion
        version(version: 1) { message changeCount findings { code } }
        versions(first: 5) { edges { node { version } } }
        model(version: 1) { policies(first: 3) { edges { node { arn } } } users(first: 2, prefix: "arn") { edges { node { arn groups { arn } } } } }
      }`;
    const count = async (query: string) => {
      app.db.resetCount();
      await app.run(query);
      return app.db.queries();
    };
    const once = await count(`{ organizations { id } ${part('a')} }`);
    const twice = await count(`{ organizations { id } again: organizations { id } ${part('a')} ${part('b')} }`);
    expect(twice, twice.join('\n---\n')).toHaveLength(once.length);
  });

  it('reads a bucket once for a batch over many of its objects (objects share their bucket\'s snapshot)', async () => {
    const BATCH = 'query($requests: [StoredAuthorizationRequestInput!]!) { authorizeBatch(org: "many", requests: $requests) { result { decision } error { code } } }';
    const user = `arn:aws:iam::${ACCOUNT}:user/u001`;
    const count = async (bucket: number, objects: number) => {
      const requests = Array.from({ length: objects }, (_, i) => ({ principal: user, action: 's3:GetObject', resource: `arn:aws:s3:::bucket-${bucket}/k${i}` }));
      app.db.resetCount();
      const answer = await app.run<{ authorizeBatch: { result: { decision: string } }[] }>(BATCH, { requests });
      expect(answer.authorizeBatch.map((i) => i.result.decision)).toEqual(Array(objects).fill(bucket === 2 || bucket === 3 ? 'ALLOW' : 'IMPLICIT_DENY'));
      return app.db.queries();
    };
    await count(2, 1); // the user's snapshot and the version, read once
    const one = await count(3, 1);
    const many = await count(4, 50);
    expect(many, many.join('\n---\n')).toHaveLength(one.length);
  });
});
