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
 * later. The doorkeeper is a Bloom filter: two bits per key, at slots taken from a 32-bit FNV-1a
 * hash of the key and from that hash mixed again (MurmurHash3's finalizer), sixteen slots per entry
 * of the cache (a power of two, at least 2^14), cleared once an eighth of the slots are set: "before"
 * means within the last `slots / 16` offers or more (at least `max`), and a key offered for the first
 * time finds both its bits set by other keys (and is kept at once) with a probability of at most
 * 1/64, about 1/200 on average (with one bit per key, as before, that was at most 1/8: an eighth of
 * the one-off requests took a place in the cache, and their decisions had to be collected from the
 * old generation later). A false positive is harmless otherwise: the cache itself is keyed by the
 * full key.
 */
export function createAdmittingMemo<V extends {}>(options: { readonly max: number }): AdmittingMemo<V> {
  const lru = createLru<V>({ max: options.max });
  let slots = 1 << 14;
  while (slots < 16 * options.max) slots *= 2;
  const bits = new Uint32Array(slots / 32);
  const mask = slots - 1;
  let marked = 0;
  /** Sets the bit of `slot`; true when it was set already. */
  const mark = (slot: number): boolean => {
    const word = slot >>> 5;
    const bit = 1 << (slot & 31);
    if ((bits[word]! & bit) !== 0) return true;
    bits[word]! |= bit;
    marked++;
    return false;
  };
  return {
    get: (key) => lru.get(key),
    set(key, value) {
      const hash = fnv1a(key);
      // Both bits are marked whatever the first says: a key offered once leaves both set.
      const first = mark(hash & mask);
      const second = mark(fmix32(hash) & mask);
      if (first && second) {
        lru.set(key, value);
        return true;
      }
      if (marked >= slots / 8) {
        bits.fill(0);
        marked = 0;
      }
      return false;
    },
    stats: () => lru.stats(),
  };
}

/** MurmurHash3's 32-bit finalizer: every bit of `h` affects every bit of the result. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
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
