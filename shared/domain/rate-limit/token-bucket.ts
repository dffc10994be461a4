import { z } from 'zod';
import { DomainError } from '../errors.js';

/** Route classes with their own bucket per principal: reads (GET), writes (other methods), bulk (imports, exports, backtests). */
export const RATE_CLASSES = ['read', 'write', 'bulk'] as const;
export type RateClass = (typeof RATE_CLASSES)[number];

/** One bucket: holds at most `burst` tokens and refills `perSecond` tokens a second; a request takes one. */
export const BucketLimitSchema = z.strictObject({
  burst: z.number().int().min(1).max(100_000),
  perSecond: z.number().positive().max(100_000),
});
export type BucketLimit = z.infer<typeof BucketLimitSchema>;
export type RateLimits = Record<RateClass, BucketLimit>;

/** Defaults per principal (OWASP API4); a deployment overrides any class with the `RATE_LIMITS` setting. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  read: { burst: 600, perSecond: 100 },
  write: { burst: 300, perSecond: 50 },
  bulk: { burst: 30, perSecond: 1 },
};

/** The `RATE_LIMITS` setting: JSON naming the classes to override, e.g. `{"write":{"burst":5,"perSecond":1}}`. */
export const RateLimitsSettingSchema = z.strictObject({
  read: BucketLimitSchema.optional(),
  write: BucketLimitSchema.optional(),
  bulk: BucketLimitSchema.optional(),
});

/**
 * A bucket's whole state is one number, `fullAt` (epoch ms): the moment it would hold `burst`
 * tokens again. With that, tokens at `now` = burst − (fullAt − now) × perSecond / 1000 (never
 * more than `burst`): the generic cell rate algorithm, a token bucket written so that one
 * conditional write updates it.
 */
export interface BucketDecision {
  allowed: boolean;
  /** The bucket's new `fullAt` when allowed (unchanged when refused). */
  fullAt: number;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Refused: ms until one token is back. */
  retryAfterMs: number;
  /** ms until the bucket is full again. */
  resetMs: number;
}

/**
 * Slack in comparisons, ms: epoch milliseconds near 1.8e12 carry ~0.0002 ms of floating-point error, so
 * a bucket at exactly its limit must not be refused for rounding. Admitting 10 µs early is harmless.
 */
export const CLOCK_SLACK_MS = 0.01;

/**
 * Takes one token from a bucket whose state is `fullAt` (undefined: never used, so full).
 * @example takeToken(undefined, 1_000, { burst: 2, perSecond: 1 }) // { allowed: true, fullAt: 2_000, remaining: 1, … }
 */
export const takeToken = (fullAt: number | undefined, now: number, limit: BucketLimit): BucketDecision => {
  const msPerToken = 1000 / limit.perSecond;
  // The bucket may run at most (burst − 1) tokens ahead before the request that takes the last one.
  const tolerance = (limit.burst - 1) * msPerToken;
  const start = Math.max(fullAt ?? now, now);
  const tokensOwed = (start - now) / msPerToken;
  if (start - now > tolerance + CLOCK_SLACK_MS) {
    const retryAfterMs = start - now - tolerance;
    return { allowed: false, fullAt: start, remaining: 0, retryAfterMs, resetMs: start - now };
  }
  const next = start + msPerToken;
  return { allowed: true, fullAt: next, remaining: Math.max(0, Math.floor(limit.burst - tokensOwed - 1 + CLOCK_SLACK_MS / msPerToken)), retryAfterMs: 0, resetMs: next - now };
};

/** Too many requests from one principal in one route class (HTTP 429 with `Retry-After`). */
export class RateLimitedError extends DomainError {
  constructor(rateClass: RateClass, decision: BucketDecision, limit: BucketLimit) {
    super('rate_limited', `Too many ${rateClass} requests from this caller; try again in ${Math.ceil(decision.retryAfterMs / 1000)} s`, {
      details: {
        retryAfterSeconds: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
        rateLimit: { limit: limit.burst, remaining: decision.remaining, resetSeconds: Math.ceil(decision.resetMs / 1000) },
      },
    });
  }
}

/** The rate limiter port: takes one token of `rateClass` for `principalId`, or throws RateLimitedError. */
export interface RateLimiter {
  admit(principalId: string, rateClass: RateClass): Promise<void>;
}
