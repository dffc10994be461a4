/**
 * Weight-of-evidence binning. WOE of a bin = ln(share of all goods in the bin / share of all
 * bads in the bin), so a positive WOE means better than average. Counts are smoothed by
 * `smoothing` (default 0.5) so empty cells never give ±∞. IV = Σ (good share − bad share) · WOE.
 */
export interface BinCounts {
  good: number;
  bad: number;
}

export interface NumericWoeBin extends BinCounts {
  /** Inclusive lower bound; undefined = −∞. */
  from?: number;
  /** Exclusive upper bound; undefined = +∞. */
  to?: number;
  woe: number;
}

export interface CategoryWoeBin extends BinCounts {
  values: string[];
  woe: number;
}

export interface WoeOptions {
  smoothing?: number;
}

export interface BinningOptions extends WoeOptions {
  /** Initial quantile bins. */
  maxBins?: number;
  /** Smallest share of the non-missing rows a bin may hold before it is merged. */
  minBinShare?: number;
}

export interface Binning<B> {
  bins: B[];
  /** WOE for a missing value: its own bin when the data has missing values, else 0 (neutral). */
  missing: BinCounts & { woe: number };
  /** WOE for an unseen category (categorical only). */
  other?: number;
  iv: number;
}

export const woeOf = (c: BinCounts, totals: BinCounts, smoothing = 0.5): number =>
  Math.log(((c.good + smoothing) / (totals.good + smoothing)) / ((c.bad + smoothing) / (totals.bad + smoothing)));

/** Information value of a set of bins (missing bin included when it has rows). */
export const informationValue = (bins: readonly BinCounts[], totals: BinCounts, smoothing = 0.5): number => {
  if (totals.good === 0 || totals.bad === 0) return 0;
  let iv = 0;
  for (const b of bins) {
    if (b.good + b.bad === 0) continue;
    iv += (b.good / totals.good - b.bad / totals.bad) * woeOf(b, totals, smoothing);
  }
  return iv;
};

const totalsOf = (bad: readonly boolean[]): BinCounts => {
  let nb = 0;
  for (const b of bad) if (b) nb += 1;
  return { good: bad.length - nb, bad: nb };
};

interface Working extends BinCounts {
  from: number | undefined;
  to: number | undefined;
}

const merge = (bins: Working[], i: number): void => {
  const a = bins[i]!;
  const b = bins[i + 1]!;
  bins.splice(i, 2, { from: a.from, to: b.to, good: a.good + b.good, bad: a.bad + b.bad });
};

const monotoneMerge = (start: Working[], totals: BinCounts, direction: 1 | -1, smoothing: number): Working[] => {
  const bins = start.map((b) => ({ ...b }));
  for (;;) {
    const woe = bins.map((b) => woeOf(b, totals, smoothing));
    let violation = -1;
    for (let i = 0; i + 1 < bins.length; i += 1) {
      if ((woe[i + 1]! - woe[i]!) * direction < 0) {
        violation = i;
        break;
      }
    }
    if (violation === -1) return bins;
    merge(bins, violation);
  }
};

/**
 * Monotonic WOE binning of a numeric column: quantile bins, bins below `minBinShare` merged into
 * a neighbour, then adjacent bins merged until WOE is monotonic (whichever direction keeps more
 * IV). Missing values (`undefined`) get their own bin.
 */
