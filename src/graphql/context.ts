import type { Logger } from 'pino';
import type { AccessService } from '../service/access.js';
import type { AuthService, Caller } from '../service/auth.js';
import type { DecisionService, simulate } from '../service/decisions.js';
import type { ModelService } from '../service/model.js';
import { createLoaders, type Loaders } from './loaders.js';

/** The service operations resolvers may call; `server/app.ts` wires them. */
export interface Services {
  readonly simulate: typeof simulate;
  readonly model: ModelService;
  readonly decisions: DecisionService;
  readonly access: AccessService;
}

/** Per-request state handed to every resolver. */
export interface GraphQLContext {
  readonly requestId: string;
  /** The request's logger, bound to its request id. */
  readonly logger: Logger;
  readonly services: Services;
  /** DataLoaders of this request only. */
  readonly loaders: Loaders;
  /** The request time; read once per request so every resolver agrees on it. */
  readonly now: Date;
  /** Checks what the caller may do (graphql/access-control.ts runs it on every root field). */
  readonly auth: AuthService;
  /** Who is calling, authenticated by the HTTP layer. */
  readonly caller: Caller;
  /** Who commits: the caller's id (`key:<id>`, `jwt:<subject>`, `admin` or `local`). */
  readonly author: string;
}

/** Builds the context of one request. */
export function createContext(deps: {
  readonly requestId: string;
  /** The request's logger, already bound to `requestId` (the HTTP layer's, server/http.ts). */
  readonly logger: Logger;
  readonly services: Services;
  readonly auth: AuthService;
  readonly caller: Caller;
  readonly now?: Date;
}): GraphQLContext {
  return {
    requestId: deps.requestId,
    logger: deps.logger,
    services: deps.services,
    loaders: createLoaders(deps.services.model),
    now: deps.now ?? new Date(),
    auth: deps.auth,
    caller: deps.caller,
    author: deps.caller.id,
  };
}
