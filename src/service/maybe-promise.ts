/** A value now, or later. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Runs `run`, then `onValue` on what it gives: synchronously when `run` answered synchronously, so
 * that a warm decision awaits no promise (and costs no microtask), after it otherwise. `onError`
 * sees every failure of either, thrown or rejected, and must rethrow. A failure always comes back as
 * a rejected promise, never as a synchronous throw, so a caller that `await`s the result, or passes
 * it to graphql-js, sees every failure the same way.
 */
export function thenMaybe<T, R>(
  run: () => MaybePromise<T>, onValue: (value: T) => MaybePromise<R>, onError: (error: unknown) => never = rethrow,
): MaybePromise<R> {
  try {
    const value = run();
    if (value instanceof Promise) return value.then(onValue).catch(onError);
    const result = onValue(value);
    return result instanceof Promise ? result.catch(onError) : result;
  } catch (error) {
    try {
      onError(error);
    } catch (thrown) {
      return Promise.reject(thrown);
    }
    // INVARIANT: onError always throws; were it not to, the failure still surfaces.
    return Promise.reject(error);
  }
}

function rethrow(error: unknown): never {
  throw error;
}
