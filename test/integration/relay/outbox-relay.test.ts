import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { lambdaContext, pollStream } from '../../../infra/local/event-sources.js';
import { localProcessEnv } from '../../../infra/local/hub.js';
import type { LocalResources } from '../../../infra/local/provision.js';
import { functions } from '../../../infra/topology.js';
import type { TableRef } from '../../../shared/adapters/dynamodb/client.js';
import { eventWriter } from '../../../shared/adapters/dynamodb/event-writer.js';
import { quarantineStore } from '../../../shared/adapters/dynamodb/quarantine-store.js';
import { subscriptionStore } from '../../../shared/adapters/dynamodb/subscription-store.js';
import { generateSecret, newSubscription } from '../../../shared/domain/delivery/subscription.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';
import { newEvent } from '../../../shared/domain/events/new-event.js';
import { RELAY_QUARANTINE_SOURCE } from '../../../shared/domain/outbound/relay-event.js';
import { resetEnvForTests } from '../../../shared/lambda/env.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
type Handler = (event: DynamoDBStreamEvent, context: ReturnType<typeof lambdaContext>) => Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }>;

/** A new customer's first customer.updated, with the empty `fields` map that broke the relay. */
const firstUpdate = (customerId: string, at: Date): EventEnvelope =>
  newEvent(
    'customer.updated',
    { profile: { customerId, kind: 'business', status: 'active', fields: {}, identifiers: [], version: 1, updatedAt: at.toISOString() }, changedFields: ['created'] },
    { customerId, sequence: 1, at },
  );

/**
 * The outbox relay (functions/route-changes) on DynamoDB Local + fauxqs, fed by the local
 * stream event source exactly as `npm start` runs it.
 */
describe('outbox relay on DynamoDB Local + fauxqs', () => {
  const clients = emulatorClients();
  const streams = new DynamoDBStreamsClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials });
  const relayTrigger = functions.routeChanges.triggers.find((t) => t.kind === 'stream');
  let resources: LocalResources;
  let table: TableRef;
  let handler: Handler;
  let subscriptionId: string;
  const invocations: DynamoDBStreamEvent[] = [];

  /** Every message on a queue (received with a long visibility timeout, so each is seen once). */
  const drain = async (queueUrl: string): Promise<Message[]> => {
    const out: Message[] = [];
    for (;;) {
      const { Messages = [] } = await clients.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 300, MessageAttributeNames: ['All'] }),
      );
      if (Messages.length === 0) return out;
      out.push(...Messages);
    }
  };

  /** Runs the local stream reader over the table's stream until `done`, then stops it. */
  const relayUntil = async (done: () => Promise<boolean>): Promise<void> => {
    if (relayTrigger?.kind !== 'stream') throw new Error('routeChanges has no stream trigger');
    const controller = new AbortController();
    const loop = pollStream({
      streams,
      sqs: clients.sqs,
      streamArn: resources.streamArn,
      batchSize: relayTrigger.batchSize,
      pkPrefix: relayTrigger.insertsWithPkPrefix,
      retryAttempts: relayTrigger.retryAttempts,
      onFailureQueueUrl: resources.queueUrls.relayFailures,
      invoke: async (event) => {
        invocations.push(event);
        return handler(event, lambdaContext('routeChanges', 30));
      },
      signal: controller.signal,
      onError: () => undefined,
      pollIntervalMs: 50,
    });
    const deadline = Date.now() + 20_000;
    while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    await loop;
  };

  const good: EventEnvelope[] = [];
  const poisonId = `evt_${ulid()}`;
  let results: Message[] = [];
  let deliveries: Message[] = [];

  beforeAll(async () => {
    resources = await provisionTestResources(clients);
    table = { client: clients.doc, tableName: resources.tableName };
    Object.assign(process.env, localProcessEnv({ dynamoEndpoint: inject('dynamoEndpoint'), sqsEndpoint: inject('sqsEndpoint'), resources }));
    resetEnvForTests();
    ({ handler } = (await import('../../../functions/route-changes/handler.js')) as unknown as { handler: Handler });

    const now = new Date();
    subscriptionId = `sub_${ulid()}`;
    await subscriptionStore(table).put(newSubscription({ url: 'https://hooks.example.com/rb', eventTypes: ['customer.updated'] }, { id: subscriptionId, secret: generateSecret() }, now));
    // Two good events, a poison one (its id breaks the envelope schema), two more good ones.
    const events = eventWriter(table);
    for (const n of [1, 2]) good.push(firstUpdate(`cust-${n}`, new Date(now.getTime() + n)));
    for (const e of good) await events.put(e);
    await clients.doc.send(
      new PutCommand({
        TableName: resources.tableName,
        Item: { pk: `EVENT#${poisonId}`, sk: 'EVENT', entity: 'event', envelope: { ...firstUpdate('cust-x', now), id: 'not-an-event-id' } },
      }),
    );
    for (const n of [3, 4]) good.push(firstUpdate(`cust-${n}`, new Date(now.getTime() + n)));
    for (const e of good.slice(2)) await events.put(e);

    await relayUntil(async () => (await quarantineStore(table).list(RELAY_QUARANTINE_SOURCE)).length > 0 && invocations.flatMap((e) => e.Records).length >= 5);
    results = await drain(resources.queueUrls.results);
    deliveries = await drain(resources.queueUrls.deliveries);
  });

  afterAll(() => {
    streams.destroy();
    clients.destroy();
  });

  it('puts every good event on the standard results queue exactly once, past a poison record', () => {
    const ids = results.map((m) => (JSON.parse(m.Body ?? '{}') as { id?: string }).id);
    expect(ids.sort()).toEqual(good.map((e) => e.id).sort());
    expect(results.find((m) => m.Body?.includes(good[0]!.id))?.MessageAttributes?.['eventType']?.StringValue).toBe('customer.updated');
    // Each good event has one delivery for the subscription.
    expect(deliveries.map((m) => m.Body).sort()).toEqual(good.map((e) => JSON.stringify({ eventId: e.id, subscriptionId })).sort());
  });

  it('quarantines the poison record with its reason and announces it on relayFailures', async () => {
    const [entry] = await quarantineStore(table).list(RELAY_QUARANTINE_SOURCE);
    expect(entry).toMatchObject({ messageId: poisonId, code: 'unreadable_event' });
    expect(entry?.reason).toContain('envelope.id');
    const notices = await drain(resources.queueUrls.relayFailures);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.MessageAttributes?.['code']?.StringValue).toBe('unreadable_event');
    expect(notices[0]?.MessageAttributes?.['reason']?.StringValue).toContain('envelope.id');
    expect(JSON.parse(notices[0]?.Body ?? '{}')).toMatchObject({ condition: 'Quarantined', eventId: poisonId, code: 'unreadable_event' });
  });

  it('sends nothing again when the same stream batches are redelivered, or the whole stream is read again', async () => {
    // Prepare
    const delivered = invocations.filter((e) => e.Records.length > 0).map((e) => structuredClone(e));
    // Act: Lambda redelivers the batches; then a fresh reader starts from TRIM_HORIZON.
    for (const event of delivered) expect((await handler(event, lambdaContext('routeChanges', 30))).batchItemFailures).toEqual([]);
    const before = invocations.length;
    await relayUntil(async () => invocations.slice(before).flatMap((e) => e.Records).length >= 5);
    // Assess
    expect(await drain(resources.queueUrls.results)).toEqual([]);
    expect(await drain(resources.queueUrls.deliveries)).toEqual([]);
  });
});
