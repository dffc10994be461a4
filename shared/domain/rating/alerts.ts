import { z } from 'zod';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { viewProfile, worstDaysPastDue } from './features.js';
import { gradeOrder, type RiskPolicy } from './policy.js';
import type { RatingResult } from './rating-result.js';

export const AlertSchema = z.object({
  type: z.enum(['grade_downgrade', 'dpd_threshold', 'default']),
  severity: z.enum(['warning', 'critical']),
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
