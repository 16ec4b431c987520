/**
 * Shared seeding for the HTTP benchmarks: the generated workload (`workload.ts`, 40 accounts and
 * 2,000 roles) as ONE stored organization, committed through the model service the way a user
 * would: an organization export (OUs, accounts, FullAWSAccess and the workload's SCP levels, the
 * 200 buckets with their bucket policies), then one `get-account-authorization-details` import per
 * account (its roles, inline policies and the shared boundary). Plus the GraphQL bodies the
 * benchmarks send.
 */
import { loadCatalog } from '../../src/service/catalog.js';
import { createModelService } from '../../src/service/model.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createModelStore } from '../../src/store/model-store.js';
import { createPgDb } from '../../src/store/pg-db.js';
import { createPgliteDb } from '../../src/store/pglite-db.js';
import type { Workload } from './workload.js';

type Json = Record<string, unknown>;

const ROOT = 'r-bnch';
const OU = { workloads: 'ou-bnch-wkld0001', prod: 'ou-bnch-prod0001', nonprod: 'ou-bnch-nonp0001', sandbox: 'ou-bnch-sand0001' } as const;
const AWS_ORG_ID = 'o-benchmark01';
const MANAGEMENT = '999999999999';
const FULL_AWS_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

/** The OU an account of the workload sits in: half under Prod (the conditional deny), the rest spread. */
const ouOf = (i: number): string => [OU.prod, OU.prod, OU.nonprod, OU.sandbox][i % 4]!;

/** The organization export (format: src/model/import/README.md) of the workload's org structure. */
export function orgExport(w: Workload): Json {
  const ous = [
    { id: OU.workloads, name: 'Workloads', parentId: ROOT },
    { id: OU.prod, name: 'Prod', parentId: OU.workloads },
    { id: OU.nonprod, name: 'NonProd', parentId: OU.workloads },
    { id: OU.sandbox, name: 'Sandbox', parentId: ROOT },
  ];
  const accounts = [
    { id: MANAGEMENT, name: 'management', parentId: ROOT, tags: {} },
    ...w.accounts.map((id, i) => ({ id, name: `workload-${i}`, parentId: ouOf(i), tags: { env: ouOf(i) === OU.prod ? 'prod' : 'dev' } })),
  ];
  // The workload's levels: the root's allow-all, and the production OU's allow-all + conditional deny.
  const levelTarget = (t: string) => (t === 'ou-prod' ? OU.prod : ROOT);
  const policies = [
    { id: 'p-FullAWSAccess', name: 'FullAWSAccess', type: 'SCP', document: FULL_AWS_ACCESS, targets: [ROOT, ...ous.map((o) => o.id), ...accounts.map((a) => a.id)] },
    ...w.scpLevels.map((l, i) => ({ id: `p-level${i}`, name: `Level${i}`, type: 'SCP', document: l.policies[0], targets: [levelTarget(l.target)] })),
  ];
  const resources = w.buckets.map((b) => ({ arn: `arn:aws:s3:::${b.name}`, accountId: b.account, policy: b.policy, tags: { owner: b.account } }));
  return { awsOrgId: AWS_ORG_ID, managementAccountId: MANAGEMENT, root: { id: ROOT, scpEnabled: true, rcpEnabled: false }, ous, accounts, policies, resources };
}

/** `aws iam get-account-authorization-details` of one account: its roles and the shared boundary. */
export function authorizationDetails(w: Workload, account: string): Json {
  const boundaryArn = `arn:aws:iam::${account}:policy/bench-boundary`;
  const roles = w.roles.filter((r) => r.account === account);
  const boundary = roles.find((r) => r.boundary)?.boundary;
  return {
    UserDetailList: [], GroupDetailList: [],
    RoleDetailList: roles.map((r) => ({
      Path: '/', RoleName: r.name, Arn: `arn:aws:iam::${account}:role/${r.name}`, AssumeRolePolicyDocument: TRUST,
      RolePolicyList: r.identity.map((document, i) => ({ PolicyName: `p${i}`, PolicyDocument: document })),
      AttachedManagedPolicies: [], Tags: [{ Key: 'team', Value: ['red', 'blue', 'green'][Number(r.name.slice(5)) % 3] }],
      ...(r.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundaryArn } } : {}),
    })),
    Policies: boundary ? [{
      PolicyName: 'bench-boundary', Arn: boundaryArn, Path: '/', DefaultVersionId: 'v1',
      PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: boundary }],
    }] : [],
  };
}

