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
