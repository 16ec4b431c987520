import { createServer } from 'node:http';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../src/server/config.js';

// createApollo executes through graphql-jit unless GRAPHQL_EXECUTOR says graphql-js: compiledExecution
// is asked for a gateway exactly when graphql-jit is to run.
const compiled = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../../src/server/compiled-execution.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/server/compiled-execution.js')>();
  return { ...actual, compiledExecution: (...args: Parameters<typeof actual.compiledExecution>) => (compiled.calls++, actual.compiledExecution(...args)) };
});
const { createApollo } = await import('../../../src/server/apollo.js');

const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'world' } } }) });

async function answer(executor: 'graphql-jit' | 'graphql-js' | undefined): Promise<unknown> {
  const apollo = createApollo({ schema, httpServer: createServer(), logger: pino({ level: 'silent' }), guardRails: loadConfig({ AUTH_MODE: 'off' }), ...(executor && { executor }) });
  await apollo.start();
  try {
    const response = await apollo.executeOperation({ query: '{ hello }' });
    return response.body.kind === 'single' ? response.body.singleResult.data : undefined;
  } finally {
    await apollo.stop();
  }
}

describe('createApollo executor', () => {
  it.each([
    [undefined, 1],
    ['graphql-jit', 1],
    ['graphql-js', 0],
  ] as const)('%s: compiledExecution used %i time(s)', async (executor, calls) => {
    compiled.calls = 0;
    expect(await answer(executor)).toEqual({ hello: 'world' });
    expect(compiled.calls).toBe(calls);
  });
});
