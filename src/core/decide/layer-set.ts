import type { PolicyLayer } from './types.js';

/** A set of layers as a bitmask, so the hot path builds `blockedBy` without allocating. */
export type LayerSet = number;

/** Layers in evaluation order; bit i is ORDER[i]. */
export const ORDER: readonly PolicyLayer[] = ['RCP', 'SCP', 'RESOURCE', 'IDENTITY', 'PERMISSION_BOUNDARY', 'SESSION'];

/** The bit of each layer. */
export const BIT: Readonly<Record<PolicyLayer, LayerSet>> = {
  RCP: 1, SCP: 2, RESOURCE: 4, IDENTITY: 8, PERMISSION_BOUNDARY: 16, SESSION: 32,
};

/** Every subset of layers as a frozen array in evaluation order, indexed by its bitmask. */
const LISTS: readonly (readonly PolicyLayer[])[] = Array.from({ length: 64 }, (_, mask) =>
  Object.freeze(ORDER.filter((l) => (mask & BIT[l]) !== 0)));

/** The layers of a set, in evaluation order (a shared frozen array). */
export const layersOf = (set: LayerSet): readonly PolicyLayer[] => LISTS[set]!;
