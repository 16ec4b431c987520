/**
 * `npm run bench:batch`: against the same server child as bench:http (app-server.ts: the generated
 * organization of 40 accounts and 2,000 roles, Postgres at DATABASE_URL in a throw-away database,
 * else in-memory PGlite), from this process over loopback HTTP:
 *  - one `authorize` at a time against 1,000 never-seen principals: first (cold) vs second (warm)
 *    ask, as the client saw it and as the server timed itself (its `Server-Timing` header); the
 *    second ask is decided from the cached sides (and kept by the decision memo, which keeps a
 *    decision the second time it is asked for), a third is answered by the memo;
 *  - the server's heap (after full GCs) before and after caching 900 more principals, with their
 *    compiled policies (all asking about one already-cached resource), per 1,000 principals;
 *  - `authorizeBatch` of 100 and of 1,000 requests, warm, at 1 and 4 connections: decisions/s, for
 *    the same batches again (every item from the decision memo) and for items new to the memo.
 * Hit rates and other processes' CPU as in http.bench.ts. Writes bench-results/batch-<backend>.json.
 */
import { collectClientGarbage, load, otherCpuMeter, post, postTimed, quantile, quietly, startChild, waitForQuiet } from './children.js';
import { hitRates, progress, writeReport } from './report.js';
import { authorizeBody, batchBody, onePerRole, requestAt, requestsOfRoles, type Seeded } from './seed.js';
import { generateWorkload } from './workload.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const w = generateWorkload({ accounts: 40, requests: 20_000 });

type Ready = Seeded & { url: string; backend: string; pid: number };
type BatchAnswer = { data?: { authorizeBatch?: { result: { decision: string } | null; error: { code: string } | null }[] }; errors?: unknown[] };

/** Entries of one cache in an `App.cacheStats()` reading (0 without stats). */
const entries = (stats: unknown, cache: string): number =>
  ((stats as Record<string, { entries?: number }> | null)?.[cache]?.entries ?? 0);
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Latencies of each body POSTed one at a time (ms), after checking the answer is a decision: as the
 * client saw them, and the server's own (its Server-Timing header). The client collects its garbage
 * before each request, so that its own GC pauses stay out of the figures.
 */
async function oneByOne(url: string, bodies: readonly string[]): Promise<{ client: number[]; server: number[] }> {
  const client: number[] = [];
  const server: number[] = [];
  for (const body of bodies) {
    collectClientGarbage();
    const { answer, ms, serverMs } = await postTimed<{ data?: { authorize?: { decision: string } }; errors?: unknown[] }>(url, body);
    client.push(ms);
    server.push(serverMs);
    if (!answer.data?.authorize) throw new Error(`authorize failed: ${JSON.stringify(answer.errors)}`);
  }
  return { client, server };
}

const percentiles = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: round(quantile(sorted, 0.5)), p99: round(quantile(sorted, 0.99)), max: round(sorted[sorted.length - 1]!) };
};

progress('starting the decision server (seeding 40 accounts, 2,000 roles)');
const app = await startChild<Ready>('./app-server.ts');
const { url, backend } = app.ready;
/** The benchmark's own processes, left out of the other-CPU figure. */
const ownPids = [app.ready.pid];
progress(`ready (${backend}, seed ${app.ready.seedMs} ms, version ${app.ready.version})`);
const mb = (bytes: number) => round(bytes / 2 ** 20);

