import { GraphQLJSON } from 'graphql-scalars';

/**
 * The `JSON` scalar (graphql-scalars): any JSON value. Policies are JSON objects, or JSON text as
 * AWS stores them; the service parses either.
 */
export const JSONScalar = GraphQLJSON;
