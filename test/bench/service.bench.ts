/**
 * `npm run bench:service`: the decision service in this process, no HTTP and no GraphQL, over the
 * caches `createApp` stacks (`stackDecisions`, server/decision-stack.ts, without Redis) on the
 * generated organization (seed.ts; Postgres at DATABASE_URL in a throw-away database, else in-memory
 * PGlite), all sides cached. µs per decision for 20,000 workload requests, one `authorize` after
 * another and as `authorizeBatch` of 1,000, in three set-ups:
 *  - `memo off`: every request decided;
 *  - `memo, same requests`: the decision memo (CACHE_DECISIONS 50,000) after two passes
 *    over the requests, so that it answers them all;
 *  - `memo, new requests`: each request with a `bench:nonce` never sent before (a context key no
 *    policy reads), so every one misses the memo and passes its doorkeeper once.
 * Requests are fresh objects each round (a JSON round trip), as GraphQL hands them over. BENCH_ROUNDS
 * (default 5) rounds of each, alternating; the table gives the median and the range over rounds.
 * Writes bench-results/service-<backend>.json.
 */
import { stackDecisions } from '../../src/server/decision-stack.js';
import type { StoredRequestInput } from '../../src/service/decisions.js';
import { versionSourceOf } from '../../src/service/version-source.js';
import { createModelStore } from '../../src/store/model-store.js';
import { createSnapshotReader } from '../../src/store/snapshot-reader.js';
import { progress, writeReport } from './report.js';
import { openBenchDb, requestAt, seedOrganization } from './seed.js';
import { generateWorkload } from './workload.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REQUESTS = 20_000;
const BATCH = 1000;
const w = generateWorkload({ accounts: 40, requests: REQUESTS });

progress('seeding 40 accounts, 2,000 roles');
const bench = await openBenchDb();
try {
  const seeded = await seedOrganization(bench.db, w);
  // Two stacks over one database: each its own caches, as two replicas (every side is loaded into both below).
  const service = (cacheDecisions: number) => stackDecisions(
    { cachePrincipals: 10_000, cacheResources: 10_000, cachePolicies: 50_000, cacheDecisions, batchMax: BATCH },
    createSnapshotReader(bench.db), versionSourceOf(createModelStore(bench.db)), null,
  ).decisions;
  const off = service(0);
  const memo = service(50_000);

  const requests = Array.from({ length: REQUESTS }, (_, i) => requestAt(w, i));
  const text = JSON.stringify(requests);
  let nonce = 0;
  /** The requests as fresh objects; `renew` gives each a nonce never used before. */
  const fresh = (renew: boolean): StoredRequestInput[] => {
    const copy = JSON.parse(text) as StoredRequestInput[];
    if (renew) for (const r of copy) (r.context as Record<string, string>)['bench:nonce'] = String(++nonce);
    return copy;
  };
  const options = { explain: false, now: new Date() };
  const single = (s: typeof off, rs: StoredRequestInput[]): number => {
    const started = performance.now();
    for (const r of rs) {
      const d = s.authorize(seeded.org, seeded.version, r, options);
      if (d instanceof Promise) throw new Error('a warm decision went asynchronous: a side is not cached');
    }
    return ((performance.now() - started) * 1000) / rs.length;
  };
  const batched = async (s: typeof off, rs: StoredRequestInput[]): Promise<number> => {
    const started = performance.now();
    for (let i = 0; i < rs.length; i += BATCH) await s.authorizeBatch(seeded.org, seeded.version, rs.slice(i, i + BATCH), { now: options.now });
    return ((performance.now() - started) * 1000) / rs.length;
  };

  progress('loading every side, then two passes so that the memo holds every request');
  for (const r of fresh(false)) await Promise.all([off.authorize(seeded.org, seeded.version, r, options), memo.authorize(seeded.org, seeded.version, r, options)]);
  for (let pass = 0; pass < 2; pass++) single(memo, fresh(false));

  const setups = {
    'memo off': { service: off, renew: false },
    'memo, same requests': { service: memo, renew: false },
    'memo, new requests': { service: memo, renew: true },
  } as const;
  const samples = Object.fromEntries(Object.keys(setups).map((k) => [k, { single: [] as number[], batch: [] as number[] }]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, { service: s, renew }] of Object.entries(setups)) {
      samples[name]!.single.push(single(s, fresh(renew)));
      samples[name]!.batch.push(await batched(s, fresh(renew)));
    }
    progress(`round ${round + 1} of ${ROUNDS}`);
  }
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const rows = Object.entries(samples).map(([setup, { single: s, batch: b }]) => ({
    setup,
    'authorize µs': round2(median(s)), 'authorize range': `${round2(Math.min(...s))}–${round2(Math.max(...s))}`,
    'batch item µs': round2(median(b)), 'batch range': `${round2(Math.min(...b))}–${round2(Math.max(...b))}`,
    'batch decisions/s': Math.round(1e6 / median(b)),
  }));
  writeReport(`service-${bench.backend}`, { backend: bench.backend, requests: REQUESTS, rounds: ROUNDS },
    { 'the decision service in process, all sides cached (median of rounds)': rows }, { samples });
} finally {
  await bench.close();
}
