import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { CustomerProfileSchema, type CustomerProfile } from '../../domain/profile/customer-profile.js';
import type { ProfilePages } from '../../domain/sharing/ports.js';
import type { TableRef } from './client.js';

const KeySchema = z.object({ pk: z.string().startsWith('CUSTOMER#'), sk: z.literal('PROFILE') }).strict();

const encode = (k: { pk: string; sk: string }): string => Buffer.from(JSON.stringify(k), 'utf8').toString('base64url');
const decode = (cursor: string): { pk: string; sk: string } | undefined => {
  try {
    const parsed = KeySchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Golden profiles a page at a time, by a filtered Scan (the items `profile-store.ts` writes:
 * `entity = customer`). The cursor is the key of the last profile returned, so a page holds
 * exactly `limit` profiles (fewer only at the end) whatever the filter skipped; a full page
 * always carries a cursor, so the last page may be empty. A cursor that is not a profile key
 * yields an empty page.
 */
export const profilePages = ({ client, tableName }: TableRef): ProfilePages => ({
  async page({ limit, cursor }) {
    let startKey: Record<string, unknown> | undefined;
    if (cursor !== undefined) {
      startKey = decode(cursor);
      if (!startKey) return { profiles: [] };
    }
    const out: Array<{ key: { pk: string; sk: string }; profile: CustomerProfile }> = [];
    let more = true;
    while (out.length < limit && more) {
      const page = await client.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: '#e = :customer',
          ExpressionAttributeNames: { '#e': 'entity' },
          ExpressionAttributeValues: { ':customer': 'customer' },
          ProjectionExpression: 'pk, sk, profile',
          Limit: Math.max(100, limit),
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (out.length >= limit) break;
        out.push({ key: KeySchema.parse({ pk: item['pk'], sk: item['sk'] }), profile: CustomerProfileSchema.parse(item['profile']) });
      }
      startKey = page.LastEvaluatedKey;
      more = startKey !== undefined;
    }
    const last = out.at(-1);
    return { profiles: out.map((o) => o.profile), ...(out.length >= limit && last ? { nextCursor: encode(last.key) } : {}) };
  },
});
