import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EventEnvelope } from '../../domain/events/envelope.js';
import type { TableRef } from './client.js';
import { envelopeFromItem, eventKey, eventTimePartitions } from './event-items.js';

/** Read side of the event log: for delivery, replay and the customer's event history. */
export const eventStore = ({ client, tableName }: TableRef) => ({
  async get(eventId: string): Promise<EventEnvelope | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: eventKey(eventId) }));
    return envelopeFromItem(Item);
  },

  async listForCustomer(customerId: string, options: { afterSequence?: number; limit?: number } = {}): Promise<EventEnvelope[]> {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :after',
        ExpressionAttributeValues: {
          ':pk': `CUSTEVENTS#${customerId}`,
          ':after': String(options.afterSequence ?? 0).padStart(12, '0') + '#~',
        },
        Limit: options.limit ?? 100,
      }),
    );
    return Items.flatMap((item) => envelopeFromItem(item) ?? []);
  },

  /** Events that occurred in [from, to], oldest first, across the hour shards. */
  async listBetween(from: Date, to: Date, filter: (e: EventEnvelope) => boolean = () => true): Promise<EventEnvelope[]> {
    const out: EventEnvelope[] = [];
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
        for (const item of page.Items ?? []) {
          const envelope = envelopeFromItem(item);
          if (envelope && filter(envelope)) out.push(envelope);
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    return out.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id));
  },
});
export type EventStore = ReturnType<typeof eventStore>;
