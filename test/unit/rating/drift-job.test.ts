import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import {
  binShares,
  psi,
  runDriftJob,
  scoreDistribution,
  ScoreDistributionSchema,
  type DriftPoint,
  type DriftSeries,
} from '../../../shared/domain/rating/drift.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';
import { parsePolicy, type RiskPolicy } from '../../../shared/domain/rating/policy.js';
import type { CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';
import { prng, tradingProfile } from '../../fixtures/rating/profiles.js';

/** An in-memory series with the store's contract: one point per (version, day), the event only with a new point. */
const memorySeries = (): DriftSeries & { points: DriftPoint[]; events: EventEnvelope[] } => {
  const points: DriftPoint[] = [];
  const events: EventEnvelope[] = [];
  return {
    points,
    events,
    async record(point, event) {
      if (points.some((p) => p.policyVersion === point.policyVersion && p.date === point.date)) return false;
      points.push(point);
      if (event) events.push(event);
      return true;
    },
    async list(policyVersion, { limit, after }) {
      const mine = points.filter((p) => p.policyVersion === policyVersion && (after === undefined || p.date > after)).sort((a, b) => a.date.localeCompare(b.date));
      const page = mine.slice(0, limit);
      return { points: page, ...(mine.length > limit ? { next: page[page.length - 1]!.date } : {}) };
    },
  };
};

const rated = (id: string, score: number, policyVersion: number, status: CustomerProfile['status'] = 'active'): CustomerProfile => ({
  ...tradingProfile({}, id),
  status,
  rating: { status: 'rated', policyVersion, score, grade: 'BB', pd: 0.03, reasons: [], inputsHash: 'h', ratedAt: '2026-12-01T00:00:00.000Z' },
});

const gaussianScores = (n: number, mean: number, seed: number): number[] => {
  const rnd = prng(seed);
  return Array.from({ length: n }, () => mean + 40 * (rnd() + rnd() + rnd() - 1.5));
};

const withDistribution = (version: number, scores: readonly number[], psiThreshold?: number): RiskPolicy =>
  parsePolicy({
    ...structuredClone(DEFAULT_POLICY),
    version,
    training: { dataset: 'dev.csv', rows: scores.length, target: 'bad', folds: 3, auc: 0.8, ks: 0.4, gini: 0.6, trainedAt: '2026-01-01T00:00:00.000Z', scoreDistribution: { ...scoreDistribution(scores), ...(psiThreshold ? { psiThreshold } : {}) } },
  });

const clockAt = (iso: string) => {
  let now = new Date(iso);
  return { now: () => now, set: (next: string) => void (now = new Date(next)) };
};

async function* profilesOf(list: readonly CustomerProfile[]): AsyncIterable<CustomerProfile> {
  yield* list;
}

describe('runDriftJob', () => {
  const development = gaussianScores(4000, 600, 1);

  it('records the PSI of the live scores of active customers rated under the active version, and no event below the threshold', async () => {
    // Prepare: live scores from the same distribution, plus profiles that must not count.
    const live = gaussianScores(500, 600, 2).map((s, i) => rated(`c-${i}`, s, 3));
    const others = [rated('old-version', 900, 2), rated('merged', 900, 3, 'merged'), { ...rated('unrated', 0, 3), rating: { ...rated('u', 0, 3).rating!, status: 'insufficient_data' as const, score: undefined } }];
    const series = memorySeries();
    const job = runDriftJob({ activePolicy: async () => withDistribution(3, development), portfolio: { profiles: () => profilesOf([...live, ...others]) }, series, clock: clockAt('2026-12-07T00:05:00.000Z') });

    // Act
    const outcome = await job();

    // Assess: the point is the PSI of exactly those 500 scores on the stored bins.
    const stored = scoreDistribution(development);
    const expected = psi(stored.shares, binShares(live.map((p) => p.rating!.score!), stored.edges));
    expect(outcome.outcome).toBe('recorded');
    expect(series.points).toHaveLength(1);
    expect(series.points[0]).toMatchObject({ policyVersion: 3, date: '2026-12-07', customers: 500, threshold: 0.25, drifted: false, expected: stored.shares, edges: stored.edges });
    expect(series.points[0]!.psi).toBeCloseTo(expected, 12);
    expect(series.points[0]!.psi).toBeLessThan(0.1);
    expect(series.points[0]!.shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
    expect(series.events).toEqual([]);
  });

  it('emits rating.drift_detected with the point when the PSI exceeds the policy threshold, once per version and day', async () => {
    // Prepare: live scores shifted by 60 points.
    const live = gaussianScores(400, 660, 3).map((s, i) => rated(`c-${i}`, s, 4));
    const series = memorySeries();
    const clock = clockAt('2026-12-07T00:05:00.000Z');
    const job = runDriftJob({ activePolicy: async () => withDistribution(4, development), portfolio: { profiles: () => profilesOf(live) }, series, clock });

    // Act: the same day twice, then the next day.
    const first = await job();
    clock.set('2026-12-07T23:59:00.000Z');
    const retried = await job();
    clock.set('2026-12-08T00:05:00.000Z');
    const nextDay = await job();

    // Assess
    expect(first).toMatchObject({ outcome: 'recorded', point: { drifted: true } });
    expect(retried).toEqual({ outcome: 'already_recorded', policyVersion: 4, date: '2026-12-07' });
    expect(nextDay).toMatchObject({ outcome: 'recorded', point: { date: '2026-12-08' } });
    expect(series.points.map((p) => p.date)).toEqual(['2026-12-07', '2026-12-08']);
    expect(series.events.map((e) => e.type)).toEqual(['rating.drift_detected', 'rating.drift_detected']);
    expect(series.events[0]).toMatchObject({ occurredAt: '2026-12-07T00:05:00.000Z', data: { policyVersion: 4, customers: 400, threshold: 0.25, baselineSource: 'training', psi: series.points[0]!.psi } });
    expect(series.events[0]!.data['psi']).toBeGreaterThan(0.25);
    expect(series.events[0]).not.toHaveProperty('customerId');
  });

  it("uses the policy's own threshold", async () => {
    const live = gaussianScores(1000, 605, 4).map((s, i) => rated(`c-${i}`, s, 5));
    const strict = memorySeries();
    const outcome = await runDriftJob({ activePolicy: async () => withDistribution(5, development, 0.01), portfolio: { profiles: () => profilesOf(live) }, series: strict, clock: clockAt('2026-12-07T00:00:00.000Z') })();
    expect(outcome).toMatchObject({ outcome: 'recorded', point: { threshold: 0.01 } });
    const point = strict.points[0]!;
    expect(point.psi).toBeGreaterThan(0.01);
    expect(point.psi).toBeLessThan(0.25);
    expect(point.drifted).toBe(true);
    expect(strict.events).toHaveLength(1);
  });

  it('skips a policy without a stored distribution and writes nothing', async () => {
    const series = memorySeries();
    const outcome = await runDriftJob({ activePolicy: async () => DEFAULT_POLICY, portfolio: { profiles: () => profilesOf([rated('c', 600, 1)]) }, series, clock: clockAt('2026-12-07T00:00:00.000Z') })();
    expect(outcome).toEqual({ outcome: 'no_distribution', policyVersion: DEFAULT_POLICY.version });
    expect(series.points).toEqual([]);
  });

  it('records PSI 0 with no customers counted when no active customer is rated under the version', async () => {
    const series = memorySeries();
    const outcome = await runDriftJob({ activePolicy: async () => withDistribution(6, development), portfolio: { profiles: () => profilesOf([rated('c', 600, 1)]) }, series, clock: clockAt('2026-12-07T00:00:00.000Z') })();
    expect(outcome).toMatchObject({ outcome: 'recorded', point: { customers: 0, psi: 0, drifted: false } });
  });
});

describe('ScoreDistributionSchema', () => {
  it('refuses shares that do not match the bins, edges that do not ascend and shares that do not sum to 1, naming the path', () => {
    const result = ScoreDistributionSchema.safeParse({ edges: [500, 480], shares: [0.5, 0.6], rows: 10 });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['shares', 'edges.1']));
    expect(ScoreDistributionSchema.safeParse({ ...scoreDistribution([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), extra: 1 }).success).toBe(false);
  });

  it('is optional in the training section: a policy stored without it still parses', () => {
    const { scoreDistribution: _dropped, ...training } = withDistribution(2, [1, 2, 3]).training!;
    expect(parsePolicy({ ...structuredClone(DEFAULT_POLICY), training }).training).not.toHaveProperty('scoreDistribution');
  });
});
