import { LRUCache } from 'lru-cache';

/** What every cache reports (the benchmarks read these). */
export interface CacheStats {
  /** Entries held now (for the shared Redis cache: entries this process wrote). */
  readonly entries: number;
  readonly hits: number;
  readonly misses: number;
  /** `hits / (hits + misses)`, 0 before the first lookup. */
  readonly hitRate: number;
}

/** The stats of a cache from its counters. */
export function statsOf(entries: number, hits: number, misses: number): CacheStats {
  const lookups = hits + misses;
  return { entries, hits, misses, hitRate: lookups === 0 ? 0 : hits / lookups };
}

/** A bounded least-recently-used map with hit and miss counters. */
export interface Lru<V> {
  /** The value under `key` (counted as a hit or a miss), made most recently used. */
  get(key: string): V | undefined;
  /**
   * The value under `key` when `ready` accepts it, counted as a hit; else undefined, counting
   * nothing. Either way a present entry is made most recently used (one lookup, where `peek` then
   * `get` took two).
   */
  getIf(key: string, ready: (value: V) => boolean): V | undefined;
  /** The value under `key`, neither counted nor made recent. */
  peek(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  /** Entries held now. */
  readonly size: number;
  readonly max: number;
  stats(): CacheStats;
}

/** Options of an LRU: the most entries it holds before evicting the least recently used. */
export interface LruOptions {
  readonly max: number;
}

/** A bounded LRU over `lru-cache`; values must not be `undefined` (it means "absent"). */
export function createLru<V extends {}>(options: LruOptions): Lru<V> {
  if (!Number.isInteger(options.max) || options.max < 1) throw new RangeError(`an LRU needs max ≥ 1 (got ${options.max})`);
  const cache = new LRUCache<string, V>({ max: options.max });
  let hits = 0;
  let misses = 0;
  return {
    get(key) {
      const value = cache.get(key);
      if (value === undefined) misses++;
      else hits++;
      return value;
    },
    getIf(key, ready) {
      const value = cache.get(key);
      if (value === undefined || !ready(value)) return undefined;
      hits++;
      return value;
    },
    peek: (key) => cache.peek(key),
    set: (key, value) => void cache.set(key, value),
    delete: (key) => void cache.delete(key),
    get size() {
      return cache.size;
    },
    max: options.max,
    stats: () => statsOf(cache.size, hits, misses),
  };
}

/** What `memoize` keeps under a key: the load, and its value once it has resolved. */
export interface Loading<V> {
  readonly promise: Promise<V>;
  value?: V;
}

/**
 * The value of `key`, loaded once: concurrent callers share the pending promise, and a rejected
 * load is dropped so that a failure (an unknown version that may exist later, a timeout) is never
 * remembered. A resolved load also keeps its value, for `memoized`.
 */
export function memoize<V>(lru: Lru<Loading<V>>, key: string, load: () => Promise<V>): Promise<V> {
  const hit = lru.get(key);
  if (hit) return hit.promise;
  const entry: Loading<V> = { promise: load() };
  lru.set(key, entry);
  entry.promise.then(
    (value) => void (entry.value = value),
    // Only forget this very load: a newer one may already sit under the key.
    () => void (lru.peek(key) === entry && lru.delete(key)),
  );
  return entry.promise;
}

/**
 * The value `memoize` holds under `key` if its load has resolved (a hit, made most recent), else
 * undefined, counting nothing: the caller then goes through `memoize`, which counts the miss (a
 * pending load is made most recent too: its caller is about to wait for it).
 */
export function memoized<V>(lru: Lru<Loading<V>>, key: string): V | undefined {
  return lru.getIf(key, resolved)?.value;
}

const resolved = (entry: Loading<unknown>): boolean => entry.value !== undefined;
