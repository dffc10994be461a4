import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import { CustomerProfileSchema, type CustomerProfile } from '../../domain/profile/customer-profile.js';
import type { ProfilePages } from '../../domain/sharing/ports.js';
import type { TableRef } from './client.js';

/** Where the next page starts: the primary key of the last profile returned (or item scanned). */
const CursorSchema = z.strictObject({ pk: z.string().min(1).max(1024), sk: z.string().min(1).max(1024) });
type Key = z.infer<typeof CursorSchema>;
const ItemSchema = z.object({ pk: z.string(), sk: z.string(), profile: z.unknown() });

const encodeCursor = (key: Record<string, unknown>): string => Buffer.from(JSON.stringify({ pk: key['pk'], sk: key['sk'] })).toString('base64url');

const decodeCursor = (cursor: string): Key => {
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

export interface ProfilePageQuery {
  /** Profiles per page: a page holds exactly `limit` (fewer only at the end, or when `maxScans` ran out). */
  limit: number;
  /** The opaque `nextCursor` of a previous page; anything else is a ValidationError on `cursor`. */
  cursor?: string;
  /** Only `status = active` profiles (merged ones and pending stubs are skipped). */
  activeOnly?: boolean;
  /** Skip pending stubs (activity whose account has not arrived): they are no customers yet. */
  notPending?: boolean;
  /** Only profiles whose current rating has this grade. */
  grade?: string;
  /** Scan calls per page at most (default unbounded); a page cut short this way carries a cursor. */
  maxScans?: number;
  /** Items each Scan call reads (default `max(100, limit)`). */
  scanLimit?: number;
  /** One segment of a parallel scan; cursors are valid within their segment only. */
  segment?: { index: number; total: number };
}

/** The Scan filter of profile items (`entity = customer`), optionally active only (or not pending) and of one grade. */
const profileFilter = ({ activeOnly, notPending, grade }: { activeOnly?: boolean; notPending?: boolean; grade?: string }) => {
  const byStatus = activeOnly ? ['#p.#s = :active'] : notPending ? ['#p.#s <> :pending'] : [];
  return {
    FilterExpression: ['#e = :customer', ...byStatus, ...(grade !== undefined ? ['#p.#r.#g = :grade'] : [])].join(' AND '),
    ExpressionAttributeNames: { '#e': 'entity', '#p': 'profile', ...(byStatus.length ? { '#s': 'status' } : {}), ...(grade !== undefined ? { '#r': 'rating', '#g': 'grade' } : {}) },
    ExpressionAttributeValues: {
      ':customer': 'customer',
      ...(activeOnly ? { ':active': 'active' } : notPending ? { ':pending': 'pending' } : {}),
      ...(grade !== undefined ? { ':grade': grade } : {}),
    },
  };
};

/**
 * The one way to page through golden profiles: a Scan of the items `profile-store.ts` writes
 * (`entity = customer`, the profile under `profile`), filtered in DynamoDB, zod-parsing each.
 * The cursor is opaque (base64url of the last key) and keeps the key layout private to this
 * file; it is omitted once the scan is exhausted. A Scan reads the whole table: fine for the
 * console, datasets, backtests and daily re-evaluation up to ~10⁵ customers; a sparse, sharded
 * GSI on customer items is the next step beyond.
 * @example const { profiles, nextCursor } = await profilePage(table)({ limit: 50, activeOnly: true });
 */
export const profilePage =
  ({ client, tableName }: TableRef) =>
  async (query: ProfilePageQuery): Promise<{ profiles: CustomerProfile[]; nextCursor?: string }> => {
    const { limit } = query;
    const filter = profileFilter(query);
    const profiles: CustomerProfile[] = [];
    let startKey: Record<string, unknown> | undefined = query.cursor !== undefined ? decodeCursor(query.cursor) : undefined;
    for (let scans = 0; scans < (query.maxScans ?? Number.POSITIVE_INFINITY); scans++) {
      const page = await client.send(
        new ScanCommand({
          TableName: tableName,
          ...filter,
          ProjectionExpression: 'pk, sk, #p',
          Limit: query.scanLimit ?? Math.max(100, limit),
          ...(query.segment && query.segment.total > 1 ? { Segment: query.segment.index, TotalSegments: query.segment.total } : {}),
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      const items = page.Items ?? [];
      for (const [index, raw] of items.entries()) {
        const item = ItemSchema.parse(raw);
        profiles.push(CustomerProfileSchema.parse(item.profile));
        if (profiles.length === limit) {
          // Cut inside this Scan page: continue right after the item just taken (unless it was the page's last and the scan ended).
          const more = index < items.length - 1 || page.LastEvaluatedKey !== undefined;
          return { profiles, ...(more ? { nextCursor: encodeCursor(item) } : {}) };
        }
      }
      startKey = page.LastEvaluatedKey;
      if (!startKey) return { profiles };
    }
    return { profiles, ...(startKey ? { nextCursor: encodeCursor(startKey) } : {}) };
  };

/**
 * Every golden profile, page after page (`segments` > 1 scans the segments one after another).
 * @example for await (const profile of allProfiles(table)({ activeOnly: false })) rate(profile);
 */
export const allProfiles = (table: TableRef) => {
  const page = profilePage(table);
  return async function* (options: { pageSize?: number; segments?: number } = {}): AsyncIterable<CustomerProfile> {
    const total = options.segments ?? 1;
    for (let index = 0; index < total; index++) {
      let cursor: string | undefined;
      do {
        const result = await page({ limit: options.pageSize ?? 500, scanLimit: options.pageSize ?? 500, segment: { index, total }, ...(cursor !== undefined ? { cursor } : {}) });
        yield* result.profiles;
        cursor = result.nextCursor;
      } while (cursor !== undefined);
    }
  };
};

/** Golden profiles (merged ones included, pending stubs not) for the consultant datasets: {@link profilePage} as the sharing port. */
export const profilePages = (table: TableRef): ProfilePages => {
  const page = profilePage(table);
  return { page: ({ limit, cursor }) => page({ limit, notPending: true, ...(cursor !== undefined ? { cursor } : {}) }) };
};

/**
 * How many golden profiles match (the same filter as {@link profilePage}): a counting Scan
 * (`Select: COUNT`, nothing transferred but the count; it reads the whole table like a page run).
 * @example await profileCount(table)({ activeOnly: true, grade: 'BB' }) // 1234
 */
export const profileCount =
  ({ client, tableName }: TableRef) =>
  async (query: { activeOnly?: boolean; grade?: string }): Promise<number> => {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: tableName, Select: 'COUNT', ...profileFilter(query), ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  };
