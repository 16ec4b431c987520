import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../../src/core/condition/evaluate.js';
import type { ContextInput } from '../../../../src/core/request/types.js';
import { MapContext } from '../../../../src/core/request/context.js';

const check = (values: string[], context: ContextInput, key = 'aws:TokenIssueTime', operator = 'Null'): boolean =>
  compileCondition([{ operator, key, values }], true).evaluate(new MapContext(context));

// IAM User Guide, "Condition operators", Condition operator to check existence of condition keys.
describe('Null', () => {
  it.each([
    [['true'], {}, true],
    [['true'], { 'aws:TokenIssueTime': '2024-05-01T10:00:00Z' }, false],
    [['false'], { 'aws:TokenIssueTime': '2024-05-01T10:00:00Z' }, true],
    [['false'], {}, false],
    [['true'], { 'aws:tokenissuetime': 'x' }, false], // key names are case-insensitive
    [['false'], { 'aws:TokenIssueTime': '' }, true], // an empty string is a value
    [['TRUE'], {}, true],
    [['true', 'false'], {}, true], // values ORed
    [['maybe'], {}, false],
    [['maybe'], { 'aws:TokenIssueTime': 'x' }, false],
  ])('Null %j with %j → %s', (values, context, want) => expect(check(values, context)).toBe(want));

  it.each([
    [['false'], {}, false],
    [['false'], { 'aws:TagKeys': ['team'] }, true],
    [['false'], { 'aws:TagKeys': [] }, false], // an empty set counts as absent
    [['true'], { 'aws:TagKeys': [] }, true],
  ])('Null %j on multivalued aws:TagKeys %j → %s', (values, context, want) =>
    expect(check(values, context, 'aws:TagKeys')).toBe(want));

  it.each([['ForAllValues:Null'], ['ForAnyValue:Null']])('%s ignores the set operator', (operator) => {
    expect(check(['true'], {}, 'aws:TagKeys', operator)).toBe(true);
    expect(check(['true'], { 'aws:TagKeys': ['a'] }, 'aws:TagKeys', operator)).toBe(false);
  });

  it('two keys under Null are ANDed', () => {
    const entries = [
      { operator: 'Null', key: 'aws:PrincipalTag/team', values: ['false'] },
      { operator: 'Null', key: 'aws:PrincipalTag/project', values: ['false'] },
    ];
    const condition = compileCondition(entries, true);
    expect(condition.evaluate(new MapContext({ 'aws:PrincipalTag/team': 'red' }))).toBe(false);
    expect(condition.evaluate(new MapContext({ 'aws:PrincipalTag/team': 'red', 'aws:PrincipalTag/project': 'x' }))).toBe(true);
  });
});
