import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { BureauPullSchema, type BureauPull } from '../../domain/bureau-pulls/bureau-pull.js';
import type { PullLookup, PullRepository } from '../../domain/bureau-pulls/ports.js';
import { pullKey } from '../../domain/credit/pull/pull-key.js';
import { TransientError } from '../../domain/errors.js';
import { isConditionFailure, isTransientDynamoError, type TableRef } from './client.js';

const pullItemKey = (customerId: string, pullId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `PULL#${pullId}` });
const lockKey = (pull: Pick<BureauPull, 'customerId' | 'bureau'>) => ({ pk: `PULLKEY#${pullKey(pull.customerId, pull.bureau)}`, sk: 'PULLKEY' });
const LockSchema = z.object({ pullId: z.string(), startedAtMs: z.number(), done: z.boolean().optional() });

const QUEUED_SHARDS = 4;
const shardOf = (pullId: string): number => [...pullId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % QUEUED_SHARDS;
const PullItemSchema = z.object({ pull: BureauPullSchema });

/**
 * A queued pull is also indexed on gsi2 (`PULLS#queued#<shard>`, by `updatedAt`) for the dead-letter
 * sweep; finished pulls drop out. Every pull is found by its id on gsi1 (`PULLID#<pullId>`).
 */
const itemOf = (pull: BureauPull) => ({
  ...pullItemKey(pull.customerId, pull.pullId),
  entity: 'bureau_pull',
  pull: BureauPullSchema.parse(pull),
  gsi1pk: `PULLID#${pull.pullId}`,
  gsi1sk: 'PULL',
  ...(pull.status === 'queued' ? { gsi2pk: `PULLS#queued#${shardOf(pull.pullId)}`, gsi2sk: `${pull.updatedAt}#${pull.customerId}#${pull.pullId}` } : {}),
});

/**
 * Pull records (`CUSTOMER#id / PULL#pullId`) and the collapse key of a customer+bureau
 * (`PULLKEY#pull#bureau#customer`): a pull starts only if it can claim the key (absent, done,
 * or older than the collapse window) in the same transaction that writes the pull. Queued pulls
 * are indexed by age (gsi2, sharded) for the dead-letter sweep.
 */
export const bureauPullStore = ({ client, tableName }: TableRef): PullRepository & PullLookup => ({
  async get(customerId, pullId) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: pullItemKey(customerId, pullId), ConsistentRead: true }));
    return Item ? PullItemSchema.parse(Item).pull : undefined;
  },
  /** gsi1 locates the pull; the item is then read consistently (the index lags the table). */
  async findById(pullId) {
    const { Items = [] } = await client.send(
      new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `PULLID#${pullId}` } }),
    );
    const located = Items[0] ? PullItemSchema.parse(Items[0]).pull : undefined;
    if (!located) return undefined;
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: pullItemKey(located.customerId, pullId), ConsistentRead: true }));
    return Item ? PullItemSchema.parse(Item).pull : located;
  },
  async start(pull, collapseWindowMs, now) {
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { ...lockKey(pull), entity: 'bureau_pull_key', pullId: pull.pullId, startedAtMs: now.getTime(), done: false },
                ConditionExpression: 'attribute_not_exists(pk) OR done = :true OR startedAtMs < :cutoff',
                ExpressionAttributeValues: { ':true': true, ':cutoff': now.getTime() - collapseWindowMs },
              },
            },
            { Put: { TableName: tableName, Item: itemOf(pull), ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      return { started: true };
    } catch (error) {
      if (isConditionFailure(error)) {
        const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: lockKey(pull), ConsistentRead: true }));
        const lock = LockSchema.safeParse(Item);
        if (lock.success) return { started: false, existingPullId: lock.data.pullId };
        throw new TransientError('pull_key_race', 'The pull key changed concurrently; try again', { cause: error });
      }
      if (isTransientDynamoError(error)) throw new TransientError('storage_busy', 'The table is busy, try again', { cause: error });
      throw error;
    }
  },
  async save(pull) {
    await client.send(new PutCommand({ TableName: tableName, Item: itemOf(pull) }));
  },
  async replaceIfUnchanged(next, expectedUpdatedAt) {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: itemOf(next),
          ConditionExpression: '#p.#s = :queued AND #p.#u = :u',
          ExpressionAttributeNames: { '#p': 'pull', '#s': 'status', '#u': 'updatedAt' },
          ExpressionAttributeValues: { ':queued': 'queued', ':u': expectedUpdatedAt },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },
  async listQueuedBefore(before, limit) {
    const out: BureauPull[] = [];
    for (let shard = 0; shard < QUEUED_SHARDS && out.length < limit; shard += 1) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :before',
            ExpressionAttributeValues: { ':pk': `PULLS#queued#${shard}`, ':before': before },
            ExclusiveStartKey: startKey,
            Limit: limit - out.length,
          }),
        );
        for (const item of page.Items ?? []) out.push(PullItemSchema.parse(item).pull);
        startKey = out.length < limit ? page.LastEvaluatedKey : undefined;
      } while (startKey);
    }
    return out.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  },
  async listForCustomer(customerId, limit) {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':sk': 'PULL#' },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return Items.map((item) => PullItemSchema.parse(item).pull);
  },
  itemFor: (pull) => ({ item: itemOf(pull) }),
  async release(pull) {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: lockKey(pull),
          UpdateExpression: 'SET done = :true',
          ConditionExpression: 'pullId = :mine',
          ExpressionAttributeValues: { ':true': true, ':mine': pull.pullId },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  },
});
