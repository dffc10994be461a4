import { ulid } from 'ulid';
import type { EventEnvelope } from './envelope.js';
import { eventCatalogue, type EventData, type EventType } from './catalogue.js';

/**
 * Builds a versioned event envelope, validating `data` against the catalogue so that no
 * malformed event can enter the outbox.
 * @example newEvent('customer.updated', data, { customerId: 'c-1', sequence: 4, at: clock.now() })
 */
export const newEvent = <T extends EventType>(
  type: T,
  data: EventData<T>,
  meta: { customerId?: string; sequence?: number; at: Date },
): EventEnvelope => {
  const entry = eventCatalogue[type];
  const parsed = entry.data.parse(data) as Record<string, unknown>;
  return {
    id: `evt_${ulid(meta.at.getTime())}`,
    type,
    version: entry.version,
    occurredAt: meta.at.toISOString(),
    ...(meta.customerId !== undefined ? { customerId: meta.customerId } : {}),
    ...(meta.sequence !== undefined ? { sequence: meta.sequence } : {}),
    data: parsed,
  };
};
