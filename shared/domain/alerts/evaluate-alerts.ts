import { z } from 'zod';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { viewProfile, worstDaysPastDue } from '../rating/features.js';
import { gradeOrder, type RiskPolicy } from '../rating/policy.js';
import type { RatingResult } from '../rating/rating-result.js';
import { dedupeKeyOf, type AlertRule } from './alert-rules.js';
import { observe, periodKey, type AnomalyBaseline } from './anomaly-baseline.js';

export const AlertSchema = z.object({
  /** Built-in rule (`grade_downgrade`, `dpd_threshold`, `default`) or the id of a policy rule. */
  type: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  /** Dedupe key (policy rules); cool-downs and folding of repeated firings use it. */
  dedupeKey: z.string().optional(),
  /** Stable text for the risk console; carries no personal data. */
  message: z.string(),
  /** Emergency measure the worker must apply (e.g. freeze the limit). */
  measure: z.enum(['freeze_limit']).optional(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type Alert = z.infer<typeof AlertSchema>;

/**
 * Alerts raised by a new rating: a downgrade of at least `downgradeNotches`, the worst days past
 * due crossing a threshold (only on the crossing, compared with the previous rating), and the
 * default definition being met for the first time (with the policy's emergency measure, unless the
 * customer is already frozen). Pure; the worker persists and delivers them.
 */
export const evaluateAlerts = (
  prev: RatingResult | undefined,
  next: RatingResult,
  profile: CustomerProfile,
  policy: RiskPolicy,
): Alert[] => {
  const alerts: Alert[] = [];
  const order = gradeOrder(policy);
  const pi = prev?.grade === undefined ? -1 : order.indexOf(prev.grade);
  const ni = next.grade === undefined ? -1 : order.indexOf(next.grade);
  if (pi >= 0 && ni >= 0 && ni - pi >= policy.alerts.downgradeNotches) {
    alerts.push({
      type: 'grade_downgrade',
      severity: ni - pi >= 2 * policy.alerts.downgradeNotches ? 'critical' : 'warning',
      message: `Grade dropped ${ni - pi} notches from ${prev!.grade} to ${next.grade}`,
      details: { from: prev!.grade!, to: next.grade!, notches: ni - pi },
    });
  }

  const dpd = next.worstDaysPastDue ?? worstDaysPastDue(viewProfile(profile, new Date(next.ratedAt))) ?? 0;
  const prevDpd = prev?.worstDaysPastDue ?? 0;
  const crossed = policy.alerts.dpdThresholds.filter((t) => dpd >= t && prevDpd < t && t < policy.grades.defaultDpd);
  const highest = crossed[crossed.length - 1];
  if (highest !== undefined) {
    alerts.push({
      type: 'dpd_threshold',
      severity: 'warning',
      message: `Payments are ${dpd} days past due (threshold ${highest})`,
      details: { daysPastDue: dpd, threshold: highest },
    });
  }

  const defaulted = next.defaulted ?? dpd >= policy.grades.defaultDpd;
  const wasDefaulted = prev?.defaulted ?? (prev !== undefined && prevDpd >= policy.grades.defaultDpd);
  if (defaulted && !wasDefaulted) {
    const freeze = policy.measures.onDefault === 'freeze_limit' && profile.freeze === undefined;
    alerts.push({
      type: 'default',
      severity: 'critical',
      message: `Default definition met: ${dpd} days past due (≥ ${policy.grades.defaultDpd})${freeze ? '; limit frozen' : ''}`,
      ...(freeze ? { measure: 'freeze_limit' as const } : {}),
      details: { daysPastDue: dpd, defaultDpd: policy.grades.defaultDpd },
    });
  }
  return alerts;
};

/** Last firing per dedupe key, for cool-downs (kept by the caller, e.g. in the alert store). */
export type LastFired = Readonly<Record<string, string>>;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Whether `rule` is quiet at `now` because an alert with `key` fired within its cool-down. */
export const inCooldown = (rule: AlertRule, key: string, lastFired: LastFired, defaultHours: number, now: Date): boolean => {
  const last = lastFired[key];
  if (last === undefined) return false;
  return now.getTime() - Date.parse(last) < (rule.cooldownHours ?? defaultHours) * 3_600_000;
};

/**
 * Alerts raised by the policy's `alerts.rules` for a new rating (rating-driven kinds: downgrade,
 * PD jump, DPD, default, bureau score drop, public record, utilisation). Each fires on the crossing
 * (previous rating vs new), carries its dedupe key, and stays quiet within its cool-down. Anomaly and
 * event rules are fed by {@link evaluateAnomaly} and {@link alertsForEvent}. Pure.
 */
export const evaluateRules = (prev: RatingResult | undefined, next: RatingResult, profile: CustomerProfile, policy: RiskPolicy, lastFired: LastFired = {}): Alert[] => {
  const alerts: Alert[] = [];
  const now = new Date(next.ratedAt);
  const order = gradeOrder(policy);
  const dpd = next.worstDaysPastDue ?? worstDaysPastDue(viewProfile(profile, now)) ?? 0;
  const prevDpd = prev?.worstDaysPastDue ?? 0;
  const fire = (rule: AlertRule, message: string, details: Alert['details'], detail = '') => {
    const dedupeKey = dedupeKeyOf(rule, profile.customerId, detail);
    if (inCooldown(rule, dedupeKey, lastFired, policy.alerts.cooldownHours, now)) return;
    alerts.push({ type: rule.id, severity: rule.severity, message, dedupeKey, details: { kind: rule.kind, ...details } });
  };
  for (const rule of policy.alerts.rules) {
    switch (rule.kind) {
      case 'downgrade': {
        const pi = prev?.grade === undefined ? -1 : order.indexOf(prev.grade);
        const ni = next.grade === undefined ? -1 : order.indexOf(next.grade);
        if (pi >= 0 && ni - pi >= rule.notches) fire(rule, `Grade dropped ${ni - pi} notches from ${prev!.grade} to ${next.grade}`, { from: prev!.grade!, to: next.grade!, notches: ni - pi });
        break;
      }
      case 'pd_jump': {
        const a = prev?.pd;
        const b = next.pd;
        if (a !== undefined && b !== undefined && b - a >= rule.minIncrease && (rule.minRatio === undefined || (a > 0 ? b / a >= rule.minRatio : true))) {
          fire(rule, `PD rose from ${a} to ${b}`, { from: a, to: b });
        }
        break;
      }
      case 'dpd': {
        const crossed = rule.thresholds.filter((t) => dpd >= t && prevDpd < t);
        const highest = crossed.at(-1);
        if (highest !== undefined) fire(rule, `Payments are ${dpd} days past due (threshold ${highest})`, { daysPastDue: dpd, threshold: highest }, String(highest));
        break;
      }
      case 'default': {
        const defaulted = next.defaulted ?? dpd >= policy.grades.defaultDpd;
        const was = prev?.defaulted ?? (prev !== undefined && prevDpd >= policy.grades.defaultDpd);
        if (defaulted && !was) fire(rule, `Default definition met: ${dpd} days past due`, { daysPastDue: dpd });
        break;
      }
      case 'bureau_score_drop': {
        const a = num(prev?.features?.[rule.feature]);
        const b = num(next.features?.[rule.feature]);
        if (a !== undefined && b !== undefined && a - b >= rule.points) fire(rule, `Bureau score dropped ${Math.round((a - b) * 100) / 100} points`, { from: a, to: b });
        break;
      }
      case 'public_record': {
        const a = num(prev?.features?.[rule.feature]) ?? 0;
        const b = num(next.features?.[rule.feature]);
        if (prev !== undefined && b !== undefined && b > a) fire(rule, `New public record (${b - a} more)`, { from: a, to: b });
        break;
      }
      case 'utilisation': {
        const limitOf = (r: RatingResult | undefined) => r?.limit?.recommended.amountMinor;
        const exposure = Math.max(0, profile.aggregates.exposure.openMinor);
        const util = (limit: number | undefined) => (limit !== undefined && limit > 0 ? (exposure * 100) / limit : undefined);
        const u = util(limitOf(next));
        const before = util(limitOf(prev));
        if (u !== undefined && u > rule.abovePercent && !(before !== undefined && before > rule.abovePercent)) {
          fire(rule, `Limit utilisation is ${Math.round(u)} % (above ${rule.abovePercent} %)`, { utilisationPercent: Math.round(u * 10) / 10, abovePercent: rule.abovePercent });
        }
        break;
      }
      case 'anomaly':
      case 'event':
        break;
    }
  }
  return alerts;
};

/** Alerts the policy's `event` rules raise for a domain event of `eventType` about `customerId` (or the portfolio). Pure. */
export const alertsForEvent = (eventType: string, customerId: string, policy: RiskPolicy, at: Date, lastFired: LastFired = {}, detail = ''): Alert[] =>
  policy.alerts.rules
    .filter((r) => r.kind === 'event' && r.eventType === eventType)
    .flatMap((rule) => {
      const dedupeKey = dedupeKeyOf(rule, customerId, detail);
      if (inCooldown(rule, dedupeKey, lastFired, policy.alerts.cooldownHours, at)) return [];
      return [{ type: rule.id, severity: rule.severity, message: `Event ${eventType}`, dedupeKey, details: { kind: 'event', eventType } }];
    });

/**
 * Feeds one period's value of an anomaly rule's metric: checks it against the customer's baseline
 * before folding it in (incremental, no rescans) and raises an alert when it is an outlier and the
 * rule is not cooling down. Returns the new baseline for the caller to store. Pure.
 */
export const evaluateAnomaly = (
  rule: Extract<AlertRule, { kind: 'anomaly' }>,
  customerId: string,
  baseline: AnomalyBaseline,
  value: number,
  at: Date,
  policy: RiskPolicy,
  lastFired: LastFired = {},
): { alert?: Alert; baseline: AnomalyBaseline } => {
  const period = periodKey(at, rule.period);
  const result = observe(baseline, value, rule, period);
  if (!result.fired) return { baseline: result.baseline };
  const dedupeKey = dedupeKeyOf(rule, customerId, period);
  if (inCooldown(rule, dedupeKey, lastFired, policy.alerts.cooldownHours, at)) return { baseline: result.baseline };
  const z = Math.round(result.z! * 100) / 100;
  return {
    baseline: result.baseline,
    alert: {
      type: rule.id,
      severity: rule.severity,
      message: `${rule.metric.replaceAll('_', ' ')} in ${period} is ${z} σ from this customer's own history`,
      dedupeKey,
      details: { kind: 'anomaly', metric: rule.metric, period, z, periods: baseline.n },
    },
  };
};
