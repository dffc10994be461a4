import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { ExtraDelete, ExtraPut, IdentityIndex } from '../../domain/customers/ports.js';
import { isUniqueKey } from '../../domain/identity/matching.js';
import { readOrBusy, type TableRef } from './client.js';

const pkOf = (key: string) => `IDENT#${key}`;
/** Sort key of the one claim item of a unique key (customer ids never start with `#`). */
const HOLDER = '#HOLDER';
const ItemSchema = z.object({ customerId: z.string() });

/**
 * Identity index items, written in the same transaction as the profile (ProfileRepository.commit
 * extraPuts). Layout (private here):
 * - unique keys: one claim `IDENT#<scheme>#<value> / #HOLDER` naming the customer, put with the
 *   condition "nobody, the same customer or an allowed previous holder", so a second profile
 *   claiming the key fails its whole transaction;
 * - other keys: one item per (key, customer) `IDENT#<key> / <customerId>`, so concurrent
 *   writers never overwrite each other.
 * Items of unique keys written per customer before claims existed are still found by `find`.
 */
export const identityIndex = ({ client, tableName }: TableRef): IdentityIndex => ({
  async find(keys, limit = 20) {
    const ids: string[] = [];
    for (const key of keys) {
      const { Items = [] } = await readOrBusy(
        client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pkOf(key) }, Limit: limit })),
      );
      for (const item of Items) {
        const { customerId } = ItemSchema.parse(item);
        if (!ids.includes(customerId)) ids.push(customerId);
        if (ids.length >= limit) return ids;
      }
    }
    return ids;
  },
  async holderOf(key) {
    const { Item } = await readOrBusy(client.send(new GetCommand({ TableName: tableName, Key: { pk: pkOf(key), sk: HOLDER }, ConsistentRead: true })));
    return Item ? ItemSchema.parse(Item).customerId : undefined;
  },
  entries(customerId, keys, options = {}): ExtraPut[] {
    const allowed = [customerId, ...(options.takeFrom ?? [])];
    return [...new Set(keys)].map((key) => {
      if (!isUniqueKey(key)) return { item: { pk: pkOf(key), sk: customerId, entity: 'identity', customerId } };
      const names = allowed.map((_, i) => `:h${i}`);
      return {
        item: { pk: pkOf(key), sk: HOLDER, entity: 'identity', customerId, unique: true },
        condition: {
          expression: `attribute_not_exists(pk) OR customerId IN (${names.join(', ')})`,
          values: Object.fromEntries(allowed.map((id, i) => [`:h${i}`, id])),
        },
      };
    });
  },
  releases(customerId, keys): ExtraDelete[] {
    return [...new Set(keys)].filter(isUniqueKey).map((key) => ({
      key: { pk: pkOf(key), sk: HOLDER },
      condition: { expression: 'attribute_not_exists(pk) OR customerId = :me', values: { ':me': customerId } },
    }));
  },
});
