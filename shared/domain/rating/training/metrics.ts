/**
 * Discrimination metrics for a binary outcome. `risk` is any score where higher means more
 * likely bad (a PD); `bad` is the observed outcome.
 */

/** Area under the ROC curve (Mann–Whitney, ties count half). 0.5 when one class is absent. */
export const auc = (risk: readonly number[], bad: readonly boolean[]): number => {
  const idx = risk.map((r, i) => ({ r, b: bad[i] === true })).sort((a, b) => a.r - b.r);
  let nBad = 0;
  let nGood = 0;
  let rankSumBad = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && idx[j]!.r === idx[i]!.r) j += 1;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k += 1) {
      if (idx[k]!.b) {
        nBad += 1;
        rankSumBad += avgRank;
      } else nGood += 1;
    }
    i = j;
  }
  if (nBad === 0 || nGood === 0) return 0.5;
  return (rankSumBad - (nBad * (nBad + 1)) / 2) / (nBad * nGood);
};

/** Gini coefficient (accuracy ratio) = 2·AUC − 1. */
export const gini = (risk: readonly number[], bad: readonly boolean[]): number => 2 * auc(risk, bad) - 1;

/** Kolmogorov–Smirnov statistic: largest gap between the cumulative bad and good distributions over the risk score. */
export const ks = (risk: readonly number[], bad: readonly boolean[]): number => {
  const idx = risk.map((r, i) => ({ r, b: bad[i] === true })).sort((a, b) => a.r - b.r);
  const totalBad = idx.filter((x) => x.b).length;
  const totalGood = idx.length - totalBad;
  if (totalBad === 0 || totalGood === 0) return 0;
  let cumBad = 0;
  let cumGood = 0;
  let best = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && idx[j]!.r === idx[i]!.r) {
      if (idx[j]!.b) cumBad += 1;
      else cumGood += 1;
      j += 1;
    }
    best = Math.max(best, Math.abs(cumBad / totalBad - cumGood / totalGood));
    i = j;
  }
  return best;
};

/**
 * PD cutoff minimising expected cost when accepting a bad costs `costRatio` and rejecting a good
 * costs 1: customers with PD ≥ cutoff are rejected.
 */
export const costOptimalCutoff = (pd: readonly number[], bad: readonly boolean[], costRatio: number): { cutoff: number; cost: number } => {
  const idx = pd.map((p, i) => ({ p, b: bad[i] === true })).sort((a, b) => a.p - b.p);
  // Reject everyone: cost = number of goods.
  let goodsBelow = 0;
  let badsBelow = 0;
  const goods = idx.filter((x) => !x.b).length;
  let best = { cutoff: idx[0]?.p ?? 0, cost: goods };
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && idx[j]!.p === idx[i]!.p) {
      if (idx[j]!.b) badsBelow += 1;
      else goodsBelow += 1;
      j += 1;
    }
    const cost = costRatio * badsBelow + (goods - goodsBelow);
    const cutoff = j < idx.length ? idx[j]!.p : 1;
    if (cost < best.cost) best = { cutoff, cost };
    i = j;
  }
  return best;
};

/** Brier score: mean squared error of the PD against the 0/1 outcome. */
export const brier = (pd: readonly number[], bad: readonly boolean[]): number => {
  let s = 0;
  pd.forEach((p, i) => {
    s += (p - (bad[i] ? 1 : 0)) ** 2;
  });
  return pd.length === 0 ? 0 : s / pd.length;
};

/** Decile edges (9 cut points) of a sample. */
export const decileEdges = (values: readonly number[]): number[] => {
  const sorted = [...values].sort((a, b) => a - b);
  return Array.from({ length: 9 }, (_, k) => sorted[Math.floor(((k + 1) * sorted.length) / 10)] ?? 0);
};

const bucketOf = (v: number, edges: readonly number[]): number => {
  let k = 0;
  while (k < edges.length && v >= edges[k]!) k += 1;
  return k;
};

/**
 * Population stability index of `actual` against `expected`, over the deciles of `expected`
 * (shares floored at 1e-4): Σ (a − e) · ln(a / e).
 */
export const psi = (expected: readonly number[], actual: readonly number[]): number => {
  const edges = decileEdges(expected);
  const share = (xs: readonly number[]): number[] => {
    const c = new Array<number>(edges.length + 1).fill(0);
    for (const x of xs) c[bucketOf(x, edges)]! += 1;
    return c.map((n) => Math.max(1e-4, n / Math.max(1, xs.length)));
  };
  const e = share(expected);
  const a = share(actual);
  return e.reduce((s, ei, k) => s + (a[k]! - ei) * Math.log(a[k]! / ei), 0);
};

/** Predicted against observed bad rate by decile of PD. */
export const calibrationByDecile = (pd: readonly number[], bad: readonly boolean[]): { decile: number; count: number; meanPd: number; badRate: number }[] => {
  const idx = pd.map((p, i) => i).sort((a, b) => pd[a]! - pd[b]! || a - b);
  return Array.from({ length: 10 }, (_, d) => {
    const part = idx.slice(Math.floor((d * idx.length) / 10), Math.floor(((d + 1) * idx.length) / 10));
    const n = Math.max(1, part.length);
    return { decile: d + 1, count: part.length, meanPd: part.reduce((s, i) => s + pd[i]!, 0) / n, badRate: part.filter((i) => bad[i]).length / n };
  });
};

/** ROC points (false-positive rate, true-positive rate) at up to `points` thresholds, from the riskiest down. */
export const rocCurve = (risk: readonly number[], bad: readonly boolean[], points = 100): { fpr: number; tpr: number }[] => {
  const idx = risk.map((_, i) => i).sort((a, b) => risk[b]! - risk[a]!);
  const nb = bad.filter(Boolean).length;
  const ng = bad.length - nb;
  const out = [{ fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  const step = Math.max(1, Math.floor(idx.length / points));
  idx.forEach((i, k) => {
    if (bad[i]) tp += 1;
    else fp += 1;
    if ((k + 1) % step === 0 || k === idx.length - 1) out.push({ fpr: ng === 0 ? 0 : fp / ng, tpr: nb === 0 ? 0 : tp / nb });
  });
  return out;
};
