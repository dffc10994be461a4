import type { EventEnvelope } from '../../domain/events/envelope.js';
import { EventEnvelopeSchema } from '../../domain/events/envelope.js';

/**
 * Event items are the transactional outbox: a state change and the events it causes are put
 * in one TransactWriteItems call; the table stream relays each new `EVENT#` item to queues.
 * They are kept 30 days for replay, listed per customer (gsi1, by sequence) and per hour
 * shard (gsi2, by time) without a hot partition.
 */
export const EVENT_PK_PREFIX = 'EVENT#';
export const EVENT_RETENTION_DAYS = 30;
const TIME_SHARDS = 8;

const shardOf = (id: string): number => {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % TIME_SHARDS;
};

export const eventItem = (envelope: EventEnvelope): Record<string, unknown> => {
  const hour = envelope.occurredAt.slice(0, 13);
  return {
    pk: `${EVENT_PK_PREFIX}${envelope.id}`,
    sk: 'EVENT',
    entity: 'event',
    envelope,
    ...(envelope.customerId !== undefined
      ? { gsi1pk: `CUSTEVENTS#${envelope.customerId}`, gsi1sk: String(envelope.sequence ?? 0).padStart(12, '0') + `#${envelope.id}` }
      : {}),
    gsi2pk: `EVENTS#${hour}#${shardOf(envelope.id)}`,
    gsi2sk: `${envelope.occurredAt}#${envelope.id}`,
    expiresAt: Math.floor(Date.parse(envelope.occurredAt) / 1000) + EVENT_RETENTION_DAYS * 86_400,
  };
};

export const eventKey = (eventId: string) => ({ pk: `${EVENT_PK_PREFIX}${eventId}`, sk: 'EVENT' });

export const eventTimePartitions = (from: Date, to: Date): string[] => {
  const keys: string[] = [];
  const start = new Date(from);
  start.setUTCMinutes(0, 0, 0);
  for (let t = start.getTime(); t <= to.getTime(); t += 3_600_000) {
    const hour = new Date(t).toISOString().slice(0, 13);
    for (let s = 0; s < TIME_SHARDS; s++) keys.push(`EVENTS#${hour}#${s}`);
  }
  return keys;
};

/** Reads an envelope back from an item (table read or stream image) with validation. */
export const envelopeFromItem = (item: Record<string, unknown> | undefined): EventEnvelope | undefined => {
  if (!item || typeof item['pk'] !== 'string' || !item['pk'].startsWith(EVENT_PK_PREFIX)) return undefined;
  return EventEnvelopeSchema.parse(item['envelope']);
};
