import type { BinningOptions } from '../training/woe-binning.js';
import { binColumn, type BinnedColumn } from './binned-column.js';
import { seededRandom } from '../training/folds.js';

/** Settings of the additive boosted family (EBM-style); every one has a default. */
export interface BoostedOptions extends BinningOptions {
  /** Shrinkage of every Newton step (small: many rounds of small steps). */
  learningRate?: number;
  /** Upper bound on boosting rounds per bag (one round visits every term once). */
  maxRounds?: number;
  /** Stop a bag when the validation log loss has not improved for this many rounds. */
  patience?: number;
  /** Share of each bag's rows held out for early stopping. */
  validationShare?: number;
  /** Models trained on different seeded splits and averaged. */
  bags?: number;
  /** At most this many pairwise terms (0 switches interactions off; never more than 10). */
  maxPairs?: number;
  /** Columns with a higher information value are left out as probable target leaks. */
  maxIv?: number;
  /** Ridge on every Newton step (guards bins with few rows). */
  l2?: number;
  seed?: number;
}

/** A fitted additive model on bin slots: logit(PD) = intercept + Σ mains[j][slot] + Σ pairs. */
export interface BoostedModel {
  intercept: number;
  columns: BinnedColumn[];
  /** Per column, the contribution to the log-odds of a bad for each slot. */
  mains: number[][];
  /** Pairwise terms: `table[slotA][slotB]` added to the log-odds. */
  pairs: { a: number; b: number; table: number[][] }[];
  /** Rounds each bag ran for the mains and for the pairs (early stopping). */
  rounds: { mains: number[]; pairs: number[] };
}

export const MAX_PAIRS = 10;

export { seededRandom } from '../training/folds.js';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** A stratified split: `true` marks a validation row. */
const splitRows = (y: Uint8Array, share: number, rnd: () => number): Uint8Array => {
  const out = new Uint8Array(y.length);
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < y.length; i += 1) if (y[i] === cls) idx.push(i);
    for (let i = idx.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rnd() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    const take = Math.round(idx.length * share);
    for (let k = 0; k < take; k += 1) out[idx[k]!] = 1;
  }
  return out;
};

const logLoss = (f: Float64Array, y: Uint8Array, val: Uint8Array): number => {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < f.length; i += 1) {
    if (val[i] !== 1) continue;
    const p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(f[i]!)));
    sum -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
    n += 1;
  }
  return n === 0 ? 0 : sum / n;
};

/** A term the booster updates: maps a row to a cell of a flat table. */
interface Term {
  size: number;
  cell: (i: number) => number;
}

/**
 * Cyclic round-robin boosting of `terms` from the scores `f0`: each round visits every term once
 * and takes one shrunk Newton step per cell on the training rows. Stops when the validation loss
 * has not improved for `patience` rounds and returns the tables of the best round.
 */
const boostTerms = (terms: readonly Term[], f0: Float64Array, y: Uint8Array, val: Uint8Array, o: Required<Pick<BoostedOptions, 'learningRate' | 'maxRounds' | 'patience' | 'l2'>>): { tables: Float64Array[]; rounds: number } => {
  const f = Float64Array.from(f0);
  const tables = terms.map((t) => new Float64Array(t.size));
  let best = tables.map((t) => Float64Array.from(t));
  let bestLoss = logLoss(f, y, val);
  let bestRound = 0;
  const n = f.length;
  for (let round = 1; round <= o.maxRounds; round += 1) {
    terms.forEach((term, k) => {
      const g = new Float64Array(term.size);
      const h = new Float64Array(term.size);
      for (let i = 0; i < n; i += 1) {
        if (val[i] === 1) continue;
        const p = sigmoid(f[i]!);
        const c = term.cell(i);
        g[c] = g[c]! + p - y[i]!;
        h[c] = h[c]! + p * (1 - p);
      }
      const step = new Float64Array(term.size);
      for (let c = 0; c < term.size; c += 1) step[c] = h[c]! > 0 ? (-o.learningRate * g[c]!) / (h[c]! + o.l2) : 0;
      const table = tables[k]!;
      for (let c = 0; c < term.size; c += 1) table[c] = table[c]! + step[c]!;
      for (let i = 0; i < n; i += 1) f[i] = f[i]! + step[term.cell(i)]!;
    });
    const loss = logLoss(f, y, val);
    if (loss < bestLoss - 1e-7) {
      bestLoss = loss;
      bestRound = round;
      best = tables.map((t) => Float64Array.from(t));
    } else if (round - bestRound >= o.patience) break;
  }
  return { tables: best, rounds: bestRound };
};

