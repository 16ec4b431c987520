import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../../src/core/condition/evaluate.js';
import { MapContext } from '../../../../src/core/request/context.js';

const KEY = 'aws:PrincipalTag/team';
const check = (operator: string, values: string[], request: string | string[] | undefined): boolean =>
  compileCondition([{ operator, key: KEY, values }], true).evaluate(new MapContext(request === undefined ? {} : { [KEY]: request }));

// IAM User Guide, "Condition operators", String condition operators.
describe('string operators', () => {
  it.each([
    ['StringEquals', ['atlas'], 'atlas', true],
    ['StringEquals', ['atlas'], 'Atlas', false], // case-sensitive
    ['StringEquals', ['atlas'], 'atlas2', false],
    ['StringEquals', ['borealis', 'atlas'], 'atlas', true], // values ORed
    ['StringEquals', ['atla?'], 'atlas', false], // no wildcards
    ['StringEquals', ['iamuser-*'], 'iamuser-admin', false],
    ['StringEquals', ['atla*'], 'atla*', true],
    ['StringEquals', [''], '', true],
    ['StringEquals', ['atlas'], undefined, false], // missing key
    ['StringNotEquals', ['atlas'], 'cygnus', true],
    ['StringNotEquals', ['atlas'], 'atlas', false],
    ['StringNotEquals', ['atlas'], 'ATLAS', true],
    ['StringNotEquals', ['borealis', 'cygnus'], 'cygnus', false], // NOR: must differ from all
    ['StringNotEquals', ['567890123456', '345678901234'], '210987654321', true],
    ['StringNotEquals', ['atlas'], undefined, true], // negated operator on a missing key
    ['StringEqualsIgnoreCase', ['atlas'], 'ATLAS', true],
    ['StringEqualsIgnoreCase', ['johndoe'], 'JohnDoe', true],
    ['StringEqualsIgnoreCase', ['atlas'], 'atlantis', false],
    ['StringEqualsIgnoreCase', ['atlas'], undefined, false],
    ['StringEqualsIgnoreCase', ['finance', 'hr', 'legal'], 'HR', true],
    ['StringNotEqualsIgnoreCase', ['atlas'], 'AtLaS', false],
    ['StringNotEqualsIgnoreCase', ['atlas'], 'vega', true],
    ['StringNotEqualsIgnoreCase', ['atlas'], undefined, true],
  ])('%s %j vs %j → %s', (op, values, request, want) => expect(check(op, values, request)).toBe(want));

  it.each([
    ['StringLike', ['AROAEXAMPLEID:*'], 'AROAEXAMPLEID:lena', true],
    ['StringLike', ['*@example.org'], 'lena@example.org', true],
    ['StringLike', ['*@example.org'], 'lena@example.org.evil', false],
    ['StringLike', ['atlas*'], 'atlas', true], // * matches an empty run
    ['StringLike', ['eu-*-lead'], 'eu-finance-lead', true],
    ['StringLike', ['L?'], 'L10', false], // ? is exactly one character
    ['StringLike', ['L??'], 'L10', true],
    ['StringLike', ['atlas'], 'atlas-ops', false], // no wildcard: whole value
    ['StringLike', ['atlas*'], 'Atlas-ops', false], // case-sensitive
    ['StringLike', ['vega-*', 'atlas-*'], 'atlas-ops', true],
    ['StringLike', ['', 'home/', 'home/alice/*'], '', true],
    ['StringLike', ['', 'home/', 'home/alice/*'], 'home', false],
    ['StringLike', ['', 'home/', 'home/alice/*'], 'home/alice/photos/', true],
    ['StringLike', ['arn:aws:sns:*:orders-events'], 'arn:aws:sns:eu-west-1:210987654321:orders-events', true], // * spans colons
    ['StringLike', ['home/*'], undefined, false],
    ['StringNotLike', ['contract*'], 'employee', true],
    ['StringNotLike', ['contract*'], undefined, true],
    ['StringNotLike', ['vega-*', 'atlas-*'], 'vega-core', false],
    ['StringNotLike', ['vega-*', 'atlas-*'], 'cygnus', true],
  ])('%s %j vs %j → %s', (op, values, request, want) => expect(check(op, values, request)).toBe(want));
});