export const binNumeric = (values: readonly (number | undefined)[], bad: readonly boolean[], options: BinningOptions = {}): Binning<NumericWoeBin> => {
  const { maxBins = 10, minBinShare = 0.05, smoothing = 0.5 } = options;
  const totals = totalsOf(bad);
  const present: { v: number; b: boolean }[] = [];
  const missing: BinCounts = { good: 0, bad: 0 };
  values.forEach((v, i) => {
    if (v === undefined || !Number.isFinite(v)) {
      if (bad[i]) missing.bad += 1;
      else missing.good += 1;
    } else present.push({ v, b: bad[i] === true });
  });
  present.sort((a, b) => a.v - b.v);
  const n = present.length;
  const edges: number[] = [];
  for (let q = 1; q < maxBins; q += 1) {
    const v = present[Math.floor((q * n) / maxBins)]?.v;
    if (v !== undefined && v > (present[0]?.v ?? v) && !edges.includes(v)) edges.push(v);
  }
  let bins: Working[] = [...edges, undefined].map((to, i) => ({ from: i === 0 ? undefined : edges[i - 1], to, good: 0, bad: 0 }));
  let k = 0;
  for (const { v, b } of present) {
    while (bins[k]!.to !== undefined && v >= bins[k]!.to!) k += 1;
    if (b) bins[k]!.bad += 1;
    else bins[k]!.good += 1;
  }
  const minRows = Math.max(1, Math.ceil(minBinShare * n));
  for (;;) {
    const i = bins.findIndex((b) => b.good + b.bad < minRows);
    if (i === -1 || bins.length === 1) break;
    if (i === bins.length - 1) merge(bins, i - 1);
    else if (i === 0) merge(bins, 0);
    else {
      const w = woeOf(bins[i]!, totals, smoothing);
      const left = Math.abs(woeOf(bins[i - 1]!, totals, smoothing) - w);
      const right = Math.abs(woeOf(bins[i + 1]!, totals, smoothing) - w);
      merge(bins, left <= right ? i - 1 : i);
    }
  }
  const up = monotoneMerge(bins, totals, 1, smoothing);
  const down = monotoneMerge(bins, totals, -1, smoothing);
  bins = informationValue(up, totals, smoothing) >= informationValue(down, totals, smoothing) ? up : down;
  const out: NumericWoeBin[] = bins.map((b) => ({
    ...(b.from === undefined ? {} : { from: b.from }),
    ...(b.to === undefined ? {} : { to: b.to }),
    good: b.good,
    bad: b.bad,
    woe: woeOf(b, totals, smoothing),
  }));
  const hasMissing = missing.good + missing.bad > 0;
  return {
    bins: out,
    missing: { ...missing, woe: hasMissing ? woeOf(missing, totals, smoothing) : 0 },
    iv: informationValue([...out, missing], totals, smoothing),
  };
};

/**
 * WOE binning of a categorical column: one bin per category, categories below `minBinShare`
 * pooled into one bin (which also scores unseen categories). Missing values get their own bin.
 */
export const binCategorical = (values: readonly (string | undefined)[], bad: readonly boolean[], options: BinningOptions = {}): Binning<CategoryWoeBin> => {
  const { minBinShare = 0.05, smoothing = 0.5 } = options;
  const totals = totalsOf(bad);
  const counts = new Map<string, BinCounts>();
  const missing: BinCounts = { good: 0, bad: 0 };
  values.forEach((v, i) => {
    const c = v === undefined ? missing : counts.get(v) ?? counts.set(v, { good: 0, bad: 0 }).get(v)!;
    if (bad[i]) c.bad += 1;
    else c.good += 1;
  });
  const present = values.length - missing.good - missing.bad;
  const minRows = Math.max(1, Math.ceil(minBinShare * present));
  const big: CategoryWoeBin[] = [];
  const small: CategoryWoeBin = { values: [], good: 0, bad: 0, woe: 0 };
  for (const [value, c] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (c.good + c.bad >= minRows) big.push({ values: [value], ...c, woe: 0 });
    else {
      small.values.push(value);
      small.good += c.good;
      small.bad += c.bad;
    }
  }
  const bins = small.values.length > 0 ? [...big, small] : big;
  for (const b of bins) b.woe = woeOf(b, totals, smoothing);
  const hasMissing = missing.good + missing.bad > 0;
  return {
    bins,
    missing: { ...missing, woe: hasMissing ? woeOf(missing, totals, smoothing) : 0 },
    other: small.values.length > 0 ? small.woe : 0,
    iv: informationValue([...bins, missing], totals, smoothing),
  };
};

/** WOE of a numeric value under a binning. */
export const numericWoe = (binning: Binning<NumericWoeBin>, v: number | undefined): number => {
  if (v === undefined) return binning.missing.woe;
  for (const b of binning.bins) if ((b.from === undefined || v >= b.from) && (b.to === undefined || v < b.to)) return b.woe;
  return binning.missing.woe;
};

/** WOE of a category under a binning. */
export const categoryWoe = (binning: Binning<CategoryWoeBin>, v: string | undefined): number => {
  if (v === undefined) return binning.missing.woe;
  return binning.bins.find((b) => b.values.includes(v))?.woe ?? binning.other ?? 0;
};
