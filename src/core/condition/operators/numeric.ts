import type { ValueOperator } from '../registry.js';

/**
 * Numeric condition operators compare integers and decimals (IAM User Guide, "Condition operators",
 * Numeric condition operators). A value that is not a number matches nothing. They take no policy
 * variables (IAM User Guide, "Variables and tags", Condition element).
 */

/** How a request value is compared with a policy value. */
export type Comparison = 'eq' | 'lt' | 'lte' | 'gt' | 'gte';

/** The comparisons, request value on the left. */
export const COMPARE: Readonly<Record<Comparison, (request: number, policy: number) => boolean>> = {
  eq: (r, p) => r === p,
  lt: (r, p) => r < p,
  lte: (r, p) => r <= p,
  gt: (r, p) => r > p,
  gte: (r, p) => r >= p,
};

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Parses an integer or decimal (`10`, `0250`, `-2.5`); undefined for anything else. */
export const parseNumber = (text: string): number | undefined => (DECIMAL.test(text) ? Number(text) : undefined);

/** A numeric operator; its policy values are parsed once. */
export function numericOperator(comparison: Comparison): ValueOperator<number> {
  const compare = COMPARE[comparison];
  return {
    variables: false,
    request: parseNumber,
    policy: (t) => {
      const policy = parseNumber(t.source);
      return policy === undefined ? () => false : (request) => compare(request, policy);
    },
  };
}
