import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors.js';
import { DeliveryRecordSchema, type DeliveryMessage, type DeliveryRecord } from '../../domain/outbound/delivery-record.js';
import { isConditionFailure, type TableRef } from './client.js';

const DUE_SHARDS = 4;
const RETENTION_DAYS = 30;
const keyOf = (subscriptionId: string, eventId: string) => ({ pk: `SUB#${subscriptionId}`, sk: `DELIVERY#${eventId}` });

/**
 * Delivery logs, one item per (subscription, event), under the subscription's partition so a
 * subscription's deliveries list with one query. Retries further away than SQS can delay sit
 * in a sparse due index (gsi2, sharded) that the sweeper reads.
 */
export const deliveryStore = ({ client, tableName }: TableRef) => ({
  async get(subscriptionId: string, eventId: string): Promise<{ record: DeliveryRecord; revision: number } | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keyOf(subscriptionId, eventId), ConsistentRead: true }));
    return Item ? { record: DeliveryRecordSchema.parse(Item['record']), revision: Number(Item['revision']) } : undefined;
  },

  async put(record: DeliveryRecord, expectedRevision: number | undefined, due?: Date): Promise<void> {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keyOf(record.subscriptionId, record.eventId),
            entity: 'delivery',
            record: DeliveryRecordSchema.parse(record),
            revision: (expectedRevision ?? 0) + 1,
            expiresAt: Math.floor(Date.parse(record.updatedAt) / 1000) + RETENTION_DAYS * 86_400,
            ...(due
              ? { gsi2pk: `DUE#${Math.floor(Math.random() * DUE_SHARDS)}`, gsi2sk: `${due.toISOString()}#${record.subscriptionId}#${record.eventId}` }
              : {}),
          },
          ...(expectedRevision === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'revision = :r', ExpressionAttributeValues: { ':r': expectedRevision } }),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`Delivery ${record.eventId} → ${record.subscriptionId} changed concurrently`, { cause: error });
      throw error;
    }
  },

  /** Marks a record as parked in the due index (its retry is more than SQS's 15 minutes away). */
  async park(subscriptionId: string, eventId: string, due: Date): Promise<void> {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keyOf(subscriptionId, eventId),
        UpdateExpression: 'SET gsi2pk = :pk, gsi2sk = :sk',
        ExpressionAttributeValues: { ':pk': `DUE#${Math.floor(Math.random() * DUE_SHARDS)}`, ':sk': `${due.toISOString()}#${subscriptionId}#${eventId}` },
      }),
    );
  },

  /** Parked retries due before `horizon`, across shards. */
  async due(horizon: Date, limit = 200): Promise<Array<{ message: DeliveryMessage; dueAt: Date; shardKey: { pk: string; sk: string } }>> {
    const out: Array<{ message: DeliveryMessage; dueAt: Date; shardKey: { pk: string; sk: string } }> = [];
    for (let shard = 0; shard < DUE_SHARDS && out.length < limit; shard++) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :h',
          ExpressionAttributeValues: { ':pk': `DUE#${shard}`, ':h': `${horizon.toISOString()}~` },
          Limit: limit - out.length,
        }),
      );
      for (const item of Items) {
        const [dueAt, subscriptionId, eventId] = String(item['gsi2sk']).split('#');
        if (!dueAt || !subscriptionId || !eventId) continue;
        out.push({ message: { subscriptionId, eventId, replay: false }, dueAt: new Date(dueAt), shardKey: { pk: String(item['pk']), sk: String(item['sk']) } });
      }
    }
    return out;
  },

  /** Takes a record out of the due index once its retry is on the queue. */
  async unpark(key: { pk: string; sk: string }): Promise<void> {
    await client.send(new UpdateCommand({ TableName: tableName, Key: key, UpdateExpression: 'REMOVE gsi2pk, gsi2sk' }));
  },

  /**
   * One page of a subscription's delivery log, newest first, optionally of one status. Pages are
   * exact (a filtered query goes on until the page is full or the log ends); `next` is the last
   * record's sort key, to pass back as `after`.
   */
  async listForSubscription(subscriptionId: string, page: { limit: number; after?: string; status?: DeliveryRecord['status'] }): Promise<{ records: DeliveryRecord[]; next?: string }> {
    const records: DeliveryRecord[] = [];
    let startKey: Record<string, unknown> | undefined = page.after ? { pk: `SUB#${subscriptionId}`, sk: page.after } : undefined;
    let lastSk: string | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :d)',
          ExpressionAttributeValues: { ':pk': `SUB#${subscriptionId}`, ':d': 'DELIVERY#' },
          ScanIndexForward: false,
          Limit: page.status ? Math.max(page.limit * 2, 50) : page.limit + 1,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of Items) {
        const record = DeliveryRecordSchema.parse(item['record']);
        if (page.status && record.status !== page.status) {
          lastSk = String(item['sk']);
          continue;
        }
        if (records.length === page.limit) return { records, next: lastSk };
        records.push(record);
        lastSk = String(item['sk']);
      }
      startKey = LastEvaluatedKey;
    } while (startKey);
    return { records };
  },
});
export type DeliveryStore = ReturnType<typeof deliveryStore>;