/** A coarse grid of at most `max` cells per axis over a column's slots (neighbouring bins grouped). */
const coarse = (size: number, max: number): Int32Array => {
  const out = new Int32Array(size);
  for (let s = 0; s < size; s += 1) out[s] = size <= max ? s : Math.floor((s * max) / size);
  return out;
};

/**
 * FAST-style ranking of every pair of columns: the gain of one Newton step on a coarse 2-D grid
 * fitted to the gradients of the main-effects model. Returns pairs, best first.
 */
export const rankPairs = (slots: readonly Int32Array[], sizes: readonly number[], f: Float64Array, y: Uint8Array, l2: number, grid = 8): { a: number; b: number; gain: number }[] => {
  const n = f.length;
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const p = sigmoid(f[i]!);
    g[i] = p - y[i]!;
    h[i] = p * (1 - p);
  }
  const maps = sizes.map((s) => coarse(s, grid));
  const dims = sizes.map((s) => Math.min(s, grid));
  const out: { a: number; b: number; gain: number }[] = [];
  for (let a = 0; a < slots.length; a += 1) {
    for (let b = a + 1; b < slots.length; b += 1) {
      const db = dims[b]!;
      const cells = dims[a]! * db;
      const G = new Float64Array(cells);
      const H = new Float64Array(cells);
      const sa = slots[a]!;
      const sb = slots[b]!;
      const ma = maps[a]!;
      const mb = maps[b]!;
      for (let i = 0; i < n; i += 1) {
        const c = ma[sa[i]!]! * db + mb[sb[i]!]!;
        G[c] = G[c]! + g[i]!;
        H[c] = H[c]! + h[i]!;
      }
      let gain = 0;
      for (let c = 0; c < cells; c += 1) gain += (G[c]! * G[c]!) / (H[c]! + l2);
      out.push({ a, b, gain });
    }
  }
  return out.sort((x, z) => z.gain - x.gain || x.a - z.a || x.b - z.b);
};

/**
 * Trains the additive boosted family: per-column shape functions on the columns' bins by cyclic
 * boosting (bagged, early-stopped on a seeded validation split), then at most `maxPairs` pairwise
 * terms chosen FAST-style on the residuals and boosted the same way. Same rows, columns and seed
 * give the same model. Tables are centred (mean contribution 0 over the rows) into the intercept.
 */
