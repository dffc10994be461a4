/**
 * Feature selection on WOE-transformed columns: collinear pairs (|Pearson r| of WOE above
 * `maxCorr`) lose their weaker member (lower IV); the L2 strength of the logistic regression is
 * chosen by k-fold cross-validated log loss; a coefficient with the wrong sign (a higher WOE must
 * mean a lower PD) drops the WEAKEST wrong-signed feature (lowest IV) and the model is refitted.
 */
import { assignFolds } from './folds.js';
import { fitLogistic, type LogisticModel } from './logistic-regression.js';

export interface Candidate {
  name: string;
  iv: number;
  /** WOE of every training row. */
  woe: Float64Array;
}

export interface SelectionOptions {
  /** Drop the weaker of two features whose WOE correlate above this (default 0.8). */
  maxCorr?: number;
  /** L2 strengths tried, per training row (default 0, 1e-5 … 1e-1). */
  l2Grid?: readonly number[];
  /** Cross-validation folds for the L2 strength (default 5). */
  folds?: number;
  seed?: number;
  /** Rows used to choose the L2 strength (a stratified sample above this; default 100,000). */
  cvRows?: number;
  /** Skip the search and use this strength per row. */
  l2?: number;
}

export interface Selection {
  features: { name: string; coefficient: number }[];
  intercept: number;
  /** L2 strength per row that won the cross-validation. */
  l2PerRow: number;
  cv: { l2PerRow: number; logLoss: number }[];
  dropped: { name: string; reason: string }[];
}

const pearson = (a: Float64Array, b: Float64Array): number => {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i += 1) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i += 1) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
};

const rowsOf = (cands: readonly Candidate[], idx: readonly number[]): number[][] => idx.map((i) => cands.map((c) => c.woe[i]!));

const logLoss = (model: LogisticModel, x: readonly (readonly number[])[], y: readonly number[]): number => {
  let s = 0;
  for (let i = 0; i < x.length; i += 1) {
    let z = model.intercept;
    for (let j = 0; j < model.coefficients.length; j += 1) z += model.coefficients[j]! * x[i]![j]!;
    const p = Math.min(1 - 1e-12, Math.max(1e-12, 1 / (1 + Math.exp(-z))));
    s -= y[i]! === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / Math.max(1, x.length);
};

/** Chooses the L2 strength per row by k-fold cross-validated log loss (ties → the weaker penalty). */
export const chooseL2 = (cands: readonly Candidate[], y: readonly number[], o: SelectionOptions = {}): { best: number; cv: Selection['cv'] } => {
  const grid = o.l2Grid ?? [0, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1];
  const folds = o.folds ?? 5;
  const bad = y.map((v) => v === 1);
  const all = y.map((_, i) => i);
  // A deterministic stratified sample keeps the search affordable on large files.
  const limit = o.cvRows ?? 100_000;
  const sampleFold = assignFolds(bad, Math.max(1, Math.ceil(y.length / limit)), (o.seed ?? 42) + 1);
  const idx = y.length > limit ? all.filter((i) => sampleFold[i] === 0) : all;
  const fold = assignFolds(idx.map((i) => bad[i]!), folds, o.seed ?? 42);
  const cv = grid.map((l2PerRow) => {
    let total = 0;
    for (let k = 0; k < folds; k += 1) {
      const train = idx.filter((_, j) => fold[j] !== k);
      const test = idx.filter((_, j) => fold[j] === k);
      const model = fitLogistic(rowsOf(cands, train), train.map((i) => y[i]!), { l2: l2PerRow * train.length, maxIterations: 25, tolerance: 1e-6 });
      total += logLoss(model, rowsOf(cands, test), test.map((i) => y[i]!)) * test.length;
    }
    return { l2PerRow, logLoss: total / idx.length };
  });
  let best = cv[0]!;
  for (const c of cv) if (c.logLoss < best.logLoss) best = c;
  return { best: best.l2PerRow, cv };
};

/** Collinearity filter, CV-chosen L2 strength, wrong-sign loop. */
export const selectFeatures = (candidates: readonly Candidate[], y: readonly number[], o: SelectionOptions = {}): Selection => {
  const maxCorr = o.maxCorr ?? 0.8;
  const dropped: Selection['dropped'] = [];
  const kept: Candidate[] = [];
  for (const c of [...candidates].sort((a, b) => b.iv - a.iv || (a.name < b.name ? -1 : 1))) {
    const partner = kept.map((k) => ({ k, r: pearson(k.woe, c.woe) })).find(({ r }) => Math.abs(r) > maxCorr);
    if (partner) dropped.push({ name: c.name, reason: `collinear with ${partner.k.name} (r = ${partner.r.toFixed(2)}, weaker IV)` });
    else kept.push(c);
  }
  const { best, cv } = o.l2 === undefined ? chooseL2(kept, y, o) : { best: o.l2, cv: [] };
  const all = y.map((_, i) => i);
  let current = kept;
  for (;;) {
    const model = fitLogistic(rowsOf(current, all), y, { l2: best * y.length, maxIterations: 50, tolerance: 1e-8 });
    const wrong = current.map((c, j) => ({ c, coef: model.coefficients[j]! })).filter(({ coef }) => coef > 0);
    if (wrong.length === 0 || current.length === 1) {
      return { features: current.map((c, j) => ({ name: c.name, coefficient: model.coefficients[j]! })), intercept: model.intercept, l2PerRow: best, cv, dropped };
    }
    const weakest = wrong.reduce((w, x) => (x.c.iv < w.c.iv ? x : w));
    dropped.push({ name: weakest.c.name, reason: `wrong sign (coefficient ${weakest.coef.toFixed(3)}): weakest of ${wrong.map((w) => w.c.name).join(', ')}` });
    current = current.filter((c) => c !== weakest.c);
  }
};
