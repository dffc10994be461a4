import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { provisionLocal } from '../../../infra/local/provision.js';
import { consumedCapacity, countConsumedCapacity } from '../../../shared/adapters/dynamodb/capacity.js';
import { createDocumentClient, dynamoClientHooks } from '../../../shared/adapters/dynamodb/client.js';
import { injectedFaults, injectLocalFaults } from '../../../shared/adapters/dynamodb/fault-injection.js';
import { profileStore } from '../../../shared/adapters/dynamodb/profile-store.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('DynamoDB client hooks on DynamoDB Local: capacity counter and local fault injection', () => {
  let tableName: string;
  let dynamo: DynamoDBClient;
  let sqs: SQSClient;
  const client = () => createDocumentClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: CREDENTIALS });

  beforeAll(async () => {
    dynamo = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: CREDENTIALS });
    sqs = new SQSClient({ endpoint: inject('sqsEndpoint'), region: 'us-east-1', credentials: CREDENTIALS });
    tableName = (await provisionLocal({ dynamo, sqs, prefix: `h${randomBytes(4).toString('hex')}`, visibilityScale: 1 / 30 })).tableName;
  });
  afterAll(() => {
    dynamoClientHooks.length = 0;
    dynamo?.destroy();
    sqs?.destroy();
  });

  it('counts the write and read units DynamoDB reports for every request of a hooked client', async () => {
    dynamoClientHooks.push(countConsumedCapacity);
    const profiles = profileStore({ client: client(), tableName });
    const before = { ...consumedCapacity, byOperation: structuredClone(consumedCapacity.byOperation) };
    await profiles.commit({ profile: { ...newProfile('cap-1', 'business', new Date()), version: 1, sequence: 1 }, expectedVersion: 0, events: [] });
    await profiles.get('cap-1');
    expect(consumedCapacity.writeUnits - before.writeUnits).toBeGreaterThanOrEqual(2); // a transactional put costs two units per KB
    expect(consumedCapacity.readUnits - before.readUnits).toBeGreaterThanOrEqual(1);
    expect(consumedCapacity.byOperation['TransactWriteItems']?.requests).toBe((before.byOperation['TransactWriteItems']?.requests ?? 0) + 1);
    dynamoClientHooks.length = 0;
  });

  it('injects throttling and transaction conflicts that the stores report as retryable, writing nothing', async () => {
    let next = 0;
    const draws = [0.5, 0, 0.5, 0.5, 0.5, 0.5]; // put: no throttle, conflict; get: throttle
    const random = () => draws[next++ % draws.length] as number;
    dynamoClientHooks.push((c) => injectLocalFaults(c, { throttle: 0.1, conflict: 0.1 }, random));
    const profiles = profileStore({ client: client(), tableName });
    dynamoClientHooks.length = 0;
    const profile = { ...newProfile('fault-1', 'business', new Date()), version: 1, sequence: 1 };
    await expect(profiles.commit({ profile, expectedVersion: 0, events: [] })).rejects.toMatchObject({ code: 'storage_busy', retryable: true });
    expect(injectedFaults.conflict).toBe(1);
    next = 1; // throttle the read
    await expect(profiles.get('fault-1')).rejects.toMatchObject({ code: 'storage_busy', retryable: true });
    expect(injectedFaults.throttle).toBe(1);
    expect(await profileStore({ client: client(), tableName }).get('fault-1')).toBeUndefined();
  });
});
