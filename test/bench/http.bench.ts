/**
 * `npm run bench:http`: `authorize` over HTTP against the generated organization (40 accounts,
 * 2,000 roles, seed.ts), served by ONE server child process (app-server.ts: `createApp`, Postgres
 * at DATABASE_URL in a throw-away database, else in-memory PGlite), load from autocannon in this
 * process, loopback only:
 *  - cold, at 10 and 50 connections: each request names a role no decision has seen yet, each sent
 *    once (time-boxed);
 *  - warm, at 1, 10 and 50 connections: after a warm-up pass over the same 5,000 requests,
 *    BENCH_SECONDS (default 10) each, twice: the same requests again (`warm`: the decision memo,
 *    CACHE_DECISIONS, keeps them the second time they are asked for, so after the first 5,000
 *    requests of the first run it answers them), and each request new to the memo (`warm, new
 *    requests`: a context key no policy reads gets a new value per request; children.ts `fresh`),
 *    which the service decides from its cached sides;
 *  - a constant resolver on the same HTTP + Apollo stack (constant-server.ts, its own process), warm.
 * Each row also gives `N/rate ms`, connections / throughput: by Little's law the mean latency of a
 * closed loop of N connections, which no server can beat at that throughput.
 * Then the latency a caller sees at a given load (paced.ts: open loop, Poisson arrivals over 50
 * kept-alive connections): `authorize` (from the memo and new to it), the constant server and a bare
 * node:http server (bare-server.ts, the floor of this machine and load generator), each offered the
 * same rates, PACED_LOAD (default 25% and 50%) of the throughput `authorize` reached at 50
 * connections with new requests (not more: this node:http client costs more CPU than autocannon and
 * shares the two cores, so at 80% the server fell behind and the queue grew to seconds); with the
 * server's own time from its `Server-Timing` header.
 * Each closed-loop row carries `allocKBPerReq`, the KB the server process allocated per request
 * (child-profiler.ts; it repeats to about 1 %, where throughput varies by 20 % and more on this
 * machine), the caches' hit rates over the run (`App.cacheStats()`) and `otherCpuPct`, the CPU
 * other processes used meanwhile (% of one core; ~4 on an idle machine): runs wait for a quiet
 * machine, and warm runs are repeated when disturbed (children.ts, `quietly`). Writes
 * bench-results/http-<backend>.json.
 */
import { load, post, quietly, startChild, waitForQuiet, type LoadRun } from './children.js';
import { paced, type PacedRun } from './paced.js';
import { hitRates, progress, writeReport } from './report.js';
import { authorizeBody, onePerRole, requestAt, requestsOfRoles, type Seeded } from './seed.js';
import { generateWorkload } from './workload.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = [10, 50] as const;
/** Warm runs also at 1 connection: the latency of one request with nothing queued before it. */
const WARM_CONNECTIONS = [1, ...CONNECTIONS] as const;
/** Open-loop runs: offered load as fractions of what authorize sustained with new requests at 50 connections. */
const PACED_LOAD = (process.env.PACED_LOAD ?? '0.25,0.5').split(',').map(Number);
if (PACED_LOAD.some((f) => !(f > 0 && f <= 2))) throw new Error(`PACED_LOAD must list fractions in (0, 2], got "${process.env.PACED_LOAD}"`);
const w = generateWorkload({ accounts: 40, requests: 20_000 });

type Ready = Seeded & { url: string; backend: string; pid: number };
type Answer = { data?: { authorize?: { decision: string } }; errors?: { message: string; extensions?: { code?: string } }[] };

