import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalResources } from '../../../infra/local/provision.js';
import { idempotencyStore, IdempotencyInProgressError } from '../../../shared/adapters/dynamodb/idempotency-store.js';
import { rateLimitStore } from '../../../shared/adapters/dynamodb/rate-limit-store.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { RateLimitedError } from '../../../shared/domain/rate-limit/token-bucket.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

const LIMITS = { read: { burst: 3, perSecond: 1 }, write: { burst: 5, perSecond: 1 }, bulk: { burst: 1, perSecond: 0.5 } };

describe('request guards on DynamoDB Local (requests table)', () => {
  let clients: ReturnType<typeof emulatorClients>;
  let resources: LocalResources;
  let tableName: string;
  // A controlled clock that starts at the real time: DynamoDB Local deletes items whose TTL
  // (`expiration`, derived from this clock) has passed in real time.
  let clockMs = Date.now();
  const now = () => clockMs;

  beforeAll(async () => {
    clients = emulatorClients();
    resources = await provisionTestResources(clients);
    tableName = resources.requestsTableName!;
  });
  afterAll(() => clients?.destroy());

  it('is provisioned with a per-record partition key (no sort key) and TTL on expiration', async () => {
    const { Table } = await clients.dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    const ttl = await clients.dynamo.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiration', TimeToLiveStatus: 'ENABLED' });
  });

  describe('rateLimitStore', () => {
    it('admits burst requests, refuses the next with Retry-After, and admits again once a token is back', async () => {
      const limiter = rateLimitStore({ table: { client: clients.doc, tableName }, limits: LIMITS, now });
      for (let i = 0; i < 3; i += 1) await limiter.admit('key:refill', 'read');

      const refused = await limiter.admit('key:refill', 'read').catch((e: unknown) => e);
      clockMs += 999;
      const stillRefused = await limiter.admit('key:refill', 'read').catch((e: unknown) => e);
      clockMs += 1;
      await limiter.admit('key:refill', 'read');

      expect(refused).toBeInstanceOf(RateLimitedError);
      expect((refused as RateLimitedError).details).toMatchObject({ retryAfterSeconds: 1, rateLimit: { limit: 3, remaining: 0, resetSeconds: 3 } });
      expect(stillRefused).toBeInstanceOf(RateLimitedError);
    });

    it('keeps one bucket per principal and class', async () => {
      const limiter = rateLimitStore({ table: { client: clients.doc, tableName }, limits: LIMITS, now });
      await limiter.admit('key:one', 'bulk');
      await expect(limiter.admit('key:one', 'bulk')).rejects.toBeInstanceOf(RateLimitedError);
      await limiter.admit('key:two', 'bulk');
      await limiter.admit('key:one', 'read');
    });

    it('is exact across instances: concurrent takes from two limiters on one bucket admit burst requests, no more', async () => {
      const a = rateLimitStore({ table: { client: clients.doc, tableName }, limits: LIMITS, now });
      const b = rateLimitStore({ table: { client: clients.doc, tableName }, limits: LIMITS, now });
      const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).admit('key:race', 'write')));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
      expect(outcomes.filter((o) => o.status === 'rejected').every((o) => (o as PromiseRejectedResult).reason instanceof RateLimitedError)).toBe(true);
      expect(await a.peek('key:race', 'write')).toBe(clockMs + 5_000);
    });

    it('admits concurrent requests of an idle caller while tokens last, even when its clock moves on between attempts (a slow machine)', async () => {
      // Reproduces 28 concurrent reads answered 429 from a full bucket: each attempt read a new time,
      // found the bucket full again and raced on the refill put, so one request won per round.
      // The clock moves 20 ms (two tokens' worth) per round of 28 readings: each retry round sees a later time.
      let readings = 0;
      const slow = rateLimitStore({ table: { client: clients.doc, tableName }, limits: { ...LIMITS, read: { burst: 600, perSecond: 100 } }, now: () => clockMs + 20 * Math.floor(readings++ / 28) });
      const outcomes = await Promise.allSettled(Array.from({ length: 28 }, () => slow.admit('key:idle-burst', 'read')));
      expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    });
  });

  describe('idempotencyStore (Powertools DynamoDB layer)', () => {
    const scope = (key: string, principalId = 'key:idem') => ({ principalId, operation: 'createThing', key });
    const ok = (r: { status: number }) => r.status < 300;

    it('runs once per key: the retry gets the stored result, marked as replayed', async () => {
      const store = idempotencyStore({ client: clients.dynamo, tableName });
      let runs = 0;
      const produce = async () => ({ status: 201, body: `{"n":${++runs}}` });

      const first = await store.once(scope('once'), { body: 'a' }, produce, ok);
      const again = await store.once(scope('once'), { body: 'a' }, produce, ok);

      expect(first).toEqual({ response: { status: 201, body: '{"n":1}' }, replayed: false });
      expect(again).toEqual({ response: { status: 201, body: '{"n":1}' }, replayed: true });
      expect(runs).toBe(1);
    });

    it('refuses the key with another request (422 at the header), and scopes keys per principal', async () => {
      const store = idempotencyStore({ client: clients.dynamo, tableName });
      await store.once(scope('reuse'), { body: 'a' }, async () => ({ status: 201 }), ok);

      const other = await store.once(scope('reuse'), { body: 'b' }, async () => ({ status: 201 }), ok).catch((e: unknown) => e);
      const someoneElse = await store.once(scope('reuse', 'key:other'), { body: 'b' }, async () => ({ status: 201 }), ok);

      expect(other).toBeInstanceOf(ValidationError);
      expect((other as ValidationError).issues).toEqual([expect.objectContaining({ path: 'idempotency-key', in: 'header', code: 'idempotency_key_reused' })]);
      expect(someoneElse.replayed).toBe(false);
    });

    it('answers 409 while the first request with the key is still running, then its result', async () => {
      const store = idempotencyStore({ client: clients.dynamo, tableName });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const first = store.once(scope('busy'), { body: 'a' }, async () => (await gate, { status: 201, body: 'first' }), ok);
      // Wait for the in-progress record to exist (a condition, not a sleep).
      await expect.poll(async () => (await clients.doc.send(new ScanCommand({ TableName: tableName, FilterExpression: '#s = :p', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':p': 'INPROGRESS' } }))).Items?.length ?? 0).toBeGreaterThan(0);

      const concurrent = await store.once(scope('busy'), { body: 'a' }, async () => ({ status: 201, body: 'second' }), ok).catch((e: unknown) => e);
      release();

      expect(concurrent).toBeInstanceOf(IdempotencyInProgressError);
      expect((concurrent as IdempotencyInProgressError).details).toMatchObject({ httpStatus: 409, retryAfterSeconds: 1 });
      expect((await first).response.body).toBe('first');
      expect((await store.once(scope('busy'), { body: 'a' }, async () => ({ status: 201, body: 'third' }), ok)).response.body).toBe('first');
    });

    it('keeps no record of an answer it must not store (4xx) nor of an error, so the retry runs afresh', async () => {
      const store = idempotencyStore({ client: clients.dynamo, tableName });
      const refused = await store.once(scope('refused'), { body: 'a' }, async () => ({ status: 404 }), ok);
      const failed = await store.once(scope('failed'), { body: 'a' }, async () => { throw new Error('boom'); }, ok).catch((e: unknown) => e);

      const retried = await store.once(scope('refused'), { body: 'b' }, async () => ({ status: 201 }), ok);
      const retriedAfterError = await store.once(scope('failed'), { body: 'a' }, async () => ({ status: 201 }), ok);

      expect(refused).toEqual({ response: { status: 404 }, replayed: false });
      expect((failed as Error).message).toBe('boom');
      expect(retried).toEqual({ response: { status: 201 }, replayed: false });
      expect(retriedAfterError.replayed).toBe(false);
    });

    it('stores each record under its own partition key with a 24 h expiry', async () => {
      const { Items = [] } = await clients.doc.send(new ScanCommand({ TableName: tableName, FilterExpression: 'begins_with(id, :p)', ExpressionAttributeValues: { ':p': 'http#' } }));
      const ids = Items.map((i) => i['id'] as string);
      expect(ids.length).toBeGreaterThanOrEqual(4);
      expect(new Set(ids).size).toBe(ids.length);
      const nowSeconds = Date.now() / 1000;
      for (const item of Items) expect(item['expiration']).toBeGreaterThan(nowSeconds + 86_400 - 120);
    });
  });
});
