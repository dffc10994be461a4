import { describe, expect, it } from 'vitest';
import { planCadence, reviewsDue, type Cadence } from '../../../shared/domain/alerts/cadence.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();
const CADENCE: Cadence = {
  rerateHours: { default: 24, byGrade: { AAA: 168, CCC: 12 } },
  bureauRefreshDays: { default: 90, byGrade: { CCC: 30 } },
  openAlerts: { severity: 'warning', rerateHours: 6, bureauRefreshDays: 7 },
  bureauBudget: { pulls: 2, period: 'day' },
};

describe('planCadence', () => {
  it('re-rates by grade: a good grade weekly, a weak one twice a day', () => {
    const plan = planCadence(
      [
        { customerId: 'good', grade: 'AAA', lastRatedAt: hoursAgo(30), lastPulledAt: hoursAgo(24) },
        { customerId: 'weak', grade: 'CCC', lastRatedAt: hoursAgo(13), lastPulledAt: hoursAgo(24) },
      ],
      CADENCE,
      NOW,
    );
    expect(plan.rerate.map((d) => [d.customerId, d.reason])).toEqual([['weak', 'grade CCC: every 12 h; last 13 h ago']]);
    expect(plan.pull).toEqual([]);
  });

  it('speeds up both cadences while an alert of at least the set severity is open', () => {
    const c = { customerId: 'alerting', grade: 'AAA', lastRatedAt: hoursAgo(7), lastPulledAt: hoursAgo(8 * 24) };
    expect(planCadence([{ ...c, openAlertSeverity: 'info' }], CADENCE, NOW)).toMatchObject({ rerate: [], pull: [] });
    const plan = planCadence([{ ...c, openAlertSeverity: 'critical' }], CADENCE, NOW);
    expect(plan.rerate[0]?.reason).toBe('open critical alert: every 6 h; last 7 h ago');
    expect(plan.pull.map((d) => d.customerId)).toEqual(['alerting']);
  });

  it('keeps pulls within the bureau budget, most overdue first, and says what it deferred', () => {
    const plan = planCadence(
      [
        { customerId: 'a', grade: 'BB', lastRatedAt: hoursAgo(1), lastPulledAt: hoursAgo(100 * 24) },
        { customerId: 'b', grade: 'BB', lastRatedAt: hoursAgo(1) },
        { customerId: 'c', grade: 'BB', lastRatedAt: hoursAgo(1), lastPulledAt: hoursAgo(95 * 24) },
      ],
      CADENCE,
      NOW,
      1,
    );
    expect(plan.pull.map((d) => d.customerId)).toEqual(['b']);
    expect(plan.deferred.map((d) => d.customerId)).toEqual(['a', 'c']);
    expect(plan.deferred[0]!.reason).toContain('deferred: bureau budget of 2 per day spent');
  });

  it('reads the policy section defaults', () => {
    const plan = planCadence([{ customerId: 'x', grade: 'A', lastRatedAt: hoursAgo(25), lastPulledAt: hoursAgo(1) }], DEFAULT_POLICY.cadence, NOW);
    expect(plan.rerate.map((d) => d.customerId)).toEqual(['x']);
  });
});

describe('reviewsDue', () => {
  it('lists customers whose re-rating or credit review is late, most late first, past the grace', () => {
    const due = reviewsDue(
      [
        { customerId: 'on-time', grade: 'BB', lastRatedAt: hoursAgo(2) },
        { customerId: 'late-rating', grade: 'CCC', lastRatedAt: hoursAgo(20) },
        { customerId: 'in-grace', grade: 'BB', lastRatedAt: hoursAgo(25) },
        { customerId: 'late-review', grade: 'AAA', lastRatedAt: hoursAgo(1), reviewDueAt: hoursAgo(48) },
      ],
      CADENCE,
      NOW,
      2,
    );
    expect(due.map((d) => [d.customerId, d.kind, d.lateHours])).toEqual([
      ['late-review', 'review', 48],
      ['late-rating', 'rerating', 8],
    ]);
    expect(due[1]).toMatchObject({ dueAt: hoursAgo(8), reason: 'grade CCC: every 12 h; last 20 h ago' });
  });
});
