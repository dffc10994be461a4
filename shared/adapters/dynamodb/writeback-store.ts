import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors.js';
import { WriteBackRecordSchema, type WriteBackRecord } from '../../domain/outbound/write-back-record.js';
import { isConditionFailure, type TableRef } from './client.js';

const RETENTION_DAYS = 30;
const logKey = (customerId: string, eventId: string, target: string) => ({ pk: `WBLOG#${customerId}`, sk: `${eventId}#${target}` });
const stateKey = (target: string) => ({ pk: `WBSTATE#${target}`, sk: 'STATE' });

/**
 * CRM write-backs: the log (one item per event and CRM record, under the customer so a
 * customer's write-backs list with one query) and, per CRM record, the sequence of the newest
 * event written to it (stale-update protection).
 */
export const writeBackStore = ({ client, tableName }: TableRef) => ({
  async get(customerId: string, eventId: string, target: string): Promise<{ record: WriteBackRecord; revision: number } | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: logKey(customerId, eventId, target), ConsistentRead: true }));
    return Item ? { record: WriteBackRecordSchema.parse(Item['record']), revision: Number(Item['revision']) } : undefined;
  },

  /** Conditional on `expectedRevision` (undefined = must not exist yet); ConflictError otherwise. */
  async put(record: WriteBackRecord, expectedRevision: number | undefined): Promise<void> {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...logKey(record.customerId, record.eventId, record.target),
            entity: 'writeback',
            record: WriteBackRecordSchema.parse(record),
            revision: (expectedRevision ?? 0) + 1,
            expiresAt: Math.floor(Date.parse(record.updatedAt) / 1000) + RETENTION_DAYS * 86_400,
          },
          ...(expectedRevision === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'revision = :r', ExpressionAttributeValues: { ':r': expectedRevision } }),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`Write-back ${record.eventId} → ${record.target} changed concurrently`, { cause: error });
      throw error;
    }
  },

  /**
   * Claims a CRM record for the event with `sequence`: succeeds when nothing newer was claimed
   * (the same event may claim again, for its retries). 'superseded' when a newer event holds it.
   */
  async claim(target: string, sequence: number, eventId: string, at: Date): Promise<'claimed' | 'superseded'> {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: stateKey(target),
          UpdateExpression: 'SET lastSequence = :seq, lastEventId = :eid, claimedAt = :at, entity = :entity',
          ConditionExpression: 'attribute_not_exists(pk) OR lastSequence < :seq OR (lastSequence = :seq AND lastEventId = :eid)',
          ExpressionAttributeValues: { ':seq': sequence, ':eid': eventId, ':at': at.toISOString(), ':entity': 'writeback_state' },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (isConditionFailure(error)) return 'superseded';
      throw error;
    }
  },

  /** A customer's write-backs, newest event first. */
  async listForCustomer(customerId: string, limit = 50): Promise<WriteBackRecord[]> {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `WBLOG#${customerId}` },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((i) => WriteBackRecordSchema.parse(i['record']));
  },
});
export type WriteBackStore = ReturnType<typeof writeBackStore>;
