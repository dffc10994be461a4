import { describe, expect, it } from 'vitest';
import { pointInTimeBacktest, PointInTimeReportSchema, type LabelledOutcome } from '../../../shared/domain/rating/backtest.js';
import { DEFAULT_POLICY, DEFAULT_POLICY_INPUT } from '../../../shared/domain/rating/default-policy.js';
import { checkDrift, psi, scoreBaseline } from '../../../shared/domain/rating/drift.js';
import {
  addMonths,
  assertReplayable,
  NoHistoryBeforeError,
  portfolioAsOf,
  snapshotOf,
  type ProfileSnapshot,
} from '../../../shared/domain/rating/history/profile-history.js';
import { parsePolicy } from '../../../shared/domain/rating/policy.js';
import { rateProfile } from '../../../shared/domain/rating/rate-profile.js';
import { prng, syntheticProfile } from '../../fixtures/rating/profiles.js';

const START = new Date('2025-01-01T00:00:00.000Z');
const CUSTOMERS = 240;

const draft = parsePolicy({
  ...structuredClone(DEFAULT_POLICY_INPUT),
  version: 2,
  status: 'draft',
  scorecard: { ...structuredClone(DEFAULT_POLICY_INPUT.scorecard), basePoints: 240 },
});

/**
 * A seeded 12-month history: a snapshot per customer and month; a fifth of the customers change
 * behaviour from month 4 on. Defaults are drawn from the month-6 state (delinquent customers
 * default far more often) and recorded in month 9; some goods carry an old default from month 2,
 * before the as-of date, which must not count.
 */
const simulate = () => {
  const rnd = prng(20261207);
  const snapshots: ProfileSnapshot[] = [];
  const outcomes: LabelledOutcome[] = [];
  for (let i = 0; i < CUSTOMERS; i += 1) {
    const changes = rnd() < 0.2;
    for (let m = 0; m < 12; m += 1) {
      const at = addMonths(START, m);
      const profile = { ...syntheticProfile(changes && m >= 4 ? i + 50_000 : i, at), customerId: `syn-${i}` };
      snapshots.push(snapshotOf(profile, at));
    }
    const atAsOf = syntheticProfile(changes ? i + 50_000 : i, addMonths(START, 6));
    const delinquent = atAsOf.aggregates.exposure.maxDaysPastDue >= 30 || atAsOf.aggregates.payments.lateCount > 10;
    if (rnd() < (delinquent ? 0.6 : 0.08)) outcomes.push({ customerId: `syn-${i}`, defaulted: true, at: addMonths(START, 9).toISOString() });
    else if (rnd() < 0.1) outcomes.push({ customerId: `syn-${i}`, defaulted: true, at: addMonths(START, 2).toISOString() });
  }
  return { snapshots, outcomes };
};

/** Independent AUC: the share of (bad, good) pairs the bad one has the higher PD, ties half. */
const pairwiseAuc = (pd: number[], bad: boolean[]): number => {
  let wins = 0;
  let pairs = 0;
  pd.forEach((pb, i) => {
    if (!bad[i]) return;
    pd.forEach((pg, j) => {
      if (bad[j]) return;
      pairs += 1;
      wins += pb > pg ? 1 : pb === pg ? 0.5 : 0;
    });
  });
  return wins / pairs;
};

/** Independent KS: the largest gap between the bads' and goods' PD distribution functions. */
const bruteKs = (pd: number[], bad: boolean[]): number => {
  const nb = bad.filter(Boolean).length;
  const ng = bad.length - nb;
  let best = 0;
  for (const t of new Set(pd)) {
    const fb = pd.filter((p, i) => bad[i] && p <= t).length / nb;
    const fg = pd.filter((p, i) => !bad[i] && p <= t).length / ng;
    best = Math.max(best, Math.abs(fb - fg));
  }
  return best;
};

