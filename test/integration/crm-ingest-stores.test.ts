import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { provisionLocal } from '../../infra/local/provision.js';
import { createDocumentClient, type TableRef } from '../../shared/adapters/dynamodb/client.js';
import { crmStateStore, importJobStore, mergeRecordStore, reviewQueue, sourceRecordStore } from '../../shared/adapters/dynamodb/crm-store.js';
import { identityIndex } from '../../shared/adapters/dynamodb/identity-index.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { systemClock } from '../../shared/domain/clock.js';
import type { CrmOrderRecord } from '../../shared/domain/crm/crm-record.js';
import { ingestCrmRecord } from '../../shared/domain/customers/ingest-crm-record.js';
import { newProfile } from '../../shared/domain/profile/customer-profile.js';
import { mergeProfiles } from '../../shared/domain/profile/merge.js';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

const order = (i: number, amountMinor = 1000 + i): CrmOrderRecord => ({
  crm: 'generic', connectionId: 'conc', externalId: `o-${i}`, modifiedAt: '2026-03-01T00:00:00.000Z', deleted: false,
  objectType: 'order', customerExternalId: 'cust-1', orderedAt: '2026-03-01T00:00:00.000Z', amount: { amountMinor, currency: 'EUR' }, status: 'placed',
});

describe('CRM ingest stores on DynamoDB Local', () => {
  let table: TableRef;
  let dynamo: DynamoDBClient;
  let sqs: SQSClient;

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

  it('writes identity items and source records in the profile transaction, and reads them back', async () => {
    const profiles = profileStore(table);
    const identities = identityIndex(table);
    const sources = sourceRecordStore(table);
    const profile = { ...newProfile('cust-ix', 'business', new Date()), version: 1, sequence: 1 };
    await profiles.commit({ profile, expectedVersion: 0, events: [], extraPuts: [...identities.entries('cust-ix', ['vat#DE136695976', 'vat#DE136695976']), sources.entry(order(99), 'cust-ix')] });
    expect(await identities.find(['email#nobody@example.com', 'vat#DE136695976'])).toEqual(['cust-ix']);
    expect(await sources.get(order(99))).toEqual(order(99));
    expect(await sources.customerOf(order(99))).toBe('cust-ix');
    // A lost version race writes none of the extra items.
    await expect(profiles.commit({ profile, expectedVersion: 0, events: [], extraPuts: identities.entries('cust-ix', ['lei#X']) })).rejects.toMatchObject({ code: 'conflict' });
    expect(await identities.find(['lei#X'])).toEqual([]);
  });

  it('keeps review items, merge records, cursors, channels and import jobs', async () => {
    const reviews = reviewQueue(table);
    const merges = mergeRecordStore(table);
    const state = crmStateStore(table);
    const jobs = importJobStore(table);
    const profiles = profileStore(table);
    const review = { reviewId: 'rev_1', status: 'open' as const, createdAt: '2026-01-01T00:00:00.000Z', customerId: 'a', candidateId: 'b', score: 0.8, evidence: [{ type: 'name', similarity: 0.9 }], source: 'crm:zoho:z' };
    const a = { ...newProfile('m-a', 'business', new Date()), version: 1, sequence: 1 };
    const b = { ...newProfile('m-b', 'business', new Date()), version: 1, sequence: 1 };
    const { mergeRecord } = mergeProfiles(a, b, new Date());
    await profiles.commit({ profile: a, expectedVersion: 0, events: [], extraPuts: [reviews.entry(review), merges.entry(mergeRecord)] });
    expect(await reviews.list('open')).toEqual([review]);
    expect((await merges.get('m-a', 'm-b'))?.absorbedBefore.customerId).toBe('m-b');
    await profiles.commit({ profile: { ...a, version: 2 }, expectedVersion: 1, events: [], extraPuts: [merges.undoneEntry(mergeRecord, new Date().toISOString())] });
    expect(await merges.get('m-a', 'm-b')).toBeUndefined();

    await state.putCursor('fx', 'AccountObj', { modifiedAtMs: 5, lastId: 'x' });
    expect(await state.getCursor('fx', 'AccountObj')).toEqual({ modifiedAtMs: 5, lastId: 'x' });
    await state.putChannel({ connectionId: 'zc', channelId: '123', events: ['Accounts.all'], expiresAt: '2026-01-08T00:00:00.000Z' }, 'tok');
    expect(await state.getChannel('zc')).toMatchObject({ token: 'tok', channel: { channelId: '123' } });
    expect((await state.listChannels()).map((c) => c.channel.connectionId)).toContain('zc');

    await jobs.create({ jobId: 'imp_1', mapping: 'm', connectionId: 'c', format: 'csv', status: 'receiving', createdAt: '2026-01-01T00:00:00.000Z', chunks: 0, rowsRead: 0, recordsQueued: 0, recordsApplied: 0, recordsFailed: 0, rowErrors: 0, errors: [] });
    await jobs.addChunk('imp_1', { rowsRead: 10, recordsQueued: 8, errors: [{ line: 3, reason: 'bad' }], complete: false }, 0);
    await jobs.addChunk('imp_1', { rowsRead: 5, recordsQueued: 5, errors: [], complete: true }, 1);
    await jobs.recordOutcome('imp_1', 'applied');
    expect(await jobs.get('imp_1')).toMatchObject({ chunks: 2, rowsRead: 15, recordsQueued: 13, recordsApplied: 1, rowErrors: 1, status: 'complete', errors: [{ line: 3, reason: 'bad' }] });
  });

  it('loses no update when 50 writers add orders to one customer concurrently (aggregates = sum)', async () => {
    const ingest = ingestCrmRecord({
      profiles: profileStore(table), identities: identityIndex(table), sources: sourceRecordStore(table), reviews: reviewQueue(table), merges: mergeRecordStore(table), clock: systemClock, maxAttempts: 200,
    });
    const orders = Array.from({ length: 50 }, (_, i) => order(i));
    const outcomes = await Promise.all(orders.map((o) => ingest(o)));
    expect(outcomes.every((o) => o.status === 'applied')).toBe(true);
    // Replays of all of them change nothing.
    const replays = await Promise.all(orders.slice(0, 10).map((o) => ingest(o)));
    expect(replays.every((o) => o.status === 'no_op')).toBe(true);
    const profile = await profileStore(table).get('c:crm:generic:conc:cust-1');
    expect(profile?.aggregates.orders.count).toBe(50);
    expect(profile?.aggregates.orders.grossMinor).toBe(orders.reduce((s, o) => s + o.amount.amountMinor, 0));
    // An update applies only the difference.
    await ingest({ ...order(0, 5000), modifiedAt: '2026-03-02T00:00:00.000Z' });
    expect((await profileStore(table).get('c:crm:generic:conc:cust-1'))?.aggregates.orders.grossMinor).toBe(orders.reduce((s, o) => s + o.amount.amountMinor, 0) - 1000 + 5000);
  });
});
