/**
 * `npm run soak`: mixed traffic for SOAK_SECONDS (default 600) against one server child
 * (app-server.ts: the generated organization of 40 accounts and 2,000 roles; Postgres at
 * DATABASE_URL in a throw-away database, else PGlite), from SOAK_CLIENTS (default 8) concurrent
 * clients in this process: authorize (pinned and latest), authorizeBatch, explain, simulate, model
 * reads, invalid requests, and a commit every few seconds (so `latest` keeps moving and the version-keyed
 * caches keep turning over). The child's heap after full GCs is sampled every SOAK_SAMPLE_SECONDS
 * (default 30); the first two minutes are warm-up, with caches of 1,000 principals and resources,
 * 5,000 policies and 5,000 decisions (CACHE_* override) so that they are full by then. Passes when no response is a 5xx and the heap after
 * warm-up grows less than SOAK_MAX_GROWTH_MB (default 64). Writes bench-results/soak-<backend>.json.
 */
import { startChild } from './children.js';
import { progress, writeReport } from './report.js';
import { requestAt, type Seeded } from './seed.js';
import { generateWorkload, rng } from './workload.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 8);
const SAMPLE_S = Number(process.env.SOAK_SAMPLE_SECONDS ?? 30);
const WARMUP_S = Math.min(120, SECONDS / 5);
const MAX_GROWTH_MB = Number(process.env.SOAK_MAX_GROWTH_MB ?? 64);
const w = generateWorkload({ accounts: 40, requests: 20_000 });

type Ready = Seeded & { url: string; backend: string; pid: number };
type Answer = { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };

progress('starting the decision server (seeding 40 accounts, 2,000 roles)');
// Caches smaller than the defaults, so that they fill during the warm-up and what grows afterwards is a leak.
const app = await startChild<Ready>('./app-server.ts', {
  CACHE_PRINCIPALS: process.env.CACHE_PRINCIPALS ?? '1000', CACHE_RESOURCES: process.env.CACHE_RESOURCES ?? '1000', CACHE_POLICIES: process.env.CACHE_POLICIES ?? '5000',
  CACHE_DECISIONS: process.env.CACHE_DECISIONS ?? '5000',
});
const { url, org, backend } = app.ready;
progress(`ready (${backend}), soaking for ${SECONDS} s with ${CLIENTS} clients`);

const AUTHORIZE = 'query($org: String!, $version: Int, $request: StoredAuthorizationRequestInput!) { authorize(org: $org, version: $version, request: $request) { decision blockedBy decisiveStatements { policyId statementIndex } version } }';
const EXPLAIN = 'query($org: String!, $request: StoredAuthorizationRequestInput!) { explain(org: $org, request: $request) { decision explanation { missingContextKeys layers { layer outcome } } } }';
const BATCH = 'query($org: String!, $requests: [StoredAuthorizationRequestInput!]!) { authorizeBatch(org: $org, requests: $requests) { index result { decision } error { code } } }';
const SIMULATE = 'query($request: AuthorizationRequestInput!, $policies: PolicySetInput!) { simulate(request: $request, policies: $policies) { decision blockedBy } }';
const READ = 'query($org: String!) { organization(id: $org) { latestVersion versions(first: 5) { edges { node { version message changeCount } } } model { roles(first: 20) { edges { node { arn tags } } } } } }';
const COMMIT = 'mutation($org: String!, $base: Int!, $changes: [ChangeInput!]!) { commit(org: $org, baseVersion: $base, message: "soak", changes: $changes) { version } }';

const soakPolicy = `arn:aws:iam::${w.accounts[0]}:policy/soak`;
const r = rng(7);
const request = () => requestAt(w, Math.floor(r() * w.requests.length));
let latest = app.ready.version;
let commits = 0;

