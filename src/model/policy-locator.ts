/**
 * JSON paths into a stored policy document, written as the core writes them
 * (`Statement[2].Condition.StringLike["aws:PrincipalTag/team"]`): the parsed form does not keep
 * whether `Statement` or `Action` was a single value or a list, so the raw JSON is consulted.
 */

/** The statement-list elements whose items get their own path. */
export type ListElement = 'Action' | 'NotAction' | 'Resource' | 'NotResource';

/** Paths of one policy document. */
export interface PolicyLocator {
  /** `Statement[i]`, or `Statement` when the document has a single statement object. */
  statement(index: number): string;
  /** A member of a statement, e.g. `Statement[0].Principal`. */
  member(index: number, element: string): string;
  /** The j-th item of a list element, or the element itself when it is a single string. */
  item(index: number, element: ListElement, j: number): string;
  /** A condition key under its operator. */
  condition(index: number, operator: string, key: string): string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const member = (parent: string, name: string): string =>
  IDENTIFIER.test(name) ? `${parent}.${name}` : `${parent}[${JSON.stringify(name)}]`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses JSON text once; objects pass through. */
export function rawDocument(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  try {
    return JSON.parse(document) as unknown;
  } catch {
    return undefined;
  }
}

/** The raw statement objects of a document, in order. */
export function rawStatements(document: unknown): unknown[] {
  const raw = rawDocument(document);
  const st = isObject(raw) ? raw['Statement'] : undefined;
  return Array.isArray(st) ? st : st === undefined ? [] : [st];
}

/** A locator for one document (a JSON object or JSON text). */
export function locate(document: unknown): PolicyLocator {
  const raw = rawDocument(document);
  const list = isObject(raw) && Array.isArray(raw['Statement']);
  const statements = rawStatements(raw);
  const statement = (i: number): string => (list ? `Statement[${i}]` : 'Statement');
  return {
    statement,
    member: (i, element) => member(statement(i), element),
    item: (i, element, j) => {
      const st = statements[i];
      const value = isObject(st) ? st[element] : undefined;
      return Array.isArray(value) ? `${member(statement(i), element)}[${j}]` : member(statement(i), element);
    },
    condition: (i, operator, key) => member(member(member(statement(i), 'Condition'), operator), key),
  };
}
