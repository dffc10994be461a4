/**
 * PD calibration and the master scale. Platt scaling fits PD = σ(a + b · logit(p)) on
 * out-of-fold predictions; on a scorecard it is exact in points (every coefficient times b, the
 * intercept a + b · intercept). The master scale cuts the PDs the policy itself gives into grades
 * that each hold at least `minShare` of the customers, with PD bounds rising from best to worst.
 */
import { DEFAULT_LIMIT_RULES, DEFAULT_MASTER_SCALE } from '../default-policy.js';
import { TrainingInputError } from './columns.js';
import { fitLogistic } from './logistic-regression.js';

const logit = (p: number): number => {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
};

/** Platt scaling on out-of-fold PDs: calibrated log-odds = a + b · log-odds. */
export const fitPlatt = (pd: readonly number[], bad: readonly boolean[]): { a: number; b: number } => {
  const model = fitLogistic(
    pd.map((p) => [logit(p)]),
    bad.map((b) => (b ? 1 : 0)),
    { l2: 1e-6, maxIterations: 50 },
  );
  return { a: model.intercept, b: model.coefficients[0]! };
};

export const applyPlatt = (p: number, c: { a: number; b: number }): number => 1 / (1 + Math.exp(-(c.a + c.b * logit(p))));

export interface GradeRow {
  grade: string;
  maxPd: number;
  count: number;
  share: number;
  meanPd: number;
  badRate?: number;
}

/** Grade names best → worst for `n` grades (2..10): the default scale's first n − 1 names and its worst grade. */
export const gradeNames = (n: number): string[] => {
  const names = DEFAULT_MASTER_SCALE.map((g) => g.grade);
  return [...names.slice(0, n - 1), names[names.length - 1]!];
};

/** Limit rules for the fitted grades: the default rules of the same names (monotone, so any subsequence is too). Fitted multiples come with the limits work. */
export const limitRulesFor = (grades: readonly string[]): typeof DEFAULT_LIMIT_RULES => grades.map((g) => DEFAULT_LIMIT_RULES.find((r) => r.grade === g)!);

/**
 * Fits a master scale on the policy's PDs: equal-share cuts into `grades` grades (default 10),
 * grades under `minShare` (default 2 %) merged into their neighbour; fewer than `minGrades`
 * (default 7) is a TrainingInputError (the scores take too few distinct values).
 * @example fitMasterScale(pds).scale // [{ grade: 'AAA', maxPd: 0.012 }, …, { grade: 'D', maxPd: 1 }]
 */
export const fitMasterScale = (
  pds: readonly number[],
  o: { grades?: number; minShare?: number; minGrades?: number; bad?: readonly boolean[] } = {},
): { scale: { grade: string; maxPd: number }[]; table: GradeRow[] } => {
  const g = Math.min(10, Math.max(2, o.grades ?? 10));
  const minShare = o.minShare ?? 0.02;
  const minGrades = o.minGrades ?? 7;
  const sorted = [...pds].sort((a, b) => a - b);
  const n = sorted.length;
  const countAtMost = (bound: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= bound) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let bounds: number[] = [];
  for (let k = 1; k < g; k += 1) {
    const b = sorted[Math.max(0, Math.floor((k * n) / g) - 1)]!;
    if (b < 1 && (bounds.length === 0 || b > bounds[bounds.length - 1]!)) bounds.push(b);
  }
  // Merge grades below the minimum share: drop the bound that closes the smallest grade.
  for (;;) {
    const edges = [...bounds, 1];
    const counts = edges.map((b, i) => countAtMost(b) - (i === 0 ? 0 : countAtMost(edges[i - 1]!)));
    const smallest = counts.reduce((m, c, i) => (c < counts[m]! ? i : m), 0);
    if (counts[smallest]! >= minShare * n || bounds.length === 0) break;
    const drop = smallest === edges.length - 1 ? smallest - 1 : smallest === 0 ? 0 : counts[smallest - 1]! <= counts[smallest + 1]! ? smallest - 1 : smallest;
    bounds = bounds.filter((_, i) => i !== drop);
  }
  if (bounds.length + 1 < minGrades) {
    throw new TrainingInputError(`master scale: the scores fall into only ${bounds.length + 1} groups holding ${Math.round(minShare * 100)} % of customers each; ${minGrades} grades are needed (more features or rows)`);
  }
  const names = gradeNames(bounds.length + 1);
  const scale = [...bounds, 1].map((maxPd, i) => ({ grade: names[i]!, maxPd }));
  return { scale, table: gradeTable(pds, scale, o.bad) };
};

/** Customers, mean PD and (with outcomes) observed bad rate per grade. */
export const gradeTable = (pds: readonly number[], scale: readonly { grade: string; maxPd: number }[], bad?: readonly boolean[]): GradeRow[] => {
  const rows = scale.map((s) => ({ ...s, count: 0, sumPd: 0, bads: 0 }));
  pds.forEach((p, i) => {
    const r = rows.find((s) => p <= s.maxPd) ?? rows[rows.length - 1]!;
    r.count += 1;
    r.sumPd += p;
    if (bad?.[i]) r.bads += 1;
  });
  return rows.map((r) => ({
    grade: r.grade,
    maxPd: r.maxPd,
    count: r.count,
    share: pds.length === 0 ? 0 : r.count / pds.length,
    meanPd: r.count === 0 ? 0 : r.sumPd / r.count,
    ...(bad ? { badRate: r.count === 0 ? 0 : r.bads / r.count } : {}),
  }));
};
