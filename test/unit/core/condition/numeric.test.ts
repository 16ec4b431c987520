import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../../src/core/condition/evaluate.js';
import { parseNumber } from '../../../../src/core/condition/operators/numeric.js';
import { MapContext } from '../../../../src/core/request/context.js';

const KEY = 's3:max-keys';
const check = (operator: string, values: string[], request: string | undefined): boolean =>
  compileCondition([{ operator, key: KEY, values }], true).evaluate(new MapContext(request === undefined ? {} : { [KEY]: request }));

// IAM User Guide, "Condition operators", Numeric condition operators: integers and decimals.
describe('numeric operators', () => {
  it.each([
    ['NumericEquals', ['250'], '250', true],
    ['NumericEquals', ['250'], '251', false],
    ['NumericEquals', ['250'], '0250', true], // numbers, not text
    ['NumericEquals', ['2.50'], '2.5', true],
    ['NumericEquals', ['10', '50', '100'], '50', true],
    ['NumericNotEquals', ['5'], '7', true],
    ['NumericNotEquals', ['5', '7'], '7', false],
    ['NumericNotEquals', ['10'], undefined, true],
    ['NumericLessThan', ['100'], '99', true],
    ['NumericLessThan', ['100'], '100', false],
    ['NumericLessThan', ['10'], '9', true], // "9" sorts after "10" as text
    ['NumericLessThan', ['9.5'], '10', false],
    ['NumericLessThan', ['3'], '2.5', true],
    ['NumericLessThan', ['100'], undefined, false],
    ['NumericLessThanEquals', ['100'], '100', true],
    ['NumericLessThanEquals', ['100'], '101', false],
    ['NumericGreaterThan', ['100'], '101', true],
    ['NumericGreaterThan', ['100'], '100', false],
    ['NumericGreaterThan', ['2.5'], '2.75', true],
    ['NumericGreaterThanEquals', ['100'], '100', true],
    ['NumericGreaterThanEquals', ['100'], '99', false],
    ['NumericGreaterThan', ['-1'], '0', true],
    ['NumericEquals', ['10'], 'ten', false], // not a number: matches nothing
    ['NumericEquals', ['ten'], '10', false],
    ['NumericEquals', ['${aws:username}'], '10', false], // no policy variables for Numeric
    ['NumericLessThan', ['10'], '', false],
  ])('%s %j vs %j → %s', (op, values, request, want) => expect(check(op, values, request)).toBe(want));

  it.each([
    ['10', 10], ['0250', 250], ['-2.5', -2.5], ['+3', 3], ['.5', 0.5], ['5.', 5],
    ['', undefined], [' 1', undefined], ['1e3', undefined], ['0x10', undefined], ['Infinity', undefined], ['1.2.3', undefined],
  ])('parseNumber(%j) → %s', (text, want) => expect(parseNumber(text)).toBe(want));
});
