import { createServer } from 'node:http';
import { GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import type { GraphQLContext } from '../../../src/graphql/context.js';
import { createApollo } from '../../../src/server/apollo.js';
import { loadConfig } from '../../../src/server/config.js';
import { createLogger } from '../../../src/server/logger.js';
import { ServiceError } from '../../../src/service/errors.js';

// Apollo with the service's executor (graphql-jit behind the gateway interface) over a small schema.
const calls: string[] = [];
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      double: { type: GraphQLInt, args: { n: { type: new GraphQLNonNull(GraphQLInt) } }, resolve: (_s, { n }: { n: number }) => (calls.push('double'), 2 * n) },
      missing: { type: GraphQLString, resolve: () => { throw new ServiceError('NOT_FOUND', 'no such thing', { details: { id: 'x' } }); } },
      later: { type: GraphQLString, resolve: async () => { throw new ServiceError('BAD_REQUEST', 'too late'); } },
      broken: { type: GraphQLString, resolve: () => { throw new Error('a bug'); } },
      items: {
        type: new GraphQLList(new GraphQLObjectType({ name: 'Item', fields: { id: { type: new GraphQLNonNull(GraphQLInt) } } })),
        resolve: () => [{ id: 1 }, { id: null }],
      },
    },
  }),
});
const logger = createLogger({ logLevel: 'silent' });
const apollo = createApollo({ schema, httpServer: createServer(), logger, guardRails: loadConfig({ AUTH_MODE: 'off' }) });
await apollo.start();
afterAll(() => apollo.stop());

async function run(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const response = await apollo.executeOperation({ query, variables, operationName }, { contextValue: { requestId: 'req-jit', logger } as GraphQLContext });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, ...response.body.singleResult };
}

describe('compiled execution (graphql-jit behind Apollo)', () => {
  it('executes with variables, the same document again from its compiled form', async () => {
    const query = 'query($n: Int!) { double(n: $n) }';
    expect((await run(query, { n: 4 })).data).toEqual({ double: 8 });
    expect((await run(query, { n: 5 })).data).toEqual({ double: 10 });
  });

  it('keeps a service error as its code, message, details, path and location', async () => {
    const { data, errors } = await run('{ double(n: 1)\n  missing later }');
    expect(data).toEqual({ double: 2, missing: null, later: null });
    expect(errors).toEqual([
      { message: 'no such thing', locations: [{ line: 2, column: 3 }], path: ['missing'], extensions: { code: 'NOT_FOUND', details: { id: 'x' } } },
      { message: 'too late', locations: [{ line: 2, column: 11 }], path: ['later'], extensions: { code: 'BAD_REQUEST' } },
    ]);
  });

  it('masks an unexpected error as INTERNAL, with the id of the request it happened in', async () => {
    const { errors } = await run('{ broken }');
    expect(errors).toEqual([{ message: 'Internal server error', locations: [{ line: 1, column: 3 }], path: ['broken'], extensions: { code: 'INTERNAL', requestId: 'req-jit' } }]);
  });

  it('propagates a null in a non-null field to its nearest nullable parent, as graphql-js does', async () => {
    const { data, errors } = await run('{ items { id } }');
    expect(data).toEqual({ items: [{ id: 1 }, null] });
    expect(errors?.map((e) => e.path)).toEqual([['items', 1, 'id']]);
  });

  it('reports variables that do not coerce as BAD_USER_INPUT with HTTP 400, running no resolver', async () => {
    calls.length = 0;
    const { status, data, errors } = await run('query($n: Int!) { double(n: $n) }', { n: 'four' });
    expect(status).toBe(400);
    expect(data).toBeUndefined();
    expect(errors?.map((e) => e.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    expect(errors?.[0]?.message).toMatch(/^Variable "\$n" got invalid value "four"/);
    expect(calls).toEqual([]);
  });

  it('picks the named operation of a document holding several', async () => {
    const query = 'query A { double(n: 1) } query B { double(n: 2) }';
    expect((await run(query, undefined, 'B')).data).toEqual({ double: 4 });
    expect((await run(query, undefined, 'A')).data).toEqual({ double: 2 });
  });
});
