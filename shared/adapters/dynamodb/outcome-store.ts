import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { OutcomeSchema, type Outcome, type OutcomeStore } from '../../domain/risk/training-data.js';
import type { TableRef } from './client.js';

/**
 * Recorded credit outcomes (training labels): `OUTCOMES#<customerId> / AT#<at>#<ulid>`, append-only
 * (a correction is a newer outcome; the latest by `at` decides). Items are zod-parsed when read back.
 */
const key = (customerId: string, at: string) => ({ pk: `OUTCOMES#${customerId}`, sk: `AT#${at}#${ulid()}` });

export const outcomeStore = ({ client, tableName }: TableRef): OutcomeStore => ({
  async put(outcome: Outcome) {
    await client.send(
      new PutCommand({ TableName: tableName, Item: { ...key(outcome.customerId, outcome.at), entity: 'outcome', outcome: OutcomeSchema.parse(outcome) }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  },
  async list(customerId: string): Promise<Outcome[]> {
    const out: Outcome[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `OUTCOMES#${customerId}` }, ExclusiveStartKey: startKey }),
      );
      for (const item of page.Items ?? []) out.push(OutcomeSchema.parse(item['outcome']));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  },
});