/** Decisions (or error codes) of `bodies`, one POST at a time: a check that the load is answered, not refused. */
async function outcomes(url: string, bodies: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const body of bodies) {
    const answer = await post<Answer>(url, body);
    const key = answer.data?.authorize?.decision ?? `error:${answer.errors?.[0]?.extensions?.code ?? answer.errors?.[0]?.message ?? '?'}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

progress('starting the decision server (seeding 40 accounts, 2,000 roles), the constant server and the bare node:http server');
const started = performance.now();
const [app, constant, bare] = await Promise.all([
  startChild<Ready>('./app-server.ts'),
  startChild<{ url: string; pid: number }>('./constant-server.ts'),
  startChild<{ url: string; pid: number }>('./bare-server.ts'),
]);
const { url, backend } = app.ready;
/** The benchmark's own processes, left out of the other-CPU figure. */
const ownPids = [app.ready.pid, constant.ready.pid, bare.ready.pid];
progress(`decision server ready after ${Math.round(performance.now() - started)} ms (${backend}, seed ${app.ready.seedMs} ms, version ${app.ready.version})`);
const rows: Record<string, unknown>[] = [];
const row = (server: string, phase: string, run: LoadRun & { attempts: number }, hits: Record<string, number> = {}) => {
  const pct = (cache: string) => hits[cache] ?? '';
  rows.push({ server, phase, ...run, ...(server === 'authorize' ? { 'decision hit%': pct('decisions'), 'principal hit%': pct('principals'), 'resource hit%': pct('resources'), 'policy hit%': pct('policies') } : {}) });
  progress(`${server} ${phase} @${run.connections}: ${run.reqPerSec} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms (${run.requests} requests, ${run.errors} errors, ${run.non2xx} non-2xx)`);
};

/** A run with the KB the server child allocated per request meanwhile (child-profiler.ts `allocation`). */
async function withAllocation(child: { ask<T>(type: string): Promise<T> }, run: () => Promise<LoadRun>): Promise<LoadRun & { allocKBPerReq: number }> {
  await child.ask<null>('alloc-start');
  const result = await run();
  const bytes = await child.ask<number>('alloc-stop');
  return { ...result, allocKBPerReq: Math.round((10 * bytes) / 1024 / Math.max(1, result.requests)) / 10 };
}

try {
  // Roles 0–99: the JIT warm-up, never measured. Roles 100–999 and 1000–1999: the two cold passes.
  const jit = requestsOfRoles(w, 0, 100, 1000).map((r) => authorizeBody(app.ready, r));
  const sample = await outcomes(url, jit.slice(0, 50));
  if (Object.keys(sample).some((k) => k.startsWith('error:'))) throw new Error(`authorize answers with errors: ${JSON.stringify(sample)}`);
  await load(url, jit, { connections: 10, seconds: 3, ownPids });
  const cold: Record<number, string[]> = {
    10: onePerRole(w, 100, 1000).map((r) => authorizeBody(app.ready, r)),
    50: onePerRole(w, 1000, 2000).map((r) => authorizeBody(app.ready, r)),
  };
  /**
   * One authorize run, with the caches' hit rates over it. A cold pass cannot be repeated (its
   * principals are then cached): it waits for a quiet machine; a warm one is also retried (quietly).
   */
  const measure = async (phase: string, bodies: string[], c: number, once: boolean, fresh = false) => {
    const before = await app.ask<unknown>('cache');
    const run = () => withAllocation(app, () => load(url, bodies, { connections: c, seconds: SECONDS, once, fresh, ownPids }));
    const result = once ? await waitForQuiet(ownPids).then(run).then((r) => ({ ...r, attempts: 1 })) : await quietly(ownPids, run);
    row('authorize', phase, result, hitRates(before, await app.ask<unknown>('cache')));
  };
  for (const c of CONNECTIONS) await measure('cold', cold[c]!, c, true);

  const warm = Array.from({ length: 5000 }, (_, i) => authorizeBody(app.ready, requestAt(w, i)));
  const pass = await load(url, warm, { connections: 10, seconds: 60, once: true, ownPids });
  progress(`warm-up pass: ${pass.requests} requests in ${pass.seconds} s`);
  for (const c of WARM_CONNECTIONS) await measure('warm', warm, c, false);
  for (const c of WARM_CONNECTIONS) await measure('warm, new requests', warm, c, false, true);

  const constantBody = [JSON.stringify({ query: '{ constant }' })];
  await load(constant.ready.url, constantBody, { connections: 10, seconds: 3, ownPids });
  for (const c of WARM_CONNECTIONS) row('constant', 'warm', await quietly(ownPids, () => withAllocation(constant, () => load(constant.ready.url, constantBody, { connections: c, seconds: SECONDS, ownPids }))));

  const decided = await outcomes(url, warm.slice(0, 500));
  const rowOf = (server: string, phase: string, c: number) => rows.find((r) => r.server === server && r.phase === phase && r.connections === c);
  const rate = (server: string, phase: string, c: number) => rowOf(server, phase, c)?.reqPerSec as number;
  for (const r of rows) {
    if (r.server === 'authorize') r['% of constant'] = Math.round((100 * (r.reqPerSec as number)) / rate('constant', 'warm', r.connections as number));
    // Little's law: with N requests always in flight, the mean latency is N / throughput, whatever the server does.
    r['N/rate ms'] = Math.round((100_000 * (r.connections as number)) / (r.reqPerSec as number)) / 100;
  }
  // Open loop at 50 connections: the same offered rates for all, set from what authorize sustained
  // with new requests; the constant server's latency at that load is the floor of the HTTP + Apollo
  // stack, the bare node:http server's that of this machine and load generator.
  const capacity = rate('authorize', 'warm, new requests', 50);
  const pacedRows: Record<string, unknown>[] = [];
  const pacedRow = (server: string, phase: string, fraction: number, run: PacedRun & { attempts: number }) => {
    pacedRows.push({ server, phase, 'load %': Math.round(fraction * 100), ...run });
    progress(`${server} ${phase} paced @${run.connections} at ${run.offeredPerSec}/s: p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, p99.9 ${run.p999Ms} ms, server's own p99 ${run.serverP99Ms ?? '-'} ms (${run.requests} requests, ${run.queued} queued, ${run.errors} errors)`);
  };
  for (const fraction of PACED_LOAD) {
    const offered = Math.round(capacity * fraction);
    const opts = { connections: 50, rate: offered, seconds: SECONDS, ownPids };
    pacedRow('authorize', 'warm', fraction, await quietly(ownPids, () => paced(url, warm, opts)));
    pacedRow('authorize', 'warm, new requests', fraction, await quietly(ownPids, () => paced(url, warm, { ...opts, fresh: true })));
    pacedRow('constant', 'warm', fraction, await quietly(ownPids, () => paced(constant.ready.url, constantBody, opts)));
    pacedRow('bare node:http', 'warm', fraction, await quietly(ownPids, () => paced(bare.ready.url, constantBody, opts)));
  }
  const cache = await app.ask<unknown>('cache');

  writeReport(`http-${backend}`, {
    backend, accounts: w.accounts.length, roles: w.roles.length, seedMs: app.ready.seedMs, commits: app.ready.commits,
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn', secondsPerRun: SECONDS,
    coldRequests: `${cold[10]!.length} @10, ${cold[50]!.length} @50 (one per never-seen role)`, warmRequests: warm.length,
    warmOutcomesOf500: JSON.stringify(decided),
    ...Object.fromEntries(CONNECTIONS.map((c) => [`authorizeWarmPctOfConstant@${c}`, Math.round((100 * rate('authorize', 'warm', c)) / rate('constant', 'warm', c))])),
    ...Object.fromEntries(CONNECTIONS.map((c) => [`authorizeNewRequestsPctOfConstant@${c}`, Math.round((100 * rate('authorize', 'warm, new requests', c)) / rate('constant', 'warm', c))])),
    ...Object.fromEntries(WARM_CONNECTIONS.flatMap((c) => ['authorize', 'constant'].map((server) =>
      [`${server}WarmP99Ms@${c}`, rowOf(server, 'warm', c)?.p99Ms]))),
    ...Object.fromEntries(WARM_CONNECTIONS.flatMap((c) => ([['authorize', 'warm', 'authorize'], ['authorize', 'warm, new requests', 'authorizeNewRequests'], ['constant', 'warm', 'constant']] as const).map(([server, phase, key]) =>
      [`${key}AllocKBPerRequest@${c}`, rowOf(server, phase, c)?.allocKBPerReq]))),
    ...Object.fromEntries(pacedRows.map((r) => [`${String(r.server).replace(/\W/g, '')}${r.phase === 'warm' ? '' : 'NewRequests'}PacedP99Ms@50@${r.offeredPerSec}/s`, r.p99Ms])),
  }, {
    [`authorize vs a constant resolver over HTTP, closed loop, ${SECONDS} s per warm run`]: rows,
    [`open loop at 50 connections (Poisson arrivals), ${SECONDS} s per run`]: pacedRows,
  }, { cacheStatsAtEnd: cache });
} finally {
  await Promise.all([app.stop(), constant.stop(), bare.stop()]);
}
