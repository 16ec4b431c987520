import type { JsonPath } from './json-path.js';
import { memberPath } from './json-path.js';
import type { PrincipalSpec } from './types.js';
import { isJsonObject, type ProblemList } from './problem-list.js';
import { parseStringList, type StringCheck } from './parse-string-list.js';

type PrincipalKey = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

const FIELD: Readonly<Record<PrincipalKey, 'aws' | 'service' | 'federated' | 'canonicalUser'>> = {
  AWS: 'aws', Service: 'service', Federated: 'federated', CanonicalUser: 'canonicalUser',
};

const PRINCIPAL_TYPES = '"AWS", "Service", "Federated" or "CanonicalUser"';

const isPrincipalKey = (key: string): key is PrincipalKey => Object.hasOwn(FIELD, key);

// "You cannot use a wildcard to match part of a principal name or ARN."
// — IAM User Guide, "AWS JSON policy elements: Principal".
const checkPrincipalId: StringCheck = (s, at, p) => {
  if (s !== '*' && s.includes('*')) {
    p.add(at, 'INVALID_PRINCIPAL', `a wildcard must be the whole value ("*"), got ${JSON.stringify(s)}`);
  }
};

/**
 * `Principal` / `NotPrincipal`: `"*"` or a map of `AWS`, `Service`, `Federated`, `CanonicalUser`
 * to one or more ids (IAM User Guide, "Grammar of the IAM JSON policy language", principal_block).
 */
export function parsePrincipal(value: unknown, path: JsonPath, problems: ProblemList): PrincipalSpec | undefined {
  if (typeof value === 'string') {
    if (value === '*') return { wildcard: true, aws: [], service: [], federated: [], canonicalUser: [] };
    problems.add(path, 'INVALID_PRINCIPAL', `expected "*" or an object such as {"AWS": "…"}, got ${JSON.stringify(value)}`);
    return undefined;
  }
  if (!isJsonObject(value)) {
    problems.wrongType(path, '"*" or an object', value);
    return undefined;
  }
  const before = problems.items.length;
  const keys = Object.keys(value);
  if (keys.length === 0) problems.add(path, 'EMPTY_VALUE', `expected at least one of ${PRINCIPAL_TYPES}`);
  const spec: { -readonly [K in keyof PrincipalSpec]: PrincipalSpec[K] } = {
    wildcard: false, aws: [], service: [], federated: [], canonicalUser: [],
  };
  for (const key of keys) {
    const at = memberPath(path, key);
    if (!isPrincipalKey(key)) {
      problems.add(at, 'INVALID_PRINCIPAL', `unknown principal type ${JSON.stringify(key)}; expected ${PRINCIPAL_TYPES}`);
      continue;
    }
    const ids = parseStringList(value[key], at, problems, checkPrincipalId);
    if (ids) spec[FIELD[key]] = ids;
  }
  return problems.items.length === before ? spec : undefined;
}
