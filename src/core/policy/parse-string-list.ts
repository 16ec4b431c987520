import type { JsonPath } from './json-path.js';
import { itemPath } from './json-path.js';
import type { ProblemList } from './problem-list.js';

/** Checks one non-empty string of a list; reports into `problems` when it is malformed. */
export type StringCheck = (value: string, path: JsonPath, problems: ProblemList) => void;

/**
 * Reads `"x"` or `["x", "y", …]` (the grammar's optional brackets for one value; IAM User Guide,
 * "Grammar of the IAM JSON policy language", conventions). Empty strings and empty arrays are
 * `EMPTY_VALUE`. Returns undefined when anything was reported.
 */
export function parseStringList(
  value: unknown, path: JsonPath, problems: ProblemList, check: StringCheck,
): readonly string[] | undefined {
  const before = problems.items.length;
  if (typeof value === 'string') {
    readOne(value, path, problems, check);
    return problems.items.length === before ? [value] : undefined;
  }
  if (!Array.isArray(value)) {
    problems.wrongType(path, 'a string or an array of strings', value);
    return undefined;
  }
  if (value.length === 0) problems.add(path, 'EMPTY_VALUE', 'expected at least one value');
  const out: string[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const item: unknown = value[i];
    const at = itemPath(path, i);
    if (typeof item === 'string') {
      readOne(item, at, problems, check);
      out.push(item);
    } else {
      problems.wrongType(at, 'a string', item);
    }
  }
  return problems.items.length === before ? out : undefined;
}

function readOne(value: string, path: JsonPath, problems: ProblemList, check: StringCheck): void {
  if (value === '') problems.add(path, 'EMPTY_VALUE', 'expected a non-empty string');
  else check(value, path, problems);
}
