import { compileGlob, matchTokens, type GlobToken, type Matcher } from '../../match/glob.js';
import type { PolicyTest, ValueOperator } from '../registry.js';
import { resolveGlobTokens, type Template } from '../variables.js';
import { literalTokens } from './string.js';

/**
 * ARN condition operators (IAM User Guide, "Condition operators", ARN condition operators): matching
 * is case-sensitive and each of the six colon-delimited parts is checked separately, each with `*`/`?`
 * wildcards, so a `*` never spans a colon between parts. The sixth part (the resource) is everything
 * after the fifth colon and may itself contain colons. A request value that is not an ARN, or a policy
 * value with fewer than six parts, matches nothing. Policy variables are allowed.
 */

const PARTS = 6;

/** Splits text at its first five colons; undefined when there are fewer than six parts. */
export function splitArn(text: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  while (parts.length < PARTS - 1) {
    const colon = text.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(text.slice(start, colon));
    start = colon + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

/** Splits pattern tokens at the first five colons of their text; undefined when fewer than six parts. */
export function splitArnTokens(tokens: readonly GlobToken[]): GlobToken[][] | undefined {
  const parts: GlobToken[][] = [[]];
  for (const token of tokens) {
    if (token.kind !== 'text') {
      parts[parts.length - 1]!.push(token);
      continue;
    }
    let rest = token.text;
    let colon = rest.indexOf(':');
    while (colon >= 0 && parts.length < PARTS) {
      if (colon > 0) parts[parts.length - 1]!.push({ kind: 'text', text: rest.slice(0, colon) });
      parts.push([]);
      rest = rest.slice(colon + 1);
      colon = rest.indexOf(':');
    }
    if (rest) parts[parts.length - 1]!.push({ kind: 'text', text: rest });
  }
  return parts.length === PARTS ? parts : undefined;
}

const partsMatch = (matchers: readonly Matcher[], request: readonly string[]): boolean =>
  matchers.every((matches, i) => matches(request[i]!));

/** One ARN policy value: part matchers compiled once, or built per request when it has variables. */
function arnPolicy(t: Template): PolicyTest<string[]> {
  const tokens = literalTokens(t);
  if (tokens !== undefined) {
    const parts = splitArnTokens(tokens);
    if (parts === undefined) return () => false;
    const matchers = parts.map((part) => compileGlob(part));
    return (request) => partsMatch(matchers, request);
  }
  return (request, ctx) => {
    const resolved = resolveGlobTokens(t, ctx);
    const parts = resolved && splitArnTokens(resolved);
    return parts !== undefined && parts.every((part, i) => matchTokens(part, request[i]!));
  };
}

/** `ArnEquals` / `ArnLike` (identical per the IAM User Guide). */
export const ARN_MATCH: ValueOperator<string[]> = { variables: true, request: splitArn, policy: arnPolicy };
