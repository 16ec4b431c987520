import { parseOperatorName } from '../condition/operator-name.js';
import type { JsonPath } from './json-path.js';
import { itemPath, memberPath } from './json-path.js';
import type { ConditionEntry } from './types.js';
import { isJsonObject, type ProblemList } from './problem-list.js';

/**
 * `Condition`: operator → key → value or non-empty array of values (string, number or Boolean;
 * IAM User Guide, "Grammar of the IAM JSON policy language", condition_block). One entry per
 * (operator, key) in document order. Empty strings are legal values (e.g. `"s3:prefix": ""`).
 */
export function parseCondition(value: unknown, path: JsonPath, problems: ProblemList): readonly ConditionEntry[] | undefined {
  if (!isJsonObject(value)) {
    problems.wrongType(path, 'an object of condition operators', value);
    return undefined;
  }
  const before = problems.items.length;
  const entries: ConditionEntry[] = [];
  for (const [operator, block] of Object.entries(value)) {
    const at = memberPath(path, operator);
    if (parseOperatorName(operator) === undefined) {
      problems.add(at, 'INVALID_CONDITION', `unknown condition operator ${JSON.stringify(operator)}`);
      continue;
    }
    if (!isJsonObject(block)) {
      problems.wrongType(at, 'an object of condition keys', block);
      continue;
    }
    if (Object.keys(block).length === 0) problems.add(at, 'EMPTY_VALUE', 'expected at least one condition key');
    for (const [key, raw] of Object.entries(block)) {
      const keyPath = memberPath(at, key);
      if (key === '') problems.add(keyPath, 'EMPTY_VALUE', 'expected a non-empty condition key');
      const values = parseConditionValues(raw, keyPath, problems);
      if (values) entries.push({ operator, key, values });
    }
  }
  return problems.items.length === before ? entries : undefined;
}

function parseConditionValues(raw: unknown, path: JsonPath, problems: ProblemList): readonly string[] | undefined {
  if (!Array.isArray(raw)) {
    const one = scalarText(raw);
    if (one === undefined) problems.wrongType(path, 'a string, number, Boolean or an array of them', raw);
    return one === undefined ? undefined : [one];
  }
  if (raw.length === 0) {
    problems.add(path, 'EMPTY_VALUE', 'expected at least one condition value');
    return undefined;
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const item: unknown = raw[i];
    const text = scalarText(item);
    if (text === undefined) problems.wrongType(itemPath(path, i), 'a string, number or Boolean', item);
    else out.push(text);
  }
  return out.length === raw.length ? out : undefined;
}

/** A condition value's text: JSON numbers and Booleans become their JSON text. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
