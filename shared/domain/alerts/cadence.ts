import type { AlertSeverity } from './alert-rules.js';

/** The policy's `cadence` section (see shared/domain/rating/policy.ts). */
export interface Cadence {
  rerateHours: { default: number; byGrade: Record<string, number> };
  bureauRefreshDays: { default: number; byGrade: Record<string, number> };
  openAlerts: { severity: AlertSeverity; rerateHours: number; bureauRefreshDays: number };
  bureauBudget: { pulls: number; period: 'day' | 'week' | 'month' };
}

/** What the planner knows of one customer. */
export interface CadenceCandidate {
  customerId: string;
  grade?: string;
  lastRatedAt?: string;
  lastPulledAt?: string;
  /** Worst severity among the customer's open (not resolved) alerts. */
  openAlertSeverity?: AlertSeverity;
}

export interface CadenceDecision {
  customerId: string;
  action: 'rerate' | 'pull';
  /** Why now, for the run log: e.g. `grade B every 24 h; last 30 h ago`, `open critical alert: every 6 h`. */
  reason: string;
  /** How far past its due time, in hours (the budget goes to the most overdue first). */
  overdueHours: number;
}

export interface CadencePlan {
  rerate: CadenceDecision[];
  pull: CadenceDecision[];
  /** Pulls that were due but did not fit the bureau budget this period. */
  deferred: CadenceDecision[];
}

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };
const HOUR = 3_600_000;

/**
 * Decides which customers to re-rate and whose bureau report to refresh at `now`: each grade has
 * its cadence, an open alert of at least `openAlerts.severity` shortens it, and pulls stay within the
 * remaining bureau budget of the period (most overdue first; the rest are deferred and said so). Pure.
 */
export const planCadence = (candidates: readonly CadenceCandidate[], cadence: Cadence, now: Date, pullsUsedThisPeriod = 0): CadencePlan => {
  const rerate: CadenceDecision[] = [];
  const due: CadenceDecision[] = [];
  for (const c of candidates) {
    const alerting = c.openAlertSeverity !== undefined && RANK[c.openAlertSeverity] >= RANK[cadence.openAlerts.severity];
    const gradeRerate = (c.grade !== undefined ? cadence.rerateHours.byGrade[c.grade] : undefined) ?? cadence.rerateHours.default;
    const gradePull = ((c.grade !== undefined ? cadence.bureauRefreshDays.byGrade[c.grade] : undefined) ?? cadence.bureauRefreshDays.default) * 24;
    const rerateEvery = alerting ? Math.min(gradeRerate, cadence.openAlerts.rerateHours) : gradeRerate;
    const pullEvery = alerting ? Math.min(gradePull, cadence.openAlerts.bureauRefreshDays * 24) : gradePull;
    const why = (every: number, last: string | undefined) =>
      `${alerting ? `open ${c.openAlertSeverity} alert` : `grade ${c.grade ?? 'unrated'}`}: every ${every} h; ${last ? `last ${Math.round((now.getTime() - Date.parse(last)) / HOUR)} h ago` : 'never'}`;
    const overdue = (every: number, last: string | undefined) => (last === undefined ? Number.POSITIVE_INFINITY : (now.getTime() - Date.parse(last)) / HOUR - every);
    const r = overdue(rerateEvery, c.lastRatedAt);
    if (r >= 0) rerate.push({ customerId: c.customerId, action: 'rerate', reason: why(rerateEvery, c.lastRatedAt), overdueHours: r });
    const p = overdue(pullEvery, c.lastPulledAt);
    if (p >= 0) due.push({ customerId: c.customerId, action: 'pull', reason: why(pullEvery, c.lastPulledAt), overdueHours: p });
  }
  due.sort((a, b) => b.overdueHours - a.overdueHours || a.customerId.localeCompare(b.customerId));
  const room = Math.max(0, cadence.bureauBudget.pulls - pullsUsedThisPeriod);
  return { rerate, pull: due.slice(0, room), deferred: due.slice(room).map((d) => ({ ...d, reason: `${d.reason}; deferred: bureau budget of ${cadence.bureauBudget.pulls} per ${cadence.bureauBudget.period} spent` })) };
};

/** One late customer on the "reviews due" list. */
export interface ReviewDue {
  customerId: string;
  kind: 'rerating' | 'review';
  dueAt: string;
  lateHours: number;
  reason: string;
}

/**
 * The "reviews due" list: customers whose re-rating is late by more than `graceHours` under the
 * cadence (grade, open alerts), or whose scheduled credit review date has passed. Most late first. Pure.
 */
export const reviewsDue = (candidates: readonly (CadenceCandidate & { reviewDueAt?: string })[], cadence: Cadence, now: Date, graceHours = 0): ReviewDue[] => {
  const out: ReviewDue[] = [];
  const { rerate } = planCadence(candidates, { ...cadence, bureauBudget: { ...cadence.bureauBudget, pulls: 0 } }, now);
  for (const d of rerate) {
    if (d.overdueHours <= graceHours) continue;
    const c = candidates.find((x) => x.customerId === d.customerId)!;
    const late = Number.isFinite(d.overdueHours) ? d.overdueHours : Number.MAX_SAFE_INTEGER;
    const dueAt = c.lastRatedAt ? new Date(now.getTime() - d.overdueHours * HOUR).toISOString() : new Date(0).toISOString();
    out.push({ customerId: d.customerId, kind: 'rerating', dueAt, lateHours: Math.round(late * 10) / 10, reason: d.reason });
  }
  for (const c of candidates) {
    if (c.reviewDueAt === undefined) continue;
    const late = (now.getTime() - Date.parse(c.reviewDueAt)) / HOUR;
    if (late > graceHours) out.push({ customerId: c.customerId, kind: 'review', dueAt: c.reviewDueAt, lateHours: Math.round(late * 10) / 10, reason: `credit review was due ${c.reviewDueAt}` });
  }
  return out.sort((a, b) => b.lateHours - a.lateHours || a.customerId.localeCompare(b.customerId));
};
