import type { JsonPath } from './json-path.js';
import { memberPath } from './json-path.js';
import type { Effect, PrincipalSpec, Statement } from './types.js';
import { hasElement, isJsonObject, unknownKeys, type ProblemList } from './problem-list.js';
import { parseActionList, parseResourceList } from './parse-action-resource.js';
import { parsePrincipal } from './parse-principal.js';
import { parseCondition } from './parse-condition.js';

type JsonObject = Readonly<Record<string, unknown>>;
type ListField = 'action' | 'notAction' | 'resource' | 'notResource';
type PrincipalField = 'principal' | 'notPrincipal';
type Parser<T> = (value: unknown, path: JsonPath, problems: ProblemList) => T | undefined;
type Draft = { -readonly [K in ListField]?: readonly string[] } & { -readonly [K in PrincipalField]?: PrincipalSpec } & { sid?: string };

const LIST_ELEMENTS: readonly (readonly [string, ListField, Parser<readonly string[]>])[] = [
  ['Action', 'action', parseActionList], ['NotAction', 'notAction', parseActionList],
  ['Resource', 'resource', parseResourceList], ['NotResource', 'notResource', parseResourceList],
];
const PRINCIPAL_ELEMENTS: readonly (readonly [string, PrincipalField])[] = [['Principal', 'principal'], ['NotPrincipal', 'notPrincipal']];
const STATEMENT_ELEMENTS: ReadonlySet<string> = new Set([
  'Sid', 'Effect', 'Condition', ...LIST_ELEMENTS.map((e) => e[0]), ...PRINCIPAL_ELEMENTS.map((e) => e[0]),
]);

/**
 * One statement (IAM User Guide, "IAM JSON policy element reference"). `Effect` and one of
 * `Action`/`NotAction` are required. `Resource`/`NotResource` may both be absent: role trust
 * policies and KMS key policies are written without them, and a statement without a resource
 * element applies to every resource the policy is attached to. Returns undefined on any problem.
 */
export function parseStatement(value: unknown, index: number, path: JsonPath, problems: ProblemList): Statement | undefined {
  if (!isJsonObject(value)) {
    problems.wrongType(path, 'a statement object', value);
    return undefined;
  }
  const before = problems.items.length;
  for (const key of unknownKeys(value, STATEMENT_ELEMENTS)) {
    problems.add(memberPath(path, key), 'UNKNOWN_ELEMENT', `unknown statement element ${JSON.stringify(key)}`);
  }
  const effect = parseEffect(value, path, problems);
  checkExclusive(value, path, problems, 'Action', 'NotAction', true);
  checkExclusive(value, path, problems, 'Resource', 'NotResource', false);
  checkExclusive(value, path, problems, 'Principal', 'NotPrincipal', false);
  const draft: Draft = {};
  if (hasElement(value, 'Sid')) {
    const sid = value['Sid'];
    if (typeof sid === 'string') draft.sid = sid;
    else problems.wrongType(memberPath(path, 'Sid'), 'a string', sid);
  }
  for (const [name, field, parse] of LIST_ELEMENTS) {
    if (hasElement(value, name)) draft[field] = parse(value[name], memberPath(path, name), problems);
  }
  for (const [name, field] of PRINCIPAL_ELEMENTS) {
    if (hasElement(value, name)) draft[field] = parsePrincipal(value[name], memberPath(path, name), problems);
  }
  const condition = hasElement(value, 'Condition') ? parseCondition(value['Condition'], memberPath(path, 'Condition'), problems) : [];
  if (problems.items.length !== before || effect === undefined || condition === undefined) return undefined;
  return { ...draft, index, effect, condition };
}

function parseEffect(value: JsonObject, path: JsonPath, problems: ProblemList): Effect | undefined {
  const at = memberPath(path, 'Effect');
  if (!hasElement(value, 'Effect')) {
    problems.add(at, 'MISSING_ELEMENT', 'missing required element "Effect"');
    return undefined;
  }
  const effect = value['Effect'];
  if (effect === 'Allow' || effect === 'Deny') return effect;
  if (typeof effect === 'string') problems.add(at, 'INVALID_EFFECT', `expected "Allow" or "Deny", got ${JSON.stringify(effect)}`);
  else problems.wrongType(at, '"Allow" or "Deny"', effect);
  return undefined;
}

/** Both of a pair present is `CONFLICTING_ELEMENTS` at the statement; neither is `MISSING_ELEMENT` when one is required. */
function checkExclusive(value: JsonObject, path: JsonPath, problems: ProblemList, a: string, b: string, required: boolean): void {
  const hasA = hasElement(value, a);
  const hasB = hasElement(value, b);
  if (hasA && hasB) problems.add(path, 'CONFLICTING_ELEMENTS', `"${a}" and "${b}" cannot appear in the same statement`);
  if (!hasA && !hasB && required) problems.add(memberPath(path, a), 'MISSING_ELEMENT', `missing required element "${a}" or "${b}"`);
}
