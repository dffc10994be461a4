import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { ExtraPut, IdentityIndex } from '../../domain/customers/ports.js';
import type { TableRef } from './client.js';

const pkOf = (key: string) => `IDENT#${key}`;
const ItemSchema = z.object({ customerId: z.string() });

/**
 * Identity index items `IDENT#<scheme>#<value> / <customerId>`, written in the same
 * transaction as the profile (ProfileRepository.commit extraPuts). One item per (key, customer),
 * so concurrent writers never overwrite each other and a merge only adds items.
 */
export const identityIndex = ({ client, tableName }: TableRef): IdentityIndex => ({
  async find(keys, limit = 20) {
    const ids: string[] = [];
    for (const key of keys) {
      const { Items = [] } = await client.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pkOf(key) }, Limit: limit }),
      );
      for (const item of Items) {
        const { customerId } = ItemSchema.parse(item);
        if (!ids.includes(customerId)) ids.push(customerId);
        if (ids.length >= limit) return ids;
      }
    }
    return ids;
  },
  entries(customerId, keys): ExtraPut[] {
    return [...new Set(keys)].map((key) => ({ item: { pk: pkOf(key), sk: customerId, entity: 'identity', customerId } }));
  },
});

