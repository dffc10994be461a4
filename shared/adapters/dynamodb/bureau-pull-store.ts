import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { BureauPullSchema, type BureauPull } from '../../domain/bureau-pulls/bureau-pull.js';
import type { PullRepository } from '../../domain/bureau-pulls/ports.js';
import { pullKey } from '../../domain/credit/pull/pull-key.js';
import { TransientError } from '../../domain/errors.js';
import { isConditionFailure, isTransientDynamoError, type TableRef } from './client.js';

const pullItemKey = (customerId: string, pullId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: `PULL#${pullId}` });
const lockKey = (pull: Pick<BureauPull, 'customerId' | 'bureau'>) => ({ pk: `PULLKEY#${pullKey(pull.customerId, pull.bureau)}`, sk: 'PULLKEY' });
const LockSchema = z.object({ pullId: z.string(), startedAtMs: z.number(), done: z.boolean().optional() });

const itemOf = (pull: BureauPull) => ({ ...pullItemKey(pull.customerId, pull.pullId), entity: 'bureau_pull', pull: BureauPullSchema.parse(pull) });

/**
 * Pull records (`CUSTOMER#id / PULL#pullId`) and the collapse key of a customer+bureau
 * (`PULLKEY#pull#bureau#customer`): a pull starts only if it can claim the key (absent, done,
 * or older than the collapse window) in the same transaction that writes the pull.
 */
export const bureauPullStore = ({ client, tableName }: TableRef): PullRepository => ({
  async get(customerId, pullId) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: pullItemKey(customerId, pullId), ConsistentRead: true }));
    return Item ? BureauPullSchema.parse(Item['pull']) : undefined;
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
