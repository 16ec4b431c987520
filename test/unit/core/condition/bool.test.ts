import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../../src/core/condition/evaluate.js';
import { MapContext } from '../../../../src/core/request/context.js';

const KEY = 'aws:SecureTransport';
const check = (operator: string, values: string[], request: string | undefined): boolean =>
  compileCondition([{ operator, key: KEY, values }], true).evaluate(new MapContext(request === undefined ? {} : { [KEY]: request }));

// IAM User Guide, "Condition operators", Boolean condition operators.
describe('Bool', () => {
  it.each([
    [['false'], 'false', true],
    [['false'], 'true', false],
    [['true'], 'true', true],
    [['true'], 'false', false],
    [['true'], undefined, false], // missing key (e.g. aws:MultiFactorAuthPresent with access keys)
    [['false'], undefined, false], // a Deny on "false" does not catch a missing key
    [['true', 'false'], 'false', true],
    [['TRUE'], 'true', true], // case-insensitive
    [['true'], 'True', true],
    [['true'], 'yes', false],
    [['yes'], 'yes', false], // not a boolean: matches nothing
    [['1'], 'true', false],
  ])('Bool %j vs %j → %s', (values, request, want) => expect(check('Bool', values, request)).toBe(want));

  it.each([
    ['BoolIfExists', ['true'], undefined, true],
    ['BoolIfExists', ['true'], 'false', false],
    ['BoolIfExists', ['false'], undefined, true], // a Deny with BoolIfExists false catches long-term keys
  ])('%s %j vs %j → %s', (op, values, request, want) => expect(check(op, values, request)).toBe(want));
});