try {
  // Roles 0–99 warm the JIT; 100–1099 are the 1,000 never-seen principals; 1100–1999 the heap probe.
  await load(url, requestsOfRoles(w, 0, 100, 1000).map((r) => authorizeBody(app.ready, r)), { connections: 10, seconds: 3, ownPids });

  const fresh = onePerRole(w, 100, 1100).map((r) => authorizeBody(app.ready, r));
  /** Latencies of one pass, with the other processes' CPU (% of a core) meanwhile. */
  const pass = async (bodies = fresh) => {
    const otherCpu = otherCpuMeter(ownPids);
    const { client, server } = await oneByOne(url, bodies);
    const c = percentiles(client);
    const s = percentiles(server);
    return { p50Ms: c.p50, p99Ms: c.p99, maxMs: c.max, serverP50Ms: s.p50, serverP99Ms: s.p99, serverMaxMs: s.max, otherCpuPct: otherCpu() };
  };
  await waitForQuiet(ownPids);
  const stats0 = await app.ask<unknown>('cache');
  const cold = await pass(); // once only: afterwards these principals are cached
  const stats1 = await app.ask<unknown>('cache');
  const warm = await quietly(ownPids, pass);
  const stats2 = await app.ask<unknown>('cache');
  const memo = await quietly(ownPids, pass);
  const stats3 = await app.ask<unknown>('cache');
  const single = [
    { phase: 'cold: first ask for the principal', principals: fresh.length, ...cold, hitRates: hitRates(stats0, stats1) },
    { phase: 'warm: the same request again (decided from the cached sides)', principals: fresh.length, ...warm, hitRates: hitRates(stats1, stats2) },
    { phase: 'memo: a third time (from the decision memo)', principals: fresh.length, ...memo, hitRates: hitRates(stats2, stats3) },
  ];
  progress(`single authorize, cold p50 ${single[0]!.p50Ms} ms p99 ${single[0]!.p99Ms} ms (server ${single[0]!.serverP99Ms} ms); warm p50 ${single[1]!.p50Ms} ms p99 ${single[1]!.p99Ms} ms; from the memo p50 ${single[2]!.p50Ms} ms p99 ${single[2]!.p99Ms} ms (server ${single[2]!.serverP99Ms} ms)`);

  // Heap: 900 new principals (roles 1100–1999), all asking about one resource that is already
  // cached, so that what the server keeps afterwards is theirs (snapshots, compiled sides, policies).
  const fixed = { action: 's3:GetObject', resource: 'arn:aws:s3:::bucket-0/data/f0.csv' };
  const probe = onePerRole(w, 1100, 2000).map((r) => authorizeBody(app.ready, { ...r, ...fixed }));
  await oneByOne(url, [authorizeBody(app.ready, { ...requestAt(w, 0), ...fixed })]);
  const heapBefore = await app.ask<NodeJS.MemoryUsage>('heap');
  const statsBefore = await app.ask<unknown>('cache');
  const probed = await load(url, probe, { connections: 10, seconds: 120, once: true, ownPids });
  const heapAfter = await app.ask<NodeJS.MemoryUsage>('heap');
  const statsAfter = await app.ask<unknown>('cache');
  const added = (cache: string) => entries(statsAfter, cache) - entries(statsBefore, cache);
  const principals = added('principals') || probed.requests;
  const perThousand = ((heapAfter.heapUsed - heapBefore.heapUsed) * 1000) / principals;
  progress(`heap ${mb(heapBefore.heapUsed)} → ${mb(heapAfter.heapUsed)} MB over ${principals} new cached principals`);

  // Batches cut from the workload's requests (all 2,000 roles); one pass over them warms every principal.
  const batches = (size: number, count: number) =>
    Array.from({ length: count }, (_, b) => batchBody(app.ready, Array.from({ length: size }, (_, i) => requestAt(w, b * size + i))));
  const bySize: Record<number, string[]> = { 100: batches(100, 100), 1000: batches(1000, 10) };
  const check = await post<BatchAnswer>(url, bySize[1000]![0]!);
  const items = check.data?.authorizeBatch ?? [];
  const failed = items.filter((i) => i.error !== null).length;
  if (items.length !== 1000 || failed > 0) throw new Error(`authorizeBatch: ${items.length} items, ${failed} errors ${JSON.stringify(check.errors ?? '')}`);
  await load(url, bySize[1000]!, { connections: 2, seconds: 60, once: true, ownPids });
  const rows: Record<string, unknown>[] = [];
  for (const fresh of [false, true]) {
    for (const size of [100, 1000]) {
      for (const connections of [1, 4]) {
        const before = await app.ask<unknown>('cache');
        const run = await quietly(ownPids, () => load(url, bySize[size]!, { connections, seconds: SECONDS, timeoutS: 60, fresh, ownPids }));
        const hits = hitRates(before, await app.ask<unknown>('cache'));
        const decisionsPerSec = Math.round((run.requests * size) / run.seconds);
        const items = fresh ? 'new to the memo' : 'the same again';
        rows.push({ items, batchSize: size, ...run, decisionsPerSec, 'decision hit%': hits.decisions ?? '', 'principal hit%': hits.principals ?? '', 'resource hit%': hits.resources ?? '' });
        progress(`authorizeBatch ${size} @${connections}, ${items}: ${decisionsPerSec} decisions/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms per batch`);
      }
    }
  }
  const cache = await app.ask<unknown>('cache');
  writeReport(`batch-${backend}`, {
    backend, accounts: w.accounts.length, roles: w.roles.length, seedMs: app.ready.seedMs, secondsPerRun: SECONDS,
    singleColdP50Ms: single[0]!.p50Ms, singleColdP99Ms: single[0]!.p99Ms, singleColdServerP99Ms: single[0]!.serverP99Ms, singleWarmP50Ms: single[1]!.p50Ms, singleWarmP99Ms: single[1]!.p99Ms,
    singleWarmServerP99Ms: single[1]!.serverP99Ms, singleMemoP50Ms: single[2]!.p50Ms, singleMemoP99Ms: single[2]!.p99Ms, singleMemoServerP99Ms: single[2]!.serverP99Ms,
    heapBeforeMB: mb(heapBefore.heapUsed), heapAfterMB: mb(heapAfter.heapUsed), heapNewPrincipals: principals,
    heapNewCompiledPolicies: added('policies'), heapNewResources: added('resources'),
    heapMBPer1000Principals: mb(perThousand), rssAfterMB: mb(heapAfter.rss),
  }, {
    'single authorize, one at a time, 1,000 never-seen principals': single.map(({ hitRates: h, ...r }) => ({ ...r, 'decision hit%': h.decisions ?? '', 'principal hit%': h.principals ?? '', 'resource hit%': h.resources ?? '', 'policy hit%': h.policies ?? '' })),
    [`authorizeBatch, warm, ${SECONDS} s per run`]: rows,
  }, { heapProbeHitRates: hitRates(statsBefore, statsAfter), cacheStatsAtEnd: cache });
} finally {
  await app.stop();
}
