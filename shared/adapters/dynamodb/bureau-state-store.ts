import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BureauStateStore } from '../../domain/bureau-pulls/ports.js';
import { TransientError } from '../../domain/errors.js';
import { isConditionFailure, type TableRef } from './client.js';

const MAX_ATTEMPTS = 20;
const key = (bureau: string, slot: string) => ({ pk: `BUREAU#${bureau}`, sk: slot });

/**
 * Small per-bureau state items (`BUREAU#<bureau> / TOKENBUCKET | CIRCUIT | BUDGET#YYYY-MM`)
 * replaced with a conditional write on a revision number; a lost race re-reads and re-applies.
 */
export const bureauStateStore = ({ client, tableName }: TableRef): BureauStateStore => ({
  async update(bureau, slot, schema, change) {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key(bureau, slot), ConsistentRead: true }));
      const rev = Item ? Number(Item['rev']) : 0;
      const current = Item ? schema.parse(Item['state']) : undefined;
      const { next, result } = change(current);
      if (next === undefined || next === current) return result;
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...key(bureau, slot), entity: 'bureau_state', state: next, rev: rev + 1 },
            ...(Item
              ? { ConditionExpression: 'rev = :rev', ExpressionAttributeValues: { ':rev': rev } }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          }),
        );
        return result;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    throw new TransientError('bureau_state_contention', `Could not update ${slot} of ${bureau}; try again`);
  },
});
