import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RatingResultSchema, type RatingResult } from '../../domain/rating/rating-result.js';
import type { RatingHistory } from '../../domain/risk/ports.js';
import type { TableRef } from './client.js';

/**
 * Rating history: one item per rating change, `RATINGS#<customerId> / SEQ#<sequence>`, written in
 * the same transaction as the profile (the sequence is the profile's, so a retried write of the
 * same change collides instead of duplicating). Kept for explanations, audits and training exports.
 */
const key = (customerId: string, sequence: number) => ({ pk: `RATINGS#${customerId}`, sk: `SEQ#${String(sequence).padStart(12, '0')}` });

export const ratingHistoryStore = ({ client, tableName }: TableRef): RatingHistory & { all(customerId: string): Promise<RatingResult[]> } => ({
  entry: (customerId, sequence, rating) => ({
    item: { ...key(customerId, sequence), entity: 'rating', customerId, rating },
    condition: 'not_exists',
  }),
  async list(customerId, limit = 50): Promise<RatingResult[]> {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `RATINGS#${customerId}` },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item) => RatingResultSchema.parse(item['rating']));
  },
  /** The whole history of a customer, oldest first (every page), for training exports. */
  async all(customerId: string): Promise<RatingResult[]> {
    const out: RatingResult[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `RATINGS#${customerId}` }, ExclusiveStartKey: startKey }),
      );
      for (const item of page.Items ?? []) out.push(RatingResultSchema.parse(item['rating']));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  },
});
