import { describe, expect, it } from 'vitest';
import { parsePolicy, type Statement } from '../../../src/core/index.js';
import { satisfyingAll, trialContexts } from '../../../src/access/contexts.js';
import { decideAt } from '../../../src/access/evaluator.js';
import { allow, doc, e, NOW, orgEntities, role, version } from './fixtures.js';

// The contexts the diff engine tries must really satisfy the conditions they were built from: a
// "satisfying" context that does not satisfy hides every difference that needs it.

const statementsOf = (document: ReturnType<typeof doc>): readonly Statement[] => {
  const parsed = parsePolicy(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value.statements;
};

const ORDERED: [string, string, string[]][] = [
  ['Numeric', 's3:max-keys', ['10', '2.5', '0']],
  ['Date', 'aws:CurrentTime', ['2025-06-01T12:00:00Z', '2024-01-01T00:00:00Z']],
  ['Date', 'aws:EpochTime', ['1748779200', '1700000000']],
];
const OPS = ['Equals', 'NotEquals', 'LessThan', 'LessThanEquals', 'GreaterThan', 'GreaterThanEquals'];

describe('condition contexts', () => {
  for (const [family, key, literals] of ORDERED) {
    for (const op of OPS) {
      for (const values of [literals.slice(0, 1), literals]) {
        it(`${family}${op} on ${key} ${values.join(',')}: the satisfying context grants`, () => {
          const document = doc(allow('s3:GetObject', '*', { Condition: { [`${family}${op}`]: { [key]: values } } }));
          const app = role('App', { inlinePolicies: [{ name: 'p', document }] });
          const model = version([...orgEntities(), e.role(app)]);
          const context = satisfyingAll(statementsOf(document));
          expect(Object.keys(context)).toEqual([key]);
          const request = { principal: app.arn, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context };
          // aws:CurrentTime and aws:EpochTime come from the request when given, as the engine takes them.
          expect(decideAt(model, request, NOW).allowed, JSON.stringify(context)).toBe(true);
        });
      }
    }
  }

  it('pairs a changed statement with another conditional one, each satisfied', () => {
    const identity = statementsOf(doc(allow('s3:GetObject', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })));
    const bucket = statementsOf(doc(allow('s3:GetObject', '*', { Condition: { NumericLessThan: { 's3:max-keys': '10' } } })));
    const trials = trialContexts([...identity, ...bucket], identity);
    expect(trials).toContainEqual({ 'aws:SourceIp': '10.0.0.0', 's3:max-keys': '9' });
  });
});
