import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { DriftPointSchema, type DriftPoint, type DriftSeries } from '../../domain/rating/drift.js';
import { isConditionFailure, type TableRef } from './client.js';
import { eventItem } from './event-items.js';

/**
 * The drift series: one item per (policy version, UTC day), `DRIFT#v<version> / <date>`, so a
 * version's points are one Query in date order. The point and its `rating.drift_detected` event
 * (outbox) are written in one transaction, conditioned on the day having no point yet.
 */
const key = (policyVersion: number, date: string) => ({ pk: `DRIFT#v${policyVersion}`, sk: date });

const ItemSchema = z.object({ point: DriftPointSchema });

export const driftStore = ({ client, tableName }: TableRef): DriftSeries => ({
  async record(point: DriftPoint, event) {
    const item = { ...key(point.policyVersion, point.date), entity: 'drift_point', point: DriftPointSchema.parse(point) };
    const put = { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' };
    try {
      if (event) await client.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, { Put: { TableName: tableName, Item: eventItem(event), ConditionExpression: 'attribute_not_exists(pk)' } }] }));
      else await client.send(new PutCommand(put));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },
  async list(policyVersion, { limit, after }) {
    const { pk } = key(policyVersion, '');
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: after === undefined ? 'pk = :pk' : 'pk = :pk AND sk > :after',
        ExpressionAttributeValues: { ':pk': pk, ...(after === undefined ? {} : { ':after': after }) },
        ScanIndexForward: true,
        Limit: limit + 1,
        ConsistentRead: true,
      }),
    );
    const points = (out.Items ?? []).map((i) => ItemSchema.parse(i).point);
    const page = points.slice(0, limit);
    return { points: page, ...(points.length > limit ? { next: page[page.length - 1]!.date } : {}) };
  },
});
