import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { ulid } from 'ulid';
import type { LocalResources } from '../../../infra/local/provision.js';
import { redriveOn } from '../../../scripts/redrive.js';
import type { TableRef } from '../../../shared/adapters/dynamodb/client.js';
import { eventWriter } from '../../../shared/adapters/dynamodb/event-writer.js';
import { subscriptionStore } from '../../../shared/adapters/dynamodb/subscription-store.js';
import { generateSecret, newSubscription } from '../../../shared/domain/delivery/subscription.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';
import { newEvent } from '../../../shared/domain/events/new-event.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

const alert = (at: Date): EventEnvelope =>
  newEvent('alert.raised', { alertId: `alr-${at.getTime()}`, rule: 'overdue', severity: 'warning', message: 'Overdue invoices', measures: [], raisedAt: at.toISOString() }, { at });

/** The redrive command's logic on DynamoDB Local + fauxqs: outbox items by hour shard, through the relay's routing. */
describe('redrive from the outbox', () => {
  const clients = emulatorClients();
  let resources: LocalResources;
  let table: TableRef;
  let redrive: ReturnType<typeof redriveOn>;
  const inWindow: EventEnvelope[] = [];
  let outside: EventEnvelope;
  const from = new Date('2026-11-30T22:30:00.000Z');
  const to = new Date('2026-11-30T23:30:00.000Z');

  const drain = async (queueUrl: string): Promise<Message[]> => {
    const out: Message[] = [];
    for (;;) {
      const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 300 }));
      if (Messages.length === 0) return out;
      out.push(...Messages);
    }
  };
  /** Event ids of result messages (`id`) or delivery messages (`eventId`). */
  const ids = (messages: Message[]) =>
    messages
      .map((m) => {
        const body = JSON.parse(m.Body ?? '{}') as { id?: string; eventId?: string };
        return body.id ?? body.eventId;
      })
      .sort();

  beforeAll(async () => {
    resources = await provisionTestResources(clients);
    table = { client: clients.doc, tableName: resources.tableName };
    redrive = redriveOn({ dynamo: clients.doc, sqs: clients.sqs, tableName: resources.tableName, queueUrls: resources.queueUrls });
    // Events across an hour boundary (two hour shards), and one after the window. No stream relay runs here.
    for (const minutes of [40, 59, 61, 75]) inWindow.push(alert(new Date(Date.parse('2026-11-30T22:00:00.000Z') + minutes * 60_000)));
    outside = alert(new Date('2026-11-30T23:45:00.000Z'));
    for (const e of [...inWindow, outside]) await eventWriter(table).put(e);
  });
  afterAll(() => clients.destroy());

  it('republishes every event of the window once; a second run sends nothing', async () => {
    const first = await redrive({ from: from.toISOString(), to: to.toISOString() });
    const second = await redrive({ from: from.toISOString(), to: to.toISOString() });
    expect(first).toMatchObject({ events: 4, sent: { results: 4, resultsFifo: 4 }, failed: [], unreadable: [], notFound: [] });
    expect(second).toMatchObject({ events: 4, sent: {}, skipped: 8 });
    expect(ids(await drain(resources.queueUrls.results))).toEqual(inWindow.map((e) => e.id).sort());
  });

  it('sends only what is missing: the delivery of a subscription added later', async () => {
    const subscriptionId = `sub_${ulid()}`;
    await subscriptionStore(table).put(newSubscription({ url: 'https://hooks.example.com/rb', eventTypes: ['alert.raised'] }, { id: subscriptionId, secret: generateSecret() }, new Date()));
    const report = await redrive({ from: from.toISOString(), to: to.toISOString(), eventIds: [inWindow[0]!.id] });
    expect(report).toMatchObject({ events: 1, sent: { deliveries: 1 }, skipped: 2 });
    expect(ids(await drain(resources.queueUrls.deliveries))).toEqual([inWindow[0]!.id]);
    expect(await drain(resources.queueUrls.results)).toEqual([]);
  });

  it('with force, sends an event again despite its markers; an unknown id is reported', async () => {
    const missing = `evt_${ulid()}`;
    const report = await redrive({ eventIds: [outside.id, missing], force: true });
    expect(report).toMatchObject({ events: 1, sent: { results: 1, resultsFifo: 1, deliveries: 1 }, notFound: [missing] });
    const again = await redrive({ eventIds: [outside.id], force: true });
    expect(again.sent).toEqual({ results: 1, resultsFifo: 1, deliveries: 1 });
    expect(ids(await drain(resources.queueUrls.results))).toEqual([outside.id, outside.id]);
  });
});
