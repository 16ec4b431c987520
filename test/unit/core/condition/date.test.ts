import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../../src/core/condition/evaluate.js';
import { parseInstant } from '../../../../src/core/condition/operators/date.js';
import { MapContext } from '../../../../src/core/request/context.js';

const KEY = 'aws:CurrentTime';
const check = (operator: string, values: string[], request: string | undefined): boolean =>
  compileCondition([{ operator, key: KEY, values }], true).evaluate(new MapContext(request === undefined ? {} : { [KEY]: request }));

// IAM User Guide, "Condition operators", Date condition operators: W3C ISO 8601 or epoch seconds.
describe('date operators', () => {
  it.each([
    ['DateEquals', ['2025-07-01T08:30:00Z'], '2025-07-01T08:30:00Z', true],
    ['DateEquals', ['2025-07-01T08:30:00Z'], '2025-07-01T08:30:01Z', false],
    ['DateEquals', ['2025-07-01T10:30:00+02:00'], '2025-07-01T08:30:00Z', true], // instants, not text
    ['DateNotEquals', ['2025-07-01T08:30:00Z'], '2025-07-02T08:30:00Z', true],
    ['DateNotEquals', ['2025-07-01T08:30:00Z'], '2025-07-01T08:30:00Z', false],
    ['DateNotEquals', ['2025-01-01T00:00:00Z'], undefined, true],
    ['DateLessThan', ['2025-07-01T00:00:00Z'], '2025-06-30T23:59:59Z', true],
    ['DateLessThan', ['2025-07-01T00:00:00Z'], '2025-07-01T00:00:00Z', false],
    ['DateLessThan', ['2026-01-01T00:00:00Z'], '2025-12-31T23:00:00Z', true],
    ['DateLessThan', ['2024-03-01'], '2024-02-28T18:00:00Z', true], // date only
    ['DateLessThanEquals', ['2025-07-01T00:00:00Z'], '2025-07-01T00:00:00Z', true],
    ['DateGreaterThan', ['2025-07-01T00:00:00Z'], '2025-07-01T00:00:01Z', true],
    ['DateGreaterThan', ['2025-07-01T00:00:00Z'], '2025-07-01T00:00:00Z', false],
    ['DateGreaterThan', ['2025-03-15'], '2025-03-16T00:00:01Z', true],
    ['DateGreaterThan', ['2025-03-15'], '2025-03-14T23:00:00Z', false],
    ['DateGreaterThan', ['2020-01-01T00:00:01Z'], undefined, false],
    ['DateGreaterThanEquals', ['2025-07-01T00:00:00Z'], '2025-07-01T00:00:00Z', true],
    // epoch seconds on either side; 1704067200 is 2024-01-01T00:00:00Z
    ['DateGreaterThan', ['1704067200'], '2024-05-10T12:00:00Z', true],
    ['DateGreaterThan', ['1704067200'], '2023-12-31T00:00:00Z', false],
    ['DateLessThan', ['1767225600'], '1767225000', true],
    ['DateLessThan', ['1767225600'], '1767226000', false],
    ['DateGreaterThanEquals', ['2025-06-01T00:00:00Z'], '1751328000', true],
    ['DateEquals', ['2024-01-01T00:00:00Z'], '1704067200', true],
    ['DateEquals', ['2024-01-01T00:00:00Z'], 'yesterday', false],
    ['DateEquals', ['2024-02-30'], '2024-03-01T00:00:00Z', false], // invalid policy date matches nothing
  ])('%s %j vs %j → %s', (op, values, request, want) => expect(check(op, values, request)).toBe(want));

  it.each([
    ['1704067200', Date.UTC(2024, 0, 1)],
    ['0', 0],
    ['2024-01-01', Date.UTC(2024, 0, 1)],
    ['2024-01', Date.UTC(2024, 0, 1)],
    ['2024-01-01T00:00:00Z', Date.UTC(2024, 0, 1)],
    ['2024-01-01T00:00:00', Date.UTC(2024, 0, 1)], // no zone: UTC
    ['2024-01-01T00:00Z', Date.UTC(2024, 0, 1)],
    ['2024-01-01T01:00:00+01:00', Date.UTC(2024, 0, 1)],
    ['2023-12-31T19:00:00-0500', Date.UTC(2024, 0, 1)],
    ['2024-01-01T00:00:00.250Z', Date.UTC(2024, 0, 1) + 250],
    ['2024-01-01t00:00:00z', Date.UTC(2024, 0, 1)],
    ['0050-01-01', new Date('0050-01-01T00:00:00Z').getTime()], // year 50, not 1950
    ['2024-13-01', undefined],
    ['2023-02-29', undefined],
    ['2024-01-01T24:00:00Z', undefined],
    ['2024-01-01T00:00:00+25:00', undefined],
    ['2024/01/01', undefined],
    ['', undefined],
    ['-1', undefined],
  ])('parseInstant(%j) → %s', (text, want) => expect(parseInstant(text)).toBe(want));
});