describe('point-in-time backtest', () => {
  it('replays the portfolio as of a date and reports AUC and KS equal to an independent computation', () => {
    // Prepare
    const { snapshots, outcomes } = simulate();
    const asOf = addMonths(START, 6);
    const portfolio = portfolioAsOf(snapshots, asOf);
    // Act
    const report = pointInTimeBacktest({ portfolio, earlier: { asOf: START, portfolio: portfolioAsOf(snapshots, START) }, outcomes, active: DEFAULT_POLICY, draft, asOf });
    // Assess
    expect(PointInTimeReportSchema.parse(report)).toEqual(report);
    expect(portfolio).toHaveLength(CUSTOMERS - portfolio.filter((p) => p.status !== 'active').length);
    for (const [which, policy] of [['active', DEFAULT_POLICY], ['draft', draft]] as const) {
      const rated = portfolio.map((p) => rateProfile(p, policy, asOf)).map((r, k) => ({ r, id: portfolio[k]!.customerId }));
      const usable = rated.filter(({ r }) => r.status === 'rated' && !r.defaulted);
      const pd = usable.map(({ r }) => r.pd!);
      const bad = usable.map(({ id }) => outcomes.some((o) => o.customerId === id && o.at === addMonths(START, 9).toISOString()));
      expect(report.performance[which].customers).toBe(usable.length);
      expect(report.performance[which].defaults).toBe(bad.filter(Boolean).length);
      expect(report.performance[which].auc).toBeCloseTo(pairwiseAuc(pd, bad), 12);
      expect(report.performance[which].ks).toBeCloseTo(bruteKs(pd, bad), 12);
      const zero = rated.filter(({ r }) => r.status === 'rated' && (r.limit?.recommended.amountMinor ?? 0) === 0).length;
      expect(report.zeroLimitShare[which]).toBeCloseTo(zero / rated.filter(({ r }) => r.status === 'rated').length, 12);
    }
    expect(report.performance.active.auc).toBeGreaterThan(0.6);
    expect(report.portfolio.profiles).toBe(portfolio.length);
    expect(report.stability?.psi.active).toBeGreaterThan(0);
    expect(Object.keys(report.stability?.csi ?? {})).toEqual(expect.arrayContaining(['worst_dpd', 'orders_12m']));
  });

  it('replays each customer at its latest version on or before the date, not later ones', () => {
    const { snapshots } = simulate();
    const asOf = new Date(addMonths(START, 3).getTime() + 1000);
    const replayed = portfolioAsOf(snapshots, asOf);
    const expected = snapshots.filter((s) => s.at === addMonths(START, 3).toISOString() && s.profile.status === 'active').map((s) => s.profile);
    expect(replayed).toEqual(expected);
  });

  it('keeps snapshots 24 months and refuses a date before the history begins or beyond its retention (no_history_before)', () => {
    const s = snapshotOf(syntheticProfile(1, START), START);
    expect(new Date(s.expiresAt * 1000).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    const before = () => assertReplayable(new Date('2024-12-31T00:00:00Z'), START.toISOString(), new Date('2025-06-01T00:00:00Z'));
    expect(before).toThrow(NoHistoryBeforeError);
    expect(before).toThrow(expect.objectContaining({ code: 'no_history_before', details: expect.objectContaining({ historyBegins: START.toISOString() }) }));
    const expired = () => assertReplayable(new Date('2025-02-01T00:00:00Z'), START.toISOString(), new Date('2027-06-01T00:00:00Z'));
    expect(expired).toThrow(expect.objectContaining({ details: expect.objectContaining({ historyBegins: '2025-06-01T00:00:00.000Z' }) }));
    expect(() => assertReplayable(new Date('2025-02-01T00:00:00Z'), START.toISOString(), new Date('2025-06-01T00:00:00Z'))).not.toThrow();
    expect(() => assertReplayable(START, undefined, START)).toThrow(NoHistoryBeforeError);
  });
});

describe('drift', () => {
  it('computes PSI as Σ (a − e)·ln(a/e)', () => {
    expect(psi([0.5, 0.5], [0.5, 0.5])).toBe(0);
    expect(psi([0.5, 0.5], [0.8, 0.2])).toBeCloseTo(0.3 * Math.log(1.6) + 0.3 * Math.log(2.5), 12);
  });

  it('flags live scores that moved away from the baseline above 0.25, not a resample of the same distribution', () => {
    const rnd = prng(7);
    const base = Array.from({ length: 2000 }, () => 500 + 100 * rnd());
    const baseline = scoreBaseline(base, 'training');
    const same = checkDrift(Array.from({ length: 2000 }, () => 500 + 100 * rnd()), baseline, 3, START);
    const shifted = checkDrift(Array.from({ length: 2000 }, () => 560 + 100 * rnd()), baseline, 3, START);
    expect(same.drifted).toBe(false);
    expect(same.psi).toBeLessThan(0.05);
    expect(shifted.drifted).toBe(true);
    expect(shifted.psi).toBeGreaterThan(0.25);
  });
});
