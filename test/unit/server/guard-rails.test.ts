import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src/service/errors.js';
import { classifyLimitError, createGuardRails, withTimeout } from '../../../src/server/guard-rails.js';

const config = { graphqlMaxDepth: 3, graphqlMaxCost: 100, graphqlMaxAliases: 1, graphqlMaxTokens: 10, graphqlIntrospection: false };

describe('classifyLimitError', () => {
  it('turns graphql-js\'s token-limit syntax error into LIMIT_EXCEEDED', () => {
    let error: unknown;
    try {
      parse('{ a b c d e f g h i j k l }', { maxTokens: 10 });
    } catch (e) {
      error = e;
    }
    const classified = classifyLimitError(new GraphQLError('wrapped', { originalError: error as Error }));
    expect((classified as GraphQLError).originalError).toBeInstanceOf(ServiceError);
    expect(((classified as GraphQLError).originalError as ServiceError).details).toEqual({ limit: 'GRAPHQL_MAX_TOKENS' });
  });

  it.each([
    new GraphQLError('Syntax Error: Expected Name, found <EOF>.'),
    new Error('boom'),
    'text',
  ])('leaves other errors alone: %s', (error) => {
    expect(classifyLimitError(error)).toBe(error);
  });
});

describe('createGuardRails', () => {
  it('masks suggestions when introspection is off, and only then', () => {
    const formatted = { message: 'Cannot query field "simulat" on type "Query". Did you mean "simulate"?' };
    expect(createGuardRails(config).maskSuggestions(formatted).message).toBe('Cannot query field "simulat" on type "Query".');
    expect(createGuardRails({ ...config, graphqlIntrospection: true }).maskSuggestions(formatted)).toBe(formatted);
  });

  it('passes the token limit to the parser', () => {
    expect(createGuardRails(config).parseOptions).toEqual({ maxTokens: 10 });
  });
});

describe('withTimeout', () => {
  it('resolves with the work when it is in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 1000)).resolves.toBe(7);
  });

  it('rejects with TIMEOUT when it is not', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20)).rejects.toMatchObject({ code: 'TIMEOUT', details: { limit: 'REQUEST_TIMEOUT_MS', ms: 20 } });
  });
});
