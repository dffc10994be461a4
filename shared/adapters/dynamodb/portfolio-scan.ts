import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { CustomerProfileSchema, type CustomerProfile } from '../../domain/profile/customer-profile.js';
import type { Portfolio } from '../../domain/risk/ports.js';
import type { TableRef } from './client.js';

/**
 * Every golden profile, by a paginated Scan filtered on `entity = customer` (reads the whole
 * table: fine for daily re-evaluation and backtests at portfolio sizes up to ~10⁵; beyond that,
 * a sparse GSI on customer items is the next step). Reads the items `profile-store.ts` writes
 * (`entity = customer`, the profile under `profile`) and zod-parses each.
 */
export const profilePortfolio = ({ client, tableName }: TableRef, options: { pageSize?: number; segments?: number } = {}): Portfolio => ({
  async *profiles(): AsyncIterable<CustomerProfile> {
    const segments = options.segments ?? 1;
    for (let segment = 0; segment < segments; segment++) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: tableName,
            FilterExpression: '#e = :customer',
            ExpressionAttributeNames: { '#e': 'entity' },
            ExpressionAttributeValues: { ':customer': 'customer' },
            ProjectionExpression: 'profile',
            Limit: options.pageSize ?? 500,
            ...(segments > 1 ? { Segment: segment, TotalSegments: segments } : {}),
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) yield CustomerProfileSchema.parse(item['profile']);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
  },
});
