import { z } from 'zod';

/** PSI above this is a material shift (the common 0.1 / 0.25 rule of thumb): drift is raised. */
export const DRIFT_PSI_THRESHOLD = 0.25;

/** Share floor for an empty bin, so PSI stays finite (a bin empty on one side still counts heavily). */
const EPSILON = 1e-4;

/**
 * Bin shares of `values` on interior `edges` ([a, b] → (−∞, a), [a, b), [b, ∞)).
 * @example binShares([1, 2, 3, 4], [2.5]) // [0.5, 0.5]
 */
export const binShares = (values: readonly number[], edges: readonly number[]): number[] => {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    let i = 0;
    while (i < edges.length && v >= edges[i]!) i += 1;
    counts[i]! += 1;
  }
  return counts.map((c) => (values.length === 0 ? 0 : c / values.length));
};

/**
 * Population stability index between two share vectors of the same bins:
 * Σ (a − e) · ln(a / e), with empty shares floored at 1e-4.
 * @example psi([0.5, 0.5], [0.5, 0.5]) // 0
 */
export const psi = (expected: readonly number[], actual: readonly number[]): number => {
  if (expected.length !== actual.length) throw new RangeError('psi: expected and actual need the same bins');
  let sum = 0;
  for (let i = 0; i < expected.length; i += 1) {
    const e = Math.max(EPSILON, expected[i]!);
    const a = Math.max(EPSILON, actual[i]!);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
};

/** Decile edges of a baseline sample (distinct interior edges only). */
export const decileEdges = (baseline: readonly number[]): number[] => {
  const sorted = [...baseline].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const edges = new Set<number>();
  for (let k = 1; k < 10; k += 1) edges.add(sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / 10))]!);
  edges.delete(sorted[0]!);
  return [...edges].sort((a, b) => a - b);
};

/**
 * A policy's score distribution at training (or, lacking that, at its backtest): bin edges and the
 * share of customers in each. Drift compares live scores with it.
 */
export const ScoreBaselineSchema = z.object({
  source: z.enum(['training', 'backtest']),
  edges: z.array(z.number()),
  shares: z.array(z.number().min(0).max(1)),
});
export type ScoreBaseline = z.infer<typeof ScoreBaselineSchema>;

/** Baseline from a sample of scores: decile edges and their shares. */
export const scoreBaseline = (scores: readonly number[], source: ScoreBaseline['source']): ScoreBaseline => {
  const edges = decileEdges(scores);
  return { source, edges, shares: binShares(scores, edges) };
};

export const DriftCheckSchema = z.object({
  policyVersion: z.number().int().positive(),
  checkedAt: z.iso.datetime({ offset: true }),
  baselineSource: z.enum(['training', 'backtest']),
  customers: z.number().int().nonnegative(),
  psi: z.number(),
  threshold: z.number(),
  drifted: z.boolean(),
  /** Live shares per baseline bin, for the alert's evidence. */
  shares: z.array(z.number()),
});
export type DriftCheck = z.infer<typeof DriftCheckSchema>;

/**
 * PSI of live scores against the policy's baseline; `drifted` above {@link DRIFT_PSI_THRESHOLD}
 * (the caller then emits `rating.drift_detected`).
 */
export const checkDrift = (liveScores: readonly number[], baseline: ScoreBaseline, policyVersion: number, now: Date): DriftCheck => {
  const shares = binShares(liveScores, baseline.edges);
  const value = liveScores.length === 0 ? 0 : psi(baseline.shares, shares);
  return {
    policyVersion,
    checkedAt: now.toISOString(),
    baselineSource: baseline.source,
    customers: liveScores.length,
    psi: value,
    threshold: DRIFT_PSI_THRESHOLD,
    drifted: value > DRIFT_PSI_THRESHOLD,
    shares,
  };
};
