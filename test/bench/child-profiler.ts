/**
 * CPU profiles of a benchmark server child, on the parent's `profile-start` / `profile-stop`
 * messages: what the process did in between, sampled every 100 µs, written to
 * bench-results/profile-<pid>.cpuprofile (open it in Chrome DevTools); the answer is its path.
 * And the bytes it allocated, on `alloc-start` / `alloc-stop` (the answer: bytes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { GCProfiler, getHeapStatistics } from 'node:v8';

const profiler = new Session();
profiler.connect();

/** Starts (null) or stops (the profile's path) this process's CPU profile. */
export async function profile(command: 'start' | 'stop'): Promise<string | null> {
  if (command === 'start') {
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
    await profiler.post('Profiler.start');
    return null;
  }
  const { profile: taken } = await profiler.post('Profiler.stop');
  mkdirSync('bench-results', { recursive: true });
  const path = `bench-results/profile-${process.pid}.cpuprofile`;
  writeFileSync(path, JSON.stringify(taken));
  return path;
}

let gcProfiler: GCProfiler | null = null;
let usedAtStart = 0;

/**
 * Bytes allocated on the V8 heap between `start` and `stop` (null on start): the heap's growth
 * between consecutive collections (V8's GCProfiler gives the used size before and after each),
 * plus the growth since the last one. Unlike throughput on a shared machine, it repeats to within
 * about 1 % from run to run, so a change in what a request allocates shows in one run.
 */
export function allocation(command: 'start' | 'stop'): number | null {
  if (command === 'start') {
    gcProfiler = new GCProfiler();
    gcProfiler.start();
    usedAtStart = getHeapStatistics().used_heap_size;
    return null;
  }
  if (!gcProfiler) throw new Error('alloc-stop before alloc-start');
  const { statistics } = gcProfiler.stop();
  gcProfiler = null;
  let allocated = 0;
  let previousAfter = usedAtStart;
  for (const gc of statistics) {
    allocated += gc.beforeGC.heapStatistics.usedHeapSize - previousAfter;
    previousAfter = gc.afterGC.heapStatistics.usedHeapSize;
  }
  return allocated + getHeapStatistics().used_heap_size - previousAfter;
}

/** Answers a parent's profile or allocation message; false when `type` is not one. */
export function answerProfile(type: string, answer: (value: unknown) => void): boolean {
  if (type === 'alloc-start' || type === 'alloc-stop') {
    answer(allocation(type === 'alloc-start' ? 'start' : 'stop'));
    return true;
  }
  if (type !== 'profile-start' && type !== 'profile-stop') return false;
  void profile(type === 'profile-start' ? 'start' : 'stop').then(answer);
  return true;
}
