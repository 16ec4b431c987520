/**
 * `npm run bench:diff`: effective access (issue 5) on the generated organization (`workload.ts`:
 * 40 accounts, 2,000 roles, two SCP levels, 200 buckets), seeded as in bench:http (`seed.ts`), on
 * Postgres at DATABASE_URL in a throw-away database, else in-memory PGlite. Through the access
 * service (no HTTP), each figure cold (a new service: the model versions are read from the database
 * and indexed) and warm (models cached; the result cache is off, so every run computes):
 *  - a one-role edit (a role gains s3:* on a bucket of its account): diffAccess between the two
 *    versions, and diffAccessForChanges of the same edit before it is committed (goal ≤ 200 ms);
 *  - whoCan for one action on one object (goal ≤ 100 ms warm); whatCan of the edited role;
 *  - a root SCP edit (a Deny added to the SCP at the root): diffAccess (goal ≤ 5 s).
 * Writes bench-results/diff-<backend>.json and prints the tables.
 */
import type { ModelVersionSource } from '../../src/model/ports.js';
import type { Change } from '../../src/model/changes.js';
import type { Role } from '../../src/model/types.js';
import { createAccessService, type AccessService } from '../../src/service/access.js';
import { loadActionCatalog, loadCatalog } from '../../src/service/catalog.js';
import { createModelService } from '../../src/service/model.js';
import { createModelStore } from '../../src/store/model-store.js';
import { createModelVersionReader } from '../../src/store/model-version-reader.js';
import { progress, writeReport } from './report.js';
import { openBenchDb, seedOrganization } from './seed.js';
import { generateWorkload } from './workload.js';

const WARM_RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** The root SCP edit re-evaluates the whole organization: fewer warm runs. */
const ROOT_RUNS = Number(process.env.BENCH_ROOT_RUNS ?? 3);
const now = new Date('2026-06-15T12:00:00Z');
const page = { first: 50 };
const round = (x: number) => Math.round(x * 10) / 10;

const w = generateWorkload({ accounts: 40, requests: 10 });
const bench = await openBenchDb();
progress(`seeding ${w.roles.length} roles on ${bench.backend}`);
const seeded = await seedOrganization(bench.db, w);
const { org } = seeded;
const model = createModelService({ store: createModelStore(bench.db), catalog: await loadCatalog() });
const reader: ModelVersionSource = createModelVersionReader(bench.db);
const newService = (): AccessService =>
  createAccessService({ models: reader, versions: model, catalog: loadActionCatalog, resultCacheSize: 0 });

// The edits: one role gains s3:* on a bucket of its account; then a Deny is added to the SCP at the root.
const target = w.roles[0]!;
const roleArn = `arn:aws:iam::${target.account}:role/${target.name}`;
const [stored] = await model.getEntities(org, seeded.version, [{ kind: 'role', key: roleArn }]);
if (stored?.kind !== 'role') throw new Error(`${roleArn} is not in the seeded model`);
// A bucket of the role's own account, so that its identity policy alone grants (same account).
const bucket = `arn:aws:s3:::${w.buckets.find((b) => b.account === target.account)!.name}`;
const oneRole: Change[] = [{ op: 'put', kind: 'role', body: { ...(stored.body as Role), inlinePolicies: [...(stored.body as Role).inlinePolicies, {
  name: 'bench-extra', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: [bucket, `${bucket}/*`] }] },
}] } }];
const v0 = seeded.version;
const v1 = (await model.commit(org, v0, 'one role gains s3 on one bucket', 'bench', oneRole)).version;
const [rootScp] = await model.getEntities(org, v1, [{ kind: 'orgPolicy', key: 'p-level0' }]);
if (rootScp?.kind !== 'orgPolicy') throw new Error('p-level0 is not in the seeded model');
const scpStatements = (rootScp.body.document as { Statement: unknown[] }).Statement;
const rootEdit: Change[] = [{ op: 'put', kind: 'orgPolicy', body: { ...rootScp.body, document: { Version: '2012-10-17', Statement: [
  ...scpStatements, { Sid: 'NoDeletes', Effect: 'Deny', Action: ['s3:DeleteObject', 'dynamodb:DeleteItem'], Resource: '*' },
] } } }];
const v2 = (await model.commit(org, v1, 'root SCP denies deletes', 'bench', rootEdit)).version;
await loadActionCatalog();

interface Measured { ms: number; detail: Record<string, unknown> }
type Run = (s: AccessService) => Promise<Record<string, unknown>>;

