import type { ValueOperator } from '../registry.js';
import { resolveTemplate } from '../variables.js';
import { literalText } from './string.js';

/**
 * `Bool` compares `true`/`false`, ignoring case (IAM User Guide, "Condition operators", Boolean
 * condition operators, which also allows policy variables). Any other text matches nothing.
 */

/** Parses `true`/`false` in any case; undefined for anything else. */
export function parseBool(text: string): boolean | undefined {
  const folded = text.toLowerCase();
  return folded === 'true' ? true : folded === 'false' ? false : undefined;
}

/** `Bool`. */
export const BOOL: ValueOperator<boolean> = {
  variables: true,
  request: parseBool,
  policy: (t) => {
    const text = literalText(t);
    if (text !== undefined) {
      const want = parseBool(text);
      return want === undefined ? () => false : (request) => request === want;
    }
    return (request, ctx) => {
      const resolved = resolveTemplate(t, ctx);
      return resolved !== undefined && parseBool(resolved) === request;
    };
  },
};
