import type { RequestContext } from '../request/types.js';
import { parseTemplate, resolveGlobTokens } from '../condition/variables.js';
import { INTERN_LIMIT, internTable } from '../compile/intern.js';
import { compileGlob, matchTokens, tokenizeGlob, type Matcher } from './glob.js';

/** A resource matcher; reads the context only for patterns with policy variables. */
export type ResourceMatcher = (resource: string, ctx: RequestContext) => boolean;

const sharedGlobs = internTable<Matcher>(INTERN_LIMIT);
const sharedLists = internTable<ResourceMatcher>(INTERN_LIMIT);

/**
 * Compiles `Resource` patterns (ORed). Matching is case-sensitive and a `*` spans `:` and `/`
 * (IAM User Guide, "IAM JSON policy elements: Resource"). A pattern whose policy variable cannot be
 * resolved matches nothing. Static patterns are compiled once; variable patterns resolve per request.
 * Statements with the same list (and variable setting) share one matcher, and static patterns one glob.
 */
export function compileResourceMatcher(patterns: readonly string[], variablesEnabled: boolean): ResourceMatcher {
  return sharedLists(JSON.stringify([variablesEnabled, patterns]), () => {
    const matchers: ResourceMatcher[] = patterns.map((pattern) => {
      const template = parseTemplate(pattern, variablesEnabled);
      if (template.isStatic) return sharedGlobs(pattern, () => compileGlob(tokenizeGlob(pattern)));
      return (resource, ctx) => {
        const tokens = resolveGlobTokens(template, ctx);
        return tokens !== undefined && matchTokens(tokens, resource);
      };
    });
    if (matchers.length === 1) return matchers[0]!;
    return (resource, ctx) => matchers.some((m) => m(resource, ctx));
  });
}
