import { ApolloServer, HeaderMap } from '@apollo/server';
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, printSchema } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';

// patches/@apollo+server+5.5.0.patch (applied by `npm install`'s postinstall, patch-package): the
// request context Apollo hands a gateway's executor, which is how compiled-execution.ts runs every
// operation, gets its `response.http.status` accessors from a class prototype instead of an object
// literal whose getter and setter closed over the request (that made V8 promote every request's
// context to the old generation). The accessors must behave as before.
const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString } } }) });

async function run(executor: GatewayExecutor): Promise<number | undefined> {
  const gateway: GatewayInterface = {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    load: async () => ({ executor }),
    stop: async () => undefined,
  };
  const apollo = new ApolloServer({ gateway, logger: pino({ level: 'silent' }) });
  await apollo.start();
  try {
    const headers = new HeaderMap([['content-type', 'application/json']]);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body: { query: '{ hello }' } },
      context: async () => ({}),
    });
    return response.status;
  } finally {
    await apollo.stop();
  }
}

describe('the patched gateway request context of @apollo/server', () => {
  it('has no per-object status accessor, and its status still reads and sets the HTTP status', async () => {
    let own: PropertyDescriptor | undefined;
    const seen: (number | undefined)[] = [];
    const status = await run(async ({ response }) => {
      const http = response!.http!;
      own = Object.getOwnPropertyDescriptor(http, 'status');
      seen.push(http.status);
      http.status = 203;
      seen.push(http.status);
      return { data: { hello: 'world' } };
    });
    expect(own).toBeUndefined();
    expect(seen).toEqual([undefined, 203]);
    expect(status).toBe(203);
  });
});
