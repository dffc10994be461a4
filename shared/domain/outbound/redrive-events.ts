import { z } from 'zod';
import type { Subscription } from '../delivery/subscription.js';
import { ValidationError } from '../errors.js';
import type { EventEnvelope } from '../events/envelope.js';
import { toFieldIssues } from '../validation.js';
import type { RelayOutcome } from './relay-event.js';

/** An outbox item as the redrive reads it: its envelope, or why it cannot be read. */
export type OutboxEntry = { eventId: string; envelope: EventEnvelope } | { eventId: string; unreadable: string };

const EventIdSchema = z.string().regex(/^evt_[0-9A-Z]{26}$/, 'an event id (evt_…)');

/**
 * What to redrive: the events of a time window [from, to], the events named by id, or the named
 * events within a window. `force` sends every target again, ignoring the sent-markers.
 */
export const RedriveRequestSchema = z
  .strictObject({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    eventIds: z.array(EventIdSchema).default([]),
    force: z.boolean().default(false),
  })
  .refine((r) => (r.from === undefined) === (r.to === undefined), { message: '`from` and `to` go together', path: ['to'] })
  .refine((r) => r.from !== undefined || r.eventIds.length > 0, { message: 'give a window (`from`, `to`) or event ids', path: ['from'] })
  .refine((r) => r.from === undefined || r.to === undefined || Date.parse(r.from) <= Date.parse(r.to), { message: '`from` must not be after `to`', path: ['to'] });
export type RedriveRequest = z.input<typeof RedriveRequestSchema>;

export interface RedrivePorts {
  outbox: {
    /** Every outbox item of [from, to], oldest first. */
    listBetween(from: Date, to: Date): Promise<OutboxEntry[]>;
    get(eventId: string): Promise<OutboxEntry | undefined>;
  };
  subscriptions: { list(): Promise<Subscription[]> };
  /** The relay's own routing and sent-markers (relayEvent). */
  relay(envelope: EventEnvelope, subscriptions: readonly Subscription[], options: { force?: boolean }): Promise<RelayOutcome>;
}

export interface RedriveReport {
  /** Events read from the outbox and relayed (or found fully relayed already). */
  events: number;
  /** Messages sent, by target kind (`results`, `deliveries`, …). */
  sent: Record<string, number>;
  /** Targets skipped because their sent-marker was set. */
  skipped: number;
  /** Targets that may now have been sent twice (see RelayOutcome.duplicates). */
  duplicates: number;
  /** Sends that failed; run the redrive again for these events. */
  failed: Array<{ eventId: string; target: string; code: string }>;
  /** Outbox items that cannot be read (they are never relayed). */
  unreadable: Array<{ eventId: string; reason: string }>;
  /** Event ids asked for that are not in the outbox (or not in the window). */
  notFound: string[];
}

/**
 * Republishes outbox events through the relay's routing, oldest first: every target whose
 * sent-marker is unset gets its message (all of them with `force`), so running it twice, or
 * over events the stream relayed fine, sends nothing more. For lost relays (a batch in
 * relayFailures, a quarantined record after a fix) and new consumers.
 * @example await redriveEvents(ports)({ from: '2026-12-01T10:00:00Z', to: '2026-12-01T11:00:00Z' })
 */
export const redriveEvents = (ports: RedrivePorts) => async (input: RedriveRequest): Promise<RedriveReport> => {
  const parsed = RedriveRequestSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('The redrive request is not valid', toFieldIssues(parsed.error));
  const request = parsed.data;
  const wanted = new Set(request.eventIds);

  let entries: OutboxEntry[];
  if (request.from !== undefined && request.to !== undefined) {
    entries = await ports.outbox.listBetween(new Date(request.from), new Date(request.to));
    if (wanted.size > 0) entries = entries.filter((e) => wanted.has(e.eventId));
  } else {
    entries = (await Promise.all([...wanted].map((id) => ports.outbox.get(id)))).flatMap((e) => e ?? []);
  }

  const report: RedriveReport = { events: 0, sent: {}, skipped: 0, duplicates: 0, failed: [], unreadable: [], notFound: [] };
  const found = new Set(entries.map((e) => e.eventId));
  report.notFound = [...wanted].filter((id) => !found.has(id));
  const subscriptions = await ports.subscriptions.list();
  for (const entry of entries) {
    if ('unreadable' in entry) {
      report.unreadable.push({ eventId: entry.eventId, reason: entry.unreadable });
      continue;
    }
    const outcome = await ports.relay(entry.envelope, subscriptions, { force: request.force });
    if (outcome.missing) {
      report.notFound.push(entry.eventId);
      continue;
    }
    report.events += 1;
    for (const target of outcome.sent) {
      const kind = target.split(':')[0] ?? target;
      report.sent[kind] = (report.sent[kind] ?? 0) + 1;
    }
    report.skipped += outcome.skipped.length;
    report.duplicates += outcome.duplicates.length;
    report.failed.push(...outcome.failed.map((f) => ({ eventId: entry.eventId, ...f })));
  }
  return report;
};
