/**
 * Supervised optimal binning in the spirit of optbinning: fine quantile pre-bins (one per distinct
 * value when there are few), merged by a χ² criterion under a detected trend of the bad rate
 * (ascending, descending, peak or valley), with a minimum bin share. Special values and missing
 * values always get bins of their own. Categories are ordered by bad rate and merged the same way.
 *
 * WOE of a bin = ln(share of goods / share of bads) (smoothed by 0.5), so a positive WOE is
 * better than average and a rising bad rate is a falling WOE.
 */

export type Trend = 'ascending' | 'descending' | 'peak' | 'valley' | 'none';

export interface BinStats {
  good: number;
  bad: number;
  /** Share of all rows (missing and special included). */
  share: number;
  badRate: number;
  woe: number;
}

/** A bin of a fitted binning; `range` bins are half-open [from, to), absent bounds are ±∞. */
export type Bin = BinStats &
  (
    | { type: 'range'; from?: number; to?: number }
    | { type: 'categories'; values: string[] }
    | { type: 'special'; value: number }
    | { type: 'missing' }
  );

export interface Binning {
  kind: 'numeric' | 'categorical';
  trend: Trend;
  /** Regular bins first (ranges in order, or category groups by rising bad rate), then special bins, then the missing bin (always present, possibly empty). */
  bins: Bin[];
  /** WOE for a category never seen in training (the pooled rare-category bin, else 0). */
  otherWoe: number;
  iv: number;
}

export interface BinningOptions {
  /** Fine pre-bins before merging (default 20). */
  prebins?: number;
  /** Smallest share of all rows a regular bin may hold (default 0.05). */
  minBinShare?: number;
  /** Most regular bins kept (default 8). */
  maxBins?: number;
  /** Adjacent bins whose χ² statistic is below this are merged (default 1.5, p ≈ 0.22 with one degree of freedom: the L2 penalty, not the binning, guards against noise). */
  chi2Threshold?: number;
  /** Numeric values kept in bins of their own (e.g. −2, −1, 0 repayment codes). */
  special?: readonly number[];
  /** Force a trend instead of detecting it. */
  trend?: Exclude<Trend, 'none'>;
  smoothing?: number;
}

interface Cell {
  good: number;
  bad: number;
}

interface RangeCell extends Cell {
  from: number | undefined;
  to: number | undefined;
}

interface CatCell extends Cell {
  values: string[];
}

const rate = (c: Cell): number => (c.good + c.bad === 0 ? 0 : c.bad / (c.good + c.bad));

/** Pearson χ² of the 2×2 table of two adjacent bins (0 when either is empty or one class is absent). */
export const chi2 = (a: Cell, b: Cell): number => {
  const n = a.good + a.bad + b.good + b.bad;
  const na = a.good + a.bad;
  const nb = b.good + b.bad;
  const bads = a.bad + b.bad;
  const goods = a.good + b.good;
  if (na === 0 || nb === 0 || bads === 0 || goods === 0) return 0;
  const diff = a.bad * b.good - a.good * b.bad;
  return (n * diff * diff) / (na * nb * bads * goods);
};

const woeOf = (c: Cell, totals: Cell, smoothing: number): number =>
  Math.log(((c.good + smoothing) / (totals.good + smoothing)) / ((c.bad + smoothing) / (totals.bad + smoothing)));

const ivOf = (cells: readonly Cell[], totals: Cell, smoothing: number): number => {
  if (totals.good === 0 || totals.bad === 0) return 0;
  let iv = 0;
  for (const c of cells) if (c.good + c.bad > 0) iv += (c.good / totals.good - c.bad / totals.bad) * woeOf(c, totals, smoothing);
  return iv;
};

const mergeAt = <C extends Cell>(cells: C[], i: number, join: (a: C, b: C) => C): void => {
  cells.splice(i, 2, join(cells[i]!, cells[i + 1]!));
};

/** Whether the bad rates follow `trend` (for peak/valley: rise then fall, or fall then rise). */
const follows = (rates: readonly number[], trend: Exclude<Trend, 'none'>): boolean => {
  const up = (i: number): boolean => rates[i + 1]! >= rates[i]!;
  const down = (i: number): boolean => rates[i + 1]! <= rates[i]!;
  if (trend === 'ascending') return rates.every((_, i) => i + 1 >= rates.length || up(i));
  if (trend === 'descending') return rates.every((_, i) => i + 1 >= rates.length || down(i));
  const first = trend === 'peak' ? up : down;
  const second = trend === 'peak' ? down : up;
  let i = 0;
  while (i + 1 < rates.length && first(i)) i += 1;
  while (i + 1 < rates.length && second(i)) i += 1;
  return i + 1 >= rates.length;
};

/**
 * Merges adjacent cells until the bad rates follow the trend (always merging the violating pair
 * that is statistically closest), then until every adjacent pair differs by χ² ≥ threshold, every
 * cell holds `minRows`, and at most `maxBins` remain. Merging neighbours keeps a monotone or
 * unimodal sequence so the trend survives every later merge.
 */
