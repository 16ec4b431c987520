import type { ContextInput, RequestContext } from './types.js';

/** A request context over lower-cased keys. */
export class MapContext implements RequestContext {
  private readonly values = new Map<string, readonly string[]>();
  private readonly multi = new Set<string>();

  /** Builds a context from caller input; numbers and booleans become their text. */
  constructor(input: ContextInput = {}) {
    for (const [key, value] of Object.entries(input)) this.set(key, value);
  }

  /** Sets a key (any case); a list makes it multi-valued. */
  set(key: string, value: ContextInput[string]): void {
    const k = key.toLowerCase();
    if (Array.isArray(value)) {
      this.values.set(k, value.map(String));
      this.multi.add(k);
    } else {
      this.values.set(k, [String(value)]);
      this.multi.delete(k);
    }
  }

  /** True when the key is present. */
  has(key: string): boolean {
    return this.values.has(key.toLowerCase());
  }

  get(key: string): readonly string[] | undefined {
    return this.values.get(key) ?? this.values.get(key.toLowerCase());
  }

  isMultiValued(key: string): boolean {
    return this.multi.has(key.toLowerCase());
  }

  /** Every key present, lower-cased. */
  keys(): IterableIterator<string> {
    return this.values.keys();
  }
}
