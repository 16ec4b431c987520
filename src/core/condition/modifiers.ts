import type { RequestContext } from '../request/types.js';
import type { OperatorName, SetQualifier } from './operator-name.js';
import type { OperatorSpec, ValueTest } from './registry.js';
import type { Template } from './variables.js';

/**
 * What every operator shares, defined once: negation, the result on a missing key, `...IfExists`
 * and the `ForAnyValue:` / `ForAllValues:` set operators.
 */

/** One operator/key pair: true when the request's values (undefined = key absent) satisfy it. */
export type PairTest = (requestValues: readonly string[] | undefined, ctx: RequestContext) => boolean;

/** A pair's test once the key is known to have at least one value. */
export type PresentTest = (requestValues: readonly string[], ctx: RequestContext) => boolean;

/** A pair that never matches (an operator name AWS does not define). */
export const NEVER: PairTest = () => false;

/**
 * A key counts as missing when the request lacks it or gives it an empty set: the set operators
 * treat "an empty data set" like a missing key (IAM User Guide, "Creating a condition that tests
 * multiple key values"), and so does `Null` ("Multivalued context key examples").
 */
export const isMissing = (values: readonly string[] | undefined): values is undefined | readonly [] =>
  values === undefined || values.length === 0;

/**
 * The result when the key is missing. `...IfExists`: true ("If the key is not present, evaluate the
 * condition element as true"). `ForAllValues`: true, `ForAnyValue`: false (IAM User Guide, "Creating
 * a condition that tests multiple key values": "resolve to an empty data set"). Otherwise a positive
 * operator is false and a negated one is true (IAM User Guide, "Condition operators": "If the policy
 * condition requires that the key is not matched, such as StringNotLike or ArnNotLike, and the right
 * key is not present, the condition is true").
 */
export function resultWhenMissing(name: OperatorName, negated: boolean): boolean {
  if (name.ifExists) return true;
  if (name.qualifier === 'ForAllValues') return true;
  if (name.qualifier === 'ForAnyValue') return false;
  return negated;
}

/**
 * The result for present values. A negated operator on one request value is true when that value
 * matches none of the policy values ("evaluated using a logical NOR", IAM User Guide, "Conditions with
 * multiple context keys or values"). `ForAllValues`: every request value satisfies the operator;
 * `ForAnyValue`: at least one does ("Multivalued context key examples" evaluates
 * `ForAllValues:StringNotLike` this way). Without a set operator, a positive operator holds when any
 * request value matches and a negated operator is its negation (no value matches).
 */
export function presentValuesTest(qualifier: SetQualifier, negated: boolean, test: ValueTest): PresentTest {
  const satisfies = (value: string, ctx: RequestContext): boolean => test(value, ctx) !== negated;
  switch (qualifier) {
    case 'ForAllValues':
      return (values, ctx) => values.every((v) => satisfies(v, ctx));
    case 'ForAnyValue':
      return (values, ctx) => values.some((v) => satisfies(v, ctx));
    case null:
      return (values, ctx) => values.some((v) => test(v, ctx)) !== negated;
  }
}

/** Compiles one operator/key pair from its parsed name, its implementation and its policy values. */
export function compilePair(name: OperatorName, spec: OperatorSpec, values: readonly Template[]): PairTest {
  if (spec.kind === 'existence') {
    // Null has no IfExists form and ignores set operators: it only asks whether the key exists.
    const test = spec.compile(values.map((v) => v.source));
    return (requestValues) => test(!isMissing(requestValues));
  }
  const present = presentValuesTest(name.qualifier, spec.negated, spec.compile(values));
  const missing = resultWhenMissing(name, spec.negated);
  return (requestValues, ctx) => (isMissing(requestValues) ? missing : present(requestValues, ctx));
}
