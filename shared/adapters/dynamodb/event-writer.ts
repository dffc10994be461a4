import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { EventEnvelope } from '../../domain/events/envelope.js';
import type { TableRef } from './client.js';
import { eventItem } from './event-items.js';

/**
 * Puts a standalone event (one not tied to a profile change, e.g. an admin alert) into the
 * outbox; the stream relays it like any other.
 */
export const eventWriter = ({ client, tableName }: TableRef) => ({
  async put(envelope: EventEnvelope): Promise<void> {
    await client.send(new PutCommand({ TableName: tableName, Item: eventItem(envelope), ConditionExpression: 'attribute_not_exists(pk)' }));
  },
});
