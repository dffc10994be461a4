import { describe, expect, it } from 'vitest';
import { alertsForEvent, evaluateAlerts, evaluateAnomaly, evaluateRules } from '../../../shared/domain/alerts/evaluate-alerts.js';
import { EMPTY_BASELINE } from '../../../shared/domain/alerts/anomaly-baseline.js';
import { parsePolicy } from '../../../shared/domain/rating/policy.js';
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

const withRules = (rules: unknown[], extra: Record<string, unknown> = {}) =>
  parsePolicy({ ...(JSON.parse(JSON.stringify(DEFAULT_POLICY)) as Record<string, unknown>), alerts: { ...DEFAULT_POLICY.alerts, rules, ...extra } });

describe('evaluateRules', () => {
  it('fires a DPD rule on the crossing only, with its dedupe key and severity', () => {
    const policy = withRules([{ id: 'dpd-15', kind: 'dpd', severity: 'critical', thresholds: [15], dedupeKey: '{rule}:{customerId}:{detail}' }]);
    const prev = rateProfile(late(10), policy, NOW);
    const next = rateProfile(late(20), policy, NOW);
    expect(evaluateRules(prev, next, late(20), policy)).toEqual([expect.objectContaining({ type: 'dpd-15', severity: 'critical', dedupeKey: 'dpd-15:cust-1:15' })]);
    expect(evaluateRules(next, rateProfile(late(22), policy, NOW), late(22), policy)).toEqual([]);
  });

  it('stays quiet within the cool-down of the same dedupe key and fires after it', () => {
    const policy = withRules([{ id: 'dpd-15', kind: 'dpd', severity: 'warning', thresholds: [15], cooldownHours: 48 }]);
    const prev = rateProfile(late(10), policy, NOW);
    const next = rateProfile(late(20), policy, NOW);
    const recent = { 'dpd-15:cust-1': new Date(NOW.getTime() - 24 * 3_600_000).toISOString() };
    const old = { 'dpd-15:cust-1': new Date(NOW.getTime() - 49 * 3_600_000).toISOString() };
    expect(evaluateRules(prev, next, late(20), policy, recent)).toEqual([]);
    expect(evaluateRules(prev, next, late(20), policy, old)).toHaveLength(1);
  });

  it('fires a utilisation rule when exposure first passes the share of the limit', () => {
    const policy = withRules([{ id: 'util', kind: 'utilisation', severity: 'warning', abovePercent: 1 }]);
    const p = tradingProfile();
    const next = rateProfile(p, policy, NOW);
    expect(next.limit?.recommended.amountMinor).toBeGreaterThan(0);
    expect(evaluateRules(undefined, next, p, policy)).toEqual([expect.objectContaining({ type: 'util', details: expect.objectContaining({ kind: 'utilisation' }) })]);
    expect(evaluateRules(next, next, p, policy)).toEqual([]);
  });

  it('fires a PD-jump rule when the PD rises by the set amount', () => {
    const policy = withRules([{ id: 'pd', kind: 'pd_jump', severity: 'warning', minIncrease: 0.01 }]);
    const good = rateProfile(tradingProfile(), policy, NOW);
    const bad = rateProfile(late(70), policy, NOW);
    expect(bad.pd! - good.pd!).toBeGreaterThanOrEqual(0.01);
    expect(evaluateRules(good, bad, late(70), policy).map((a) => a.type)).toEqual(['pd']);
    expect(evaluateRules(bad, good, tradingProfile(), policy)).toEqual([]);
  });

  it('turns a domain event of a named type into an alert', () => {
    const policy = withRules([{ id: 'drift', kind: 'event', severity: 'info', eventType: 'rating.drift_detected' }]);
    expect(alertsForEvent('rating.drift_detected', 'portfolio', policy, NOW)).toEqual([expect.objectContaining({ type: 'drift', severity: 'info', dedupeKey: 'drift:portfolio' })]);
    expect(alertsForEvent('security.break_glass_used', 'portfolio', policy, NOW)).toEqual([]);
  });

  it('raises an anomaly alert from the incremental baseline once it has six periods', () => {
    const policy = withRules([{ id: 'volume', kind: 'anomaly', severity: 'warning', metric: 'order_volume', period: 'week', direction: 'up' }]);
    const rule = policy.alerts.rules[0]! as Extract<(typeof policy.alerts.rules)[number], { kind: 'anomaly' }>;
    let baseline = EMPTY_BASELINE;
    const week = (i: number) => new Date(Date.UTC(2026, 9, 5 + 7 * i));
    [10, 12, 11, 9, 10, 11].forEach((v, i) => {
      const r = evaluateAnomaly(rule, 'cust-1', baseline, v, week(i), policy);
      expect(r.alert).toBeUndefined();
      baseline = r.baseline;
    });
    const shock = evaluateAnomaly(rule, 'cust-1', baseline, 40, week(6), policy);
    expect(shock.alert).toMatchObject({ type: 'volume', details: { kind: 'anomaly', metric: 'order_volume', period: '2026-W47', periods: 6 } });
    expect(shock.baseline.n).toBe(7);
  });
});
