import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SubscriptionSchema, type Subscription } from '../../domain/delivery/subscription.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import { isConditionFailure, type TableRef } from './client.js';

const keyOf = (id: string) => ({ pk: `SUB#${id}`, sk: 'SUB' });

/** Webhook subscriptions, with optimistic locking on `updatedAt` for health updates. */
export const subscriptionStore = ({ client, tableName }: TableRef) => ({
  async get(id: string): Promise<Subscription | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keyOf(id), ConsistentRead: true }));
    return Item ? SubscriptionSchema.parse(Item['subscription']) : undefined;
  },

  async list(): Promise<Subscription[]> {
    const out: Subscription[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'SUBS' }, ExclusiveStartKey: startKey }),
      );
      out.push(...(page.Items ?? []).map((i) => SubscriptionSchema.parse(i['subscription'])));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  },

  /** Creates (expectedRevision undefined) or replaces a subscription whose stored revision is `expectedRevision`. */
  async put(subscription: Subscription, expectedRevision?: number): Promise<number> {
    const revision = (expectedRevision ?? 0) + 1;
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keyOf(subscription.id),
            entity: 'subscription',
            subscription: SubscriptionSchema.parse(subscription),
            revision,
            gsi1pk: 'SUBS',
            gsi1sk: `${subscription.createdAt}#${subscription.id}`,
          },
          ...(expectedRevision === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'revision = :r', ExpressionAttributeValues: { ':r': expectedRevision } }),
        }),
      );
      return revision;
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`Subscription ${subscription.id} changed concurrently`, { cause: error });
      throw error;
    }
  },

  async getWithRevision(id: string): Promise<{ subscription: Subscription; revision: number } | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keyOf(id), ConsistentRead: true }));
    return Item ? { subscription: SubscriptionSchema.parse(Item['subscription']), revision: Number(Item['revision'] ?? 1) } : undefined;
  },

  async delete(id: string): Promise<void> {
    try {
      await client.send(new DeleteCommand({ TableName: tableName, Key: keyOf(id), ConditionExpression: 'attribute_exists(pk)' }));
    } catch (error) {
      if (isConditionFailure(error)) throw new NotFoundError(`Subscription ${id}`);
      throw error;
    }
  },
});
export type SubscriptionStore = ReturnType<typeof subscriptionStore>;
