/** Condition operator names (IAM User Guide, "IAM JSON policy elements: Condition operators"). */

/** The base operators, before `...IfExists` and the set qualifiers. */
export const BASE_OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress',
  'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
] as const;

/** A base operator name. */
export type BaseOperator = (typeof BASE_OPERATORS)[number];

/** `ForAnyValue:` / `ForAllValues:` or none. */
export type SetQualifier = 'ForAnyValue' | 'ForAllValues' | null;

/** A parsed operator name, e.g. `ForAllValues:StringLikeIfExists`. */
export interface OperatorName {
  readonly qualifier: SetQualifier;
  readonly base: BaseOperator;
  readonly ifExists: boolean;
}

const BASE_SET: ReadonlySet<string> = new Set(BASE_OPERATORS);

/** Parses an operator name; undefined when it is not one AWS defines. `Null` takes no `IfExists`. */
export function parseOperatorName(name: string): OperatorName | undefined {
  let rest = name;
  let qualifier: SetQualifier = null;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon);
    if (q !== 'ForAnyValue' && q !== 'ForAllValues') return undefined;
    qualifier = q;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  if (!BASE_SET.has(rest)) return undefined;
  if (rest === 'Null' && ifExists) return undefined;
  return { qualifier, base: rest as BaseOperator, ifExists };
}
