import { describe, expect, it } from 'vitest';
import type { AlertRecord, AlertStatus } from '../../../shared/domain/alerts/alert-lifecycle.js';
import type { Cadence } from '../../../shared/domain/alerts/cadence.js';
import { listReviewsDue } from '../../../shared/domain/alerts/reviews-due.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import type { CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';

const now = new Date('2026-12-07T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const cadence: Cadence = {
  rerateHours: { default: 24, byGrade: { CCC: 12 } },
  bureauRefreshDays: { default: 90, byGrade: {} },
  openAlerts: { severity: 'warning', rerateHours: 6, bureauRefreshDays: 7 },
  bureauBudget: { pulls: 10, period: 'day' },
};
/** Only the fields the list reads. */
const profile = (customerId: string, over: { status?: string; grade?: string; ratedHoursAgo?: number }) =>
  ({ customerId, status: over.status ?? 'active', ...(over.ratedHoursAgo === undefined ? {} : { rating: { grade: over.grade ?? 'BB', ratedAt: hoursAgo(over.ratedHoursAgo) } }) }) as unknown as CustomerProfile;
const alert = (customerId: string, severity: AlertRecord['severity'], status: AlertStatus) => ({ customerId, severity, status }) as AlertRecord;

describe('listReviewsDue', () => {
  const run = (profiles: CustomerProfile[], alerts: AlertRecord[], grace = 0) =>
    listReviewsDue({
      portfolio: { profiles: async function* () { yield* profiles; } },
      alerts: { list: async ({ status }) => alerts.filter((a) => a.status === status) },
      cadence: async () => cadence,
      clock: fixedClock(now.toISOString()),
    })(grace);

  it('lists active rated customers whose re-rating is late, faster while an alert of the cadence severity is open, most late first', async () => {
    const due = await run(
      [
        profile('on-time', { ratedHoursAgo: 10 }),
        profile('late', { ratedHoursAgo: 30 }),
        profile('alerting', { ratedHoursAgo: 10 }),
        profile('info-only', { ratedHoursAgo: 10 }),
        profile('closed-alert', { ratedHoursAgo: 10 }),
        profile('merged', { status: 'merged', ratedHoursAgo: 100 }),
        profile('unrated', {}),
      ],
      [alert('alerting', 'critical', 'snoozed'), alert('info-only', 'info', 'open'), alert('closed-alert', 'critical', 'resolved')],
    );
    expect(due.map((d) => [d.customerId, d.lateHours])).toEqual([
      ['late', 6],
      ['alerting', 4],
    ]);
    expect(due.every((d) => d.kind === 'rerating')).toBe(true);
  });

  it('leaves out re-ratings late by no more than the grace hours', async () => {
    expect((await run([profile('late', { ratedHoursAgo: 30 }), profile('later', { ratedHoursAgo: 40 })], [], 8)).map((d) => d.customerId)).toEqual(['later']);
  });
});
