import type { EntityKind } from './types.js';

/** An entity named by kind and key. */
export interface EntityRefKey {
  readonly kind: EntityKind;
  readonly key: string;
}

/** A map key for an entity. */
export const refId = (kind: EntityKind, key: string): string => `${kind}\u0000${key}`;

interface Touched {
  readonly kind: EntityKind;
  readonly key: string;
  readonly body: unknown;
  /** Index of the last change that wrote it. */
  readonly change: number;
}

/**
 * The model as a change set sees it: writes so far over the base version. The base is consulted
 * only for keys the service preloaded; anything else reads as unknown (undefined), never as absent.
 */
export class ModelOverlay {
  private readonly touched = new Map<string, Touched>();
  private readonly loaded: ReadonlySet<string>;

  constructor(
    private readonly base: (kind: EntityKind, key: string) => unknown,
    preloaded: readonly EntityRefKey[],
  ) {
    this.loaded = new Set(preloaded.map((r) => refId(r.kind, r.key)));
  }

  /** The current body: null when absent, undefined when not loaded (outside the preloaded keys). */
  get(kind: EntityKind, key: string): unknown {
    const t = this.touched.get(refId(kind, key));
    if (t) return t.body;
    return this.loaded.has(refId(kind, key)) ? (this.base(kind, key) ?? null) : undefined;
  }

  /** The body at the base version (null when absent, undefined when not loaded). */
  baseOf(kind: EntityKind, key: string): unknown {
    return this.loaded.has(refId(kind, key)) ? (this.base(kind, key) ?? null) : undefined;
  }

  isTouched(kind: EntityKind, key: string): boolean {
    return this.touched.has(refId(kind, key));
  }

  /** Index of the last change that wrote an entity; undefined when untouched. */
  changeOf(kind: EntityKind, key: string): number | undefined {
    return this.touched.get(refId(kind, key))?.change;
  }

  set(kind: EntityKind, key: string, body: unknown, change: number): void {
    this.touched.set(refId(kind, key), { kind, key, body, change });
  }

  /** Touched entities in first-touch order. */
  entries(): readonly Touched[] {
    return [...this.touched.values()];
  }

  /** One write per touched key with its final body, leaving out keys that neither existed nor exist. */
  writes(): { kind: EntityKind; key: string; body: unknown }[] {
    return this.entries()
      .filter((t) => t.body !== null || this.baseOf(t.kind, t.key) !== null)
      .map(({ kind, key, body }) => ({ kind, key, body }));
  }
}
