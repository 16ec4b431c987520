import { GraphQLError } from 'graphql';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { scopeOfError, tagErrors } from '../../../src/server/request-scope.js';

const logger = pino({ level: 'silent' });

describe('request scopes of errors', () => {
  it('finds the request an error was tagged with, directly or through originalError', () => {
    const cause = new TypeError('boom');
    const wrapped = new GraphQLError('Context creation failed: boom', { originalError: cause });
    const other = new Error('elsewhere');
    tagErrors([cause], { requestId: 'a', logger });
    tagErrors([other, 'not an object', null], { requestId: 'b', logger });
    expect(scopeOfError(cause)?.requestId).toBe('a');
    expect(scopeOfError(wrapped)?.requestId).toBe('a');
    expect(scopeOfError(other)?.requestId).toBe('b');
  });

  it('knows nothing of an untagged error or a non-object', () => {
    expect(scopeOfError(new Error('never tagged'))).toBeUndefined();
    expect(scopeOfError('text')).toBeUndefined();
    expect(scopeOfError(undefined)).toBeUndefined();
  });

  it('stops on an originalError cycle', () => {
    const a = new Error('a') as Error & { originalError?: unknown };
    const b = new Error('b') as Error & { originalError?: unknown };
    a.originalError = b;
    b.originalError = a;
    expect(scopeOfError(a)).toBeUndefined();
  });
});
