import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { profileStore } from '../../../shared/adapters/dynamodb/profile-store.js';
import { eventStore } from '../../../shared/adapters/dynamodb/event-store.js';
import { upsertCustomer } from '../../../shared/domain/customers/upsert-customer.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';
import { newEvent } from '../../../shared/domain/events/new-event.js';
import { ConflictError, TransientError } from '../../../shared/domain/errors.js';
import { systemClock } from '../../../shared/domain/clock.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

/** A connection lost before DynamoDB's verdict, as the SDK reports it once its own retries are spent (socket queue, overloaded table). */
const connectionReset = (): Error => Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET', $metadata: {} });

/**
 * A document client on the same table whose TransactWriteItems fail without a verdict: `before`
 * loses the request before it is sent (nothing written), `after` loses the answer of a commit.
 */
const unsettledClient = (when: 'before' | 'after'): DynamoDBDocumentClient => {
  const dynamo = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      if (!/^TransactWrite/.test(String((context as { commandName?: string }).commandName))) return next(args);
      if (when === 'before') throw connectionReset();
      await next(args);
      throw connectionReset();
    },
    { step: 'initialize', name: 'testUnsettled' },
  );
  return DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
};

describe('profile store on DynamoDB Local', () => {
  const clients = emulatorClients();
  let table: { client: typeof clients.doc; tableName: string };
  beforeAll(async () => {
    table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
  });
  afterAll(() => clients.destroy());

  it('writes profile and events in one transaction and refuses a stale version without writing either', async () => {
    const profiles = profileStore(table);
    const at = new Date('2026-11-28T00:00:00Z');
    const first = { ...newProfile('tx-1', 'business', at), version: 1, sequence: 1 };
    const e1 = newEvent('customer.updated', { profile: first, changedFields: ['created'] }, { customerId: 'tx-1', sequence: 1, at });
    await profiles.commit({ profile: first, expectedVersion: 0, events: [e1] });

    const second = { ...first, version: 2, sequence: 2 };
    const e2 = newEvent('customer.updated', { profile: second, changedFields: [] }, { customerId: 'tx-1', sequence: 2, at });
    await expect(profiles.commit({ profile: second, expectedVersion: 0, events: [e2] })).rejects.toBeInstanceOf(ConflictError);
    const { Item } = await table.client.send(new GetCommand({ TableName: table.tableName, Key: { pk: `EVENT#${e2.id}`, sk: 'EVENT' } }));
    expect(Item).toBeUndefined();
    expect((await profiles.get('tx-1'))?.version).toBe(1);
    expect((await eventStore(table).get(e1.id))?.type).toBe('customer.updated');
  });

  it('loses no update under 25 concurrent writers on one customer: each committed write is there, each refused one (409/503) is not', async () => {
    const upsert = upsertCustomer({ profiles: profileStore(table), clock: systemClock });
    await upsert({ customerId: 'hot-1', input: { kind: 'business', fields: { legalName: 'Hot' }, identifiers: [] }, source: 'test' });
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        upsert({ customerId: 'hot-1', input: { kind: 'business', fields: {}, identifiers: [{ scheme: 'external', value: `ref-${i}` }] }, source: `writer-${i}` }).then(
          () => ({ i, committed: true }),
          (error: unknown) => {
            if (!(error instanceof ConflictError || error instanceof TransientError)) throw error;
            return { i, committed: false };
          },
        ),
      ),
    );
    const committed = outcomes.filter((o) => o.committed).map((o) => `ref-${o.i}`);
    expect(committed.length).toBeGreaterThan(0);
    const profile = await profileStore(table).get('hot-1');
    expect(profile?.identifiers.map((id) => id.value).sort()).toEqual(committed.sort());
    expect(profile?.version).toBe(committed.length + 1);
    const events = await eventStore(table).listForCustomer('hot-1', { limit: 100 });
    expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: committed.length + 1 }, (_, i) => i + 1));
  });

  it('answers a commit lost without a verdict (connection reset) with a retryable storage_busy, not a bare error: nothing committed', async () => {
    const upsert = (client: DynamoDBDocumentClient) => upsertCustomer({ profiles: profileStore({ client, tableName: table.tableName }), clock: systemClock, budget: { budgetMs: 400, minAttemptMs: 100, commitReserveMs: 50, maxBackoffMs: 20, now: () => performance.now() } });
    await upsertCustomer({ profiles: profileStore(table), clock: systemClock })({ customerId: 'lost-1', input: { kind: 'business', fields: { legalName: 'Lost' }, identifiers: [] }, source: 'test' });
    const lost = upsert(unsettledClient('before'))({ customerId: 'lost-1', input: { kind: 'business', fields: {}, identifiers: [{ scheme: 'external', value: 'never' }] }, source: 'test' });
    await expect(lost).rejects.toBeInstanceOf(TransientError);
    await expect(lost).rejects.toMatchObject({ code: 'storage_busy', details: { retryAfterSeconds: 1 } });
    expect((await profileStore(table).get('lost-1'))?.identifiers).toEqual([]);

    // The answer of a commit that went through is lost: the read-back finds it, so the write is committed.
    await upsert(unsettledClient('after'))({ customerId: 'lost-1', input: { kind: 'business', fields: {}, identifiers: [{ scheme: 'external', value: 'kept' }] }, source: 'test' });
    expect((await profileStore(table).get('lost-1'))?.identifiers.map((id) => id.value)).toEqual(['kept']);
  });
});
