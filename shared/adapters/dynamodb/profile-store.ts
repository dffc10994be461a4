import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, TransientError } from '../../domain/errors.js';
import { CustomerProfileSchema, type CustomerProfile } from '../../domain/profile/customer-profile.js';
import type { ProfileChange, ProfileRepository } from '../../domain/customers/ports.js';
import { isConditionFailure, isTransientDynamoError, type TableRef } from './client.js';
import { eventItem } from './event-items.js';

const profileKey = (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'PROFILE' });

/**
 * Golden profiles: one item per customer holding the validated profile and its version.
 * `commit` writes profile + events (+ extra items) in one transaction, conditioned on the version.
 */
export const profileStore = ({ client, tableName }: TableRef): ProfileRepository & {
  getWithRaw(customerId: string): Promise<CustomerProfile | undefined>;
} => {
  const get = async (customerId: string): Promise<CustomerProfile | undefined> => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: profileKey(customerId), ConsistentRead: true }));
    return Item ? CustomerProfileSchema.parse(Item['profile']) : undefined;
  };
  return {
    get,
    getWithRaw: get,
    async commit(change: ProfileChange): Promise<void> {
      const { profile, expectedVersion, events, extraPuts = [] } = change;
      if (1 + events.length + extraPuts.length > 100) throw new Error('A profile change may write at most 100 items');
      const condition =
        expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: '#v = :expected', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } };
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...profileKey(profile.customerId),
                    entity: 'customer',
                    profile: CustomerProfileSchema.parse(profile),
                    version: profile.version,
                  },
                  ...condition,
                },
              },
              ...events.map((envelope) => ({
                Put: { TableName: tableName, Item: eventItem(envelope), ConditionExpression: 'attribute_not_exists(pk)' },
              })),
              ...extraPuts.map(({ item, condition: c }) => ({
                Put: { TableName: tableName, Item: item, ...(c === 'not_exists' ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}) },
              })),
            ],
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) {
          throw new ConflictError(`Customer ${profile.customerId} changed concurrently`, { cause: error });
        }
        if (isTransientDynamoError(error)) throw new TransientError('storage_busy', 'The table is busy, try again', { cause: error });
        throw error;
      }
    },
  };
};
