import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
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

const CursorSchema = z.object({ pk: z.string().min(1), sk: z.string().min(1) });
const CustomerIdItemSchema = z.object({ pk: z.string(), sk: z.string(), profile: z.object({ customerId: z.string(), status: z.string() }) });

/**
 * Ids of active (not merged) customers, `limit` at a time, in scan order, with an opaque cursor
 * (base64url of the last returned item's key, so a page never skips or repeats a customer).
 * A malformed cursor is a ValidationError on `cursor`.
 */
export const customerIdPage =
  ({ client, tableName }: TableRef) =>
  async ({ cursor, limit }: { cursor?: string; limit: number }): Promise<{ customerIds: string[]; nextCursor?: string }> => {
    let startKey: Record<string, unknown> | undefined;
    if (cursor !== undefined) {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        decoded = undefined;
      }
      const parsed = CursorSchema.safeParse(decoded);
      if (!parsed.success) throw new ValidationError('Invalid cursor', [{ path: 'cursor', message: 'not a cursor returned by this API' }]);
      startKey = parsed.data;
    }
    const found: Array<{ customerId: string; key: { pk: string; sk: string } }> = [];
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: '#e = :customer',
          ExpressionAttributeNames: { '#e': 'entity', '#p': 'profile', '#st': 'status' },
          ExpressionAttributeValues: { ':customer': 'customer' },
          ProjectionExpression: 'pk, sk, #p.customerId, #p.#st',
          Limit: Math.max(100, limit),
          ExclusiveStartKey: startKey,
        }),
      );
      for (const raw of page.Items ?? []) {
        const item = CustomerIdItemSchema.parse(raw);
        found.push({ customerId: item.profile.status === 'merged' ? '' : item.profile.customerId, key: { pk: item.pk, sk: item.sk } });
        if (found.filter((f) => f.customerId !== '').length === limit) break;
      }
      const kept = found.filter((f) => f.customerId !== '').length;
      if (kept === limit) {
        const last = found.at(-1)!;
        return { customerIds: found.filter((f) => f.customerId !== '').map((f) => f.customerId), nextCursor: Buffer.from(JSON.stringify(last.key)).toString('base64url') };
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { customerIds: found.filter((f) => f.customerId !== '').map((f) => f.customerId) };
  };
