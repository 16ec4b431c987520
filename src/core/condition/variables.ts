import type { RequestContext } from '../request/types.js';
import { tokenizeGlob, type GlobToken } from '../match/glob.js';

/**
 * Policy variables (IAM User Guide, "IAM policy elements: Variables and tags"): `${key}` is replaced
 * by the request's value of `key`; `${key, 'default'}` falls back to the default; `${*}`, `${?}` and
 * `${$}` stand for the literal characters. Variables exist only under Version 2012-10-17: with any
 * other version the text is literal.
 */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'var'; readonly key: string; readonly fallback?: string };

/** A value that may contain policy variables. */
export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  /** True when the template has no variables: `source` is the value. */
  readonly isStatic: boolean;
  /** Context keys the template reads. */
  readonly keys: readonly string[];
}

const VARIABLE = /\$\{([^}]*)\}/g;
const WITH_DEFAULT = /^\s*([^,\s]+)\s*,\s*'([^']*)'\s*$/;

/** Parses policy text into a template; literal when variables are disabled. */
export function parseTemplate(source: string, variablesEnabled: boolean): Template {
  if (!variablesEnabled || !source.includes('${')) {
    return { source, parts: [{ kind: 'text', text: source }], isStatic: true, keys: [] };
  }
  const parts: TemplatePart[] = [];
  const keys: string[] = [];
  let last = 0;
  for (const m of source.matchAll(VARIABLE)) {
    if (m.index > last) parts.push({ kind: 'text', text: source.slice(last, m.index) });
    last = m.index + m[0].length;
    const body = m[1]!.trim();
    if (body === '*' || body === '?' || body === '$') {
      parts.push({ kind: 'literal', text: body });
      continue;
    }
    const withDefault = WITH_DEFAULT.exec(body);
    const key = withDefault ? withDefault[1]! : body;
    keys.push(key);
    parts.push(withDefault ? { kind: 'var', key, fallback: withDefault[2]! } : { kind: 'var', key });
  }
  if (last < source.length) parts.push({ kind: 'text', text: source.slice(last) });
  const isStatic = parts.every((p) => p.kind === 'text');
  return { source, parts, isStatic, keys };
}

/** One variable's value, or undefined when the request lacks it (a multi-valued key cannot be a variable). */
function variableValue(part: { key: string; fallback?: string }, ctx: RequestContext): string | undefined {
  const values = ctx.get(part.key);
  if (values && values.length === 1) return values[0];
  return part.fallback;
}

/** Substitutes variables; undefined when one cannot be resolved (the value then matches nothing). */
export function resolveTemplate(t: Template, ctx: RequestContext): string | undefined {
  if (t.isStatic) return t.source;
  let out = '';
  for (const part of t.parts) {
    if (part.kind === 'var') {
      const value = variableValue(part, ctx);
      if (value === undefined) return undefined;
      out += value;
    } else {
      out += part.text;
    }
  }
  return out;
}

/**
 * Substitutes variables for wildcard matching: text outside variables keeps its `*`/`?` wildcards,
 * while substituted values and `${*}`-style literals match only themselves.
 */
export function resolveGlobTokens(t: Template, ctx: RequestContext): GlobToken[] | undefined {
  const tokens: GlobToken[] = [];
  for (const part of t.parts) {
    if (part.kind === 'text') tokens.push(...tokenizeGlob(part.text));
    else if (part.kind === 'literal') tokens.push({ kind: 'text', text: part.text });
    else {
      const value = variableValue(part, ctx);
      if (value === undefined) return undefined;
      tokens.push({ kind: 'text', text: value });
    }
  }
  return tokens;
}
