import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ConflictError, TransientError } from '../../domain/errors.js';
import { IncidentRecordSchema, type IncidentRecord } from '../../domain/incidents/incident.js';
import type { IncidentRepository } from '../../domain/incidents/manage-incidents.js';
import { isConditionFailure, isTransientDynamoError, type TableRef } from './client.js';

/** Post-incident reviews: `INCIDENT#<id> / INCIDENT`, listed newest first on gsi1 (`INCIDENTS`, createdAt). */
const incidentKey = (incidentId: string) => ({ pk: `INCIDENT#${incidentId}`, sk: 'INCIDENT' });
const ItemSchema = z.object({ incident: IncidentRecordSchema });

/** Where a page of reviews ended (gsi1 key of its last review). */
export const IncidentPagePositionSchema = z.strictObject({ pk: z.string(), sk: z.string(), gsi1pk: z.string(), gsi1sk: z.string() });

const transient = (error: unknown): never => {
  if (isTransientDynamoError(error)) throw new TransientError('storage_busy', 'The table is busy, try again', { cause: error });
  throw error;
};

export const incidentStore = ({ client, tableName }: TableRef): IncidentRepository => ({
  async get(incidentId) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: incidentKey(incidentId), ConsistentRead: true })).catch(transient);
    return Item ? ItemSchema.parse(Item).incident : undefined;
  },
  async save(next, expectedVersion) {
    const item = { ...incidentKey(next.incidentId), entity: 'incident', incident: IncidentRecordSchema.parse(next), gsi1pk: 'INCIDENTS', gsi1sk: `${next.createdAt}#${next.incidentId}` };
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: item,
          ...(expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: '#i.#version = :expected', ExpressionAttributeNames: { '#i': 'incident', '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`Incident ${next.incidentId} changed concurrently`, { cause: error });
      transient(error);
    }
  },
  async page({ status }, limit, after) {
    const out: IncidentRecord[] = [];
    let startKey: Record<string, unknown> | undefined = after === undefined ? undefined : IncidentPagePositionSchema.parse(after);
    do {
      const page = await client
        .send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ...(status ? { FilterExpression: '#i.#status = :status', ExpressionAttributeNames: { '#i': 'incident', '#status': 'status' } } : {}),
            ExpressionAttributeValues: { ':pk': 'INCIDENTS', ...(status ? { ':status': status } : {}) },
            ScanIndexForward: false,
            Limit: limit - out.length,
            ExclusiveStartKey: startKey,
          }),
        )
        .catch(transient);
      for (const raw of page.Items ?? []) out.push(ItemSchema.parse(raw).incident);
      startKey = page.LastEvaluatedKey;
    } while (startKey && out.length < limit);
    return startKey ? { incidents: out, next: IncidentPagePositionSchema.parse(startKey) } : { incidents: out };
  },
});