async function timed(s: AccessService, run: Run): Promise<Measured> {
  const t = performance.now();
  const detail = await run(s);
  return { ms: performance.now() - t, detail };
}

/** Cold (a fresh service) once, then warm `runs` times on the same service: the median. */
async function measure(name: string, goalMs: number | null, run: Run, runs = WARM_RUNS): Promise<Record<string, unknown>> {
  progress(name);
  const service = newService();
  const cold = await timed(service, run);
  progress(`  cold ${round(cold.ms)} ms ${JSON.stringify(cold.detail)}`);
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push((await timed(service, run)).ms);
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)]!;
  progress(`  warm ${warm.map(round).join(', ')} ms`);
  return {
    figure: name, coldMs: round(cold.ms), warmMedianMs: round(median), warmMinMs: round(warm[0]!), warmMaxMs: round(warm.at(-1)!), warmRuns: runs,
    goalMs: goalMs ?? '', met: goalMs === null ? '' : median <= goalMs ? 'yes' : 'NO', ...cold.detail,
  };
}

/**
 * What a review bot sees after a commit: a service that already diffed the previous commit (so the
 * base version is read and indexed), asked for the diff to the new version, which it reads as the
 * base plus the commit's rows. A fresh service per run; the median of `runs`.
 */
async function measureAfterCommit(name: string, goalMs: number, prepare: Run, run: Run, runs = WARM_RUNS): Promise<Record<string, unknown>> {
  progress(name);
  const times: number[] = [];
  let detail: Record<string, unknown> = {};
  for (let i = 0; i < runs; i++) {
    const service = newService();
    await prepare(service);
    const t = await timed(service, run);
    times.push(t.ms);
    detail = t.detail;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  progress(`  ${times.map(round).join(', ')} ms`);
  return {
    figure: name, coldMs: '', warmMedianMs: round(median), warmMinMs: round(times[0]!), warmMaxMs: round(times.at(-1)!), warmRuns: runs,
    goalMs, met: median <= goalMs ? 'yes' : 'NO', ...detail,
  };
}

const diffDetail = (d: Awaited<ReturnType<AccessService['diffAccess']>>) => ({
  deltas: d.totalCount, principalsEvaluated: d.stats.principalsEvaluated, resourcesEvaluated: d.stats.resourcesEvaluated, decisions: d.stats.decisions,
});

const loadStarted = performance.now();
const loaded = await reader.loadModelVersion(org, v2);
const loadMs = round(performance.now() - loadStarted);

/** A diff the base version took part in before (here: with itself), as a bot diffed the previous commit. */
const baseQueried: Run = async (s) => diffDetail(await s.diffAccess(org, v0, v0, null, page, { now }));
const rows = [
  await measure('diffAccess, one-role edit', 200, async (s) => diffDetail(await s.diffAccess(org, v0, v1, null, page, { now }))),
  await measureAfterCommit('diffAccess, one-role edit, right after the commit (base version cached, new one read as base + commit)', 200,
    baseQueried, async (s) => diffDetail(await s.diffAccess(org, v0, v1, null, page, { now }))),
  await measure('diffAccessForChanges, the same edit uncommitted', 200,
    async (s) => diffDetail(await s.diffAccessForChanges(org, v0, oneRole, null, page, { now }))),
  await measure('whoCan s3:GetObject on one object', 100, async (s) => {
    const r = await s.whoCan(org, v2, { action: 's3:GetObject', resource: `${bucket}/data/f1.csv` }, page, { now });
    return { principals: r.totalCount, principalsEvaluated: r.principalsEvaluated, truncated: r.truncated };
  }),
  await measure(`whatCan ${target.name}`, null, async (s) => {
    const r = await s.whatCan(org, v2, roleArn, page, { now });
    return { permissions: r.totalCount, services: r.services.length, truncated: r.truncated };
  }),
  await measure('diffAccess, root SCP edit', 5000, async (s) => diffDetail(await s.diffAccess(org, v1, v2, null, page, { now })), ROOT_RUNS),
  await measureAfterCommit('diffAccess, root SCP edit, right after the commit (base version cached)', 5000,
    async (s) => diffDetail(await s.diffAccess(org, v0, v1, null, page, { now })),
    async (s) => diffDetail(await s.diffAccess(org, v1, v2, null, page, { now })), ROOT_RUNS),
];

writeReport(`diff-${bench.backend}`, {
  backend: bench.backend, roles: w.roles.length, accounts: w.accounts.length, entities: loaded.entities.length,
  seedMs: seeded.seedMs, loadModelVersionMs: loadMs,
}, { 'effective access': rows });
await bench.close();
