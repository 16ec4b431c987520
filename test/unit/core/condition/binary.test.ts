import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../../src/core/condition/evaluate.js';
import { decodeBase64 } from '../../../../src/core/condition/operators/binary.js';
import { MapContext } from '../../../../src/core/request/context.js';

const KEY = 'svc:BinaryKey';
const check = (operator: string, values: string[], request: string | undefined): boolean =>
  compileCondition([{ operator, key: KEY, values }], true).evaluate(new MapContext(request === undefined ? {} : { [KEY]: request }));

// IAM User Guide, "Condition operators", Binary condition operators: base-64, compared byte for byte.
describe('BinaryEquals', () => {
  it.each([
    [['QmluYXJ5VmFsdWVJbkJhc2U2NA=='], 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', true],
    [['QmluYXJ5VmFsdWVJbkJhc2U2NA=='], 'QmluYXJ5VmFsdWVJbkJhc2U2NA', true], // same bytes, no padding
    [['QmluYXJ5VmFsdWVJbkJhc2U2NA=='], 'QmluYXJ5VmFsdWVJbkJhc2U2NQ==', false], // ...Base65,
    [['AAEC', 'QmluYXJ5'], 'QmluYXJ5', true],
    [['QmluYXJ5'], undefined, false],
    [['not base64!'], 'not base64!', false], // invalid base-64 matches nothing
  ])('BinaryEquals %j vs %j → %s', (values, request, want) => expect(check('BinaryEquals', values, request)).toBe(want));

  it.each([
    ['', ''],
    ['QQ==', 'A'],
    ['QQ', 'A'],
    ['QUI=', 'AB'],
    ['QUJD', 'ABC'],
    ['AP8=', '\u0000\u00ff'],
    ['+/+/', '\u00fb\u00ff\u00bf'],
    ['Q', undefined],
    ['QQ=', undefined],
    ['Q===', undefined],
    ['QU J', undefined],
    ['QQ==QQ==', undefined],
  ])('decodeBase64(%j) → %j', (text, want) => expect(decodeBase64(text)).toBe(want));
});
