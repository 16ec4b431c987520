/**
 * Child process of the HTTP benchmarks: seeds the generated organization (seed.ts) into a fresh
 * database, then serves it with the real composition root (`createApp`) on 127.0.0.1, a free port,
 * DEMO_SEED=false, LOG_LEVEL=BENCH_LOG_LEVEL (default warn). Tells the parent `{ type: 'ready', url,
 * org, version, ... }` over IPC, then answers `heap` (heap after two full GCs; needs --expose-gc),
 * `cache` (`App.cacheStats()`, the cache layer's counters, when the app has them), `profile-start` /
 * `profile-stop` (child-profiler.ts) and `stop`.
 */
import { createApp } from '../../src/server/app.js';
import { LOG_LEVELS, loadConfig } from '../../src/server/config.js';
import { answerProfile } from './child-profiler.js';
import { openBenchDb, seedOrganization } from './seed.js';
import { generateWorkload } from './workload.js';

type Message = { type: string; id?: number };
const send = (message: unknown) => process.send?.(message);

const logLevel = (LOG_LEVELS as readonly string[]).includes(process.env.BENCH_LOG_LEVEL ?? '') ? process.env.BENCH_LOG_LEVEL as (typeof LOG_LEVELS)[number] : 'warn';
const bench = await openBenchDb();
const seeded = await seedOrganization(bench.db, generateWorkload({ accounts: 40, requests: 0 }));
const app = await createApp(loadConfig(process.env, { port: 0, host: '127.0.0.1', demoSeed: false, dataDir: 'memory://', logLevel, authMode: process.env.AUTH_MODE === 'on' ? 'on' : 'off' }), { db: bench.db });

function heap(): NodeJS.MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  return process.memoryUsage();
}

/** The cache layer's hit/miss counters (`App.cacheStats()`), or null on an app without them. */
function cacheStats(): unknown {
  const withStats = app as typeof app & { cacheStats?: () => unknown };
  return typeof withStats.cacheStats === 'function' ? withStats.cacheStats() : null;
}

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await app.stop().catch(() => undefined);
    await bench.close().catch(() => undefined);
  }
  process.exit(code);
}

process.on('message', (m: Message) => {
  const answer = (value: unknown) => send({ id: m.id, value });
  if (m.type === 'heap') answer(heap());
  else if (m.type === 'cache') answer(cacheStats());
  else if (m.type === 'stop') void stop(0);
  else answerProfile(m.type, answer);
});
process.on('disconnect', () => void stop(0));
send({ type: 'ready', url: app.url, backend: bench.backend, pid: process.pid, ...seeded });
