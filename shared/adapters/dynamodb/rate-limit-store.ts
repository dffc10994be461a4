import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { CLOCK_SLACK_MS, RateLimitedError, takeToken, type RateClass, type RateLimiter, type RateLimits } from '../../domain/rate-limit/token-bucket.js';
import { isConditionFailure, type TableRef } from './client.js';

/** Key layout (private): one item per principal and route class in the requests table. */
const keyOf = (principalId: string, rateClass: RateClass) => ({ id: `rate#${rateClass}#${principalId}` });

const BucketItemSchema = z.object({ fullAt: z.number() });

/** An idle bucket's item goes (TTL) this long after it would be full again: an absent item is a full bucket. */
const IDLE_GRACE_SECONDS = 60;

/**
 * Token buckets per principal in DynamoDB (requests table, attribute `fullAt`, see
 * `takeToken`), correct across Lambda instances because every take is a conditional write:
 * - a busy bucket: one `UpdateItem` `SET fullAt = fullAt + interval` on the condition that a
 *   token is left (`fullAt` between now and now + tolerance);
 * - a full (absent or refilled) bucket: when that condition fails on an old `fullAt`, one
 *   `PutItem` starting it at now + interval, on the condition that it is still refilled;
 * - an empty bucket: the failed condition returns the item, which gives `Retry-After`.
 * A lost race (another instance took a token in between) tries again, a few times.
 * @example await rateLimitStore({ table, limits, now: Date.now }).admit('key:abc', 'write');
 */
export const rateLimitStore = ({ table, limits, now }: { table: TableRef; limits: RateLimits; now: () => number }): RateLimiter & { peek(principalId: string, rateClass: RateClass): Promise<number | undefined> } => {
  const { client, tableName } = table;
  return {
    async admit(principalId, rateClass) {
      const limit = limits[rateClass];
      const msPerToken = 1000 / limit.perSecond;
      const tolerance = (limit.burst - 1) * msPerToken;
      // One arrival time for the whole admission: when another request refills an idle bucket first
      // (the put below), the retry then takes a token from what it wrote. A fresh `now()` per attempt
      // would find that bucket full again on a slow machine and race on the put once more, refusing
      // concurrent requests of an idle caller although tokens were left.
      const at = now();
      const expiration = Math.ceil((at + tolerance + msPerToken) / 1000) + IDLE_GRACE_SECONDS;
      for (let attempt = 0; attempt < 5; attempt += 1) {
        let old: number | undefined;
        try {
          await client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: keyOf(principalId, rateClass),
              UpdateExpression: 'SET fullAt = fullAt + :interval, expiration = :expiration',
              ConditionExpression: 'fullAt BETWEEN :now AND :latest',
              ExpressionAttributeValues: { ':interval': msPerToken, ':now': at, ':latest': at + tolerance + CLOCK_SLACK_MS, ':expiration': expiration },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            }),
          );
          return;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          const item = (error as { Item?: Record<string, unknown> }).Item;
          // DynamoDB returns the old item in its wire form on a failed condition.
          const raw = item?.['fullAt'] as { N?: string } | number | undefined;
          old = typeof raw === 'number' ? raw : raw?.N !== undefined ? Number(raw.N) : undefined;
        }
        if (old !== undefined && old >= at) {
          const decision = takeToken(old, at, limit);
          if (!decision.allowed) throw new RateLimitedError(rateClass, decision, limit);
          continue; // a token came back between our read of the clock and the condition: try again
        }
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...keyOf(principalId, rateClass), fullAt: at + msPerToken, expiration },
              ConditionExpression: 'attribute_not_exists(fullAt) OR fullAt < :now',
              ExpressionAttributeValues: { ':now': at },
            }),
          );
          return;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      // Five lost races in a row: the bucket is contended right now, which is what the limit is for.
      throw new RateLimitedError(rateClass, { allowed: false, fullAt: now(), remaining: 0, retryAfterMs: msPerToken, resetMs: msPerToken }, limit);
    },
    /** The bucket's `fullAt`, for tests and diagnostics (undefined: full). */
    async peek(principalId, rateClass) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keyOf(principalId, rateClass), ConsistentRead: true }));
      return Item ? BucketItemSchema.parse(Item).fullAt : undefined;
    },
  };
};
