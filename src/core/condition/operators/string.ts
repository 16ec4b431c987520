import { compileGlob, matchTokens, type GlobToken } from '../../match/glob.js';
import type { RequestContext } from '../../request/types.js';
import type { PolicyTest, ValueOperator } from '../registry.js';
import { resolveGlobTokens, resolveTemplate, type Template } from '../variables.js';

/**
 * String condition operators (IAM User Guide, "Condition operators", String condition operators):
 * exact and case-sensitive, exact ignoring case, and `*`/`?` wildcard matching. They accept policy
 * variables; a value whose variable cannot be resolved matches no request value.
 */

const NO_CONTEXT: RequestContext = { get: () => undefined, isMultiValued: () => false };

/** The text of a template that reads no context key (`${*}`-style literals only), else undefined. */
export const literalText = (t: Template): string | undefined =>
  t.keys.length === 0 ? resolveTemplate(t, NO_CONTEXT) : undefined;

/** The wildcard tokens of a template that reads no context key, else undefined. */
export const literalTokens = (t: Template): GlobToken[] | undefined =>
  t.keys.length === 0 ? resolveGlobTokens(t, NO_CONTEXT) : undefined;

/** Exact comparison after `fold`, resolving variables per request when the value has any. */
function exact(fold: (s: string) => string): (t: Template) => PolicyTest<string> {
  return (t) => {
    const text = literalText(t);
    if (text !== undefined) {
      const want = fold(text);
      return (request) => request === want;
    }
    return (request, ctx) => {
      const resolved = resolveTemplate(t, ctx);
      return resolved !== undefined && fold(resolved) === request;
    };
  };
}

const same = (s: string): string => s;
const lower = (s: string): string => s.toLowerCase();

/** `StringEquals`: exact, case-sensitive; `*` and `?` are literal characters. */
export const STRING_EQUALS: ValueOperator<string> = { variables: true, request: same, policy: exact(same) };

/** `StringEqualsIgnoreCase`: exact, ignoring case. */
export const STRING_EQUALS_IGNORE_CASE: ValueOperator<string> = {
  variables: true, request: lower, policy: exact(lower),
};

/** `StringLike` value: wildcards compiled once; substituted variable values match only themselves. */
function likePolicy(t: Template): PolicyTest<string> {
  const tokens = literalTokens(t);
  if (tokens !== undefined) {
    const matcher = compileGlob(tokens);
    return (request) => matcher(request);
  }
  return (request, ctx) => {
    const resolved = resolveGlobTokens(t, ctx);
    return resolved !== undefined && matchTokens(resolved, request);
  };
}

/** `StringLike`: case-sensitive, `*` any run of characters, `?` one character, anywhere in the value. */
export const STRING_LIKE: ValueOperator<string> = { variables: true, request: same, policy: likePolicy };
