import { z } from 'zod';
import { BureauIdSchema, type BureauId } from '../credit-summary.js';

/**
 * How old a report may get before a scheduled refresh: a default per bureau (business bureaus
 * change slowly, consumer files faster) tightened per rating grade (riskier grades refreshed
 * more often). `fallbackMaxAgeDays` covers bureaus without their own default.
 */
export const StalenessPolicySchema = z.object({
  defaultMaxAgeDays: z.partialRecord(BureauIdSchema, z.number().positive()),
  byGrade: z.record(z.string(), z.number().positive()),
  fallbackMaxAgeDays: z.number().positive().default(90),
});
export type StalenessPolicy = z.input<typeof StalenessPolicySchema>;

const DAY_MS = 86_400_000;

/** The effective maximum age in days: the stricter of the bureau default and the grade's limit. */
export const maxAgeDays = (policy: StalenessPolicy, grade: string | undefined, bureau?: BureauId): number => {
  const base = (bureau === undefined ? undefined : policy.defaultMaxAgeDays[bureau]) ?? policy.fallbackMaxAgeDays ?? 90;
  const byGrade = grade === undefined ? undefined : policy.byGrade[grade];
  return byGrade === undefined ? base : Math.min(base, byGrade);
};

/**
 * True when a report pulled at `lastPulledAt` is older than the allowed age at `now` (a report
 * never pulled is stale; one dated in the future is not). The age limit is inclusive.
 * @example isStale('2025-01-01T00:00:00Z', 'B', policy, new Date(), 'dnb')
 */
export const isStale = (
  lastPulledAt: string | Date | undefined,
  grade: string | undefined,
  policy: StalenessPolicy,
  now: Date,
  bureau?: BureauId,
): boolean => {
  if (lastPulledAt === undefined) return true;
  const pulledMs = typeof lastPulledAt === 'string' ? Date.parse(lastPulledAt) : lastPulledAt.getTime();
  if (Number.isNaN(pulledMs)) return true;
  return now.getTime() - pulledMs > maxAgeDays(policy, grade, bureau) * DAY_MS;
};
