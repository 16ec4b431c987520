/** JSON paths for policy problems, e.g. `Statement[2].Condition.StringLike` or `Condition.StringEquals["aws:PrincipalTag/team"]`. */

/** A path under construction; the empty string is the document root. */
export type JsonPath = string;

/** The document root. */
export const ROOT: JsonPath = '';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The path of an object member; names that are not identifiers are quoted. */
export function memberPath(parent: JsonPath, name: string): JsonPath {
  if (!IDENTIFIER.test(name)) return `${parent}[${JSON.stringify(name)}]`;
  return parent === ROOT ? name : `${parent}.${name}`;
}

/** The path of an array item. */
export const itemPath = (parent: JsonPath, index: number): JsonPath => `${parent}[${index}]`;

/** The path as shown to users: the root is `$`. */
export const showPath = (path: JsonPath): string => (path === ROOT ? '$' : path);
