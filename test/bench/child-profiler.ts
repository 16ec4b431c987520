/**
 * CPU profiles of a benchmark server child, on the parent's `profile-start` / `profile-stop`
 * messages: what the process did in between, sampled every 100 µs, written to
 * bench-results/profile-<pid>.cpuprofile (open it in Chrome DevTools); the answer is its path.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

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

/** Answers a parent's profile message; false when `type` is not one. */
export function answerProfile(type: string, answer: (value: unknown) => void): boolean {
  if (type !== 'profile-start' && type !== 'profile-stop') return false;
  void profile(type === 'profile-start' ? 'start' : 'stop').then(answer);
  return true;
}
