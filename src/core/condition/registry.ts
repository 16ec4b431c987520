import type { RequestContext } from '../request/types.js';
import type { BaseOperator } from './operator-name.js';
import type { Template } from './variables.js';
import { ARN_MATCH } from './operators/arn.js';
import { BINARY_EQUALS } from './operators/binary.js';
import { BOOL } from './operators/bool.js';
import { dateOperator } from './operators/date.js';
import { IP_ADDRESS } from './operators/ip-address.js';
import { compileNull } from './operators/null.js';
import { numericOperator } from './operators/numeric.js';
import { STRING_EQUALS, STRING_EQUALS_IGNORE_CASE, STRING_LIKE } from './operators/string.js';

/** Tests one parsed request value against one compiled policy value. */
export type PolicyTest<R> = (request: R, ctx: RequestContext) => boolean;

/**
 * One operator family member in its positive sense. Policy values are compiled once; each request
 * value is parsed once and then tested against every policy value.
 */
export interface ValueOperator<R> {
  /** True when the family accepts policy variables in its values (IAM User Guide, "Variables and tags"). */
  readonly variables: boolean;
  /** Parses a request value; undefined when it is not of the operator's type (it then matches nothing). */
  readonly request: (value: string) => R | undefined;
  /** Compiles one policy value. */
  readonly policy: (value: Template) => PolicyTest<R>;
}

/** True when one request value matches at least one of a pair's policy values (positive sense). */
export type ValueTest = (requestValue: string, ctx: RequestContext) => boolean;

/** A value-comparing operator; negated operators negate `compile`'s positive test (see modifiers.ts). */
export interface ValueSpec {
  readonly kind: 'value';
  readonly negated: boolean;
  readonly variables: boolean;
  readonly compile: (values: readonly Template[]) => ValueTest;
}

/** The `Null` operator: a test of whether the key is present. */
export interface ExistenceSpec {
  readonly kind: 'existence';
  readonly compile: (values: readonly string[]) => (present: boolean) => boolean;
}

/** How a base operator is implemented. */
export type OperatorSpec = ValueSpec | ExistenceSpec;

/** Several values for one key are ORed (IAM User Guide, "Conditions with multiple context keys or values"). */
function anyPolicyValue<R>(op: ValueOperator<R>, values: readonly Template[]): ValueTest {
  const tests = values.map(op.policy);
  return (value, ctx) => {
    const request = op.request(value);
    if (request === undefined) return false;
    for (const test of tests) if (test(request, ctx)) return true;
    return false;
  };
}

const positive = <R>(op: ValueOperator<R>): ValueSpec => ({
  kind: 'value', negated: false, variables: op.variables, compile: (values) => anyPolicyValue(op, values),
});
const negated = <R>(op: ValueOperator<R>): ValueSpec => ({ ...positive(op), negated: true });

/** Every base operator and its implementation; each negated operator reuses its positive family member. */
export const OPERATORS: Readonly<Record<BaseOperator, OperatorSpec>> = {
  StringEquals: positive(STRING_EQUALS),
  StringNotEquals: negated(STRING_EQUALS),
  StringEqualsIgnoreCase: positive(STRING_EQUALS_IGNORE_CASE),
  StringNotEqualsIgnoreCase: negated(STRING_EQUALS_IGNORE_CASE),
  StringLike: positive(STRING_LIKE),
  StringNotLike: negated(STRING_LIKE),
  NumericEquals: positive(numericOperator('eq')),
  NumericNotEquals: negated(numericOperator('eq')),
  NumericLessThan: positive(numericOperator('lt')),
  NumericLessThanEquals: positive(numericOperator('lte')),
  NumericGreaterThan: positive(numericOperator('gt')),
  NumericGreaterThanEquals: positive(numericOperator('gte')),
  DateEquals: positive(dateOperator('eq')),
  DateNotEquals: negated(dateOperator('eq')),
  DateLessThan: positive(dateOperator('lt')),
  DateLessThanEquals: positive(dateOperator('lte')),
  DateGreaterThan: positive(dateOperator('gt')),
  DateGreaterThanEquals: positive(dateOperator('gte')),
  Bool: positive(BOOL),
  BinaryEquals: positive(BINARY_EQUALS),
  IpAddress: positive(IP_ADDRESS),
  NotIpAddress: negated(IP_ADDRESS),
  // ArnEquals and ArnLike behave identically, as do ArnNotEquals and ArnNotLike (IAM User Guide,
  // "Condition operators", ARN condition operators).
  ArnEquals: positive(ARN_MATCH),
  ArnLike: positive(ARN_MATCH),
  ArnNotEquals: negated(ARN_MATCH),
  ArnNotLike: negated(ARN_MATCH),
  Null: { kind: 'existence', compile: compileNull },
};
