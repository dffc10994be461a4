import type { Clock } from '../clock.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { Cadence } from './cadence.js';
import { reviewsDue, type CadenceCandidate, type ReviewDue } from './cadence.js';
import type { AlertRecord, AlertStatus } from './alert-lifecycle.js';
import type { AlertSeverity } from './alert-rules.js';

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };
const ACTIVE: readonly AlertStatus[] = ['open', 'acknowledged', 'snoozed'];

export interface ReviewsDueDeps {
  portfolio: { profiles(): AsyncIterable<CustomerProfile> };
  alerts: { list(filter: { status: AlertStatus }): Promise<AlertRecord[]> };
  /** The active policy's `cadence` section. */
  cadence: () => Promise<Cadence>;
  clock: Clock;
}

/**
 * The "reviews due" list over the stored portfolio: every active, rated customer whose re-rating is
 * late beyond `graceHours` under the active policy's cadence (by grade, faster while an alert of the
 * cadence's severity is open). Most late first; see {@link reviewsDue}.
 */
export const listReviewsDue = ({ portfolio, alerts, cadence, clock }: ReviewsDueDeps) => async (graceHours: number): Promise<ReviewDue[]> => {
  const worst = new Map<string, AlertSeverity>();
  for (const status of ACTIVE) {
    for (const alert of await alerts.list({ status })) {
      const seen = worst.get(alert.customerId);
      if (seen === undefined || RANK[alert.severity] > RANK[seen]) worst.set(alert.customerId, alert.severity);
    }
  }
  const candidates: CadenceCandidate[] = [];
  for await (const profile of portfolio.profiles()) {
    if (profile.status !== 'active' || !profile.rating) continue;
    const severity = worst.get(profile.customerId);
    candidates.push({
      customerId: profile.customerId,
      ...(profile.rating.grade !== undefined ? { grade: profile.rating.grade } : {}),
      lastRatedAt: profile.rating.ratedAt,
      ...(severity ? { openAlertSeverity: severity } : {}),
    });
  }
  return reviewsDue(candidates, await cadence(), clock.now(), graceHours);
};
