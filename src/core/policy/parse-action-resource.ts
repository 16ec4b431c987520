import type { JsonPath } from './json-path.js';
import type { ProblemList } from './problem-list.js';
import { parseStringList } from './parse-string-list.js';

// A service namespace, a colon, and an action name that may hold wildcards (IAM User Guide,
// "IAM JSON policy elements: Action"). The action part is not checked against a catalog: IAM
// accepts unknown action names (IAM Access Analyzer only warns about them).
const ACTION = /^[A-Za-z0-9-]+:[^\s:]+$/;

/** `Action` / `NotAction`: `*` or `service:action-pattern`, one string or a non-empty array. */
export function parseActionList(value: unknown, path: JsonPath, problems: ProblemList): readonly string[] | undefined {
  return parseStringList(value, path, problems, (s, at, p) => {
    if (s !== '*' && !ACTION.test(s)) {
      p.add(at, 'INVALID_ACTION', `expected "*" or "service:action" (e.g. "s3:GetObject"), got ${JSON.stringify(s)}`);
    }
  });
}

/**
 * `Resource` / `NotResource`: `*` or an ARN, which may hold wildcards and `${…}` variables
 * (IAM User Guide, "IAM JSON policy elements: Resource").
 */
export function parseResourceList(value: unknown, path: JsonPath, problems: ProblemList): readonly string[] | undefined {
  return parseStringList(value, path, problems, (s, at, p) => {
    if (s !== '*' && !s.startsWith('arn:')) {
      p.add(at, 'INVALID_RESOURCE', `expected "*" or an ARN starting with "arn:", got ${JSON.stringify(s)}`);
    }
  });
}
