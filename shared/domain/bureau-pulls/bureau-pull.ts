import { z } from 'zod';
import { BureauIdSchema, type BureauId } from '../credit/credit-summary.js';
import { PermissiblePurposeSchema } from '../credit/pull/consent.js';
import { StalenessPolicySchema } from '../credit/pull/staleness.js';

/** Why a pull was started. */
export const PullTriggerSchema = z.enum(['on_demand', 'first_seen', 'stale']);
export type PullTrigger = z.infer<typeof PullTriggerSchema>;

/**
 * Lifecycle of one bureau pull: `queued` (waiting, also while retried or throttled) →
 * `completed` (report in the profile) | `review` (subject mismatch: archived, flagged, not
 * merged) | `failed` (with a stable `reason`: consent_required, budget_exceeded,
 * subject_not_found, malformed_report, bureau_rejected, ...).
 */
export const PullStatusSchema = z.enum(['queued', 'completed', 'review', 'failed']);
export type PullStatus = z.infer<typeof PullStatusSchema>;

export const BureauPullSchema = z.object({
  pullId: z.string().regex(/^pull_[0-9A-Z]{26}$/),
  customerId: z.string().min(1),
  bureau: BureauIdSchema,
  purpose: PermissiblePurposeSchema.optional(),
  trigger: PullTriggerSchema,
  requestedBy: z.string().min(1),
  status: PullStatusSchema,
  reason: z.string().optional(),
  detail: z.string().optional(),
  reportId: z.string().optional(),
  subjectMatch: z.enum(['match', 'mismatch', 'review']).optional(),
  /** True once this pull has been charged against the bureau's monthly budget (charged once). */
  charged: z.boolean().default(false),
  attempts: z.number().int().nonnegative().default(0),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type BureauPull = z.infer<typeof BureauPullSchema>;

/** Body of `POST /v1/customers/{id}/bureau-pulls`. */
export const RequestPullSchema = z.object({ bureau: BureauIdSchema, purpose: PermissiblePurposeSchema.optional() }).strict();
export type RequestPull = z.infer<typeof RequestPullSchema>;

/**
 * The message on the `bureauPulls` queue. `attempt` counts explicit delayed re-enqueues (any
 * reason); `failures` counts the transient bureau failures (5xx, timeout) among them, which
 * set the exponential backoff and are bounded by `retry.maxAttempts`.
 */
export const PullMessageSchema = z.object({
  pullId: z.string().min(1),
  customerId: z.string().min(1),
  bureau: BureauIdSchema,
  attempt: z.number().int().nonnegative().default(0),
  failures: z.number().int().nonnegative().default(0),
});
export type PullMessage = z.infer<typeof PullMessageSchema>;

/** First-seen message: a new customer; pulls start for bureaus its standing consents cover. */
export const FirstSeenMessageSchema = z.object({ firstSeen: z.literal(true), customerId: z.string().min(1) });

export const BureauLimitsSchema = z.object({
  /** Cost of one pull, in minor units of the budget currency. */
  costMinor: z.number().int().nonnegative(),
  monthlyBudgetMinor: z.number().int().nonnegative(),
  ratePerSecond: z.number().positive(),
  burst: z.number().positive(),
});
export type BureauLimits = z.infer<typeof BureauLimitsSchema>;

const DEFAULT_LIMITS: Record<BureauId, BureauLimits> = {
  experian: { costMinor: 150, monthlyBudgetMinor: 500_000, ratePerSecond: 5, burst: 10 },
  equifax: { costMinor: 150, monthlyBudgetMinor: 500_000, ratePerSecond: 5, burst: 10 },
  transunion: { costMinor: 150, monthlyBudgetMinor: 500_000, ratePerSecond: 5, burst: 10 },
  dnb: { costMinor: 900, monthlyBudgetMinor: 1_000_000, ratePerSecond: 5, burst: 5 },
  creditsafe: { costMinor: 400, monthlyBudgetMinor: 500_000, ratePerSecond: 3, burst: 5 },
  pboc: { costMinor: 250, monthlyBudgetMinor: 300_000, ratePerSecond: 2, burst: 4 },
};

/**
 * Pull pipeline configuration (env `BUREAU_PULL_CONFIG`, JSON; every key optional): per-bureau
 * cost, monthly budget and rate limit; circuit breaker; retry; collapse window; staleness
 * policy; which bureaus a new customer is pulled from when a standing consent covers them.
 */
export const BureauPullConfigSchema = z.object({
  bureaus: z.partialRecord(BureauIdSchema, BureauLimitsSchema.partial()).default({}),
  circuit: z
    .object({ failureThreshold: z.number().int().positive().default(5), windowMs: z.number().int().positive().default(60_000), coolDownMs: z.number().int().positive().default(30_000) })
    .prefault({}),
  /** Explicit re-enqueues (429 Retry-After, throttling, open circuit) before the pull fails. */
  maxDeferrals: z.number().int().nonnegative().default(20),
  /**
   * Transient bureau failures (5xx, timeout): re-enqueued with full-jitter exponential backoff
   * (`backoffDelayMs(failures, { baseMs, capMs })`, at most 15 min, the SQS delay cap); the
   * `maxAttempts`-th failure fails the pull with `retries_exhausted`.
   */
  retry: z
    .object({ maxAttempts: z.number().int().positive().default(6), baseMs: z.number().int().positive().default(2_000), capMs: z.number().int().positive().default(300_000) })
    .prefault({}),
  /**
   * A pull still `queued` this long after its last change has lost its message (dead-lettered
   * after maxReceiveCount × visibility timeout, or dropped): the sweep marks it
   * `failed/dead_lettered` and frees its collapse key. Default 1 h > 6 receives × 6 min + 15 min delay.
   */
  deadLetterAfterMs: z.number().int().positive().default(60 * 60_000),
  collapseWindowMs: z.number().int().positive().default(15 * 60_000),
  staleness: StalenessPolicySchema.prefault({
    defaultMaxAgeDays: { experian: 30, equifax: 30, transunion: 30, pboc: 30, dnb: 90, creditsafe: 90 },
    byGrade: { C: 14, CC: 14, CCC: 14, D: 7 },
  }),
  firstSeen: z.object({ business: z.array(BureauIdSchema).default(['dnb']), consumer: z.array(BureauIdSchema).default(['experian']) }).prefault({}),
});
export type BureauPullConfig = z.output<typeof BureauPullConfigSchema>;

/** The effective limits of a bureau: configured values over the defaults. */
export const limitsFor = (config: BureauPullConfig, bureau: BureauId): BureauLimits => ({ ...DEFAULT_LIMITS[bureau], ...config.bureaus[bureau] });

/** Parses the configuration JSON (absent = defaults); throws a configuration error naming the bad paths. */
export const parseBureauPullConfig = (json: string | undefined): BureauPullConfig => {
  let value: unknown = {};
  if (json !== undefined && json.trim() !== '') {
    try {
      value = JSON.parse(json);
    } catch (cause) {
      throw new Error('BUREAU_PULL_CONFIG is not JSON', { cause });
    }
  }
  const parsed = BureauPullConfigSchema.safeParse(value);
  if (!parsed.success) throw new Error(`BUREAU_PULL_CONFIG is invalid: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return parsed.data;
};
