import type { Clock } from '../domain/clock.js';
import { localClockOffsetMs } from './env.js';

/**
 * The clock every function hands its use cases: the system clock in AWS; in the local stage the
 * system clock plus the offset the local runtime sets (`POST /__local/clock/advance`), so
 * schedules, retry delays, TTLs and key / engagement / agreement expiries can be fast-forwarded.
 * Wire timestamps other systems check against their own clocks (webhook signatures, OAuth
 * tokens) keep using real time.
 * @example const rate = recomputeRating({ profiles, policies, outbox, clock: runtimeClock });
 */
export const runtimeClock: Clock = {
  now: () => new Date(Date.now() + localClockOffsetMs()),
};
