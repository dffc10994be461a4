import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { EventEnvelope } from '../events/envelope.js';
import { newEvent } from '../events/new-event.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { RiskPolicy } from './policy.js';

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

/**
 * The score distribution of a policy's development sample, stored by training in `training.scoreDistribution`:
 * interior decile `edges` (ascending) and the share of rows in each of the `edges.length + 1` bins.
 * `psiThreshold` overrides {@link DRIFT_PSI_THRESHOLD} for this policy's drift alerts.
 */
export const ScoreDistributionSchema = z
  .strictObject({
    edges: z.array(z.number()).max(99),
    shares: z.array(z.number().min(0).max(1)).min(1).max(100),
    /** Rows of the sample the shares were counted on. */
    rows: z.number().int().nonnegative(),
    psiThreshold: z.number().gt(0).max(10).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.shares.length !== d.edges.length + 1) ctx.addIssue({ code: 'custom', path: ['shares'], message: `${d.edges.length} edges make ${d.edges.length + 1} bins: one share per bin` });
    d.edges.forEach((e, i) => {
      if (i > 0 && e <= d.edges[i - 1]!) ctx.addIssue({ code: 'custom', path: ['edges', i], message: 'edges ascend strictly' });
    });
    const total = d.shares.reduce((s, x) => s + x, 0);
    if (Math.abs(total - 1) > 1e-6) ctx.addIssue({ code: 'custom', path: ['shares'], message: `shares sum to 1 (got ${total})` });
  });
export type ScoreDistribution = z.infer<typeof ScoreDistributionSchema>;

/**
 * The distribution training stores in the policy, from the development sample's scores.
 * @example scoreDistribution([510, 530, 560, 600]).shares.length // edges.length + 1
 */
export const scoreDistribution = (scores: readonly number[]): ScoreDistribution => {
  const { edges, shares } = scoreBaseline(scores, 'training');
  return { edges, shares, rows: scores.length };
};

/** One point of a policy's drift series: the day's PSI of live scores against the stored distribution. */
export const DriftPointSchema = z.object({
  policyVersion: z.number().int().positive(),
  /** The UTC day of the run (one point per policy version and day). */
  date: z.iso.date(),
  checkedAt: z.iso.datetime({ offset: true }),
  psi: z.number().nonnegative(),
  threshold: z.number(),
  drifted: z.boolean(),
  /** Active customers rated under this version whose score was counted. */
  customers: z.number().int().nonnegative(),
  /** Live share per bin of the stored distribution (`edges.length + 1` bins). */
  shares: z.array(z.number()),
  /** The stored (expected) shares the PSI compared with. */
  expected: z.array(z.number()),
  edges: z.array(z.number()),
});
export type DriftPoint = z.infer<typeof DriftPointSchema>;

/** The stored drift series; keys are the adapter's. */
export interface DriftSeries {
  /**
   * Stores the point of its (policy version, day) together with `event` (outbox), once: false
   * (nothing written) when that day already has a point.
   */
  record(point: DriftPoint, event?: EventEnvelope): Promise<boolean>;
  /** Points of one version, oldest day first, `limit` after the position `after` (a date). */
  list(policyVersion: number, page: { limit: number; after?: string }): Promise<{ points: DriftPoint[]; next?: string }>;
}

/** What the drift job runs on: the active policy, the portfolio, the series and the clock. */
export interface DriftJobPorts {
  activePolicy(): Promise<RiskPolicy>;
  portfolio: { profiles(): AsyncIterable<CustomerProfile> };
  series: DriftSeries;
  clock: Clock;
  /**
   * Raises the lifecycle alerts of the day's drifted point (`raiseDriftAlerts` in drift-alerts.ts),
   * idempotently; answers their ids. Without it the job raises no alerts.
   */
  alerts?: (point: DriftPoint, policy: RiskPolicy, causedBy?: string) => Promise<string[]>;
}

export type DriftJobOutcome =
  | { outcome: 'recorded'; point: DriftPoint; eventId?: string; alertIds?: string[] }
  | { outcome: 'already_recorded'; policyVersion: number; date: string; alertIds?: string[] }
  | { outcome: 'no_distribution'; policyVersion: number };

/**
 * Live scores of the customers a policy version rates: active profiles whose current rating is
 * `rated` under that version (other versions' scores are on another scale).
 */
export const liveScores = async (profiles: AsyncIterable<CustomerProfile>, policyVersion: number): Promise<number[]> => {
  const scores: number[] = [];
  for await (const p of profiles) {
    const r = p.rating;
    if (p.status === 'active' && r?.status === 'rated' && r.policyVersion === policyVersion && r.score !== undefined && Number.isFinite(r.score)) scores.push(r.score);
  }
  return scores;
};

/** The stored point of `point`'s version and day (the series pages after a date: start after the day before). */
const storedPoint = async (series: DriftSeries, point: DriftPoint): Promise<DriftPoint | undefined> => {
  const dayBefore = new Date(Date.parse(`${point.date}T00:00:00.000Z`) - 86_400_000).toISOString().slice(0, 10);
  const { points } = await series.list(point.policyVersion, { limit: 1, after: dayBefore });
  return points.find((p) => p.date === point.date);
};

/**
 * The daily drift job: PSI of the live scores against the active policy's stored training
 * distribution, one point per (policy version, UTC day), with `rating.drift_detected` in the same
 * write when the PSI exceeds the policy's threshold. A second run on the same day writes and emits
 * nothing (`already_recorded`); a policy without a stored distribution is skipped. With `alerts`,
 * the day's stored point, when drifted, then raises the policy's event rules for
 * `rating.drift_detected` (after the write, and again on a rerun of the day: the alert ids are
 * deterministic, so a raise lost after the write is made up and nothing is raised twice).
 */
export const runDriftJob = (ports: DriftJobPorts) => async (): Promise<DriftJobOutcome> => {
  const policy = await ports.activePolicy();
  const stored = policy.training?.scoreDistribution;
  if (!stored) return { outcome: 'no_distribution', policyVersion: policy.version };
  const now = ports.clock.now();
  const scores = await liveScores(ports.portfolio.profiles(), policy.version);
  const check = checkDrift(scores, { source: 'training', edges: stored.edges, shares: stored.shares }, policy.version, now);
  const threshold = stored.psiThreshold ?? DRIFT_PSI_THRESHOLD;
  const drifted = check.psi > threshold;
  const point: DriftPoint = {
    policyVersion: policy.version,
    date: check.checkedAt.slice(0, 10),
    checkedAt: check.checkedAt,
    psi: check.psi,
    threshold,
    drifted,
    customers: check.customers,
    shares: check.shares,
    expected: stored.shares,
    edges: stored.edges,
  };
  const event = drifted
    ? newEvent('rating.drift_detected', { policyVersion: policy.version, psi: check.psi, threshold, customers: check.customers, baselineSource: 'training', checkedAt: check.checkedAt }, { at: now })
    : undefined;
  const written = await ports.series.record(point, event);
  if (!written) {
    const stored = ports.alerts ? await storedPoint(ports.series, point) : undefined;
    const alertIds = ports.alerts ? (stored ? await ports.alerts(stored, policy) : []) : undefined;
    return { outcome: 'already_recorded', policyVersion: policy.version, date: point.date, ...(alertIds ? { alertIds } : {}) };
  }
  const alertIds = ports.alerts ? await ports.alerts(point, policy, event?.id) : undefined;
  return { outcome: 'recorded', point, ...(event ? { eventId: event.id } : {}), ...(alertIds ? { alertIds } : {}) };
};
