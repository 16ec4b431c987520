import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationLabel } from '../../../src/server/metrics.js';

const operationOf = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;

describe('operationLabel', () => {
  it.each([
    ['{ authorize(org: "a", request: {}) { decision } }', 'authorize'],
    ['query Mine { x: authorize { decision } }', 'authorize'],
    ['{ organizations { id } organization(id: "a") { id } }', 'organization,organizations'],
    ['mutation { commit { version } }', 'commit'],
    ['{ a b c d }', 'multiple'],
    ['{ ...F }', 'fragment'],
  ])('%s → %s', (source, want) => {
    expect(operationLabel(operationOf(source))).toBe(want);
  });

  it('labels a request that never resolved an operation "invalid"', () => {
    expect(operationLabel(undefined)).toBe('invalid');
  });
});
