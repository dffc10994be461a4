import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { EventEnvelope } from '../../domain/events/envelope.js';
import type { OutboxEntry } from '../../domain/outbound/redrive-events.js';
import type { RelayMarks } from '../../domain/outbound/relay-event.js';
import { toFieldIssues } from '../../domain/validation.js';
import { isConditionFailure, type TableRef } from './client.js';
import { EVENT_PK_PREFIX, envelopeFromItem, eventKey, eventTimePartitions } from './event-items.js';

const readEntry = (item: Record<string, unknown>): OutboxEntry => {
  const eventId = String(item['pk']).slice(EVENT_PK_PREFIX.length);
  try {
    const envelope = envelopeFromItem(item);
    return envelope ? { eventId, envelope } : { eventId, unreadable: 'not an event item' };
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    return { eventId, unreadable: toFieldIssues(error).map((i) => `envelope.${i.path}: ${i.message}`).join('; ') };
  }
};

/** Read side of the event log: for delivery, replay, redrive and the customer's event history. */
export const eventStore = ({ client, tableName }: TableRef) => {
  /** Outbox items that occurred in [from, to], page by page over the hour shards. */
  async function* itemsBetween(from: Date, to: Date): AsyncGenerator<Record<string, unknown>> {
    for (const partition of eventTimePartitions(from, to)) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': partition, ':from': from.toISOString(), ':to': `${to.toISOString()}~` },
            ExclusiveStartKey: startKey,
          }),
        );
        yield* page.Items ?? [];
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
  }

  return {
    async get(eventId: string): Promise<EventEnvelope | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: eventKey(eventId) }));
      return envelopeFromItem(Item);
    },

    /**
     * A customer's events by sequence, between `afterSequence` and `beforeSequence` (both exclusive),
     * oldest first, or newest first with `order: 'desc'`; at most `limit` (default 100).
     */
    async listForCustomer(customerId: string, options: { afterSequence?: number; beforeSequence?: number; order?: 'asc' | 'desc'; limit?: number } = {}): Promise<EventEnvelope[]> {
      // No sequence lies strictly between the bounds: nothing to ask for (BETWEEN refuses an upper bound below the lower).
      if (options.beforeSequence !== undefined && options.beforeSequence <= (options.afterSequence ?? 0) + 1) return [];
      const after = String(options.afterSequence ?? 0).padStart(12, '0') + '#~';
      const before = options.beforeSequence === undefined ? undefined : String(options.beforeSequence).padStart(12, '0') + '#';
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: before === undefined ? 'gsi1pk = :pk AND gsi1sk > :after' : 'gsi1pk = :pk AND gsi1sk BETWEEN :after AND :before',
          ExpressionAttributeValues: { ':pk': `CUSTEVENTS#${customerId}`, ':after': after, ...(before === undefined ? {} : { ':before': before }) },
          ScanIndexForward: options.order !== 'desc',
          Limit: options.limit ?? 100,
        }),
      );
      return Items.flatMap((item) => envelopeFromItem(item) ?? []);
    },

    /** Events that occurred in [from, to], oldest first, across the hour shards. */
    async listBetween(from: Date, to: Date, filter: (e: EventEnvelope) => boolean = () => true): Promise<EventEnvelope[]> {
      const out: EventEnvelope[] = [];
      for await (const item of itemsBetween(from, to)) {
        const envelope = envelopeFromItem(item);
        if (envelope && filter(envelope)) out.push(envelope);
      }
      return out.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id));
    },

    /**
     * Every outbox item of [from, to] (oldest first), an unreadable one reported with its
     * failing paths instead of failing the listing: for the redrive.
     */
    async listOutboxBetween(from: Date, to: Date): Promise<OutboxEntry[]> {
      const out: OutboxEntry[] = [];
      for await (const item of itemsBetween(from, to)) out.push(readEntry(item));
      const key = (e: OutboxEntry) => ('envelope' in e ? e.envelope.occurredAt : '');
      return out.sort((a, b) => key(a).localeCompare(key(b)) || a.eventId.localeCompare(b.eventId));
    },

    /**
     * Outbox items of [from, to] that no relay has touched yet (neither started- nor sent-markers),
     * oldest first: what a stopped local hub left behind.
     */
    async listUnrelayedBetween(from: Date, to: Date): Promise<OutboxEntry[]> {
      const out: OutboxEntry[] = [];
      for await (const item of itemsBetween(from, to)) if (item['relayed'] === undefined && item['relayStarted'] === undefined) out.push(readEntry(item));
      const key = (e: OutboxEntry) => ('envelope' in e ? e.envelope.occurredAt : '');
      return out.sort((a, b) => key(a).localeCompare(key(b)) || a.eventId.localeCompare(b.eventId));
    },

    /** One outbox item by event id (strongly consistent), or undefined when it is not kept. */
    async getOutboxEntry(eventId: string): Promise<OutboxEntry | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: eventKey(eventId), ConsistentRead: true }));
      return Item ? readEntry(Item) : undefined;
    },
  };
};
export type EventStore = ReturnType<typeof eventStore>;

const MarksSchema = z.object({ relayed: z.set(z.string()).optional(), relayStarted: z.set(z.string()).optional() });

/**
 * The relay's sent-markers, kept on the event's own outbox item as two string sets:
 * `relayStarted` (targets a relay set out to send) and `relayed` (targets whose send was
 * accepted). Both are conditional on the item existing, so a marker never creates an item: an
 * update of an existing item is a MODIFY on the stream, which the relay's filter ignores
 * (it only takes INSERTs).
 */
export const relayMarkStore = ({ client, tableName }: TableRef): RelayMarks => {
  const add = async (eventId: string, attribute: 'relayed' | 'relayStarted', targets: readonly string[], returnValues: 'ALL_OLD' | 'UPDATED_OLD') => {
    try {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: eventKey(eventId),
          UpdateExpression: 'ADD #set :targets',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#set': attribute },
          ExpressionAttributeValues: { ':targets': new Set(targets) },
          ReturnValues: returnValues,
        }),
      );
      return MarksSchema.parse(Attributes ?? {});
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  };
  return {
    async begin(eventId, targets) {
      const old = await add(eventId, 'relayStarted', targets, 'ALL_OLD');
      return old && { relayed: old.relayed ?? new Set(), started: old.relayStarted ?? new Set() };
    },
    async confirm(eventId, targets) {
      const old = await add(eventId, 'relayed', targets, 'UPDATED_OLD');
      return old?.relayed ?? new Set();
    },
  };
};
