import type { FeatureValue } from '../features.js';
import type { Characteristic, PairTerm } from '../policy.js';
import { findBin } from '../scorecard.js';

/** The slot of a value in a characteristic: its bin, then missing, then (categorical) other; a numeric `other` counts as missing. */
export const slotOf = (c: Characteristic, value: FeatureValue): number => {
  const hit = findBin(c, value);
  if (typeof hit === 'number') return hit;
  return hit === 'other' && c.type === 'categorical' ? c.bins.length + 1 : c.bins.length;
};

/**
 * Points the pairwise terms of a boosted policy add for these feature values: one 2-D lookup
 * per pair. 0 when there are none.
 */
export const pairPoints = (pairs: readonly PairTerm[] | undefined, characteristics: readonly Characteristic[], values: Record<string, FeatureValue>): number => {
  let total = 0;
  for (const p of pairs ?? []) {
    const [a, b] = p.features;
    const ca = characteristics.find((c) => c.feature === a)!;
    const cb = characteristics.find((c) => c.feature === b)!;
    total += p.table[slotOf(ca, values[a])]![slotOf(cb, values[b])]!;
  }
  return total;
};
