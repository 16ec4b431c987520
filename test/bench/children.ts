/**
 * The parent side of the HTTP benchmarks: server child processes (so the load generator never shares
 * the server's core), an autocannon run over a list of pre-built GraphQL bodies, plain POSTs, and a
 * guard against other processes on the machine (BENCH_MAX_OTHER_CPU, BENCH_QUIET_BUDGET_S).
 */
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/** A server running in a child process, spoken to over the IPC channel. */
export interface Child<Ready> {
  /** What the child sent once it listened: at least its `url`. */
  readonly ready: Ready;
  /** Sends `{ type, id }` and resolves with the child's `{ id, value }` answer. */
  ask<T>(type: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * The compiled form of `file` (a child in this directory), built by `npm run build:bench`
 * (tsconfig.bench.json): servers are measured as `npm start` runs them, plain JavaScript without tsx.
 */
function compiledChild(file: string): string {
  const compiled = fileURLToPath(new URL(`../../.bench-dist/test/bench/${file.replace(/^\.\//, '').replace(/\.ts$/, '.js')}`, import.meta.url));
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: run the benchmark through npm (npm run bench:http), which builds it`);
  return compiled;
}

/**
 * Forks the compiled `file` (relative to this directory; see `compiledChild`) with `--expose-gc`,
 * loopback only, NODE_ENV=production, and waits for its `{ type: 'ready', url }` message. Its stdout
 * (the request log) is discarded unless BENCH_CHILD_STDOUT is set.
 */
export function startChild<Ready extends { url: string }>(file: string, env: Record<string, string> = {}, timeoutMs = 240_000): Promise<Child<Ready>> {
  const child = fork(compiledChild(file), [], {
    // BENCH_NODE_ARGS: extra node flags for the server children (e.g. `--trace-gc`, `--max-semi-space-size=32`);
    // BENCH_CHILD_STDOUT=1 shows their standard output (the request log, --trace-gc lines).
    execArgv: ['--expose-gc', ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)],
    // NODE_ENV=production as the image sets it (graphql-js then skips its development-only checks,
    // e.g. the cross-realm `instanceOf`, a few % of a batch); BENCH_NODE_ENV overrides it.
    env: { ...process.env, NODE_ENV: process.env.BENCH_NODE_ENV ?? 'production', ...env },
    stdio: ['ignore', process.env.BENCH_CHILD_STDOUT ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const answers = new Map<number, (value: unknown) => void>();
  let seq = 0;
  child.on('message', (m: { id?: number; value?: unknown }) => {
    if (m.id !== undefined) answers.get(m.id)?.(m.value);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${file} not ready after ${timeoutMs} ms`)); }, timeoutMs);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${file} exited with ${code} before it was ready`)); });
    child.on('message', (m: Ready & { type?: string }) => {
      if (m.type !== 'ready') return;
      clearTimeout(timer);
      resolve({
        ready: m,
        ask: <T>(type: string) => new Promise<T>((done) => {
          const id = ++seq;
          answers.set(id, (value) => { answers.delete(id); done(value as T); });
          child.send({ type, id });
        }),
        stop: async () => {
          child.send({ type: 'stop' });
          const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(kill);
          process.off('exit', killOnExit);
        },
      });
    });
  });
}

/** One measurement: throughput and latency of the responses autocannon received. */
export interface LoadRun {
  readonly connections: number;
  readonly requests: number;
  readonly seconds: number;
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
  /** CPU that processes outside the benchmark used meanwhile, in % of one core (null off Linux). */
  readonly otherCpuPct: number | null;
}

/**
 * CPU ticks used so far by each process except `ownPids` and the Postgres backends of their
 * databases (`iam_bench_<pid>_…`, seed.ts), by pid; null without /proc. Another test run on the
 * same cores shows up here, so that a disturbed figure is visible.
 */
function otherCpuTicks(ownPids: readonly number[]): Map<string, number> | null {
  if (!existsSync('/proc/stat')) return null;
  const ticks = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || ownPids.includes(Number(entry))) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (ownPids.some((pid) => cmdline.includes(`iam_bench_${pid}_`))) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after "(comm) ": state is [0]; utime and stime are [11] and [12] (proc(5)). Not the
      // children's times: the postmaster collects those of our own backends when they end.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(entry, Number(f[11]) + Number(f[12]));
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks;
}

/**
 * Starts measuring the CPU of processes outside the benchmark (this one and `ownPids`); the
 * returned function gives their use since, in % of one core (null off Linux). A process that
 * ended in between is missed.
 */
export function otherCpuMeter(ownPids: readonly number[]): () => number | null {
  const own = [process.pid, ...ownPids];
  const started = performance.now();
  const before = otherCpuTicks(own);
  return () => {
    const after = otherCpuTicks(own);
    if (!before || !after) return null;
    let ticks = 0;
    for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
    return Math.round(ticks / ((performance.now() - started) / 1000)); // 100 ticks (USER_HZ) = 1 s = 100%
  };
}

/** `x` rounded to `digits` decimals. */
export const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The `p` quantile of sorted samples. */
export const quantile = (sorted: ArrayLike<number>, p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

/** The placeholder every benchmark request carries in its context (seed.ts); `load`'s `fresh` fills it in. */
export const NONCE_PLACEHOLDER = '"bench:nonce":"0"';
let nonces = 0;

/** `body` with each `NONCE_PLACEHOLDER` given a value never sent before (by `load` or `paced`). */
export const withNewNonce = (body: string): string =>
  body.replaceAll(NONCE_PLACEHOLDER, () => `"bench:nonce":"${process.pid}-${++nonces}"`);

/**
 * POSTs `bodies` to `url` with autocannon, cycling through them in order across all connections.
 * `once`: each body exactly once (stopped after `seconds` if not done); else for `seconds`.
 * `fresh`: every request is new to the server's decision memo: each `NONCE_PLACEHOLDER` in a body is
 * sent with a value never sent before (a context key no policy reads: the decision is the same).
 * Latencies are autocannon's own per-response times (ms, as floats, not its 1 ms histogram);
 * throughput is responses over the time from the start to the last response.
 */
export function load(
  url: string, bodies: readonly string[],
  opts: { connections: number; seconds: number; once?: boolean; fresh?: boolean; timeoutS?: number; ownPids?: readonly number[] },
): Promise<LoadRun> {
  const bodyOf = opts.fresh ? withNewNonce : (body: string) => body;
  const otherCpu = otherCpuMeter(opts.ownPids ?? []);
  const connections = opts.once ? Math.min(opts.connections, bodies.length) : opts.connections;
  let next = 0;
  const times: number[] = [];
  const started = performance.now();
  let last = started;
  return new Promise((resolve, reject) => {
    let stopTimer: NodeJS.Timeout | undefined;
    const instance = autocannon({
      url, connections, timeout: opts.timeoutS ?? 30,
      ...(opts.once ? { amount: bodies.length } : { duration: opts.seconds }),
      requests: [{
        method: 'POST', path: new URL(url).pathname, headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: bodyOf(bodies[next++ % bodies.length]!) }),
      }],
    }, (error, result) => {
      clearTimeout(stopTimer);
      if (error) return reject(error);
      const seconds = (last - started) / 1000;
      times.sort((a, b) => a - b);
      resolve({
        connections, requests: times.length, seconds: round(seconds, 2), reqPerSec: Math.round(times.length / seconds),
        p50Ms: round(quantile(times, 0.5), 2), p99Ms: round(quantile(times, 0.99), 2),
        errors: result.errors + result.timeouts, non2xx: result.non2xx,
        otherCpuPct: otherCpu(),
      });
    });
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      times.push(ms);
      last = performance.now();
    });
    if (opts.once) stopTimer = setTimeout(() => instance.stop(), opts.seconds * 1000);
  });
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });

/**
 * A young-generation collection in this (the client) process, so that a latency measured next does
 * not include a scavenge of the client's own (V8's `gc`, exposed at run time).
 */
export const collectClientGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (options: { type: 'minor' | 'major' }) => void;
  return () => gc({ type: 'minor' });
})();

/** One timed answer: the client's latency and the server's own (`Server-Timing: app;dur=`), in ms. */
export interface Timed<T> {
  readonly answer: T;
  readonly ms: number;
  readonly serverMs: number;
}

/**
 * One POST of a JSON body over a kept-alive node:http connection (lighter than fetch, so that the
 * client adds little to what is measured), timed from the write to the last byte of the answer.
 */
export function postTimed<T = unknown>(url: string, body: string): Promise<Timed<T>> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { method: 'POST', agent: keepAlive, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const ms = performance.now() - started;
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) return reject(new Error(`POST ${url}: HTTP ${res.statusCode}: ${text}`));
        const timing = /app;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
        resolve({ answer: JSON.parse(text) as T, ms, serverMs: timing ? Number(timing[1]) : NaN });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** One POST of a JSON body; the parsed answer. */
export async function post<T = unknown>(url: string, body: string): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (!res.ok) throw new Error(`POST ${url}: HTTP ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

