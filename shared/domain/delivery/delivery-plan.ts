import type { DeliveryOutcome } from './delivery-outcome.js';
import { DEFAULT_RETRY_SCHEDULE, needsSweep, nextAttemptAt, sqsDelaySeconds, type Random, type RetrySchedule } from './retry-schedule.js';

/**
 * What the deliver-webhook consumer does after one attempt:
 * - `done`: delivered; record it.
 * - `retry`: store `dueAt` on the delivery item; if `park` is false enqueue now with
 *   `delaySeconds`, otherwise leave it to the due-time sweeper.
 * - `exhausted`: the schedule ran out; keep the delivery as failed (replayable).
 * - `disable_endpoint`: 410 Gone; stop this delivery and disable the subscription.
 * - `quarantine`: can never succeed as configured (`reason` e.g. unsafe_url).
 */
export type DeliveryPlan =
  | { action: 'done' }
  | { action: 'retry'; nextAttempt: number; dueAt: Date; delaySeconds: number; park: boolean }
  | { action: 'exhausted' }
  | { action: 'disable_endpoint' }
  | { action: 'quarantine'; reason: string };

/**
 * Decides the next step for a delivery whose attempt number `attempt` (1-based) ended with `outcome`.
 * @example planAfterAttempt(outcome, 3, clock.now(), Math.random)
 */
export const planAfterAttempt = (
  outcome: Pick<DeliveryOutcome, 'classification' | 'retryAfterMs' | 'error'>,
  attempt: number,
  now: Date,
  random: Random,
  schedule: RetrySchedule = DEFAULT_RETRY_SCHEDULE,
): DeliveryPlan => {
  switch (outcome.classification) {
    case 'delivered':
      return { action: 'done' };
    case 'disable_endpoint':
      return { action: 'disable_endpoint' };
    case 'failed_permanent':
      return { action: 'quarantine', reason: outcome.error ?? 'failed_permanent' };
    case 'retry': {
      const dueAt = nextAttemptAt(attempt, now, random, outcome.retryAfterMs, schedule);
      if (dueAt === 'exhausted') return { action: 'exhausted' };
      return { action: 'retry', nextAttempt: attempt + 1, dueAt, delaySeconds: sqsDelaySeconds(dueAt, now), park: needsSweep(dueAt, now) };
    }
  }
};
