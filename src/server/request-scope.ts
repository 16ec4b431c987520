import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/** What belongs to one HTTP request across its async work. */
export interface RequestScope {
  readonly requestId: string;
  readonly logger: Logger;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with `scope` as the current request (for hooks such as Apollo's formatError that get no context). */
export const runInRequestScope = <T>(scope: RequestScope, fn: () => T): T => storage.run(scope, fn);

/** The current request, or undefined outside one. */
export const currentRequestScope = (): RequestScope | undefined => storage.getStore();
