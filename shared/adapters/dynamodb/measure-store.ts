import { BatchGetCommand, GetCommand, QueryCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { TransientError } from '../../domain/errors.js';
import type { MeasureRepository } from '../../domain/measures/manage-measures.js';
import { MeasureRecordSchema, type MeasureRecord } from '../../domain/measures/measures.js';
import { isTransientDynamoError, type TableRef } from './client.js';

/**
 * Emergency measures: `MEASURE#<id> / MEASURE`, listed per customer on gsi1 (`CUSTMEASURES#<customer>`,
 * takenAt) and, while active with an expiry, on gsi2 (`MEASURES#expiring`, expiresAt) for the sweep.
 * Items are written only inside profile transactions (`entry`), so a measure and the profile's
 * restrictions always change together.
 */
const measureKey = (measureId: string) => ({ pk: `MEASURE#${measureId}`, sk: 'MEASURE' });
const ItemSchema = z.object({ measure: MeasureRecordSchema });

const toItem = (measure: MeasureRecord) => ({
  ...measureKey(measure.measureId),
  entity: 'measure',
  measure: MeasureRecordSchema.parse(measure),
  gsi1pk: `CUSTMEASURES#${measure.customerId}`,
  gsi1sk: `${measure.takenAt}#${measure.measureId}`,
  ...(measure.status === 'active' && measure.expiresAt ? { gsi2pk: 'MEASURES#expiring', gsi2sk: `${measure.expiresAt}#${measure.measureId}` } : {}),
});

const transient = (error: unknown): never => {
  if (isTransientDynamoError(error)) throw new TransientError('storage_busy', 'The table is busy, try again', { cause: error });
  throw error;
};

const queryAll = async ({ client, tableName }: TableRef, input: { IndexName: string; KeyConditionExpression: string; ExpressionAttributeValues: Record<string, unknown>; ScanIndexForward?: boolean }) => {
  const out: MeasureRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ TableName: tableName, ...input, ExclusiveStartKey: startKey })).catch(transient);
    for (const raw of page.Items ?? []) out.push(ItemSchema.parse(raw).measure);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
};

export const measureStore = (table: TableRef): MeasureRepository => {
  const { client, tableName } = table;
  return {
    async get(measureId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: measureKey(measureId), ConsistentRead: true })).catch(transient);
      return Item ? ItemSchema.parse(Item).measure : undefined;
    },
    async getMany(measureIds) {
      const out: MeasureRecord[] = [];
      const ids = [...new Set(measureIds)];
      for (let i = 0; i < ids.length; i += 100) {
        let keys: Array<Record<string, unknown>> | undefined = ids.slice(i, i + 100).map(measureKey);
        while (keys?.length) {
          const answer: BatchGetCommandOutput = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } })).catch(transient);
          for (const raw of answer.Responses?.[tableName] ?? []) out.push(ItemSchema.parse(raw).measure);
          keys = answer.UnprocessedKeys?.[tableName]?.Keys;
        }
      }
      return out;
    },
    listForCustomer: (customerId) =>
      queryAll(table, { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `CUSTMEASURES#${customerId}` }, ScanIndexForward: false }),
    expiring: (at) =>
      queryAll(table, { IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :at', ExpressionAttributeValues: { ':pk': 'MEASURES#expiring', ':at': `${at.toISOString()}#~` } }),
    entry: (measure) =>
      measure.version === 1
        ? { item: toItem(measure), condition: 'not_exists' }
        : { item: toItem(measure), condition: { expression: '#m.#v = :expected', names: { '#m': 'measure', '#v': 'version' }, values: { ':expected': measure.version - 1 } } },
  };
};
