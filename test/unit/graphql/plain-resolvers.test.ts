import { graphql, GraphQLInputObjectType, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { installPlainResolvers } from '../../../src/graphql/plain-resolvers.js';
import { buildSchema } from '../../../src/graphql/schema.js';
import { DECISION_RESOLVERS } from '../../../src/graphql/resolvers/decision.resolver.js';

const Input = new GraphQLInputObjectType({ name: 'In', fields: { name: { type: new GraphQLNonNull(GraphQLString) } } });
const schemaWith = () => new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { hello: { type: GraphQLString, args: { input: { type: Input } }, resolve: () => 'the old resolver' } },
  }),
});

describe('installPlainResolvers', () => {
  it('replaces a root field resolver; it receives the arguments as graphql-js coerced them, and the context', async () => {
    const schema = installPlainResolvers(schemaWith(), {
      'Query.hello': (args: { input: { name: string } }, ctx) => `${args.input.name} ${(ctx as unknown as { greeting: string }).greeting}`,
    });
    const result = await graphql({ schema, source: '{ hello(input: { name: "ada" }) }', contextValue: { greeting: 'hi' } });
    expect(result).toEqual({ data: { hello: 'ada hi' } });
  });

  it('refuses a field the schema does not have, so that a rename cannot silently keep the old resolver', () => {
    expect(() => installPlainResolvers(schemaWith(), { 'Query.goodbye': () => 'x' })).toThrow('no root field Query.goodbye');
    expect(() => installPlainResolvers(schemaWith(), { 'Mutation.hello': () => 'x' })).toThrow('no root field Mutation.hello');
  });

  it('covers the decision fields of the real schema', async () => {
    const fields = (await buildSchema()).getQueryType()!.getFields();
    for (const key of Object.keys(DECISION_RESOLVERS)) expect(fields[key.split('.')[1]!]).toBeDefined();
  });
});
