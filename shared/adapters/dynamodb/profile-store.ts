import { randomUUID } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, PermanentError, TransientError } from '../../domain/errors.js';
import { CustomerProfileSchema, type CustomerProfile } from '../../domain/profile/customer-profile.js';
import type { ProfileChange, ProfileRepository } from '../../domain/customers/ports.js';
import { UnsettledWriteError, type CallOptions } from '../../domain/customers/write-budget.js';
import { isConditionFailure, isStorageRefusal, isTransientDynamoError, isUnsettledDynamoError, type TableRef } from './client.js';
import { eventItem } from './event-items.js';

const profileKey = (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'PROFILE' });

/** Write capacity units reported by DynamoDB for profile transactions in this container (ReturnConsumedCapacity TOTAL). */
export const profileWriteCapacity = { units: 0, transactions: 0 };

/** The transaction items of one profile change (profile, events, extra items), for stores that commit a profile change with their own items. */
export const profileTransactItems = (tableName: string, change: ProfileChange) => {
  const { profile, expectedVersion, events, extraPuts = [], extraDeletes = [] } = change;
  const condition =
    expectedVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: '#v = :expected', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } };
  return [
    {
      Put: {
        TableName: tableName,
        Item: { ...profileKey(profile.customerId), entity: 'customer', profile: CustomerProfileSchema.parse(profile), version: profile.version },
        ...condition,
      },
    },
    ...events.map((envelope) => ({ Put: { TableName: tableName, Item: eventItem(envelope), ConditionExpression: 'attribute_not_exists(pk)' } })),
    ...extraPuts.map(({ item, condition: c }) => ({
      Put: {
        TableName: tableName,
        Item: item,
        ...(c === 'not_exists'
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : c
            ? { ConditionExpression: c.expression, ...(c.names ? { ExpressionAttributeNames: c.names } : {}), ...(c.values ? { ExpressionAttributeValues: c.values } : {}) }
            : {}),
      },
    })),
    ...extraDeletes.map(({ key, condition: c }) => ({
      Delete: {
        TableName: tableName,
        Key: key,
        ...(c
          ? { ConditionExpression: c.expression, ...(c.names ? { ExpressionAttributeNames: c.names } : {}), ...(c.values ? { ExpressionAttributeValues: c.values } : {}) }
          : { ConditionExpression: 'attribute_exists(pk)' }),
      },
    })),
  ];
};

/**
 * Golden profiles: one item per customer holding the validated profile and its version.
 * `commit` writes profile + events (+ extra items) in one transaction, conditioned on the version.
 */
export const profileStore = ({ client, tableName }: TableRef): ProfileRepository & {
  getWithRaw(customerId: string): Promise<CustomerProfile | undefined>;
  /** Several profiles (merge/unmerge) and their events in one transaction, each with its version condition. */
  commitMany(changes: ProfileChange[]): Promise<void>;
} => {
  const get = async (customerId: string, options: CallOptions = {}): Promise<CustomerProfile | undefined> => {
    let Item: Record<string, unknown> | undefined;
    try {
      ({ Item } = await client.send(new GetCommand({ TableName: tableName, Key: profileKey(customerId), ConsistentRead: true }), { abortSignal: options.signal }));
    } catch (error) {
      // A read that ran out of its caller's time changed nothing.
      if (options.signal?.aborted || isTransientDynamoError(error) || isUnsettledDynamoError(error)) throw new TransientError('storage_busy', 'The table did not answer in time, try again', { cause: error });
      throw error;
    }
    return Item ? CustomerProfileSchema.parse(Item['profile']) : undefined;
  };
  /** One transaction of profile changes; a failed version condition is a ConflictError with `conflict` as its message. */
  const transact = async (items: ReturnType<typeof profileTransactItems>, conflict: string, options: CallOptions = {}): Promise<void> => {
    if (items.length > 100) throw new Error('A profile change may write at most 100 items');
    try {
      // One idempotency token for the call: the SDK's own retries of it cannot apply it twice.
      const command = new TransactWriteCommand({ TransactItems: items, ReturnConsumedCapacity: 'TOTAL', ClientRequestToken: randomUUID() });
      const result = await client.send(command, { abortSignal: options.signal });
      profileWriteCapacity.transactions++;
      profileWriteCapacity.units += (result.ConsumedCapacity ?? []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(conflict, { cause: error });
      if (isTransientDynamoError(error)) throw new TransientError('storage_busy', 'The table is busy, try again', { cause: error });
      if (isStorageRefusal(error)) throw new PermanentError('storage_refused', 'The table refused the change (a value it cannot store)', { cause: error });
      if (isUnsettledDynamoError(error)) throw new UnsettledWriteError({ cause: error });
      throw error;
    }
  };
  return {
    get,
    getWithRaw: get,
    commitMany: (changes: ProfileChange[]): Promise<void> =>
      transact(
        changes.flatMap((c) => profileTransactItems(tableName, c)),
        `Customers ${changes.map((c) => c.profile.customerId).join(', ')} changed concurrently`,
      ),
    commit: (change: ProfileChange, options?: CallOptions): Promise<void> =>
      transact(profileTransactItems(tableName, change), `Customer ${change.profile.customerId} changed concurrently`, options),
  };
};
