import { z } from 'zod';
import { DomainError, type ErrorOptions } from '../../errors.js';
import { CustomerProfileSchema, type CustomerProfile } from '../../profile/customer-profile.js';

/** Profile versions are kept this long (DynamoDB TTL on `expiresAt`); docs/backtest.md, counted by the capacity plan. */
export const HISTORY_RETENTION_MONTHS = 24;

/** One kept version of a golden profile, as it was from `at` until the next version. */
export const ProfileSnapshotSchema = z.object({
  customerId: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  profile: CustomerProfileSchema,
  /** Epoch seconds: `at` + {@link HISTORY_RETENTION_MONTHS} months (DynamoDB TTL attribute). */
  expiresAt: z.number().int().positive(),
});
export type ProfileSnapshot = z.infer<typeof ProfileSnapshotSchema>;

/** Port: kept profile versions. */
export interface ProfileHistory {
  /** Time of the oldest kept version, or undefined when nothing is kept. */
  begins(): Promise<string | undefined>;
  /** Every customer's latest version at or before `asOf`. */
  asOf(asOf: Date): AsyncIterable<CustomerProfile>;
}

/** The `asOf` of a replay is before the kept history begins, or beyond its retention (HTTP 422). */
export class NoHistoryBeforeError extends DomainError {
  constructor(asOf: string, historyBegins: string | undefined, options: ErrorOptions = {}) {
    super('no_history_before', `No profile history before ${historyBegins ?? 'now (nothing is kept yet)'}: cannot replay the portfolio as of ${asOf}`, {
      ...options,
      details: { ...options.details, historyBegins: historyBegins ?? null, asOf },
    });
  }
}

/** Adds calendar months in UTC (day clamped to the month's end). */
export const addMonths = (d: Date, months: number): Date => {
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
};

/**
 * The snapshot to keep for a profile version written at `at`, with its TTL.
 * @example snapshotOf(profile, new Date('2026-01-31T00:00:00Z')).expiresAt // 2028-01-31 in epoch seconds
 */
export const snapshotOf = (profile: CustomerProfile, at: Date): ProfileSnapshot => ({
  customerId: profile.customerId,
  at: at.toISOString(),
  profile: structuredClone(profile),
  expiresAt: Math.floor(addMonths(at, HISTORY_RETENTION_MONTHS).getTime() / 1000),
});

/**
 * Refuses an `asOf` that the kept history cannot answer: before its first version, or older than the
 * retention window at `now` (expired versions may already be gone).
 */
export const assertReplayable = (asOf: Date, historyBegins: string | undefined, now: Date): void => {
  const retentionStart = addMonths(now, -HISTORY_RETENTION_MONTHS);
  if (historyBegins === undefined || asOf.getTime() < Date.parse(historyBegins) || asOf < retentionStart) {
    const begins = historyBegins === undefined ? undefined : new Date(Math.max(Date.parse(historyBegins), retentionStart.getTime())).toISOString();
    throw new NoHistoryBeforeError(asOf.toISOString(), begins);
  }
};

/**
 * The portfolio as it was at `asOf`: each customer's latest snapshot at or before it (merged and
 * pending profiles stay out, as in a live backtest). Snapshots may come in any order.
 */
export const portfolioAsOf = (snapshots: Iterable<ProfileSnapshot>, asOf: Date): CustomerProfile[] => {
  const latest = new Map<string, ProfileSnapshot>();
  const limit = asOf.getTime();
  for (const s of snapshots) {
    if (Date.parse(s.at) > limit) continue;
    const seen = latest.get(s.customerId);
    if (!seen || Date.parse(seen.at) < Date.parse(s.at)) latest.set(s.customerId, s);
  }
  return [...latest.values()].map((s) => s.profile).filter((p) => p.status === 'active');
};

/** An in-process {@link ProfileHistory} over a list of snapshots (tests, file-based backtests). */
export const snapshotHistory = (snapshots: readonly ProfileSnapshot[]): ProfileHistory => ({
  begins: async () => snapshots.map((s) => s.at).sort()[0],
  async *asOf(asOf: Date) {
    yield* portfolioAsOf(snapshots, asOf);
  },
});
