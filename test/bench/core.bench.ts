/** `npm run bench:core`: core decisions per second and ns per decision on the generated workload. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { compilePolicySet, decide, parsePolicy, type PolicyDocument, type PolicyInput } from '../../src/core/index.js';
import { generateWorkload } from './workload.js';

const parse = (id: string, raw: unknown): PolicyInput => {
  const r = parsePolicy(raw);
  if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.error)}`);
  return { id, document: r.value as PolicyDocument };
};

const w = generateWorkload();
const t0 = process.hrtime.bigint();
const scp = w.scpLevels.map((l, i) => ({ target: l.target, policies: l.policies.map((p, j) => parse(`scp${i}.${j}`, p)) }));
const sets = w.roles.map((role, i) => ({
  identity: role.identity.map((p, j) => parse(`r${i}.${j}`, p)),
  boundary: role.boundary ? parse(`r${i}.pb`, role.boundary) : undefined,
}));
const bucketPolicies = w.buckets.map((b, i) => parse(`b${i}`, b.policy));
const compiledRoles = sets.map((s) => compilePolicySet({ identity: s.identity, ...(s.boundary ? { permissionBoundary: s.boundary } : {}), scp }));
const compiledBuckets = bucketPolicies.map((p) => compilePolicySet({ identity: [], resource: p }).resource!);
const compileMs = Number(process.hrtime.bigint() - t0) / 1e6;

const now = new Date('2026-06-15T12:00:00Z');
const reqs = w.requests.map((q) => ({
  set: { ...compiledRoles[q.role]!, ...(q.action.startsWith('s3:') ? { resource: compiledBuckets[q.bucket]! } : {}) },
  request: {
    principal: `arn:aws:sts::${w.roles[q.role]!.account}:assumed-role/${w.roles[q.role]!.name}/s1`,
    action: q.action, resource: q.resource, context: q.context,
    ...(q.action.startsWith('s3:') ? { resourceAccount: w.buckets[q.bucket]!.account } : {}),
  },
}));

// Warm up (JIT, action-index memo), then time each decision.
for (let round = 0; round < 2; round++) for (const q of reqs) decide(q.request, q.set, { now });
const samples = new Float64Array(reqs.length);
const outcomes: Record<string, number> = {};
const start = process.hrtime.bigint();
for (let i = 0; i < reqs.length; i++) {
  const q = reqs[i]!;
  const a = process.hrtime.bigint();
  const r = decide(q.request, q.set, { now });
  samples[i] = Number(process.hrtime.bigint() - a);
  outcomes[r.decision] = (outcomes[r.decision] ?? 0) + 1;
}
const totalNs = Number(process.hrtime.bigint() - start);
// The timer's own cost, measured the same way, is subtracted from each sample.
const overhead = (() => { const xs: number[] = []; for (let i = 0; i < 10000; i++) { const a = process.hrtime.bigint(); xs.push(Number(process.hrtime.bigint() - a)); } xs.sort((x, y) => x - y); return xs[xs.length >> 1]!; })();
const sorted = Array.from(samples).sort((x, y) => x - y);
const q = (p: number) => Math.max(0, sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! - overhead);
// Allocation per decision: one more pass under V8's sampling heap profiler, counting objects the
// garbage collector has already freed too (every 256 bytes sampled), by allocating function.
const allocation = await (async () => {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true });
  for (const q of reqs) decide(q.request, q.set, { now });
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  const byFunction = new Map<string, number>();
  let bytes = 0;
  const walk = (node: typeof profile.head): void => {
    bytes += node.selfSize;
    const name = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-2).join('/')}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
    node.children.forEach(walk);
  };
  walk(profile.head);
  const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, b]) => `${name}: ${Math.round(b / reqs.length)}`);
  return { bytesPerDecision: Math.round(bytes / reqs.length), top };
})();

const result = {
  benchmark: 'core', node: process.version, roles: w.roles.length, accounts: w.accounts.length, requests: reqs.length,
  policies: w.roles.reduce((n, r) => n + r.identity.length + (r.boundary ? 1 : 0), 0) + w.buckets.length,
  compileMs: Math.round(compileMs), decisionsPerSecond: Math.round(reqs.length / (totalNs / 1e9)),
  medianNs: Math.round(q(0.5)), p99Ns: Math.round(q(0.99)), timerOverheadNs: overhead, outcomes,
  allocatedBytesPerDecision: allocation.bytesPerDecision, topAllocatorsBytesPerDecision: allocation.top,
};
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/core.json', JSON.stringify(result, null, 2));
const { topAllocatorsBytesPerDecision: _top, ...table } = result;
console.table(table);
console.log('allocated per decision, by function (bytes):', allocation.top.join('; '));
