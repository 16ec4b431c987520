import { execute, parse } from 'graphql';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createContext } from '../../src/graphql/context.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { createAuthService } from '../../src/service/auth.js';
import type { SimulateOptions } from '../../src/service/decisions.js';

const RESULT = { decision: 'IMPLICIT_DENY', allowed: false, blockedBy: ['IDENTITY'], decisiveStatements: [] };
const ARGS = 'request: { principal: "p", action: "s3:GetObject", resource: "*" }, policies: {}';

/** Runs `query` in-process with a spy in place of the service; returns the `explain` flag it got. */
async function explainFlag(query: string, variableValues: Record<string, unknown> = {}): Promise<boolean> {
  const simulate = vi.fn((_request: unknown, _policies: unknown, _options: SimulateOptions) => RESULT);
  const auth = createAuthService({ mode: 'off' }, undefined as never);
  const contextValue = createContext({ requestId: 't', logger: pino({ level: 'silent' }), services: { simulate } as never, auth, caller: await auth.authenticate(undefined) });
  const result = await execute({ schema: await buildSchema(), document: parse(query), contextValue, variableValues });
  expect(result.errors).toBeUndefined();
  expect(simulate).toHaveBeenCalledOnce();
  return simulate.mock.calls[0]![2].explain;
}

// The resolver asks the service for a trace only when the client selects `explanation`.
describe('explanation is computed only when selected', () => {
  it.each([
    ['not selected', `{ simulate(${ARGS}) { decision } }`, {}, false],
    ['selected', `{ simulate(${ARGS}) { decision explanation { missingContextKeys } } }`, {}, true],
    ['selected under an alias', `{ simulate(${ARGS}) { why: explanation { missingContextKeys } } }`, {}, true],
    ['selected in an inline fragment', `{ simulate(${ARGS}) { ... on AuthorizationResult { explanation { missingContextKeys } } } }`, {}, true],
    ['selected in a named fragment', `{ simulate(${ARGS}) { ...R } } fragment R on AuthorizationResult { explanation { missingContextKeys } }`, {}, true],
    ['skipped with @skip(if: true)', `{ simulate(${ARGS}) { decision explanation @skip(if: true) { missingContextKeys } } }`, {}, false],
    ['excluded by @include(if: $x) with x = false', `query($x: Boolean!) { simulate(${ARGS}) { decision explanation @include(if: $x) { missingContextKeys } } }`, { x: false }, false],
    ['included by @include(if: $x) with x = true', `query($x: Boolean!) { simulate(${ARGS}) { decision explanation @include(if: $x) { missingContextKeys } } }`, { x: true }, true],
  ])('%s', async (_name, query, variables, want) => {
    expect(await explainFlag(query, variables)).toBe(want);
  });
});
