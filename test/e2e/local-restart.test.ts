import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureAdminKey } from '../../infra/local/bootstrap.js';
import { freePort, startEmulators, type Emulators } from '../../infra/local/emulators.js';
import { startHub, type Hub } from '../../infra/local/hub.js';
import type { RecoveryReport } from '../../infra/local/recover.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { apiClient } from '../../infra/local/seed.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { deliveryStore } from '../../shared/adapters/dynamodb/delivery-store.js';
import { eventWriter } from '../../shared/adapters/dynamodb/event-writer.js';
import { newEvent } from '../../shared/domain/events/new-event.js';
import { E2E_WAIT_MS } from '../support/e2e-helpers.js';

const ratingChanged = (customerId: string) =>
  newEvent('rating.changed', { current: { status: 'rated', policyVersion: 1, score: 640, grade: 'BBB', pd: 0.02, reasons: [], ratedAt: new Date().toISOString() }, changed: ['grade'] }, { customerId, sequence: 1, at: new Date() });

/**
 * `npm start` twice on one data directory: DynamoDB Local keeps the table on disk, fauxqs loses
 * its queues. What was pending in the table goes out once after the restart.
 */
describe('local hub restart on a kept data directory', () => {
  let dataDir: string;
  let emulators: Emulators | undefined;
  let hub: Hub | undefined;
  let receiver: WebhookReceiver | undefined;

  afterAll(async () => {
    await hub?.stop();
    await emulators?.stop();
    await receiver?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the table and delivers an unrelayed outbox event and a scheduled retry once each', async () => {
    // Prepare: a hub on a data directory, a receiver that refuses at first, one subscription.
    dataDir = await mkdtemp(join(tmpdir(), 'rb-restart-'));
    const ports = { dynamoPort: await freePort(), sqsPort: await freePort() };
    const boot = async (resume: boolean, onRecovered?: (r: RecoveryReport) => void) => {
      emulators = await startEmulators({ ...ports, dynamoDataDir: join(dataDir, 'dynamodb') });
      hub = await startHub({
        dynamoEndpoint: emulators.dynamoEndpoint,
        sqsEndpoint: emulators.sqsEndpoint,
        prefix: 'restart',
        visibilityScale: 1 / 60,
        resume,
        clockStateFile: join(dataDir, 'clock.json'),
        env: { AUDIT_CHECKPOINT_DIR: join(dataDir, 'audit'), AUDIT_SIGNING_KEY_FILE: join(dataDir, 'key.pem') },
        onError: () => undefined,
        ...(onRecovered ? { onRecovered } : {}),
      });
      return hub;
    };
    const shutdown = async () => {
      await hub?.stop();
      await emulators?.stop();
      hub = undefined;
      emulators = undefined;
    };
    receiver = await startWebhookReceiver();
    receiver.setMode('reject', '/hooks/r');
    const first = await boot(false);
    const adminKey = await ensureAdminKey({ tableName: first.resources.tableName });
    const created = await apiClient(first.url, adminKey)('POST', '/v1/subscriptions', { url: `${receiver.url}/hooks/r`, eventTypes: ['rating.changed'] });
    expect(created.status).toBe(201);
    receiver.setSecrets([created.json.secret]);
    const subscriptionId: string = created.json.subscription.id;
    const table = { client: createDocumentClient(), tableName: first.resources.tableName };

    // A delivery fails once and its 5 s retry waits on the (in-memory) queue when the hub stops.
    const retried = ratingChanged('restart-retry');
    await eventWriter(table).put(retried);
    await receiver.waitFor((all) => all.some((r) => r.body.includes(retried.id)), E2E_WAIT_MS);
    for (const deadline = Date.now() + E2E_WAIT_MS; Date.now() < deadline && (await deliveryStore(table).get(subscriptionId, retried.id))?.record.status !== 'scheduled'; ) await new Promise((r) => setTimeout(r, 100));
    expect((await deliveryStore(table).get(subscriptionId, retried.id))?.record.status).toBe('scheduled');
    await first.stop();
    hub = undefined;
    // An event committed while no relay runs (the hub stopped between the write and its relay).
    const unrelayed = ratingChanged('restart-unrelayed');
    await eventWriter(table).put(unrelayed);
    table.client.destroy();
    await shutdown();
    receiver.setMode('ok', '/hooks/r');

    // Act: start again on the same data directory.
    let report: RecoveryReport | undefined;
    const second = await boot(true, (r) => (report = r));

    // Assess: the subscription is still there, the sweep found both, each is delivered exactly once.
    expect((await apiClient(second.url, adminKey)('GET', `/v1/subscriptions/${subscriptionId}`)).status).toBe(200);
    expect(report).toMatchObject({ relayed: 1, deliveriesParked: 1, relayFailed: [] });
    await receiver.waitFor(() => receiver!.effective('/hooks/r').length >= 2, 30_000);
    const delivered = (eventId: string) => receiver!.received.filter((r) => r.status === 200 && r.body.includes(eventId)).length;
    // Nothing more is on its way: both records delivered, the deliveries queue empty (visible, in flight and delayed).
    const sqs = new SQSClient({ endpoint: emulators!.sqsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const after = { client: createDocumentClient(), tableName: second.resources.tableName };
    const queued = async () => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: second.resources.queueUrls.deliveries, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }),
      );
      return Object.values(Attributes).reduce((sum, n) => sum + Number(n), 0);
    };
    const settled = async () =>
      (await deliveryStore(after).get(subscriptionId, retried.id))?.record.status === 'delivered' &&
      (await deliveryStore(after).get(subscriptionId, unrelayed.id))?.record.status === 'delivered' &&
      (await queued()) === 0;
    for (let i = 0; i < 150 && !(await settled()); i++) await new Promise((r) => setTimeout(r, 200));
    expect(await settled()).toBe(true);
    sqs.destroy();
    after.client.destroy();
    expect(delivered(retried.id)).toBe(1);
    expect(delivered(unrelayed.id)).toBe(1);
  }, 120_000);
});