const mergeUnder = <C extends Cell>(start: readonly C[], trend: Exclude<Trend, 'none'>, o: { minRows: number; maxBins: number; chi2Threshold: number }, join: (a: C, b: C) => C): C[] => {
  const cells = [...start];
  const closest = (candidates: number[]): number => candidates.reduce((best, i) => (chi2(cells[i]!, cells[i + 1]!) < chi2(cells[best]!, cells[best + 1]!) ? i : best), candidates[0]!);
  while (cells.length > 1 && !follows(cells.map(rate), trend)) {
    const rates = cells.map(rate);
    const pairs = cells.slice(0, -1).map((_, i) => i);
    if (trend === 'ascending' || trend === 'descending') {
      const violating = pairs.filter((i) => (trend === 'ascending' ? rates[i + 1]! < rates[i]! : rates[i + 1]! > rates[i]!));
      mergeAt(cells, closest(violating), join);
    } else {
      // Peak/valley: the statistically closest merge that removes a change of direction.
      const turns = (r: readonly number[]): number => {
        let t = 0;
        for (let i = 1; i + 1 < r.length; i += 1) if ((r[i]! - r[i - 1]!) * (r[i + 1]! - r[i]!) < 0) t += 1;
        return t;
      };
      const before = turns(rates);
      const order = [...pairs].sort((x, y) => chi2(cells[x]!, cells[x + 1]!) - chi2(cells[y]!, cells[y + 1]!));
      const pick = order.find((i) => turns([...rates.slice(0, i), rate(join(cells[i]!, cells[i + 1]!)), ...rates.slice(i + 2)]) < before) ?? order[0]!;
      mergeAt(cells, pick, join);
    }
  }
  for (;;) {
    if (cells.length <= 1) break;
    const small = cells.map((c, i) => (c.good + c.bad < o.minRows ? i : -1)).filter((i) => i >= 0);
    if (small.length > 0) {
      const i = small[0]!;
      const left = i > 0 ? chi2(cells[i - 1]!, cells[i]!) : Infinity;
      const right = i + 1 < cells.length ? chi2(cells[i]!, cells[i + 1]!) : Infinity;
      mergeAt(cells, left <= right ? i - 1 : i, join);
      continue;
    }
    const pairs = cells.slice(0, -1).map((_, i) => i);
    const i = closest(pairs);
    if (cells.length > o.maxBins || chi2(cells[i]!, cells[i + 1]!) < o.chi2Threshold) mergeAt(cells, i, join);
    else break;
  }
  return cells;
};

const joinRange = (a: RangeCell, b: RangeCell): RangeCell => ({ from: a.from, to: b.to, good: a.good + b.good, bad: a.bad + b.bad });
const joinCat = (a: CatCell, b: CatCell): CatCell => ({ values: [...a.values, ...b.values], good: a.good + b.good, bad: a.bad + b.bad });

/** Regular cells of the sorted non-special values: one per distinct value when few, else quantile pre-bins. */
const prebin = (sorted: readonly { v: number; b: boolean }[], prebins: number): RangeCell[] => {
  const n = sorted.length;
  if (n === 0) return [];
  const starts: number[] = [0];
  const distinct: number[] = [];
  for (let i = 1; i < n; i += 1) if (sorted[i]!.v !== sorted[i - 1]!.v) distinct.push(i);
  if (distinct.length + 1 <= prebins) starts.push(...distinct);
  else {
    for (let q = 1; q < prebins; q += 1) {
      let i = Math.floor((q * n) / prebins);
      while (i > 0 && i < n && sorted[i]!.v === sorted[i - 1]!.v) i += 1;
      if (i < n && i > starts[starts.length - 1]!) starts.push(i);
    }
  }
  return starts.map((s, k) => {
    const end = starts[k + 1] ?? n;
    let bad = 0;
    for (let i = s; i < end; i += 1) if (sorted[i]!.b) bad += 1;
    return { from: k === 0 ? undefined : sorted[s]!.v, to: k + 1 < starts.length ? sorted[end]!.v : undefined, good: end - s - bad, bad };
  });
};

const TRENDS: readonly Exclude<Trend, 'none'>[] = ['ascending', 'descending', 'peak', 'valley'];

/**
 * Fits the bins of one column. Numeric values are numbers, categories strings, missing values
 * `undefined`; `bad[i]` is row i's outcome. The trend is the one whose merged bins keep the most
 * IV, peak and valley only when they keep 5 % more than the best monotone trend.
 * @example fitBins([1, 2, 3, undefined], [false, false, true, true], { kind: 'numeric' })
 */
