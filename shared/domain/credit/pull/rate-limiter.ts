import { z } from 'zod';

/**
 * Token-bucket state, small and numeric so it can live in one DynamoDB item and be replaced
 * with a conditional write on `updatedAtMs` (optimistic concurrency).
 */
export const TokenBucketStateSchema = z.object({
  tokens: z.number().nonnegative(),
  updatedAtMs: z.number().int().nonnegative(),
});
export type TokenBucketState = z.infer<typeof TokenBucketStateSchema>;

export interface TokenBucketConfig {
  /** Sustained refill rate. */
  ratePerSecond: number;
  /** Bucket capacity: the largest burst allowed after idling. */
  burst: number;
}

export interface TakeTokenResult {
  allowed: boolean;
  /** The state to persist (also when refused: the refill is folded in). */
  state: TokenBucketState;
  /** 0 when allowed; otherwise how long until `cost` tokens are available. */
  retryAfterMs: number;
}

/**
 * Refills the bucket for the time elapsed since `state.updatedAtMs` (a clock that went
 * backwards refills nothing) and takes `cost` tokens if available. A missing state is a full
 * bucket. Pure: the caller persists the returned state.
 * @example const { allowed, state, retryAfterMs } = takeToken(saved, { ratePerSecond: 5, burst: 10 }, new Date());
 */
export const takeToken = (
  state: TokenBucketState | undefined,
  config: TokenBucketConfig,
  now: Date,
  cost = 1,
): TakeTokenResult => {
  if (!(config.ratePerSecond > 0) || !(config.burst >= cost)) {
    throw new RangeError('ratePerSecond must be > 0 and burst >= cost');
  }
  const nowMs = now.getTime();
  const start = state ?? { tokens: config.burst, updatedAtMs: nowMs };
  const elapsedMs = Math.max(0, nowMs - start.updatedAtMs);
  const tokens = Math.min(config.burst, start.tokens + (elapsedMs * config.ratePerSecond) / 1000);
  const updatedAtMs = Math.max(nowMs, start.updatedAtMs);
  if (tokens >= cost) {
    return { allowed: true, state: { tokens: tokens - cost, updatedAtMs }, retryAfterMs: 0 };
  }
  const retryAfterMs = Math.ceil(((cost - tokens) * 1000) / config.ratePerSecond);
  return { allowed: false, state: { tokens, updatedAtMs }, retryAfterMs };
};
