import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { EventEnvelope } from '../../domain/events/envelope.js';
import { envelopeFromItem } from './event-items.js';

/** The event an outbox INSERT carries, or undefined for any other stream record. */
export const envelopeFromStreamRecord = (record: DynamoDBRecord): EventEnvelope | undefined => {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return undefined;
  const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
  return envelopeFromItem(item);
};
