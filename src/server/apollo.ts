import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { GraphQLContext } from '../graphql/context.js';
import { formatGraphQLError } from '../graphql/errors.js';
import { currentRequestScope } from './request-scope.js';

/** The Apollo server of one app: drains `httpServer` on stop, masks errors, no landing page. */
export function createApollo(deps: {
  readonly schema: GraphQLSchema;
  readonly httpServer: Server;
  readonly logger: Logger;
}): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    schema: deps.schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals; Apollo must not install its own handlers.
    stopOnTerminationSignals: false,
    logger: deps.logger,
    formatError: (formatted, error) => formatGraphQLError(formatted, error, currentRequestScope()),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
}
