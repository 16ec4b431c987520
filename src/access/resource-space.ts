import { parseArn, type Statement } from '../core/index.js';
import { FRESH, instanceOf, literalPrefix, mayOverlap, patternTest } from './glob.js';
import type { ResourceSet } from './types.js';

/** True when the statement's `Resource`/`NotResource` matches the resource (variables as wildcards; absent: any). */
export function resourceMatches(s: Statement, resource: string): boolean {
  let test = tests.get(s);
  if (!test) {
    test = resourceTest(s);
    tests.set(s, test);
  }
  return test(resource);
}

const tests = new WeakMap<Statement, (resource: string) => boolean>();

function resourceTest(s: Statement): (resource: string) => boolean {
  const any = (patterns: readonly string[]) => {
    const compiled = patterns.map((p) => patternTest(p, false));
    return (r: string) => compiled.some((t) => t(r));
  };
  if (s.resource) return any(s.resource);
  // A variable read as a wildcard widens a NotResource pattern, which would narrow the statement: not an over-approximation.
  if (s.notResource) {
    if (s.notResource.some((p) => p.includes('${'))) return () => true;
    const m = any(s.notResource);
    return (r) => !m(r);
  }
  return () => true;
}

/** The resource patterns of a statement. */
export const resourcePatterns = (s: Statement): readonly string[] => s.resource ?? s.notResource ?? [];

/**
 * A concrete resource standing for the region a pattern carves out: every wildcard filled with a
 * fresh token that no policy literal contains, and a wildcard account filled with `account` (the
 * caller's: requests on resources the model does not hold in other accounts have no resource policy
 * and are always denied, so only the caller's own account can change). Undefined when the instance
 * is not an ARN `authorize` accepts.
 */
export function representative(pattern: string, account: string): string | undefined {
  if (pattern === '*') return '*';
  let text = pattern;
  if (pattern.startsWith('arn:')) {
    const parts = pattern.split(':');
    if (parts.length >= 6 && /[*?]|\$\{/.test(parts[4]!) && account) parts[4] = account;
    text = parts.join(':');
  }
  const filled = instanceOf(text, FRESH);
  return parseArn(filled) ? filled : undefined;
}

/** The number of literal characters: more is more specific. */
const specificity = (pattern: string): number => pattern.replace(/[*?]|\$\{[^}]*\}/g, '').length;

/**
 * The region a candidate resource stands for. A modelled resource stands for itself. A
 * representative stands for its atom: the resources matching the same patterns; `include` holds the
 * most specific pattern it matches (containing the atom) and `exclude` the patterns it does not match
 * that may overlap it, plus the modelled resources inside it (each its own atom).
 */
export function resourceSetOf(candidate: string, modelled: boolean, patterns: readonly string[], modelledArns: readonly string[]): ResourceSet {
  if (modelled || candidate === '*') return { include: [candidate], exclude: [] };
  const matched = patterns.filter((p) => patternTest(p, false)(candidate));
  const include = matched.sort((a, b) => specificity(b) - specificity(a) || (a < b ? -1 : 1))[0] ?? candidate;
  const exclude = [
    ...patterns.filter((p) => !matched.includes(p) && (/[*?]|\$\{/.test(p) ? mayOverlap(p, include) : patternTest(include, false)(p))),
    ...modelledArns.filter((arn) => arn.startsWith(literalPrefix(include)) && patternTest(include, false)(arn)),
  ];
  return { include: [include], exclude: [...new Set(exclude)].sort() };
}

/**
 * True for a request AWS can make: on `*`, on a resource of the action's own service (roles for
 * STS), or on a resource a matching statement names under an explicit service (`ssm:SendCommand` on
 * `arn:aws:ec2:…`). `Resource: "*"` alone does not make `ec2:StopInstances` on a bucket a request worth
 * reporting. An approximation, documented in docs/effective-access.md.
 */
export function plausibleRequest(service: string, resource: string, matching: readonly Statement[]): boolean {
  if (resource === '*') return true;
  const arnService = resource.split(':')[2] ?? '';
  if (arnService === service || (service === 'sts' && arnService === 'iam')) return true;
  return matching.some((s) => (s.resource ?? []).some((p) => p.split(':')[2] === arnService));
}
