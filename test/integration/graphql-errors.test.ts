import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { describe, expect, it, vi } from 'vitest';
import { formatGraphQLError, INTERNAL_MESSAGE } from '../../src/graphql/errors.js';
import { ServiceError } from '../../src/service/errors.js';

/** An error as graphql-js hands a resolver's throw to Apollo: located, with the original inside. */
const fromResolver = (original: Error) =>
  new GraphQLError(original.message, { path: ['simulate'], originalError: original });

const formattedOf = (error: GraphQLError): GraphQLFormattedError => ({
  ...error.toJSON(),
  extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: boom', '    at x.ts:1:1'], ...error.extensions },
});

const scope = () => ({ requestId: 'req-1', logger: { error: vi.fn() } });

describe('formatGraphQLError', () => {
  it('maps a ServiceError to its code and details', () => {
    const error = fromResolver(new ServiceError('BAD_POLICY', 'bad', { details: { problems: [{ policy: 'identity[0]' }] } }));
    expect(formatGraphQLError(formattedOf(error), error, scope())).toEqual({
      message: 'bad',
      path: ['simulate'],
      extensions: { code: 'BAD_POLICY', details: { problems: [{ policy: 'identity[0]' }] } },
    });
  });

  it('masks an unknown error as INTERNAL with the request id, and logs it', () => {
    const s = scope();
    const cause = new TypeError('secret detail');
    const error = fromResolver(cause);
    const formatted = formatGraphQLError(formattedOf(error), error, s);
    expect(formatted).toEqual({ message: INTERNAL_MESSAGE, path: ['simulate'], extensions: { code: 'INTERNAL', requestId: 'req-1' } });
    expect(s.logger.error).toHaveBeenCalledWith(expect.objectContaining({ err: cause, requestId: 'req-1' }), expect.any(String));
  });

  it('masks ServiceError INTERNAL too', () => {
    const error = fromResolver(new ServiceError('INTERNAL', 'db password is hunter2'));
    expect(formatGraphQLError(formattedOf(error), error, scope()).message).toBe(INTERNAL_MESSAGE);
  });

  it('masks a GraphQLError with a code outside the public set', () => {
    const error = fromResolver(new GraphQLError('x', { extensions: { code: 'SOMETHING_ELSE' } }));
    expect(formatGraphQLError(formattedOf(error), error, scope()).extensions?.['code']).toBe('INTERNAL');
  });

  it('keeps type-graphql argument validation errors as BAD_USER_INPUT, without stack traces', () => {
    const error = fromResolver(new ArgumentValidationError([]));
    const formatted = formatGraphQLError(formattedOf(error), error, scope());
    expect(formatted.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(formatted.extensions).not.toHaveProperty('stacktrace');
  });

  it('keeps protocol errors (parse, validation) with their codes', () => {
    const error = new GraphQLError('Syntax Error', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    const formatted = formatGraphQLError(formattedOf(error), error, scope());
    expect(formatted).toMatchObject({ message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(formatted.extensions).not.toHaveProperty('stacktrace');
  });

  it('maps a ServiceError carried by a validation error (a guard rail) to its code', () => {
    const limit = new ServiceError('LIMIT_EXCEEDED', 'Query depth limit of 3 exceeded, found 5.', { details: { limit: 'GRAPHQL_MAX_DEPTH' } });
    const error = new GraphQLError(limit.message, { originalError: limit, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(formatGraphQLError(formattedOf(error), error, scope())).toEqual({
      message: limit.message,
      extensions: { code: 'LIMIT_EXCEEDED', details: { limit: 'GRAPHQL_MAX_DEPTH' } },
    });
  });

  it('still masks, with a fresh id, outside a request scope', () => {
    const error = fromResolver(new Error('x'));
    expect(formatGraphQLError(formattedOf(error), error, undefined).extensions?.['requestId']).toEqual(expect.any(String));
  });
});
