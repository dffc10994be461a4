import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ulid } from 'ulid';
import { provisionLocal, type LocalResources } from '../../infra/local/provision.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { auditLog } from '../../shared/adapters/dynamodb/audit-log.js';
import { createDocumentClient, type TableRef } from '../../shared/adapters/dynamodb/client.js';
import { deliveryStore } from '../../shared/adapters/dynamodb/delivery-store.js';
import { eventStore } from '../../shared/adapters/dynamodb/event-store.js';
import { eventWriter } from '../../shared/adapters/dynamodb/event-writer.js';
import { subscriptionStore } from '../../shared/adapters/dynamodb/subscription-store.js';
import { queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { sendWebhook } from '../../shared/adapters/webhooks/webhook-sender.js';
import { systemClock } from '../../shared/domain/clock.js';
import { generateSecret, newSubscription, type Subscription } from '../../shared/domain/delivery/subscription.js';
import { sqsDelaySeconds, type RetrySchedule } from '../../shared/domain/delivery/retry-schedule.js';
import { newEvent } from '../../shared/domain/events/new-event.js';
import { deliverEvent } from '../../shared/domain/outbound/deliver-event.js';
import { loopbackFetch } from '../support/outbound.js';
import { DeliveryMessageSchema, type DeliveryMessage } from '../../shared/domain/outbound/delivery-record.js';
import { subscriptionDeliveries } from '../../shared/domain/outbound/replay-deliveries.js';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
/** Short schedule for the test: 0, 200 ms, 400 ms, 800 ms (SQS rounds delays up to whole seconds). */
const SCHEDULE: RetrySchedule = { delaysMs: [0, 200, 400, 800], jitter: 0 };
const ADMIN = { principalId: 'key:test-admin', role: 'admin', scopes: [] } as never;

describe('webhook delivery engine on DynamoDB Local + fauxqs', () => {
  let resources: LocalResources;
  let table: TableRef;
  let sqs: SQSClient;
  let dynamo: DynamoDBClient;
  let receiver: WebhookReceiver;
  let secret: string;
  const timeouts = { ms: 15_000 };

  const deliver = () =>
    deliverEvent({
      subscriptions: subscriptionStore(table),
      deliveries: deliveryStore(table),
      events: eventStore(table),
      send: (input) => sendWebhook({ ...input, fetchImpl: loopbackFetch, timeoutMs: timeouts.ms }),
      scheduleRetry: async (message, dueAt) => {
        await queueSender(sqs).send(resources.queueUrls.deliveries, { body: message, delaySeconds: sqsDelaySeconds(dueAt, new Date()) });
      },
      endpointDisabled: async () => undefined,
      clock: systemClock,
      random: () => 0.5,
      schedule: SCHEDULE,
    });

  /** Plays the deliveries queue's consumer: receives batches, delivers them concurrently, deletes what was handled. */
  const pump = async (until: () => Promise<boolean>, waitMs = 20_000): Promise<void> => {
    const run = deliver();
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline && !(await until())) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: resources.queueUrls.deliveries, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      await Promise.all(
        Messages.map(async (m) => {
          await run(DeliveryMessageSchema.parse(JSON.parse(m.Body ?? '{}')));
          await sqs.send(new DeleteMessageCommand({ QueueUrl: resources.queueUrls.deliveries, ReceiptHandle: m.ReceiptHandle ?? '' }));
        }),
      );
    }
  };

  const subscribe = async (path: string, overrides: Partial<Subscription> = {}): Promise<Subscription> => {
    const subscription = { ...newSubscription({ url: `${receiver.url}${path}`, eventTypes: ['rating.changed'] }, { id: `sub_${ulid()}`, secret }, new Date()), ...overrides };
    await subscriptionStore(table).put(subscription);
    return subscription;
  };

  const emit = async (customerId: string, at = new Date()) => {
    const event = newEvent(
      'rating.changed',
      { current: { status: 'rated', policyVersion: 1, grade: 'C', score: 540, pd: 0.08, reasons: [], ratedAt: at.toISOString() }, changed: ['grade'] },
      { customerId, sequence: 1, at },
    );
    await eventWriter(table).put(event);
    return event;
  };

  const enqueue = (messages: DeliveryMessage[]) => queueSender(sqs).sendAll(resources.queueUrls.deliveries, messages.map((body) => ({ body })));

  beforeAll(async () => {
    dynamo = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: CREDENTIALS });
    sqs = new SQSClient({ endpoint: inject('sqsEndpoint'), region: 'us-east-1', credentials: CREDENTIALS, useQueueUrlAsEndpoint: false });
    resources = await provisionLocal({ dynamo, sqs, prefix: `i${randomBytes(4).toString('hex')}`, visibilityScale: 1 / 30 });
    table = { client: createDocumentClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: CREDENTIALS }), tableName: resources.tableName };
    receiver = await startWebhookReceiver();
    secret = generateSecret();
    receiver.setSecrets([secret]);
  });

  afterAll(async () => {
    await receiver?.stop();
    sqs?.destroy();
    dynamo?.destroy();
  });

  it('retries a failing receiver on the schedule, logs every attempt and delivers exactly once', async () => {
    const subscription = await subscribe('/hooks/flaky');
    const event = await emit('int-flaky');
    receiver.setFailFirst(2);
    await enqueue([{ eventId: event.id, subscriptionId: subscription.id, replay: false }]);
    await pump(async () => (await deliveryStore(table).get(subscription.id, event.id))?.record.status === 'delivered');

    const stored = await deliveryStore(table).get(subscription.id, event.id);
    expect(stored?.record.status).toBe('delivered');
    const attempts = stored!.record.attempts;
    expect(attempts.map((a) => [a.n, a.status, a.classification])).toEqual([
      [1, 500, 'retry'],
      [2, 500, 'retry'],
      [3, 200, 'delivered'],
    ]);
    // Each retry waited at least its scheduled delay (SQS rounds up to whole seconds).
    expect(Date.parse(attempts[1]!.at) - Date.parse(attempts[0]!.at)).toBeGreaterThanOrEqual(SCHEDULE.delaysMs[1]!);
    expect(Date.parse(attempts[2]!.at) - Date.parse(attempts[1]!.at)).toBeGreaterThanOrEqual(SCHEDULE.delaysMs[2]!);
    expect(receiver.effective('/hooks/flaky')).toHaveLength(1);
    expect(receiver.received.filter((d) => d.path === '/hooks/flaky').map((d) => d.headers['webhook-id'])).toEqual([event.id, event.id, event.id]);

    const { records: [logged] } = await subscriptionDeliveries({
      subscriptions: subscriptionStore(table),
      deliveries: deliveryStore(table),
      events: eventStore(table),
      enqueue,
      audit: auditLog(table),
      clock: systemClock,
    }).log(subscription.id, { limit: 10 });
    expect(logged?.attempts).toHaveLength(3);
  });

  it('replays one event and a time range with the same webhook-id, audited, without a second effective delivery', async () => {
    const subscription = await subscribe('/hooks/replay');
    const first = await emit('int-replay-1');
    const second = await emit('int-replay-2');
    await enqueue([first, second].map((e) => ({ eventId: e.id, subscriptionId: subscription.id, replay: false })));
    const delivered = async (id: string, attempts: number) => ((await deliveryStore(table).get(subscription.id, id))?.record.attempts.length ?? 0) >= attempts;
    await pump(async () => (await delivered(first.id, 1)) && (await delivered(second.id, 1)));

    const audit = auditLog(table);
    const replays = subscriptionDeliveries({ subscriptions: subscriptionStore(table), deliveries: deliveryStore(table), events: eventStore(table), enqueue, audit, clock: systemClock });
    const one = await replays.replay(subscription.id, { eventId: first.id }, ADMIN);
    expect(one).toMatchObject({ queued: 1, eventIds: [first.id] });
    await pump(() => delivered(first.id, 2));

    const range = await replays.replay(subscription.id, { from: new Date(Date.parse(first.occurredAt) - 1000).toISOString(), to: new Date().toISOString() }, ADMIN);
    expect(range.eventIds).toEqual(expect.arrayContaining([first.id, second.id]));
    await pump(async () => (await delivered(first.id, 3)) && (await delivered(second.id, 2)));

    const record = (await deliveryStore(table).get(subscription.id, first.id))!.record;
    expect(record.attempts.map((a) => a.replay ?? false)).toEqual([false, true, true]);
    expect(receiver.received.filter((d) => d.path === '/hooks/replay' && d.headers['webhook-id'] === first.id)).toHaveLength(3);
    expect(receiver.effective('/hooks/replay')).toHaveLength(2);
    const chains = await audit.verify();
    expect(chains.every((c) => c.ok)).toBe(true);
    expect(chains.reduce((n, c) => n + c.entries, 0)).toBe(2);
  });

  it('skips a disabled endpoint and logs why', async () => {
    const subscription = await subscribe('/hooks/disabled', { enabled: false, disabledReason: 'admin', disabledAt: new Date().toISOString() });
    const event = await emit('int-disabled');
    await enqueue([{ eventId: event.id, subscriptionId: subscription.id, replay: false }]);
    await pump(async () => (await deliveryStore(table).get(subscription.id, event.id)) !== undefined);
    const stored = await deliveryStore(table).get(subscription.id, event.id);
    expect(stored?.record).toMatchObject({ status: 'skipped', skippedReason: 'endpoint_disabled:admin', attempts: [] });
    expect(receiver.received.filter((d) => d.path === '/hooks/disabled')).toEqual([]);
  });

  it('a hanging receiver does not hold up another endpoint', async () => {
    timeouts.ms = 1_500;
    receiver.setMode('hang', '/hooks/hang');
    const hanging = await subscribe('/hooks/hang');
    const healthy = await subscribe('/hooks/healthy');
    const event = await emit('int-hang');
    const run = deliver();
    let hangSettled = false;
    const hangDone = run({ eventId: event.id, subscriptionId: hanging.id, replay: false }).finally(() => {
      hangSettled = true;
    });
    const healthyResult = await run({ eventId: event.id, subscriptionId: healthy.id, replay: false });
    expect(healthyResult).toMatchObject({ outcome: 'delivered' });
    expect(hangSettled).toBe(false);
    await expect(hangDone).resolves.toMatchObject({ outcome: 'scheduled', attempt: 1 });
    const stored = await deliveryStore(table).get(hanging.id, event.id);
    expect(stored?.record.attempts[0]).toMatchObject({ classification: 'retry', error: 'timeout' });
    expect(receiver.effective('/hooks/healthy')).toHaveLength(1);
  });
});
