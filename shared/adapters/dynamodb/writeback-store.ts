import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ConflictError } from '../../domain/errors.js';
import { WriteBackRecordSchema, type WriteBackRecord } from '../../domain/outbound/write-back-record.js';
import { isConditionFailure, type TableRef } from './client.js';

const RETENTION_DAYS = 30;
const logKey = (customerId: string, eventId: string, target: string) => ({ pk: `WBLOG#${customerId}`, sk: `${eventId}#${target}` });
const stateKey = (key: string) => ({ pk: `WBSTATE#${key}`, sk: 'STATE' });
const ClaimStateSchema = z.object({ lastSequence: z.number().optional(), lastEventId: z.string().optional() });

/**
 * CRM write-backs: the log (one item per event and CRM record, under the customer so a
 * customer's write-backs list with one query) and, per CRM record and event type, the sequence
 * of the newest event claimed for it plus a short lease (stale-update protection and one write
 * in flight per record).
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
   * Claims a CRM record (`key`: record and event type) for the event with `sequence` and takes
   * its lease until `leaseUntil`, in one conditional write, before the CRM is called:
   * - 'claimed': nothing newer was claimed (the same event may claim again, for its retries)
   *   and no other event holds a live lease;
   * - 'superseded': a newer event (or another event with the same sequence) claimed it;
   * - 'busy': an older event is being written right now; try again once its lease is gone.
   * At most one write per record is in flight, and sequences only grow across them.
   */
  async claim(key: string, sequence: number, eventId: string, at: Date, leaseUntil: Date): Promise<'claimed' | 'superseded' | 'busy'> {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: stateKey(key),
          UpdateExpression: 'SET lastSequence = :seq, lastEventId = :eid, claimedAt = :at, leaseEventId = :eid, leaseUntil = :until, entity = :entity',
          ConditionExpression:
            '(attribute_not_exists(pk) OR lastSequence < :seq OR (lastSequence = :seq AND lastEventId = :eid)) ' +
            'AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now OR leaseEventId = :eid)',
          ExpressionAttributeValues: {
            ':seq': sequence,
            ':eid': eventId,
            ':at': at.toISOString(),
            ':now': at.getTime(),
            ':until': leaseUntil.getTime(),
            ':entity': 'writeback_state',
          },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: stateKey(key), ConsistentRead: true }));
    const state = ClaimStateSchema.parse(Item ?? {});
    const newer = state.lastSequence !== undefined && (state.lastSequence > sequence || (state.lastSequence === sequence && state.lastEventId !== eventId));
    return newer ? 'superseded' : 'busy';
  },

  /** Gives the lease back after the CRM call; 'lost' when another event took it (ours had expired). */
  async release(key: string, eventId: string): Promise<'released' | 'lost'> {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: stateKey(key),
          UpdateExpression: 'REMOVE leaseEventId, leaseUntil',
          ConditionExpression: 'leaseEventId = :eid',
          ExpressionAttributeValues: { ':eid': eventId },
        }),
      );
      return 'released';
    } catch (error) {
      if (isConditionFailure(error)) return 'lost';
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
