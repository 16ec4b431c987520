import type { PolicyDocument, Statement } from './types.js';
import type { PolicyProblem } from './problems.js';
import { err, ok, type Result } from '../result.js';
import { itemPath, memberPath, ROOT, type JsonPath } from './json-path.js';
import { hasElement, isJsonObject, jsonKind, ProblemList, unknownKeys } from './problem-list.js';
import { parseStatement } from './parse-statement.js';

type JsonObject = Readonly<Record<string, unknown>>;
type Version = NonNullable<PolicyDocument['version']>;

const TOP_LEVEL_ELEMENTS: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);

/**
 * Parses and validates an IAM policy document (a JSON text or an already-parsed value) against
 * the IAM User Guide's "Grammar of the IAM JSON policy language". Never throws: every problem is
 * returned, each with the JSON path of the element at fault.
 */
export function parsePolicy(input: unknown): Result<PolicyDocument, PolicyProblem[]> {
  try {
    if (typeof input !== 'string') return parseDocument(input);
    let value: unknown;
    try {
      value = JSON.parse(input);
    } catch (e) {
      return err([{ path: '$', code: 'INVALID_JSON', message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` }]);
    }
    return parseDocument(value);
  } catch {
    // Only exotic non-JSON inputs get here (throwing getters, revoked proxies).
    return err([{ path: '$', code: 'INVALID_TYPE', message: 'the input is not plain JSON data' }]);
  }
}

function parseDocument(value: unknown): Result<PolicyDocument, PolicyProblem[]> {
  const problems = new ProblemList();
  if (!isJsonObject(value)) {
    problems.add(ROOT, 'NOT_AN_OBJECT', `expected a policy object, got ${jsonKind(value)}`);
    return err(problems.items);
  }
  for (const key of unknownKeys(value, TOP_LEVEL_ELEMENTS)) {
    const message = `unknown policy element ${JSON.stringify(key)}; expected "Version", "Id" or "Statement"`;
    problems.add(memberPath(ROOT, key), 'UNKNOWN_ELEMENT', message);
  }
  const version = parseVersion(value, problems);
  let id: string | undefined;
  if (hasElement(value, 'Id')) {
    if (typeof value['Id'] === 'string') id = value['Id'];
    else problems.wrongType('Id', 'a string', value['Id']);
  }
  const statements = parseStatements(value, problems);
  if (problems.items.length > 0) return err(problems.items);
  return ok({ ...(version ? { version } : {}), ...(id !== undefined ? { id } : {}), statements });
}

// "2012-10-17" or "2008-10-17"; when absent, policy variables are literal text
// (IAM User Guide, "IAM JSON policy elements: Version").
function parseVersion(value: JsonObject, problems: ProblemList): Version | undefined {
  if (!hasElement(value, 'Version')) return undefined;
  const version = value['Version'];
  if (version === '2012-10-17' || version === '2008-10-17') return version;
  const expected = '"2012-10-17" or "2008-10-17"';
  if (typeof version === 'string') problems.add('Version', 'INVALID_VERSION', `expected ${expected}, got ${JSON.stringify(version)}`);
  else problems.wrongType('Version', expected, version);
  return undefined;
}

/**
 * `Statement`: one statement object or an array of them. An empty array is accepted (the grammar
 * does not require a statement, and such a policy grants nothing); duplicate `Sid`s are not
 * ("In IAM, the Sid value must be unique within a JSON policy" — "IAM JSON policy elements: Sid").
 */
function parseStatements(value: JsonObject, problems: ProblemList): Statement[] {
  const path: JsonPath = 'Statement';
  if (!hasElement(value, 'Statement')) {
    problems.add(path, 'MISSING_ELEMENT', 'missing required element "Statement"');
    return [];
  }
  const raw = value['Statement'];
  if (isJsonObject(raw)) return keep([parseStatement(raw, 0, path, problems)]);
  if (!Array.isArray(raw)) {
    problems.wrongType(path, 'a statement object or an array of statements', raw);
    return [];
  }
  const parsed: (Statement | undefined)[] = [];
  const firstBySid = new Map<string, number>();
  for (let i = 0; i < raw.length; i += 1) {
    const at = itemPath(path, i);
    const item: unknown = raw[i];
    parsed.push(parseStatement(item, i, at, problems));
    const sid = isJsonObject(item) ? item['Sid'] : undefined;
    if (typeof sid !== 'string' || sid === '') continue;
    const first = firstBySid.get(sid);
    if (first === undefined) firstBySid.set(sid, i);
    else problems.add(memberPath(at, 'Sid'), 'DUPLICATE_SID', `Sid ${JSON.stringify(sid)} is already used by Statement[${first}]`);
  }
  return keep(parsed);
}

const keep = (items: readonly (Statement | undefined)[]): Statement[] => items.filter((s): s is Statement => s !== undefined);

