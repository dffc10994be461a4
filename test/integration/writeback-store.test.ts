import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { provisionLocal } from '../../infra/local/provision.js';
import { createDocumentClient, type TableRef } from '../../shared/adapters/dynamodb/client.js';
import { writeBackStore } from '../../shared/adapters/dynamodb/writeback-store.js';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const T0 = new Date('2025-03-01T10:00:00.000Z');
const LEASE = new Date(T0.getTime() + 60_000);

describe('writeBackStore claims on DynamoDB Local', () => {
  let table: TableRef;
  let dynamo: DynamoDBClient;
  let sqs: SQSClient;
  let n = 0;
  const key = () => `hubspot:conn-hs:${++n}#rating.changed`;

  beforeAll(async () => {
    dynamo = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: CREDENTIALS });
    sqs = new SQSClient({ endpoint: inject('sqsEndpoint'), region: 'us-east-1', credentials: CREDENTIALS });
    const resources = await provisionLocal({ dynamo, sqs, prefix: `i${randomBytes(4).toString('hex')}`, visibilityScale: 1 / 30 });
    table = { client: createDocumentClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: CREDENTIALS }), tableName: resources.tableName };
  });
  afterAll(() => {
    dynamo?.destroy();
    sqs?.destroy();
  });

  it('leases a record to one event: a newer one is told busy until the lease is released, an older one superseded', async () => {
    // Prepare
    const store = writeBackStore(table);
    const k = key();

    // Act
    const first = await store.claim(k, 5, 'evt_A', T0, LEASE);
    const newerWhileHeld = await store.claim(k, 6, 'evt_B', T0, LEASE);
    const olderWhileHeld = await store.claim(k, 4, 'evt_Z', T0, LEASE);
    const sameAgain = await store.claim(k, 5, 'evt_A', T0, LEASE);
    const released = await store.release(k, 'evt_A');
    const newerAfter = await store.claim(k, 6, 'evt_B', T0, LEASE);
    const olderAfter = await store.claim(k, 5, 'evt_A', T0, LEASE);

    // Assess
    expect([first, newerWhileHeld, olderWhileHeld, sameAgain, released, newerAfter, olderAfter]).toEqual([
      'claimed',
      'busy',
      'superseded',
      'claimed',
      'released',
      'claimed',
      'superseded',
    ]);
  });

  it('frees a record whose lease expired, and tells the late holder it lost the lease', async () => {
    // Prepare
    const store = writeBackStore(table);
    const k = key();
    await store.claim(k, 5, 'evt_A', T0, LEASE);

    // Act
    const afterExpiry = await store.claim(k, 6, 'evt_B', LEASE, new Date(LEASE.getTime() + 60_000));
    const lateRelease = await store.release(k, 'evt_A');

    // Assess
    expect(afterExpiry).toBe('claimed');
    expect(lateRelease).toBe('lost');
  });

  it('lets exactly one of many concurrent claims on a free record win', async () => {
    // Prepare
    const store = writeBackStore(table);
    const k = key();

    // Act
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.claim(k, 10 + i, `evt_${i}`, T0, LEASE)));

    // Assess
    expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
    expect(results.every((r) => r === 'claimed' || r === 'busy' || r === 'superseded')).toBe(true);
  });
});
