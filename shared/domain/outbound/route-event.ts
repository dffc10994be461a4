import type { EventEnvelope } from '../events/envelope.js';
import type { Subscription } from '../delivery/subscription.js';

/**
 * Where one new event goes. Pure: the relay function turns the plan into queue messages.
 * - every event goes to both result queues (standard, and FIFO grouped by customer);
 * - one delivery per enabled subscription that asked for its type;
 * - events that change a profile's inputs trigger a per-customer recompute (never the
 *   rating's own events, which would loop);
 * - rating and limit changes, freezes and unfreezes are written back to the customer's CRMs
 *   (a freeze reaches the CRM's credit-hold fields even when the limit was 0 already).
 */
export interface RoutePlan {
  results: boolean;
  deliveries: string[];
  recompute: boolean;
  writeback: boolean;
  /** A customer was just created: the bureau worker pulls the bureaus its standing consents cover (checked there). */
  firstSeenPull?: boolean;
}

export const RECOMPUTE_TRIGGERS: ReadonlySet<string> = new Set([
  'customer.updated',
  'customer.activity',
  'credit_report.received',
  'assessment.submitted',
  'customer.frozen',
  'customer.unfrozen',
  'dispute.opened',
  'dispute.resolved',
  'measure.taken',
  'measure.lifted',
  'measure.expired',
]);

export const WRITEBACK_TRIGGERS: ReadonlySet<string> = new Set(['rating.changed', 'limit.changed', 'customer.frozen', 'customer.unfrozen']);

export const routeEvent = (envelope: EventEnvelope, subscriptions: readonly Subscription[]): RoutePlan => ({
  results: true,
  deliveries: subscriptions
    .filter((s) => s.enabled && (s.eventTypes as readonly string[]).includes(envelope.type))
    .map((s) => s.id),
  recompute: envelope.customerId !== undefined && RECOMPUTE_TRIGGERS.has(envelope.type),
  writeback: envelope.customerId !== undefined && WRITEBACK_TRIGGERS.has(envelope.type),
  firstSeenPull:
    envelope.customerId !== undefined &&
    envelope.type === 'customer.updated' &&
    Array.isArray(envelope.data['changedFields']) &&
    envelope.data['changedFields'].includes('created'),
});
