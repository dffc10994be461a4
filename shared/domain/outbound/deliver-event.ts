import type { Clock } from '../clock.js';
import type { DeliveryOutcome } from '../delivery/delivery-outcome.js';
import { recordAttempt, type EndpointDisabledIntent } from '../delivery/endpoint-health.js';
import { DEFAULT_RETRY_SCHEDULE, nextAttemptAt, type Random, type RetrySchedule } from '../delivery/retry-schedule.js';
import { activeSecrets, projectEnvelope, type Subscription } from '../delivery/subscription.js';
import { ConflictError, PermanentError } from '../errors.js';
import type { EventEnvelope } from '../events/envelope.js';
import { MAX_LOGGED_ATTEMPTS, type DeliveryMessage, type DeliveryRecord } from './delivery-record.js';

export interface DeliveryPorts {
  subscriptions: {
    getWithRevision(id: string): Promise<{ subscription: Subscription; revision: number } | undefined>;
    put(subscription: Subscription, expectedRevision?: number): Promise<number>;
  };
  deliveries: {
    get(subscriptionId: string, eventId: string): Promise<{ record: DeliveryRecord; revision: number } | undefined>;
    /** Conditional on `expectedRevision` (undefined = must not exist); ConflictError otherwise. */
    put(record: DeliveryRecord, expectedRevision: number | undefined): Promise<void>;
  };
  events: { get(eventId: string): Promise<EventEnvelope | undefined> };
  send(input: { url: string; secrets: string[]; envelope: EventEnvelope; messageId: string; attempt: number }): Promise<DeliveryOutcome>;
  /** Re-delivers at `dueAt`: through a delayed queue message when SQS can wait that long, else the due index. */
  scheduleRetry(message: DeliveryMessage, dueAt: Date): Promise<void>;
  /** Raises the admin alert / `endpoint.disabled` event. */
  endpointDisabled(intent: EndpointDisabledIntent): Promise<void>;
  clock: Clock;
  random: Random;
  /** Retry delays; the documented default unless a test injects a short one. */
  schedule?: RetrySchedule;
}

export type DeliveryResult =
  | { outcome: 'delivered' | 'scheduled' | 'exhausted' | 'failed'; attempt: number }
  | { outcome: 'skipped'; reason: string };

/**
 * Delivers one event to one subscription, at least once: a delivered record is never sent
 * again unless replayed; every attempt is logged; failures are retried on the documented
 * schedule, 410 disables the endpoint, and sustained failure disables it with an admin alert.
 */
export const deliverEvent = (ports: DeliveryPorts) => async (message: DeliveryMessage): Promise<DeliveryResult> => {
  const now = ports.clock.now();
  const found = await ports.subscriptions.getWithRevision(message.subscriptionId);
  if (!found) return { outcome: 'skipped', reason: 'subscription_deleted' };
  const stored = await ports.deliveries.get(message.subscriptionId, message.eventId);
  if (stored?.record.status === 'delivered' && !message.replay) return { outcome: 'skipped', reason: 'already_delivered' };
  if (stored?.record.status === 'scheduled' && !message.replay && stored.record.nextAttemptAt && Date.parse(stored.record.nextAttemptAt) > now.getTime() + 1000) {
    return { outcome: 'skipped', reason: 'not_due_yet' };
  }
  const event = await ports.events.get(message.eventId);
  if (!event) throw new PermanentError('event_expired', `Event ${message.eventId} is no longer kept`);

  const base: DeliveryRecord = stored?.record ?? {
    subscriptionId: message.subscriptionId,
    eventId: event.id,
    eventType: event.type,
    ...(event.customerId !== undefined ? { customerId: event.customerId } : {}),
    status: 'scheduled',
    attempts: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const { subscription } = found;
  if (!subscription.enabled) {
    await ports.deliveries.put({ ...base, status: 'skipped', skippedReason: `endpoint_disabled:${subscription.disabledReason ?? 'admin'}`, updatedAt: now.toISOString() }, stored?.revision);
    return { outcome: 'skipped', reason: 'endpoint_disabled' };
  }

  const attempt = (base.attempts.at(-1)?.n ?? 0) + 1;
  const result = await ports.send({
    url: subscription.url,
    secrets: activeSecrets(subscription, now),
    envelope: projectEnvelope(event, subscription.fields),
    messageId: event.id,
    attempt,
  });
  const finishedAt = ports.clock.now();
  // Retries count within the current run of attempts: a replay starts a new run, and the
  // retries it schedules (sent with replay: false) keep counting from that replay.
  const lastReplay = base.attempts.findLastIndex((a) => a.replay === true);
  const runAttempt = message.replay ? 1 : lastReplay >= 0 ? base.attempts.length - lastReplay + 1 : attempt;
  const due =
    result.classification === 'retry' ? nextAttemptAt(runAttempt, finishedAt, ports.random, result.retryAfterMs, ports.schedule ?? DEFAULT_RETRY_SCHEDULE) : undefined;
  const status: DeliveryRecord['status'] =
    result.classification === 'delivered' ? 'delivered' : result.classification === 'retry' ? (due === 'exhausted' ? 'exhausted' : 'scheduled') : 'failed';
  const { nextAttemptAt: _previous, ...rest } = base;
  const record: DeliveryRecord = {
    ...rest,
    status,
    attempts: [
      ...base.attempts,
      {
        n: attempt,
        at: finishedAt.toISOString(),
        ...(result.status !== undefined ? { status: result.status } : {}),
        latencyMs: result.latencyMs,
        classification: result.classification,
        ...(result.responseExcerpt ? { responseExcerpt: result.responseExcerpt.slice(0, 512) } : {}),
        ...(result.error ? { error: result.error.slice(0, 200) } : {}),
        ...(message.replay ? { replay: true } : {}),
      },
    ].slice(-MAX_LOGGED_ATTEMPTS),
    ...(due instanceof Date ? { nextAttemptAt: due.toISOString() } : {}),
    updatedAt: finishedAt.toISOString(),
  };
  await ports.deliveries.put(record, stored?.revision);
  if (due instanceof Date) await ports.scheduleRetry({ ...message, replay: false }, due);

  for (let tries = 0; tries < 5; tries++) {
    const current = tries === 0 ? found : await ports.subscriptions.getWithRevision(message.subscriptionId);
    if (!current) break;
    const healthy = current.subscription.consecutiveFailures === 0 && current.subscription.failingSince === undefined;
    // A success on a healthy endpoint changes nothing worth a write (keeps the subscription item cold).
    if (result.classification === 'delivered' && healthy) break;
    const health = recordAttempt(current.subscription, { classification: result.classification, exhausted: status === 'exhausted' }, finishedAt);
    try {
      await ports.subscriptions.put(health.subscription, current.revision);
      if (health.intent) await ports.endpointDisabled(health.intent);
      break;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return { outcome: status === 'scheduled' || status === 'delivered' || status === 'exhausted' ? status : 'failed', attempt };
};