/** One operation of the mix: its GraphQL body. */
function nextBody(): string {
  const x = r();
  const v = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
  if (x < 0.45) return v(AUTHORIZE, { org, version: app.ready.version, request: request() });
  if (x < 0.6) return v(AUTHORIZE, { org, request: request() });
  if (x < 0.68) return v(BATCH, { org, requests: Array.from({ length: 50 }, request) });
  if (x < 0.75) return v(EXPLAIN, { org, request: request() });
  if (x < 0.82) {
    const q = request();
    const statement = { Effect: 'Allow', Action: q.action, Resource: q.resource };
    return v(SIMULATE, { request: { principal: q.principal, action: q.action, resource: q.resource }, policies: { identity: [{ Version: '2012-10-17', Statement: [statement] }] } });
  }
  if (x < 0.92) return v(READ, { org });
  if (x < 0.96) return v(AUTHORIZE, { org, request: { principal: 'not-an-arn', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' } });
  return v(AUTHORIZE, { org: 'no-such-org', request: request() });
}

const counts = { requests: 0, http5xx: 0, byCode: {} as Record<string, number>, commitConflicts: 0 };
const deadline = Date.now() + SECONDS * 1000;

async function send(body: string): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  counts.requests++;
  if (res.status >= 500) counts.http5xx++;
  const answer = (await res.json()) as Answer;
  for (const e of answer.errors ?? []) {
    const code = e.extensions?.code ?? 'none';
    counts.byCode[code] = (counts.byCode[code] ?? 0) + 1;
  }
  return answer;
}

async function client(): Promise<void> {
  while (Date.now() < deadline) await send(nextBody());
}

/** A commit every 3 s that rewrites one managed policy: versions keep coming, caches keep turning over. */
async function committer(): Promise<void> {
  while (Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 3000));
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::soak-${commits}/*` }] };
    const answer = await send(JSON.stringify({ query: COMMIT, variables: { org, base: latest, changes: [{ putPolicy: { arn: soakPolicy, document } }] } }));
    const version = (answer.data?.['commit'] as { version?: number } | undefined)?.version;
    if (version !== undefined) {
      latest = version;
      commits++;
    } else counts.commitConflicts++;
  }
}

const samples: { second: number; heapUsedMB: number; rssMB: number }[] = [];
const started = Date.now();
async function sampler(): Promise<void> {
  while (Date.now() < deadline) {
    const heap = await app.ask<NodeJS.MemoryUsage>('heap');
    const second = Math.round((Date.now() - started) / 1000);
    samples.push({ second, heapUsedMB: Math.round(heap.heapUsed / 2 ** 16) / 16, rssMB: Math.round(heap.rss / 2 ** 16) / 16 });
    progress(`t=${second}s heap ${samples.at(-1)!.heapUsedMB} MB, ${counts.requests} requests, ${commits} commits, ${counts.http5xx} 5xx`);
    await new Promise((done) => setTimeout(done, SAMPLE_S * 1000));
  }
}

try {
  await Promise.all([sampler(), committer(), ...Array.from({ length: CLIENTS }, client)]);
  const end = await app.ask<NodeJS.MemoryUsage>('heap');
  samples.push({ second: Math.round((Date.now() - started) / 1000), heapUsedMB: Math.round(end.heapUsed / 2 ** 16) / 16, rssMB: Math.round(end.rss / 2 ** 16) / 16 });
  const steady = samples.filter((s) => s.second >= WARMUP_S);
  const first = steady[0] ?? samples[0]!;
  const last = samples.at(-1)!;
  const growth = Math.round((last.heapUsedMB - first.heapUsedMB) * 10) / 10;
  const pass = counts.http5xx === 0 && growth < MAX_GROWTH_MB;
  writeReport(`soak-${backend}`, {
    backend, seconds: SECONDS, clients: CLIENTS, requests: counts.requests, requestsPerSec: Math.round(counts.requests / SECONDS), commits,
    http5xx: counts.http5xx, heapAfterWarmupMB: first.heapUsedMB, heapEndMB: last.heapUsedMB, heapGrowthMB: growth,
    heapMaxMB: Math.max(...samples.map((s) => s.heapUsedMB)), pass,
  }, { 'heap after full GCs': samples }, { errorCodes: counts.byCode, commitConflicts: counts.commitConflicts });
  if (!pass) process.exitCode = 1;
} finally {
  await app.stop();
}
