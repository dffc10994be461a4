import { z } from 'zod';
import type { Clock } from '../clock.js';
import { AlertRaisedV1Schema } from '../events/catalogue.js';
import type { EventEnvelope } from '../events/envelope.js';
import { ValidationError } from '../errors.js';

const HOUR_MS = 3_600_000;
/** The widest window one request may read: the time index is read hour shard by hour shard. */
export const MAX_ALERT_WINDOW_HOURS = 72;

export const AlertsQuerySchema = z.strictObject({
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type AlertsQuery = z.infer<typeof AlertsQuerySchema>;

/** Port: events that occurred in [from, to] (the event log's time index), oldest first. */
export interface EventsByTime {
  listBetween(from: Date, to: Date, filter?: (e: EventEnvelope) => boolean): Promise<EventEnvelope[]>;
}

export const AlertRowSchema = AlertRaisedV1Schema.extend({ eventId: z.string(), customerId: z.string().optional(), occurredAt: z.string() });
export type AlertRow = z.infer<typeof AlertRowSchema>;

/**
 * The alerts view of the risk console: `alert.raised` events in [since, until] (default: the
 * last 24 hours up to now), newest first, at most `limit`. A window wider than
 * MAX_ALERT_WINDOW_HOURS or reversed is a ValidationError.
 * @example await listAlerts({ events, clock })({ since: '2026-05-01T00:00:00Z', limit: 100 })
 */
export const listAlerts = ({ events, clock }: { events: EventsByTime; clock: Clock }) => async (query: AlertsQuery): Promise<{ alerts: AlertRow[]; since: string; until: string }> => {
  const until = query.until ? new Date(query.until) : clock.now();
  const since = query.since ? new Date(query.since) : new Date(until.getTime() - 24 * HOUR_MS);
  if (since.getTime() > until.getTime()) throw new ValidationError('The window is reversed', [{ path: 'since', message: 'must not be after until' }]);
  if (until.getTime() - since.getTime() > MAX_ALERT_WINDOW_HOURS * HOUR_MS) {
    throw new ValidationError('The window is too wide', [{ path: 'since', message: `at most ${MAX_ALERT_WINDOW_HOURS} hours before until` }]);
  }
  const raised = await events.listBetween(since, until, (e) => e.type === 'alert.raised');
  const alerts = raised.flatMap((e): AlertRow[] => {
    const data = AlertRaisedV1Schema.safeParse(e.data);
    if (!data.success) return [];
    return [{ ...data.data, eventId: e.id, occurredAt: e.occurredAt, ...(e.customerId !== undefined ? { customerId: e.customerId } : {}) }];
  });
  return { alerts: alerts.reverse().slice(0, query.limit), since: since.toISOString(), until: until.toISOString() };
};
