import type { Logger } from 'pino';
import type { simulate } from '../service/decisions.js';

/** The service operations resolvers may call; `server/app.ts` wires them. */
export interface Services {
  readonly simulate: typeof simulate;
}

/** Per-request state handed to every resolver. */
export interface GraphQLContext {
  readonly requestId: string;
  /** A child logger carrying the request id. */
  readonly logger: Logger;
  readonly services: Services;
  /** The request time; read once per request so every resolver agrees on it. */
  readonly now: Date;
}

/** Builds the context of one request. */
export function createContext(deps: {
  readonly requestId: string;
  readonly logger: Logger;
  readonly services: Services;
  readonly now?: Date;
}): GraphQLContext {
  return {
    requestId: deps.requestId,
    logger: deps.logger.child({ requestId: deps.requestId }),
    services: deps.services,
    now: deps.now ?? new Date(),
  };
}
