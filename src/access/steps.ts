/** A computation that pauses (`yield`) between units of work and returns its result at the end. */
export type Steps<T> = Generator<undefined, T, void>;

/** Runs `steps` to the end at once, for callers that need not hand the thread back. */
export function runSteps<T>(steps: Steps<T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}
