/**
 * `npm run bench:store`: the stored model on the generated workload. Importing an
 * `aws iam get-account-authorization-details` export of 2,000 roles (one commit), a one-policy
 * commit on top of it, and `authorize` latency against the stored version once warm.
 * Uses Postgres when DATABASE_URL is set, else an in-memory PGlite.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadCatalog } from '../../src/service/catalog.js';
import { createDecisionService } from '../../src/service/decisions.js';
import { createModelService } from '../../src/service/model.js';
import { versionSourceOf } from '../../src/service/version-source.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createModelStore } from '../../src/store/model-store.js';
import { createPgDb } from '../../src/store/pg-db.js';
import { createPgliteDb } from '../../src/store/pglite-db.js';
import { createSnapshotReader } from '../../src/store/snapshot-reader.js';
import { generateWorkload } from './workload.js';

const w = generateWorkload({ accounts: 1 });
const account = w.accounts[0]!;
const now = new Date('2026-06-15T12:00:00Z');
const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const boundaryArn = `arn:aws:iam::${account}:policy/bench-boundary`;
const exportJson = {
  UserDetailList: [], GroupDetailList: [],
  RoleDetailList: w.roles.map((r) => ({
    Path: '/', RoleName: r.name, Arn: `arn:aws:iam::${account}:role/${r.name}`, AssumeRolePolicyDocument: trust,
    RolePolicyList: r.identity.map((document, i) => ({ PolicyName: `p${i}`, PolicyDocument: document })),
    AttachedManagedPolicies: [], Tags: [{ Key: 'team', Value: 'red' }],
    ...(r.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundaryArn } } : {}),
  })),
  Policies: [{
    PolicyName: 'bench-boundary', Arn: boundaryArn, Path: '/', DefaultVersionId: 'v1',
    PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: w.roles.find((r) => r.boundary)!.boundary }],
  }],
};

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = process.hrtime.bigint();
  const value = await f();
  return [value, Number(process.hrtime.bigint() - t) / 1e6];
}

const db: Db = process.env.DATABASE_URL ? createPgDb(process.env.DATABASE_URL) : await createPgliteDb('memory://');
await migrate(db);
const store = createModelStore(db);
const model = createModelService({ store, catalog: await loadCatalog() });
const decisions = createDecisionService({
  snapshots: createSnapshotReader(db), batchMax: 1000,
  versions: versionSourceOf(store),
});
const org = `bench-${Date.now().toString(36)}`;
await model.createOrganization({ id: org, name: org, awsOrgId: 'o-benchmark01', managementAccountId: '999999999999', rootId: 'r-bench' }, 'bench');
const placed = await model.commit(org, 0, 'the account', 'bench', [{ op: 'put', kind: 'account', body: { id: account, name: 'workloads', parentId: 'r-bench', tags: {}, scps: [], rcps: [] } }]);
const [imported, importMs] = await timed(() => model.importAuthorizationDetails(org, placed.version, exportJson, 'import 2,000 roles', 'bench'));
const [committed, commitMs] = await timed(() => model.commit(org, imported.version, 'one policy', 'bench', [{
  op: 'put', kind: 'policy', body: { arn: `arn:aws:iam::${account}:policy/one-more`, name: 'one-more', path: '/', accountId: account,
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } },
}]));

const requests = w.requests.slice(0, 5000).map((q) => ({
  principal: `arn:aws:sts::${account}:assumed-role/${w.roles[q.role]!.name}/s1`, action: q.action, resource: q.resource, context: q.context,
}));
const decide = (r: (typeof requests)[number]) => decisions.authorize(org, committed.version, r, { explain: false, now });
const [, coldMs] = await timed(async () => { for (const r of requests.slice(0, 500)) await decide(r); });
for (const r of requests) await decide(r); // warm: every snapshot read once
const samples: number[] = [];
for (const r of requests) {
  const t = process.hrtime.bigint();
  await decide(r);
  samples.push(Number(process.hrtime.bigint() - t) / 1e6);
}
samples.sort((a, b) => a - b);
const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
const result = {
  benchmark: 'store', backend: db.kind, roles: w.roles.length, inlinePolicies: w.roles.reduce((n, r) => n + r.identity.length, 0),
  importMs: Math.round(importMs), oneChangeCommitMs: Math.round(commitMs * 10) / 10,
  authorizeFirst500MsTotal: Math.round(coldMs), authorizeWarmP50Ms: Math.round(at(0.5) * 1000) / 1000, authorizeWarmP99Ms: Math.round(at(0.99) * 1000) / 1000,
  requests: samples.length,
};
mkdirSync('bench-results', { recursive: true });
writeFileSync(`bench-results/store-${db.kind}.json`, JSON.stringify(result, null, 2));
console.table(result);
await db.close();
