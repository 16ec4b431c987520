import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { GraphQLContext } from '../graphql/context.js';
import { formatGraphQLError } from '../graphql/errors.js';
import { compiledExecution } from './compiled-execution.js';
import type { GraphqlExecutor } from './config.js';
import { classifyLimitError, createGuardRails, type GuardRailConfig } from './guard-rails.js';
import { scopeOfError, tagErrors } from './request-scope.js';

/** Tags the errors of each operation with its request (context), before Apollo formats them. */
const SCOPE_HOOKS: GraphQLRequestListener<GraphQLContext> = {
  async didEncounterErrors({ contextValue, errors }) {
    tagErrors(errors, contextValue);
  },
};
const SCOPE_ERRORS: ApolloServerPlugin<GraphQLContext> = { requestDidStart: async () => SCOPE_HOOKS };

/**
 * The Apollo server of one app: executes operations compiled by graphql-jit (compiled-execution.ts;
 * `executor: 'graphql-js'` leaves execution to Apollo's own graphql-js), drains `httpServer` on
 * stop, enforces the guard rails (depth, cost, aliases, tokens; introspection as configured), masks
 * errors (logged with their request, see request-scope.ts), no landing page (the IDE is served by
 * ide.ts). `plugins` adds observers such as the metrics plugin.
 */
export function createApollo(deps: {
  readonly schema: GraphQLSchema;
  readonly httpServer: Server;
  readonly logger: Logger;
  readonly guardRails: GuardRailConfig;
  readonly plugins?: readonly ApolloServerPlugin<GraphQLContext>[];
  /** GRAPHQL_EXECUTOR; graphql-jit when absent. */
  readonly executor?: GraphqlExecutor;
}): ApolloServer<GraphQLContext> {
  const guardRails = createGuardRails(deps.guardRails);
  return new ApolloServer<GraphQLContext>({
    ...(deps.executor === 'graphql-js' ? { schema: deps.schema } : { gateway: compiledExecution(deps.schema) }),
    introspection: deps.guardRails.graphqlIntrospection,
    includeStacktraceInErrorResponses: false,
    validationRules: guardRails.validationRules,
    parseOptions: guardRails.parseOptions,
    // main.ts owns the signals; Apollo must not install its own handlers.
    stopOnTerminationSignals: false,
    logger: deps.logger,
    formatError: (formatted, error) =>
      guardRails.maskSuggestions(formatGraphQLError(formatted, classifyLimitError(error), scopeOfError(error) ?? { requestId: randomUUID(), logger: deps.logger })),
    plugins: [
      SCOPE_ERRORS,
      ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching hints: the plugin would instrument every field of every response.
      ApolloServerPluginCacheControlDisabled(),
      ...(deps.plugins ?? []),
    ],
  });
}
