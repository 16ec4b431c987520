/**
 * Open-loop load: requests arrive at a set rate whatever the server does, as calls from many
 * independent callers do, spread over a fixed pool of kept-alive connections. A closed loop
 * (autocannon's, `load` in children.ts) keeps every connection busy, so its latency is mostly the
 * queue it builds itself (Little's law); this measures the latency a caller sees at a given load.
 *
 * Arrivals are a Poisson process (exponential gaps from a seeded generator, so two runs offer the
 * same sequence). A request that finds every connection busy waits for one, and that wait is part
 * of its latency: a slow server is not hidden by sending less (no coordinated omission). How late
 * this process itself sent requests (its timers fire on a 1 ms grid, and it pauses for its own
 * garbage collection) is reported apart, not charged to the server. autocannon's own `overallRate`
 * is not used: it sends each connection's quota for a second in a burst at the start of that
 * second, which measures a queue again.
 */
import { Agent, request } from 'node:http';
import { otherCpuMeter, quantile, round, withNewNonce } from './children.js';
import { rng } from './workload.js';

/** One paced run: the offered and achieved rates and the latency quantiles, in ms. */
export interface PacedRun {
  readonly connections: number;
  readonly offeredPerSec: number;
  readonly reqPerSec: number;
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
  /** The server's own time (`Server-Timing: app;dur=`), when it sends one. */
  readonly serverP50Ms: number | null;
  readonly serverP99Ms: number | null;
  /** Requests that found every connection busy and waited for one (that wait is in their latency). */
  readonly queued: number;
  /** How late this process sent the 99th-percentile request after it was due (its timers, its pauses). */
  readonly clientLateP99Ms: number;
  readonly errors: number;
  readonly otherCpuPct: number | null;
}

const sorted = (xs: number[]) => xs.sort((a, b) => a - b);

/**
 * POSTs `bodies` (cycled in order) to `url` at `rate` requests/s on average for `seconds`, over at
 * most `connections` kept-alive connections, all opened before the clock starts. `fresh`: as in
 * children.ts `load`, every request gets a nonce never sent before.
 */
export async function paced(
  url: string, bodies: readonly string[],
  opts: { connections: number; rate: number; seconds: number; fresh?: boolean; ownPids?: readonly number[]; seed?: number },
): Promise<PacedRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections, maxFreeSockets: opts.connections, scheduling: 'fifo' });
  const bodyOf = opts.fresh ? withNewNonce : (body: string) => body;
  let inFlight = 0;
  let queued = 0;
  let errors = 0;
  let next = 0;
  let measuring = false;
  const times: number[] = [];
  const serverTimes: number[] = [];
  const late: number[] = [];
  /**
   * One request, due at `due`: timed from when it is handed to the agent, so that a wait for a busy
   * connection counts but this process's own timer lateness (reported apart) does not.
   */
  const send = (due: number) => new Promise<void>((resolve) => {
    const sent = performance.now();
    const measured = measuring;
    if (measured) late.push(sent - due);
    const body = bodyOf(bodies[next++ % bodies.length]!);
    if (measured && inFlight >= opts.connections) queued++;
    inFlight++;
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        inFlight--;
        if (!measured) return resolve();
        if (res.statusCode !== 200) errors++;
        times.push(performance.now() - sent);
        const timing = /app;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
        if (timing) serverTimes.push(Number(timing[1]));
        resolve();
      });
    });
    req.on('error', () => { inFlight--; if (measured) errors++; resolve(); });
    req.end(body);
  });
  // Open every connection first (one request each, all at once, not measured).
  await Promise.all(Array.from({ length: opts.connections }, () => send(performance.now())));

  measuring = true;
  const random = rng(opts.seed ?? 1);
  const pending: Promise<void>[] = [];
  const otherCpu = otherCpuMeter(opts.ownPids ?? []);
  const started = performance.now();
  const end = started + opts.seconds * 1000;
  let due = started;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      while (due <= now && due < end) {
        pending.push(send(due));
        due += (-Math.log(1 - random()) * 1000) / opts.rate;
      }
      if (due >= end) return done();
      setTimeout(tick, Math.max(0, Math.floor(due - performance.now())));
    };
    tick();
  });
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  const cpu = otherCpu();
  agent.destroy();
  sorted(times);
  sorted(serverTimes);
  const serverQuantile = (p: number) => (serverTimes.length === 0 ? null : round(quantile(serverTimes, p), 2));
  return {
    connections: opts.connections, offeredPerSec: opts.rate, reqPerSec: Math.round(times.length / seconds), requests: times.length,
    p50Ms: round(quantile(times, 0.5), 2), p99Ms: round(quantile(times, 0.99), 2), p999Ms: round(quantile(times, 0.999), 2),
    maxMs: round(times[times.length - 1] ?? NaN, 2), serverP50Ms: serverQuantile(0.5), serverP99Ms: serverQuantile(0.99),
    queued, clientLateP99Ms: round(quantile(sorted(late), 0.99), 2), errors, otherCpuPct: cpu,
  };
}
