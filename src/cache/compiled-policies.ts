import { createHash } from 'node:crypto';
import { compilePolicy, parsePolicy } from '../core/index.js';
import type { CompiledPolicy, PolicyCompiler, PolicyDocument } from '../core/index.js';
import { canonicalJson } from '../model/canonical-json.js';
import type { StoredPolicyCompiler } from '../model/ports.js';
import { compiledPolicyKey } from './keys.js';
import { createLru, type CacheStats } from './lru.js';

/**
 * Compiled policies by content: the many principals that attach one managed policy (or carry equal
 * inline documents) share one compiled form, with matchers and action index built once. A compiled
 * policy does not depend on its id except for the `id` field itself, so a hit under another id is a
 * shallow copy sharing the statements and the index.
 */
export interface CompiledPolicies {
  /** For stored documents (JSON as committed): the only place the request path compiles them. */
  readonly compileStored: StoredPolicyCompiler;
  /** The same cache as a core `PolicyCompiler`, for callers holding parsed documents (`simulate`). */
  readonly compile: PolicyCompiler;
  stats(): CacheStats;
}

/** The canonical text of a stored document given as JSON text or as a value. */
function storedText(json: unknown): string {
  if (typeof json !== 'string') return canonicalJson(json);
  try {
    return canonicalJson(JSON.parse(json));
  } catch {
    return json; // does not parse; parsePolicy reports it below
  }
}

/** sha256 of a namespaced text: stored JSON and parsed documents never share a key. */
const contentHash = (namespace: 'json' | 'doc', text: string): string =>
  createHash('sha256').update(namespace).update('\u0000').update(text).digest('base64url');

const withId = (compiled: CompiledPolicy, id: string): CompiledPolicy => (compiled.id === id ? compiled : { ...compiled, id });

/** A bounded, content-keyed cache of compiled policies (`max` distinct documents, LRU). */
export function createCompiledPolicies(options: { readonly max: number }): CompiledPolicies {
  const lru = createLru<CompiledPolicy>(options);

  function cached(key: string, id: string, compile: () => CompiledPolicy): CompiledPolicy {
    const hit = lru.get(key);
    if (hit) return withId(hit, id);
    const compiled = compile();
    lru.set(key, compiled);
    return compiled;
  }

  const compileStored: StoredPolicyCompiler = (id, json) =>
    cached(compiledPolicyKey(contentHash('json', storedText(json))), id, () => {
      const parsed = parsePolicy(json);
      // INVARIANT: commits store only documents that parsePolicy accepted.
      if (!parsed.ok) throw new Error(`stored policy ${id} no longer parses: ${parsed.error[0]?.message ?? 'unknown problem'}`);
      return compilePolicy(id, parsed.value);
    });

  const compile: PolicyCompiler = (p: { readonly id: string; readonly document: PolicyDocument }) =>
    cached(compiledPolicyKey(contentHash('doc', canonicalJson(p.document))), p.id, () => compilePolicy(p.id, p.document));

  return { compileStored, compile, stats: () => lru.stats() };
}
