import type { JsonPath } from './json-path.js';
import { showPath } from './json-path.js';
import type { PolicyProblem, PolicyProblemCode } from './problems.js';

/** Collects every problem found while a document is walked; parsing never stops at the first. */
export class ProblemList {
  readonly items: PolicyProblem[] = [];

  /** Records one problem at `path`. */
  add(path: JsonPath, code: PolicyProblemCode, message: string): void {
    this.items.push({ path: showPath(path), code, message });
  }

  /** Records `INVALID_TYPE`, naming what was expected and what was found. */
  wrongType(path: JsonPath, expected: string, found: unknown): void {
    this.add(path, 'INVALID_TYPE', `expected ${expected}, got ${jsonKind(found)}`);
  }
}

/** A JSON value that is an object (not an array, not null). */
export function isJsonObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON kind of a value, for messages: `string`, `number`, `array`, `object`, `null`, … */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The own enumerable keys of an object that are not in `allowed`, in document order. */
export function unknownKeys(obj: Readonly<Record<string, unknown>>, allowed: ReadonlySet<string>): string[] {
  return Object.keys(obj).filter((k) => !allowed.has(k));
}

/** Whether the object has the element as an own property (JSON `null` counts as present). */
export const hasElement = (obj: Readonly<Record<string, unknown>>, name: string): boolean => Object.hasOwn(obj, name);