export const trainBoosted = (
  rows: readonly Record<string, unknown>[],
  bad: readonly boolean[],
  columns: readonly { name: string; kind: 'numeric' | 'categorical' }[],
  o: BoostedOptions = {},
): BoostedModel => {
  const opts = { learningRate: o.learningRate ?? 0.05, maxRounds: o.maxRounds ?? 1000, patience: o.patience ?? 30, l2: o.l2 ?? 1 };
  const bags = Math.max(1, o.bags ?? 4);
  const validationShare = o.validationShare ?? 0.15;
  const maxPairs = Math.min(MAX_PAIRS, Math.max(0, o.maxPairs ?? MAX_PAIRS));
  const n = rows.length;
  const y = Uint8Array.from(bad, (b) => (b ? 1 : 0));
  const maxIv = o.maxIv ?? 2;
  const binned = columns
    .map((c) => binColumn(c.name, c.kind, rows.map((r) => r[c.name]), bad, o))
    .filter((c) => c.iv > 0 && c.iv <= maxIv);
  const slots = binned.map((c) => Int32Array.from(rows, (r) => c.binIndex(r[c.column])));
  let positives = 0;
  for (const v of y) positives += v;
  const base = Math.log((positives + 0.5) / (n - positives + 0.5));
  const rnd = seededRandom(o.seed ?? 42);
  const splits = Array.from({ length: bags }, () => splitRows(y, validationShare, rnd));

  const mainTerms: Term[] = binned.map((c, j) => ({ size: c.size, cell: (i) => slots[j]![i]! }));
  const mains = binned.map((c) => new Array<number>(c.size).fill(0));
  const mainRounds: number[] = [];
  for (const val of splits) {
    const { tables, rounds } = boostTerms(mainTerms, new Float64Array(n).fill(base), y, val, opts);
    tables.forEach((t, j) => t.forEach((v, s) => (mains[j]![s]! += v / bags)));
    mainRounds.push(rounds);
  }
  const f = new Float64Array(n).fill(base);
  for (let i = 0; i < n; i += 1) for (let j = 0; j < binned.length; j += 1) f[i] = f[i]! + mains[j]![slots[j]![i]!]!;

  const chosen = maxPairs === 0 ? [] : rankPairs(slots, binned.map((c) => c.size), f, y, opts.l2).filter((p) => p.gain > 0).slice(0, maxPairs);
  const pairTerms: Term[] = chosen.map(({ a, b }) => {
    const sb = binned[b]!.size;
    return { size: binned[a]!.size * sb, cell: (i) => slots[a]![i]! * sb + slots[b]![i]! };
  });
  const pairFlat = pairTerms.map((t) => new Array<number>(t.size).fill(0));
  const pairRounds: number[] = [];
  if (pairTerms.length > 0) {
    for (const val of splits) {
      const { tables, rounds } = boostTerms(pairTerms, f, y, val, opts);
      tables.forEach((t, k) => t.forEach((v, c) => (pairFlat[k]![c]! += v / bags)));
      pairRounds.push(rounds);
    }
  }

  // Centre every table on the rows so the intercept carries the average and each table reads as a deviation.
  let intercept = base;
  mains.forEach((table, j) => {
    let mean = 0;
    for (let i = 0; i < n; i += 1) mean += table[slots[j]![i]!]!;
    mean /= n;
    intercept += mean;
    for (let s = 0; s < table.length; s += 1) table[s]! -= mean;
  });
  const pairs = chosen.map(({ a, b }, k) => {
    const flat = pairFlat[k]!;
    const sb = binned[b]!.size;
    let mean = 0;
    for (let i = 0; i < n; i += 1) mean += flat[slots[a]![i]! * sb + slots[b]![i]!]!;
    mean /= n;
    intercept += mean;
    const table = Array.from({ length: binned[a]!.size }, (_, r) => Array.from({ length: sb }, (_, c) => flat[r * sb + c]! - mean));
    return { a, b, table };
  });
  return { intercept, columns: binned, mains, pairs, rounds: { mains: mainRounds, pairs: pairRounds } };
};

/** Log-odds of a bad for one raw row under the model (its own prediction, before any rounding). */
export const predictLogit = (model: BoostedModel, row: Record<string, unknown>): number => {
  const s = model.columns.map((c) => c.binIndex(row[c.column]));
  let logit = model.intercept;
  model.mains.forEach((t, j) => (logit += t[s[j]!]!));
  for (const p of model.pairs) logit += p.table[s[p.a]!]![s[p.b]!]!;
  return logit;
};

/** PD of one raw row under the model. */
export const predictBoostedPd = (model: BoostedModel, row: Record<string, unknown>): number => sigmoid(predictLogit(model, row));
