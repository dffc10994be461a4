import { z } from 'zod';
import type { AuditPort } from '../admin/manage-api-keys.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { EventEnvelope } from '../events/envelope.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { WRITEBACK_TRIGGERS } from './route-event.js';
import { crmTargetsOf } from './write-back-event.js';
import type { WriteBackMessage, WriteBackRecord } from './write-back-record.js';

/** Query of `GET /v1/customers/{id}/write-backs`. */
export const WriteBackLogQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(['scheduled', 'written', 'exhausted', 'failed', 'superseded', 'skipped']).optional(),
});
export type WriteBackLogQuery = z.infer<typeof WriteBackLogQuerySchema>;

/** Body of `POST /v1/write-backs/replay`: one rating/limit event, to every CRM record of its customer or to one. */
export const WriteBackReplayRequestSchema = z.strictObject({
  eventId: z.string().regex(/^evt_[0-9A-Z]{26}$/, 'an event id (evt_…)'),
  /** One CRM record (`<crm>:<connectionId>:<recordId>`); default: every CRM record of the customer. */
  target: z.string().min(5).max(300).optional(),
});
export type WriteBackReplayRequest = z.infer<typeof WriteBackReplayRequestSchema>;

export interface WriteBackLogPorts {
  profiles: { get(customerId: string): Promise<CustomerProfile | undefined> };
  events: { get(eventId: string): Promise<EventEnvelope | undefined> };
  log: { listForCustomer(customerId: string, limit?: number): Promise<WriteBackRecord[]> };
  /** Puts write-back messages on the writebacks queue. */
  enqueue(messages: WriteBackMessage[]): Promise<void>;
  audit: AuditPort;
}

export interface WriteBackReplayResult {
  eventId: string;
  customerId: string;
  /** CRM records the event is queued for again. */
  targets: string[];
  queued: number;
}

/**
 * The CRM write-back log of a customer and its replay. A replay queues `replay: true` messages:
 * the worker writes the event's fields again even when they were written before and starts a
 * new retry run, but the per-record stale guard still holds — a replayed event older than the
 * newest one claimed for a record is logged `superseded`, never written over newer values.
 * Every replay is audited.
 */
export const customerWriteBacks = (ports: WriteBackLogPorts) => ({
  /** Newest event first, each with its attempts (outcome, latency, error code) and the field names written. */
  async list(customerId: string, query: WriteBackLogQuery): Promise<WriteBackRecord[]> {
    if (!(await ports.profiles.get(customerId))) throw new NotFoundError(`Customer ${customerId}`);
    const records = await ports.log.listForCustomer(customerId, query.status ? 200 : query.limit);
    return (query.status ? records.filter((r) => r.status === query.status) : records).slice(0, query.limit);
  },

  async replay(request: WriteBackReplayRequest, actor: Principal): Promise<WriteBackReplayResult> {
    const event = await ports.events.get(request.eventId);
    if (!event) throw new NotFoundError(`Event ${request.eventId}`);
    if (!WRITEBACK_TRIGGERS.has(event.type) || event.customerId === undefined) {
      throw new ValidationError('This event is not written back to CRMs', [
        { path: 'eventId', message: `${event.type} is not one of ${[...WRITEBACK_TRIGGERS].join(', ')}` },
      ]);
    }
    const customerId = event.customerId;
    const profile = await ports.profiles.get(customerId);
    if (!profile) throw new NotFoundError(`Customer ${customerId}`);
    const all = crmTargetsOf(profile).map((t) => t.target);
    const targets = request.target === undefined ? all : all.filter((t) => t === request.target);
    if (request.target !== undefined && targets.length === 0) {
      throw new ValidationError('Not a CRM record of this customer', [{ path: 'target', message: 'not one of the customer’s crm_record identifiers' }]);
    }
    if (targets.length === 0) {
      throw new ValidationError('The customer has no CRM records to write back to', [{ path: 'eventId', message: 'the customer has no crm_record identifiers' }]);
    }
    await ports.enqueue(targets.map((target) => ({ eventId: event.id, customerId, target, replay: true })));
    await ports.audit.append({
      actor: actor.principalId,
      action: 'writeback.replayed',
      target: `customer:${customerId}`,
      details: { eventId: event.id, eventType: event.type, queued: targets.length },
    });
    return { eventId: event.id, customerId, targets, queued: targets.length };
  },
});