const OTHER_CPU_MAX = Number(process.env.BENCH_MAX_OTHER_CPU ?? 25);
/** Seconds one benchmark may spend in all, waiting for quiet and repeating disturbed runs. */
let quietBudgetMs = Number(process.env.BENCH_QUIET_BUDGET_S ?? 60) * 1000;

/** Waits (within the budget) until processes outside the benchmark use under 10% of a core for 2 s. */
export async function waitForQuiet(ownPids: readonly number[]): Promise<void> {
  while (quietBudgetMs > 0) {
    const otherCpu = otherCpuMeter(ownPids);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    if ((otherCpu() ?? 0) < 10) return;
    quietBudgetMs -= 2000;
  }
}

/**
 * `measure()` once the machine is quiet; repeated (3 attempts at most, within the budget) while
 * other processes used more than BENCH_MAX_OTHER_CPU (default 25) % of a core during it. Returns
 * the least disturbed attempt.
 */
export async function quietly<T extends { otherCpuPct: number | null }>(ownPids: readonly number[], measure: () => Promise<T>): Promise<T & { attempts: number }> {
  let best: T | undefined;
  let attempts = 0;
  for (;;) {
    await waitForQuiet(ownPids);
    const started = Date.now();
    const run = await measure();
    attempts++;
    if (!best || (run.otherCpuPct ?? 0) < (best.otherCpuPct ?? 0)) best = run;
    if ((run.otherCpuPct ?? 0) <= OTHER_CPU_MAX || attempts >= 3 || quietBudgetMs <= 0) break;
    quietBudgetMs -= Date.now() - started;
  }
  return { ...best, attempts };
}
