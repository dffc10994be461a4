import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import { CustomerProfileSchema, type CustomerProfile } from '../../domain/profile/customer-profile.js';
import type { CustomerListing } from '../../domain/console/portfolio.js';
import type { TableRef } from './client.js';

/** Items read per Scan call and Scan calls per page: bounds the work (and latency) of one page. */
const SCAN_PAGE_ITEMS = 500;
const MAX_SCANS_PER_PAGE = 8;

/** Where the next page starts: the primary key of the last item returned (or scanned). */
const CursorSchema = z.strictObject({ pk: z.string().min(1).max(1024), sk: z.string().min(1).max(1024) });

const encodeCursor = (key: Record<string, unknown>): string => Buffer.from(JSON.stringify({ pk: key['pk'], sk: key['sk'] })).toString('base64url');

const decodeCursor = (cursor: string): z.infer<typeof CursorSchema> => {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    raw = undefined;
  }
  const parsed = CursorSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError('The cursor is not valid', [{ path: 'cursor', message: 'use the cursor of a previous page' }]);
  return parsed.data;
};

/**
 * Pages of active golden profiles (the items `profile-store.ts` writes: `entity = customer`),
 * optionally of one grade, by a filtered Scan: fine for a console over portfolios up to ~10⁵
 * customers; a sparse, sharded GSI on customer items is the next step beyond. Each page does at
 * most MAX_SCANS_PER_PAGE Scan calls, so it may come back short with a cursor; the cursor is
 * opaque (base64url of the last key) and keeps the key layout private to this file.
 */
export const customerList = ({ client, tableName }: TableRef): CustomerListing => ({
  async page({ limit, cursor, grade }) {
    const profiles: CustomerProfile[] = [];
    let startKey: Record<string, unknown> | undefined = cursor ? decodeCursor(cursor) : undefined;
    for (let scans = 0; scans < MAX_SCANS_PER_PAGE; scans++) {
      const page = await client.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: `#e = :customer AND #p.#s = :active${grade ? ' AND #p.#r.#g = :grade' : ''}`,
          ExpressionAttributeNames: { '#e': 'entity', '#p': 'profile', '#s': 'status', ...(grade ? { '#r': 'rating', '#g': 'grade' } : {}) },
          ExpressionAttributeValues: { ':customer': 'customer', ':active': 'active', ...(grade ? { ':grade': grade } : {}) },
          ProjectionExpression: 'pk, sk, #p',
          Limit: SCAN_PAGE_ITEMS,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        profiles.push(CustomerProfileSchema.parse(item['profile']));
        if (profiles.length === limit) {
          const last = page.Items?.[page.Items.length - 1];
          // Cut inside this Scan page: continue right after the item just taken (unless it was the page's last and the scan ended).
          const more = item !== last || page.LastEvaluatedKey !== undefined;
          return { profiles, ...(more ? { cursor: encodeCursor(item) } : {}) };
        }
      }
      startKey = page.LastEvaluatedKey;
      if (!startKey) return { profiles };
    }
    return { profiles, ...(startKey ? { cursor: encodeCursor(startKey) } : {}) };
  },
});
