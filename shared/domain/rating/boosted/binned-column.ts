import { coerceAttribute, type FeatureValue } from '../features.js';
import { binCategorical, binNumeric, type BinningOptions } from '../training/woe-binning.js';

/**
 * One training column cut into bins: what the boosted family learns its shape functions on.
 * Slots are the bins in order, then one for missing values, then (categorical only) one for an
 * unlisted category, so a shape function or a pair term is a plain lookup table over slots.
 * Built from the trainer's binning today; an optimal binning only has to yield the same shape.
 */
export interface BinnedColumn {
  column: string;
  kind: 'numeric' | 'categorical';
  /** Numeric bins: half-open [from, to), an omitted bound is unbounded. */
  edges?: { from?: number; to?: number }[];
  /** Categorical bins: the categories each bin holds. */
  categories?: string[][];
  /** Number of slots: bins + missing (+ other). */
  size: number;
  missingSlot: number;
  otherSlot?: number;
  /** Share of the column's information value, for reports. */
  iv: number;
  /** The slot of a raw cell value (coerced like the live engine does). */
  binIndex(raw: unknown): number;
}

/** Slot of a coerced value: the same rule as the scorecard's findBin (unknown category → other; numeric outside every bin → missing). */
const slotOf = (c: Pick<BinnedColumn, 'kind' | 'edges' | 'categories' | 'missingSlot' | 'otherSlot'>, v: FeatureValue): number => {
  if (v === undefined) return c.missingSlot;
  if (c.kind === 'numeric') {
    if (typeof v !== 'number') return c.missingSlot;
    const edges = c.edges!;
    for (let i = 0; i < edges.length; i += 1) {
      const b = edges[i]!;
      if ((b.from === undefined || v >= b.from) && (b.to === undefined || v < b.to)) return i;
    }
    return c.missingSlot;
  }
  const text = String(v);
  const idx = c.categories!.findIndex((values) => values.includes(text));
  return idx === -1 ? c.otherSlot! : idx;
};

/**
 * Bins one column with the trainer's WOE binning.
 * @example binColumn('age', 'numeric', rows.map((r) => r.age), bad).binIndex('42') // 3
 */
export const binColumn = (column: string, kind: 'numeric' | 'categorical', raw: readonly unknown[], bad: readonly boolean[], options: BinningOptions = {}): BinnedColumn => {
  const values = raw.map((v) => coerceAttribute(v, kind));
  if (kind === 'numeric') {
    const b = binNumeric(values as (number | undefined)[], bad, options);
    const edges = b.bins.map((x) => ({ ...(x.from === undefined ? {} : { from: x.from }), ...(x.to === undefined ? {} : { to: x.to }) }));
    const c = { kind, edges, missingSlot: edges.length };
    return { column, ...c, size: edges.length + 1, iv: b.iv, binIndex: (v) => slotOf(c, coerceAttribute(v, kind)) };
  }
  const b = binCategorical(values as (string | undefined)[], bad, options);
  const categories = b.bins.map((x) => x.values);
  const c = { kind, categories, missingSlot: categories.length, otherSlot: categories.length + 1 };
  return { column, ...c, size: categories.length + 2, iv: b.iv, binIndex: (v) => slotOf(c, coerceAttribute(v, kind)) };
};
