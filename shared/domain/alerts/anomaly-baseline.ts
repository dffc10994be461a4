import { z } from 'zod';

/**
 * Incremental baseline of one metric of one customer: a robust EWMA of the level and of the squared
 * deviation, stored as three numbers and updated once per period — history is never rescanned.
 *
 * - Warm-up: weights 1/n (an exact running mean and variance) until 1/n falls below `alpha`, then EWMA.
 * - Robust: a deviation beyond `clip` standard deviations updates the baseline as if it were `clip`
 *   deviations, so one shock neither drags the level nor inflates the spread (Huber-style winsorising).
 */
export const AnomalyBaselineSchema = z.strictObject({
  /** Periods observed. */
  n: z.number().int().nonnegative(),
  mean: z.number(),
  variance: z.number().nonnegative(),
  /** Key of the last period folded in (e.g. `2026-W49`, `2026-12`); a period is folded in once. */
  lastPeriod: z.string().optional(),
});
export type AnomalyBaseline = z.infer<typeof AnomalyBaselineSchema>;

export const EMPTY_BASELINE: AnomalyBaseline = Object.freeze({ n: 0, mean: 0, variance: 0 });

const CLIP = 3;
const FLOOR = 1e-9;

/** Standard score of `value` against the baseline, or undefined while it has fewer than `minPeriods` periods or no spread. */
export const anomalyScore = (baseline: AnomalyBaseline, value: number, minPeriods: number): number | undefined => {
  if (baseline.n < minPeriods) return undefined;
  const sd = Math.sqrt(baseline.variance);
  if (sd <= FLOOR) return value === baseline.mean ? 0 : undefined;
  return (value - baseline.mean) / sd;
};

/** Folds one period's value into the baseline (pure; returns the new baseline). A period already folded in is ignored. */
export const updateBaseline = (baseline: AnomalyBaseline, value: number, alpha: number, period?: string): AnomalyBaseline => {
  if (!Number.isFinite(value)) return baseline;
  if (period !== undefined && baseline.lastPeriod !== undefined && period <= baseline.lastPeriod) return baseline;
  const n = baseline.n + 1;
  const at = period === undefined ? {} : { lastPeriod: period };
  if (n === 1) return { n, mean: value, variance: 0, ...at };
  const w = Math.max(1 / n, alpha);
  const sd = Math.sqrt(baseline.variance);
  let d = value - baseline.mean;
  if (n > 4 && sd > FLOOR) d = Math.max(-CLIP * sd, Math.min(CLIP * sd, d));
  return { n, mean: baseline.mean + w * d, variance: (1 - w) * (baseline.variance + w * d * d), ...at };
};

export interface AnomalyCheck {
  threshold: number;
  direction: 'up' | 'down' | 'both';
  minPeriods: number;
  alpha: number;
}

/**
 * Checks a new period's value against the baseline *before* folding it in, then folds it in.
 * `fired` when the standard score passes the threshold in the rule's direction.
 */
export const observe = (baseline: AnomalyBaseline, value: number, check: AnomalyCheck, period?: string): { fired: boolean; z?: number; baseline: AnomalyBaseline } => {
  if (period !== undefined && baseline.lastPeriod !== undefined && period <= baseline.lastPeriod) return { fired: false, baseline };
  const z = anomalyScore(baseline, value, check.minPeriods);
  const fired = z !== undefined && (check.direction === 'up' ? z >= check.threshold : check.direction === 'down' ? -z >= check.threshold : Math.abs(z) >= check.threshold);
  return { fired, ...(z !== undefined ? { z } : {}), baseline: updateBaseline(baseline, value, check.alpha, period) };
};

/** Key of the period holding `at`: ISO week (`2026-W49`) or month (`2026-12`), UTC. */
export const periodKey = (at: Date, period: 'week' | 'month'): string => {
  if (period === 'month') return at.toISOString().slice(0, 7);
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
};
