import type { RequestContext } from '../request/types.js';
import { parseTemplate, resolveGlobTokens } from '../condition/variables.js';
import { compileGlob, matchTokens, tokenizeGlob } from './glob.js';

/** A resource matcher; reads the context only for patterns with policy variables. */
export type ResourceMatcher = (resource: string, ctx: RequestContext) => boolean;

/**
 * Compiles `Resource` patterns (ORed). Matching is case-sensitive and a `*` spans `:` and `/`
 * (IAM User Guide, "IAM JSON policy elements: Resource"). A pattern whose policy variable cannot be
 * resolved matches nothing. Static patterns are compiled once; variable patterns resolve per request.
 */
export function compileResourceMatcher(patterns: readonly string[], variablesEnabled: boolean): ResourceMatcher {
  const matchers: ResourceMatcher[] = patterns.map((pattern) => {
    const template = parseTemplate(pattern, variablesEnabled);
    if (template.isStatic) {
      const m = compileGlob(tokenizeGlob(pattern));
      return (resource) => m(resource);
    }
    return (resource, ctx) => {
      const tokens = resolveGlobTokens(template, ctx);
      return tokens !== undefined && matchTokens(tokens, resource);
    };
  });
  if (matchers.length === 1) return matchers[0]!;
  return (resource, ctx) => matchers.some((m) => m(resource, ctx));
}
