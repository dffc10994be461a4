import { createHash } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { OutcomeSchema, type Outcome, type OutcomeStore } from '../../domain/risk/training-data.js';
import type { OutcomeOnceStore } from '../../domain/risk/import-outcomes.js';
import { isConditionFailure, type TableRef } from './client.js';

/**
 * Recorded credit outcomes (training labels): `OUTCOMES#<customerId> / AT#<at>#<ulid>`, append-only
 * (a correction is a newer outcome; the latest by `at` decides). Items are zod-parsed when read back.
 */
const key = (customerId: string, at: string) => ({ pk: `OUTCOMES#${customerId}`, sk: `AT#${at}#${ulid()}` });
/** A bulk-imported outcome: `AT#<at>#I<hash of customer, at, defaulted>`, so the same row twice is one item. */
const onceKey = (o: Pick<Outcome, 'customerId' | 'at' | 'defaulted'>) => ({
  pk: `OUTCOMES#${o.customerId}`,
  sk: `AT#${o.at}#I${createHash('sha256').update(`${o.customerId}\n${o.at}\n${o.defaulted}`).digest('hex').slice(0, 32)}`,
});

export const outcomeStore = ({ client, tableName }: TableRef): OutcomeStore & OutcomeOnceStore => ({
  async putOnce(outcome: Outcome) {
    try {
      await client.send(new PutCommand({ TableName: tableName, Item: { ...onceKey(outcome), entity: 'outcome', outcome: OutcomeSchema.parse(outcome) }, ConditionExpression: 'attribute_not_exists(pk)' }));
      return 'recorded';
    } catch (error) {
      if (isConditionFailure(error)) return 'duplicate';
      throw error;
    }
  },
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
