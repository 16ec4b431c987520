import type { Logger } from 'pino';
import type { DecisionService, simulate } from '../service/decisions.js';
import type { ModelService } from '../service/model.js';
import { createLoaders, type Loaders } from './loaders.js';

/** The service operations resolvers may call; `server/app.ts` wires them. */
export interface Services {
  readonly simulate: typeof simulate;
  readonly model: ModelService;
  readonly decisions: DecisionService;
}

/** Per-request state handed to every resolver. */
export interface GraphQLContext {
  readonly requestId: string;
  /** A child logger carrying the request id. */
  readonly logger: Logger;
  readonly services: Services;
  /** DataLoaders of this request only. */
  readonly loaders: Loaders;
  /** The request time; read once per request so every resolver agrees on it. */
  readonly now: Date;
  /** Who commits: `"api"` until authentication exists. */
  readonly author: string;
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
    loaders: createLoaders(deps.services.model),
    now: deps.now ?? new Date(),
    author: 'api',
  };
}