export const fitBins = (
  column: readonly (number | string | undefined)[],
  bad: readonly boolean[],
  options: BinningOptions & { kind: 'numeric' | 'categorical' },
): Binning => {
  const { prebins = 20, minBinShare = 0.05, maxBins = 8, chi2Threshold = 1.5, smoothing = 0.5, kind } = options;
  const special = new Set(options.special ?? []);
  const n = column.length;
  const totals: Cell = { good: 0, bad: 0 };
  for (const b of bad) if (b) totals.bad += 1;
  totals.good = n - totals.bad;
  const missing: Cell = { good: 0, bad: 0 };
  const specials = new Map<number, Cell>();
  const add = (c: Cell, b: boolean): void => void (b ? (c.bad += 1) : (c.good += 1));
  const minRows = Math.max(1, Math.ceil(minBinShare * n));
  const limits = { minRows, maxBins, chi2Threshold };
  let regular: (RangeCell | CatCell)[] = [];
  let trend: Trend = 'none';
  let other: Cell | undefined;
  const choose = <C extends Cell>(cells: readonly C[], join: (a: C, b: C) => C, trends: readonly Exclude<Trend, 'none'>[]): C[] => {
    if (options.trend) {
      trend = options.trend;
      return mergeUnder(cells, options.trend, limits, join);
    }
    let best: { cells: C[]; iv: number; trend: Trend } = { cells: [...cells], iv: -1, trend: 'none' };
    for (const t of trends) {
      const merged = mergeUnder(cells, t, limits, join);
      const iv = ivOf(merged, totals, smoothing);
      const needed = t === 'peak' || t === 'valley' ? best.iv * 1.05 : best.iv;
      if (iv > needed + 1e-12) best = { cells: merged, iv, trend: merged.length === 1 ? 'none' : t };
    }
    trend = best.trend;
    return best.cells;
  };
  if (kind === 'numeric') {
    const present: { v: number; b: boolean }[] = [];
    column.forEach((v, i) => {
      const b = bad[i] === true;
      if (typeof v !== 'number' || !Number.isFinite(v)) add(missing, b);
      else if (special.has(v)) add(specials.get(v) ?? specials.set(v, { good: 0, bad: 0 }).get(v)!, b);
      else present.push({ v, b });
    });
    present.sort((a, b) => a.v - b.v);
    regular = choose(prebin(present, prebins), joinRange, TRENDS);
  } else {
    const counts = new Map<string, Cell>();
    column.forEach((v, i) => {
      const b = bad[i] === true;
      if (v === undefined || v === '') add(missing, b);
      else {
        const key = String(v);
        add(counts.get(key) ?? counts.set(key, { good: 0, bad: 0 }).get(key)!, b);
      }
    });
    const rareMin = Math.max(1, Math.ceil(0.01 * n));
    const cells: CatCell[] = [];
    const rare: CatCell = { values: [], good: 0, bad: 0 };
    for (const [value, c] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (c.good + c.bad >= rareMin) cells.push({ values: [value], ...c });
      else {
        rare.values.push(value);
        rare.good += c.good;
        rare.bad += c.bad;
      }
    }
    if (rare.values.length > 0) cells.push(rare);
    cells.sort((a, b) => rate(a) - rate(b) || (a.values[0]! < b.values[0]! ? -1 : 1));
    regular = choose(cells, joinCat, ['ascending']);
    trend = 'none';
    if (rare.values.length > 0) other = regular.find((c) => (c as CatCell).values.includes(rare.values[0]!));
  }
  const stats = (c: Cell): BinStats => ({ good: c.good, bad: c.bad, share: n === 0 ? 0 : (c.good + c.bad) / n, badRate: rate(c), woe: woeOf(c, totals, smoothing) });
  const bins: Bin[] = [
    ...regular.map((c): Bin =>
      kind === 'numeric'
        ? { type: 'range', ...((c as RangeCell).from === undefined ? {} : { from: (c as RangeCell).from }), ...((c as RangeCell).to === undefined ? {} : { to: (c as RangeCell).to }), ...stats(c) }
        : { type: 'categories', values: [...(c as CatCell).values].sort(), ...stats(c) },
    ),
    ...[...specials.entries()].sort(([a], [b]) => a - b).map(([value, c]): Bin => ({ type: 'special', value, ...stats(c) })),
    { type: 'missing', ...stats(missing), woe: missing.good + missing.bad === 0 ? 0 : woeOf(missing, totals, smoothing) },
  ];
  return { kind, trend, bins, otherWoe: other ? woeOf(other, totals, smoothing) : 0, iv: ivOf(bins, totals, smoothing) };
};

/** Index of the bin a value falls in (the missing bin for missing values, −1 for an unseen category). */
export const binIndex = (binning: Binning, value: number | string | undefined): number => {
  const { bins } = binning;
  const missingIndex = bins.length - 1;
  if (value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value))) return missingIndex;
  if (binning.kind === 'numeric') {
    const v = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(v)) return missingIndex;
    for (let i = 0; i < missingIndex; i += 1) {
      const b = bins[i]!;
      if (b.type === 'special' && b.value === v) return i;
    }
    for (let i = 0; i < missingIndex; i += 1) {
      const b = bins[i]!;
      if (b.type === 'range' && (b.from === undefined || v >= b.from) && (b.to === undefined || v < b.to)) return i;
    }
    return missingIndex;
  }
  const text = String(value);
  return bins.findIndex((b) => b.type === 'categories' && b.values.includes(text));
};

/** WOE of a value under a binning. */
export const woeOfValue = (binning: Binning, value: number | string | undefined): number => {
  const i = binIndex(binning, value);
  return i === -1 ? binning.otherWoe : binning.bins[i]!.woe;
};