/** A migrated database: a fresh, throw-away Postgres database when DATABASE_URL is set, else in-memory PGlite. */
export async function openBenchDb(): Promise<{ db: Db; backend: 'pg' | 'pglite'; close(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await createPgliteDb('memory://');
    await migrate(db);
    return { db, backend: 'pglite', close: () => db.close() };
  }
  const name = `iam_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const a = createPgDb(url, { max: 1 });
    await a.query(sql).finally(() => a.close());
  };
  await admin(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = createPgDb(target.toString());
  await migrate(db);
  return { db, backend: 'pg', close: async () => { await db.close(); await admin(`drop database if exists "${name}" with (force)`); } };
}

/** What seeding made: the organization and the version every benchmark request pins. */
export interface Seeded {
  readonly org: string;
  readonly version: number;
  readonly commits: number;
  readonly seedMs: number;
  readonly analyzeMs: number;
}

/** Creates the organization and commits the workload into it (1 + 1 + accounts commits). */
export async function seedOrganization(db: Db, w: Workload, org = 'bench'): Promise<Seeded> {
  const started = performance.now();
  const model = createModelService({ store: createModelStore(db), catalog: await loadCatalog() });
  await model.createOrganization({ id: org, name: org, awsOrgId: AWS_ORG_ID, managementAccountId: MANAGEMENT, rootId: ROOT }, 'bench');
  let { version } = await model.importOrganization(org, 0, orgExport(w), 'organization', 'bench');
  let commits = 1;
  for (const account of w.accounts) {
    if (!w.roles.some((r) => r.account === account)) continue;
    ({ version } = await model.importAuthorizationDetails(org, version, authorizationDetails(w, account), `roles of ${account}`, 'bench'));
    commits++;
  }
  const seedMs = Math.round(performance.now() - started);
  // Planner statistics, as autovacuum would gather them a minute later: without them a fresh
  // database reads a role by (account, name) through the primary key, filtering every role of the
  // organization (~6-10 ms instead of ~0.1 ms per lookup on Postgres).
  await db.query('analyze');
  return { org, version, commits, seedMs, analyzeMs: Math.round(performance.now() - started) - seedMs };
}

/** One `authorize` request as the GraphQL input takes it. */
export interface BenchRequest {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context: Record<string, string>;
}

/**
 * Request `i` of the workload, by a session of its role. Its context ends with `bench:nonce` = "0",
 * a key no policy reads: `load(..., { fresh: true })` (children.ts) replaces it with a new value per
 * request, so that each one is new to the decision memo.
 */
export function requestAt(w: Workload, i: number): BenchRequest {
  const q = w.requests[i]!;
  const role = w.roles[q.role]!;
  return {
    principal: `arn:aws:sts::${role.account}:assumed-role/${role.name}/s1`, action: q.action, resource: q.resource,
    context: { ...q.context, 'bench:nonce': '0' },
  };
}

/** One request per role in [from, to): for principals no decision has seen yet. */
export function onePerRole(w: Workload, from: number, to: number): BenchRequest[] {
  const first = new Map<number, number>();
  w.requests.forEach((q, i) => { if (q.role >= from && q.role < to && !first.has(q.role)) first.set(q.role, i); });
  return [...first.keys()].sort((a, b) => a - b).map((role) => requestAt(w, first.get(role)!));
}

/** Up to `max` requests of the workload whose role is in [from, to), in workload order. */
export const requestsOfRoles = (w: Workload, from: number, to: number, max: number): BenchRequest[] =>
  w.requests.flatMap((q, i) => (q.role >= from && q.role < to ? [i] : [])).slice(0, max).map((i) => requestAt(w, i));

const AUTHORIZE = 'query($org: String!, $version: Int, $request: StoredAuthorizationRequestInput!) { authorize(org: $org, version: $version, request: $request) { decision blockedBy } }';
const BATCH = 'query($org: String!, $version: Int, $requests: [StoredAuthorizationRequestInput!]!) { authorizeBatch(org: $org, version: $version, requests: $requests) { index result { decision blockedBy } error { code } } }';

/** The POST body of one `authorize` at a pinned version. */
export const authorizeBody = (s: Pick<Seeded, 'org' | 'version'>, request: BenchRequest): string =>
  JSON.stringify({ query: AUTHORIZE, variables: { org: s.org, version: s.version, request } });

/** The POST body of one `authorizeBatch` at a pinned version. */
export const batchBody = (s: Pick<Seeded, 'org' | 'version'>, requests: readonly BenchRequest[]): string =>
  JSON.stringify({ query: BATCH, variables: { org: s.org, version: s.version, requests } });
