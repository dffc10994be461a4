import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { Subscription } from '../delivery/subscription.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { EventEnvelope } from '../events/envelope.js';
import type { AuditPort } from '../admin/manage-api-keys.js';
import type { DeliveryMessage, DeliveryRecord } from './delivery-record.js';

/** Longest time window one replay request may cover (the event log keeps 30 days). */
export const MAX_REPLAY_WINDOW_MS = 7 * 86_400_000;
/** Most events one replay request may enqueue; narrow the window for more. */
export const MAX_REPLAY_EVENTS = 5_000;

/**
 * Body of `POST /v1/subscriptions/{id}/replay`: one event by id, or every event of the
 * subscription's types that occurred in [from, to].
 */
export const ReplayRequestSchema = z.union([
  z.strictObject({ eventId: z.string().regex(/^evt_[0-9A-Z]{26}$/, 'an event id (evt_…)') }),
  z
    .strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
    .refine((r) => Date.parse(r.from) <= Date.parse(r.to), { message: '`from` must not be after `to`', path: ['to'] })
    .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= MAX_REPLAY_WINDOW_MS, { message: 'at most 7 days per replay', path: ['to'] }),
]);
export type ReplayRequest = z.infer<typeof ReplayRequestSchema>;

/** Filters of `GET /v1/subscriptions/{id}/deliveries` (paged with `limit` and a cursor). */
export const DeliveryLogQuerySchema = z.strictObject({
  status: z.enum(['scheduled', 'delivered', 'exhausted', 'failed', 'skipped']).optional(),
});
export type DeliveryLogQuery = z.infer<typeof DeliveryLogQuerySchema> & { limit: number; after?: string };

export interface ReplayPorts {
  subscriptions: { get(id: string): Promise<Subscription | undefined> };
  deliveries: {
    listForSubscription(subscriptionId: string, page: { limit: number; after?: string; status?: DeliveryRecord['status'] }): Promise<{ records: DeliveryRecord[]; next?: string }>;
  };
  events: {
    get(eventId: string): Promise<EventEnvelope | undefined>;
    listBetween(from: Date, to: Date, filter?: (e: EventEnvelope) => boolean): Promise<EventEnvelope[]>;
  };
  /** Puts delivery messages on the deliveries queue. */
  enqueue(messages: DeliveryMessage[]): Promise<void>;
  audit: AuditPort;
  clock: Clock;
}

export interface ReplayResult {
  subscriptionId: string;
  /** Events queued for delivery again, oldest first. */
  eventIds: string[];
  queued: number;
}

/**
 * The delivery log and replay of a webhook subscription. A replay enqueues `replay: true`
 * messages: the delivery engine sends the same envelope with the same `webhook-id`, freshly
 * signed, even when it was delivered before, and starts a new retry schedule. Every replay is
 * audited. A disabled subscription is refused (409): enable it first, then replay.
 */
export const subscriptionDeliveries = (ports: ReplayPorts) => {
  const mustGet = async (id: string): Promise<Subscription> => {
    const subscription = await ports.subscriptions.get(id);
    if (!subscription) throw new NotFoundError(`Subscription ${id}`);
    return subscription;
  };
  return {
    /** Newest first, each with its attempts (status, latency, classification, response excerpt). */
    async log(subscriptionId: string, query: DeliveryLogQuery): Promise<{ records: DeliveryRecord[]; next?: string }> {
      await mustGet(subscriptionId);
      return ports.deliveries.listForSubscription(subscriptionId, query);
    },

    async replay(subscriptionId: string, request: ReplayRequest, actor: Principal): Promise<ReplayResult> {
      const subscription = await mustGet(subscriptionId);
      if (!subscription.enabled) throw new ConflictError(`Subscription ${subscriptionId} is disabled; enable it before replaying`, { retryable: false });
      const types = new Set<string>(subscription.eventTypes);
      let events: EventEnvelope[];
      if ('eventId' in request) {
        const event = await ports.events.get(request.eventId);
        if (!event) throw new NotFoundError(`Event ${request.eventId}`);
        if (!types.has(event.type)) {
          throw new ValidationError('The subscription does not receive this event type', [{ path: 'eventId', message: `${event.type} is not one of the subscription's event types` }]);
        }
        events = [event];
      } else {
        events = await ports.events.listBetween(new Date(request.from), new Date(request.to), (e) => types.has(e.type));
        if (events.length > MAX_REPLAY_EVENTS) {
          throw new ValidationError('Too many events in this window', [{ path: 'to', message: `${events.length} events; at most ${MAX_REPLAY_EVENTS} per replay, narrow the window` }]);
        }
      }
      await ports.enqueue(events.map((e) => ({ eventId: e.id, subscriptionId, replay: true })));
      await ports.audit.append({
        actor: actor.principalId,
        action: 'subscription.replayed',
        target: `subscription:${subscriptionId}`,
        details: 'eventId' in request ? { eventId: request.eventId, queued: events.length } : { from: request.from, to: request.to, queued: events.length },
      });
      return { subscriptionId, eventIds: events.map((e) => e.id), queued: events.length };
    },
  };
};
