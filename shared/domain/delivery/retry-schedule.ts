/**
 * When the next webhook attempt happens. Attempt 1 goes out at once; after each failure the
 * next waits the scheduled delay ±20 % jitter (so failing receivers are not hit in lockstep).
 * Eight attempts span about 28 h; then the delivery is `exhausted` (kept in the delivery log,
 * replayable by an admin). A receiver's Retry-After (429/503) lengthens a wait, never shortens it,
 * and is capped at the longest scheduled delay.
 *
 * | attempt | after previous failure |
 * |---|---|
 * | 1 | immediately |
 * | 2 | 5 s |
 * | 3 | 5 min |
 * | 4 | 30 min |
 * | 5 | 2 h |
 * | 6 | 5 h |
 * | 7 | 10 h |
 * | 8 | 10 h |
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

export interface RetrySchedule {
  /** delaysMs[i] is the wait before attempt i + 1; its length is the maximum number of attempts. */
  delaysMs: readonly number[];
  /** Relative jitter, 0.2 = ±20 %. */
  jitter: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { delaysMs: DEFAULT_RETRY_DELAYS_MS, jitter: 0.2 };

/** Source of uniform numbers in [0, 1); inject a fixed one in tests. */
export type Random = () => number;

/** SQS refuses DelaySeconds above 900 (15 minutes). */
export const SQS_MAX_DELAY_SECONDS = 900;

/**
 * When attempt `attempt + 1` is due, given that attempt number `attempt` (1-based) just failed
 * at `now`; `'exhausted'` once every scheduled attempt was made.
 * @example nextAttemptAt(1, now, () => 0.5) // now + 5 s (no jitter at 0.5)
 */
export const nextAttemptAt = (
  attempt: number,
  now: Date,
  random: Random,
  retryAfterMs?: number,
  schedule: RetrySchedule = DEFAULT_RETRY_SCHEDULE,
): Date | 'exhausted' => {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError('attempt is 1-based');
  const base = schedule.delaysMs[attempt];
  if (base === undefined) return 'exhausted';
  const r = Math.min(Math.max(random(), 0), 1);
  const jittered = Math.round(base * (1 + schedule.jitter * (2 * r - 1)));
  const ceiling = Math.max(...schedule.delaysMs);
  const honoured = retryAfterMs === undefined ? 0 : Math.min(Math.max(0, retryAfterMs), ceiling);
  return new Date(now.getTime() + Math.max(jittered, honoured));
};

/**
 * DelaySeconds for enqueueing a delivery due at `dueAt`: whole seconds rounded up, between 0
 * and 900. For a delivery that `needsSweep`, this is only the part SQS can hold.
 * @example sqsDelaySeconds(new Date(now.getTime() + 4_200), now) // 5
 */
export const sqsDelaySeconds = (dueAt: Date, now: Date, maxDelaySeconds: number = SQS_MAX_DELAY_SECONDS): number =>
  Math.min(maxDelaySeconds, Math.max(0, Math.ceil((dueAt.getTime() - now.getTime()) / 1000)));

/**
 * True when `dueAt` is further away than SQS can delay a message: the store keeps the delivery
 * with its `dueAt` in the due-time index and the scheduled sweeper enqueues it later. The sweeper
 * picks every item with `dueAt <= now + 15 min` and enqueues it with `sqsDelaySeconds(dueAt, now)`.
 * @example needsSweep(new Date(now.getTime() + 2 * 3_600_000), now) // true
 */
export const needsSweep = (dueAt: Date, now: Date, maxDelaySeconds: number = SQS_MAX_DELAY_SECONDS): boolean =>
  dueAt.getTime() - now.getTime() > maxDelaySeconds * 1000;

/**
 * Latest `dueAt` the sweeper should pick up at `now` (inclusive). `maxDelaySeconds` below 900
 * (the local runtime, whose clock can jump) keeps more retries parked, in reach of the sweep.
 */
export const sweepHorizon = (now: Date, maxDelaySeconds: number = SQS_MAX_DELAY_SECONDS): Date => new Date(now.getTime() + maxDelaySeconds * 1000);
