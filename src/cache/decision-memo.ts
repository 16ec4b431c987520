import { createLru, type CacheStats } from './lru.js';

/** The decision memo's cache: the service's `DecisionMemo` port, with stats. */
export interface AdmittingMemo<V> {
  get(key: string): V | undefined;
  /** Keeps `value` if `key` was offered before (recently), else only notes the key; true when kept. */
  set(key: string, value: V): boolean;
  stats(): CacheStats;
}

/**
 * An LRU of at most `max` entries (lru-cache) behind a doorkeeper, the admission filter of TinyLFU
 * (Einziger, Friedman and Manes, "TinyLFU: A Highly Efficient Cache Admission Policy", 2017): a key
 * is kept the second time it is offered, so that keys offered once (a request with a unique context
 * value, a one-off question) never enter the cache. Keeping them would cost more than it could ever
 * save: the entry, and the garbage collector copying it into the old generation and freeing it again
 * later. The doorkeeper is a bit per slot over a 32-bit FNV-1a hash of the key, eight slots per entry
 * of the cache (a power of two, at least 2^13), cleared once an eighth of them are set: "before"
 * means within the last `slots / 8` offers (at least `max`), and a key offered for the first time
 * finds its bit set by another key (and is kept at once) with a probability of at most 1/8. That is
 * harmless: the cache itself is keyed by the full key.
 */
export function createAdmittingMemo<V extends {}>(options: { readonly max: number }): AdmittingMemo<V> {
  const lru = createLru<V>({ max: options.max });
  let slots = 1 << 13;
  while (slots < 8 * options.max) slots *= 2;
  const bits = new Uint32Array(slots / 32);
  const mask = slots - 1;
  let marked = 0;
  return {
    get: (key) => lru.get(key),
    set(key, value) {
      const slot = fnv1a(key) & mask;
      const word = slot >>> 5;
      const bit = 1 << (slot & 31);
      if ((bits[word]! & bit) !== 0) {
        lru.set(key, value);
        return true;
      }
      bits[word]! |= bit;
      if (++marked >= slots / 8) {
        bits.fill(0);
        marked = 0;
      }
      return false;
    },
    stats: () => lru.stats(),
  };
}

/** The 32-bit FNV-1a hash of a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
