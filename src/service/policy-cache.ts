import { parsePolicy } from '../core/index.js';
import type { PolicyDocument, PolicyInput } from '../core/index.js';
import { ServiceError } from './errors.js';

/** Parses a stored policy document (JSON object or text) into the core's input under a stable id. */
export type StoredPolicyParser = (id: string, json: unknown) => PolicyInput;

/** Documents kept by default: enough for every distinct policy of a large organization. */
export const POLICY_CACHE_DEFAULT_SIZE = 10_000;

/**
 * A parser with a bounded, content-keyed cache: the key is the document's JSON text, so the many
 * principals that attach one managed policy share one parse, and repeated decisions parse nothing.
 * Stored documents are immutable per version and validated at commit; least recently used entries
 * are evicted, nothing is ever invalidated.
 */
export function createPolicyParser(limit = POLICY_CACHE_DEFAULT_SIZE): StoredPolicyParser & { readonly size: () => number } {
  const cache = new Map<string, PolicyDocument>();
  const parse = (id: string, json: unknown): PolicyInput => {
    const text = typeof json === 'string' ? json : JSON.stringify(json);
    const hit = cache.get(text);
    if (hit !== undefined) {
      // Re-insert to keep Map order = recency order (oldest first).
      cache.delete(text);
      cache.set(text, hit);
      return { id, document: hit };
    }
    const parsed = parsePolicy(json);
    if (!parsed.ok) {
      // INVARIANT: commits store only documents that parsePolicy accepted.
      throw new ServiceError('INTERNAL', `stored policy ${id} no longer parses: ${parsed.error[0]?.message ?? 'unknown problem'}`);
    }
    if (cache.size >= limit) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(text, parsed.value);
    return { id, document: parsed.value };
  };
  return Object.assign(parse, { size: () => cache.size });
}
