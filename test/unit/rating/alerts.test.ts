import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../../shared/domain/rating/alerts.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { rateProfile } from '../../../shared/domain/rating/rate-profile.js';
import { NOW, daysAgo, experian, tradingProfile } from '../../fixtures/rating/profiles.js';

const late = (dpd: number) => tradingProfile({ overdueMinor: 300_000, oldestOpenDueDaysAgo: dpd, maxDaysPastDue: dpd });

describe('evaluateAlerts', () => {
  it('raises nothing when the rating did not deteriorate', () => {
    const p = tradingProfile();
    const r = rateProfile(p, DEFAULT_POLICY, NOW);
    expect(evaluateAlerts(r, r, p, DEFAULT_POLICY)).toEqual([]);
  });

  it('raises a downgrade alert when the grade drops by the configured notches', () => {
    // Prepare
    const before = tradingProfile();
    before.credit.experian = experian(800);
    const after = tradingProfile({ lastOrderDaysAgo: 200, lateCount: 30, daysLateSum: 600 });
    after.credit.experian = experian(560);
    const prev = rateProfile(before, DEFAULT_POLICY, NOW);
    const next = rateProfile(after, DEFAULT_POLICY, NOW);
    // Act
    const alerts = evaluateAlerts(prev, next, after, DEFAULT_POLICY);
    // Assess
    const order = DEFAULT_POLICY.grades.scale.map((g) => g.grade);
    const notches = order.indexOf(next.grade!) - order.indexOf(prev.grade!);
    expect(notches).toBeGreaterThanOrEqual(2);
    expect(alerts).toContainEqual(expect.objectContaining({ type: 'grade_downgrade', details: { from: prev.grade!, to: next.grade!, notches } }));
  });

  it('raises a DPD alert only when a threshold is crossed, naming the highest one crossed', () => {
    const prev = rateProfile(late(10), DEFAULT_POLICY, NOW);
    const next = rateProfile(late(65), DEFAULT_POLICY, NOW);
    const crossing = evaluateAlerts(prev, next, late(65), DEFAULT_POLICY).filter((a) => a.type === 'dpd_threshold');
    const repeat = evaluateAlerts(next, rateProfile(late(70), DEFAULT_POLICY, NOW), late(70), DEFAULT_POLICY).filter((a) => a.type === 'dpd_threshold');
    expect(crossing).toEqual([expect.objectContaining({ details: { daysPastDue: 65, threshold: 60 } })]);
    expect(repeat).toEqual([]);
  });

  it('orders an emergency freeze once when the default definition is first met', () => {
    const prev = rateProfile(late(60), DEFAULT_POLICY, NOW);
    const next = rateProfile(late(91), DEFAULT_POLICY, NOW);
    const first = evaluateAlerts(prev, next, late(91), DEFAULT_POLICY);
    const again = evaluateAlerts(next, rateProfile(late(100), DEFAULT_POLICY, NOW), late(100), DEFAULT_POLICY);
    expect(first).toContainEqual(expect.objectContaining({ type: 'default', severity: 'critical', measure: 'freeze_limit' }));
    expect(again.filter((a) => a.type === 'default')).toEqual([]);
  });

  it('does not order a freeze for a customer who is already frozen', () => {
    const p = late(120);
    p.freeze = { reason: 'manual', frozenAt: daysAgo(2), by: 'admin-1' };
    const alerts = evaluateAlerts(undefined, rateProfile(p, DEFAULT_POLICY, NOW), p, DEFAULT_POLICY);
    const def = alerts.find((a) => a.type === 'default');
    expect(def).toBeDefined();
    expect(def?.measure).toBeUndefined();
  });
});
