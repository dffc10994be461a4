import { sqsAttributesFor, type SqsMessageAttribute } from '../delivery/sqs-attributes.js';
import type { Subscription } from '../delivery/subscription.js';
import type { EventEnvelope } from '../events/envelope.js';
import { routeEvent, type RoutePlan } from './route-event.js';

/** Quarantine source (and metric dimension) of records the relay can never read. */
export const RELAY_QUARANTINE_SOURCE = 'relay';

/** The queues the relay sends to. */
export type RelayQueue = 'results' | 'resultsFifo' | 'deliveries' | 'recompute' | 'writebacks' | 'bureauPulls';

/** One message the relay sends for one event. */
export interface RelayMessage {
  /**
   * Name of the sent-marker this message sets on the event's outbox item: the queue, or
   * `deliveries:<subscriptionId>` (one per subscription, so a later subscription still gets a redriven event).
   */
  target: string;
  queue: RelayQueue;
  body: unknown;
  attributes?: Record<string, SqsMessageAttribute>;
  groupId?: string;
  deduplicationId?: string;
}

/**
 * The messages a route plan turns into. Bodies are the contracts of the consuming queues:
 * results carry the envelope; deliveries `{eventId, subscriptionId}`; recompute
 * `{customerId, causedBy}` and write-backs `{eventId, customerId}`; bureau pulls `{firstSeen, customerId}`.
 * FIFO messages are grouped by customer and deduplicated on the event id.
 */
export const relayMessages = (envelope: EventEnvelope, plan: RoutePlan): RelayMessage[] => {
  const attributes = sqsAttributesFor(envelope);
  const group = envelope.customerId ?? 'global';
  return [
    ...(plan.results
      ? [
          { target: 'results', queue: 'results' as const, body: envelope, attributes },
          { target: 'resultsFifo', queue: 'resultsFifo' as const, body: envelope, attributes, groupId: group, deduplicationId: envelope.id },
        ]
      : []),
    ...plan.deliveries.map((subscriptionId) => ({
      target: `deliveries:${subscriptionId}`,
      queue: 'deliveries' as const,
      body: { eventId: envelope.id, subscriptionId },
    })),
    ...(plan.recompute
      ? [{ target: 'recompute', queue: 'recompute' as const, body: { customerId: envelope.customerId, causedBy: envelope.id }, groupId: group, deduplicationId: envelope.id }]
      : []),
    ...(plan.writeback ? [{ target: 'writebacks', queue: 'writebacks' as const, body: { eventId: envelope.id, customerId: envelope.customerId } }] : []),
    ...(plan.firstSeenPull ? [{ target: 'bureauPulls', queue: 'bureauPulls' as const, body: { firstSeen: true, customerId: envelope.customerId } }] : []),
  ];
};

/** The sent-markers on an event's outbox item. */
export interface RelayMarks {
  /**
   * Notes that a relay of `targets` starts and answers the markers as they were before: the
   * targets sent (`relayed`) and those an earlier relay started (`started`). Undefined when
   * the event is not in the outbox (never creates the item).
   */
  begin(eventId: string, targets: readonly string[]): Promise<{ relayed: ReadonlySet<string>; started: ReadonlySet<string> } | undefined>;
  /** Marks `targets` as sent and answers those that were already marked (another relay sent them too). */
  confirm(eventId: string, targets: readonly string[]): Promise<ReadonlySet<string>>;
}

/** Sends relay messages; answers which targets the queues accepted and why the others failed. */
export interface RelayOutlet {
  send(messages: readonly RelayMessage[]): Promise<{ sent: ReadonlySet<string>; failed: ReadonlyArray<{ target: string; code: string }> }>;
}

export interface RelayOutcome {
  eventId: string;
  /** Targets sent by this call. */
  sent: string[];
  /** Targets skipped because an earlier relay had sent them. */
  skipped: string[];
  /** Targets that could not be sent (retry the event; their markers stay unset). */
  failed: Array<{ target: string; code: string }>;
  /**
   * Targets that may now have been sent twice: an earlier relay started them and did not mark
   * them (it crashed or failed between send and marker), or a concurrent relay marked them first.
   */
  duplicates: string[];
  /** The event is not in the outbox (expired or never written): nothing was sent. */
  missing?: true;
}

export interface RelayEventPorts {
  marks: RelayMarks;
  outlet: RelayOutlet;
}

/**
 * Relays one outbox event to every destination its route plan names, at least once and, but
 * for a crash between a send and its marker, exactly once per target: targets already marked
 * on the outbox item are skipped; each accepted send is marked afterwards. `force` sends every
 * target again regardless of the markers (a deliberate resend, not counted as a duplicate).
 * The relay (stream) and the redrive command both go through here.
 */
export const relayEvent = ({ marks, outlet }: RelayEventPorts) => async (
  envelope: EventEnvelope,
  subscriptions: readonly Subscription[],
  options: { force?: boolean } = {},
): Promise<RelayOutcome> => {
  const messages = relayMessages(envelope, routeEvent(envelope, subscriptions));
  const outcome: RelayOutcome = { eventId: envelope.id, sent: [], skipped: [], failed: [], duplicates: [] };
  if (messages.length === 0) return outcome;
  const before = await marks.begin(envelope.id, messages.map((m) => m.target));
  if (!before) return { ...outcome, missing: true };

  const due = options.force ? messages : messages.filter((m) => !before.relayed.has(m.target));
  outcome.skipped = messages.filter((m) => !due.includes(m)).map((m) => m.target);
  if (due.length === 0) return outcome;
  const duplicates = new Set(options.force ? [] : due.filter((m) => before.started.has(m.target)).map((m) => m.target));

  const { sent, failed } = await outlet.send(due);
  outcome.sent = due.filter((m) => sent.has(m.target)).map((m) => m.target);
  outcome.failed = [...failed];
  if (outcome.sent.length > 0) {
    const already = await marks.confirm(envelope.id, outcome.sent);
    if (!options.force) for (const target of already) duplicates.add(target);
  }
  outcome.duplicates = [...duplicates];
  return outcome;
};
