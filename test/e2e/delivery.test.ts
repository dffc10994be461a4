import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { Webhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { startHubSpotSandbox } from '../../infra/local/sandboxes/crm/hubspot.js';
import { localCrmConnections } from '../../infra/local/sandboxes/crm/local-connections.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { connectionStore } from '../../shared/adapters/dynamodb/connection-store.js';
import { eventWriter } from '../../shared/adapters/dynamodb/event-writer.js';
import { writeBackFingerprintStore } from '../../shared/adapters/dynamodb/writeback-fingerprint-store.js';
import { writeBackStore } from '../../shared/adapters/dynamodb/writeback-store.js';
import { EventEnvelopeSchema, type EventEnvelope } from '../../shared/domain/events/envelope.js';
import { newEvent } from '../../shared/domain/events/new-event.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';
import { E2E_WAIT_MS } from '../support/e2e-helpers.js';

type HubSpotSandbox = Awaited<ReturnType<typeof startHubSpotSandbox>>;

const CUSTOMER = 'deliv-cust-1';
const HUBSPOT_RECORD = '9100000001';

const ratingChanged = (sequence: number, grade: string, at = new Date()): EventEnvelope =>
  newEvent(
    'rating.changed',
    {
      current: { status: 'rated', policyVersion: 1, score: 612, grade, pd: 0.031, reasons: [{ code: 'R01', text: 'Short trading history' }], ratedAt: at.toISOString() },
      changed: ['grade'],
    },
    { customerId: CUSTOMER, sequence, at },
  );

/** Receives and deletes (so a busy queue does not show the same first ten again) until `found`. */
const drainUntil = async (sqs: SQSClient, queueUrl: string, found: (m: Message) => boolean, waitMs = E2E_WAIT_MS): Promise<Message | undefined> => {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }),
    );
    if (Messages.length > 0) {
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })) }));
    }
    const hit = Messages.find(found);
    if (hit) return hit;
  }
  return undefined;
};

describe('delivery out: signed webhooks, CRM write-back, result queues, replay', () => {
  let t: TestHub;
  let receiver: WebhookReceiver;
  let hubspot: HubSpotSandbox;
  let fullSecret: string;
  let fullId: string;
  let projectedId: string;
  let table: { client: ReturnType<typeof createDocumentClient>; tableName: string };
  let event: EventEnvelope;

  beforeAll(async () => {
    hubspot = await startHubSpotSandbox();
    const crm = localCrmConnections({ hubspot: hubspot.url });
    t = await startTestHub({ env: { LOCAL_SECRETS: JSON.stringify(crm.secrets) } });
    receiver = await startWebhookReceiver();
    table = { client: createDocumentClient(), tableName: t.hub.resources.tableName };
    for (const connection of crm.connections) {
      await connectionStore(table).put(connection);
      expect((await t.api('POST', `/v1/crm/connections/${connection.connectionId}/setup`)).status).toBe(200);
    }

    const full = await t.api('POST', '/v1/subscriptions', { body: { url: `${receiver.url}/hooks/full`, eventTypes: ['rating.changed', 'limit.changed'] } });
    const projected = await t.api('POST', '/v1/subscriptions', {
      body: { url: `${receiver.url}/hooks/projected`, eventTypes: ['rating.changed'], fields: ['current.grade'] },
    });
    expect([full.status, projected.status]).toEqual([201, 201]);
    fullSecret = full.json.secret;
    fullId = full.json.subscription.id;
    projectedId = projected.json.subscription.id;
    receiver.setSecrets([fullSecret, projected.json.secret]);

    const put = await t.api('PUT', `/v1/customers/${CUSTOMER}`, {
      body: { fields: { legalName: 'Delivery Test GmbH' }, identifiers: [{ scheme: 'crm_record', value: `hubspot:local-hubspot:${HUBSPOT_RECORD}` }] },
    });
    expect(put.status).toBe(201);
    // Far above what the rating engine (if it runs) emits for this customer meanwhile.
    event = ratingChanged(put.json.profile.sequence + 1000, 'B');
    await eventWriter(table).put(event);
  });

  afterAll(async () => {
    await receiver?.stop();
    await hubspot?.stop();
    await t?.stop();
  });

  it('delivers a rating change as a Standard Webhook that standardwebhooks and svix both verify, with sequence and projection', async () => {
    const received = await receiver.waitFor((r) => r.filter((d) => d.headers['webhook-id'] === event.id).length >= 2, E2E_WAIT_MS);
    const full = received.find((d) => d.path === '/hooks/full' && d.headers['webhook-id'] === event.id)!;
    const projected = received.find((d) => d.path === '/hooks/projected' && d.headers['webhook-id'] === event.id)!;
    expect(full.verified).toBe(true);
    const viaStandard = EventEnvelopeSchema.parse(new Webhook(fullSecret).verify(full.body, full.headers));
    const viaSvix = EventEnvelopeSchema.parse(new SvixWebhook(fullSecret).verify(full.body, full.headers));
    expect(viaSvix).toEqual(viaStandard);
    expect(viaStandard).toEqual(event);
    expect(viaStandard.sequence).toBe(event.sequence);

    const projectedBody = EventEnvelopeSchema.parse(JSON.parse(projected.body));
    expect(projectedBody.data).toEqual({ current: { grade: 'B' } });
    expect(projectedBody).toMatchObject({ id: event.id, type: 'rating.changed', customerId: CUSTOMER, sequence: event.sequence });
  });

  it('writes the rating back into the HubSpot record, logs it and stores the loop-guard fingerprint', async () => {
    const graded = () => hubspot.writes.filter((w) => w.fields['riskbridge_grade'] !== undefined);
    await expect.poll(() => graded().length, { timeout: E2E_WAIT_MS, interval: 100 }).toBeGreaterThanOrEqual(1);
    expect(graded()[0]).toMatchObject({ objectName: 'companies', id: HUBSPOT_RECORD, fields: { riskbridge_grade: 'B', riskbridge_score: '612', riskbridge_reasons: 'R01: Short trading history' } });
    const log = writeBackStore(table);
    const target = `hubspot:local-hubspot:${HUBSPOT_RECORD}`;
    await expect.poll(async () => (await log.get(CUSTOMER, event.id, target))?.record.status, { timeout: E2E_WAIT_MS }).toBe('written');
    const record = (await log.listForCustomer(CUSTOMER)).find((r) => r.eventId === event.id);
    expect(record).toMatchObject({ eventId: event.id, target: `hubspot:local-hubspot:${HUBSPOT_RECORD}`, sequence: event.sequence, attempts: [{ n: 1, outcome: 'written' }] });
    const fingerprints = await writeBackFingerprintStore(table).recent('local-hubspot', HUBSPOT_RECORD);
    const ours = fingerprints.find((f) => f.writtenAt >= event.occurredAt && 'riskbridge_grade' in f.fieldHashes);
    expect(Object.keys(ours?.fieldHashes ?? {}).sort()).toEqual(['riskbridge_grade', 'riskbridge_reasons', 'riskbridge_score']);
  });

  it('never overwrites a CRM record with an older event', async () => {
    await expect.poll(() => hubspot.writes.some((w) => w.fields['riskbridge_grade'] === 'B'), { timeout: E2E_WAIT_MS, interval: 100 }).toBe(true);
    const stale = ratingChanged(event.sequence! - 1, 'D', new Date(Date.now() - 60_000));
    await eventWriter(table).put(stale);
    const log = writeBackStore(table);
    await expect.poll(async () => (await log.get(CUSTOMER, stale.id, `hubspot:local-hubspot:${HUBSPOT_RECORD}`))?.record.status, { timeout: E2E_WAIT_MS }).toBe('superseded');
    expect(hubspot.writes.filter((w) => w.fields['riskbridge_grade'] === 'D')).toEqual([]);
    expect(hubspot.writes.at(-1)?.fields['riskbridge_grade'] ?? 'B').toBe('B');
  });

  it('puts the event on the result queue and the FIFO queue with eventType/eventVersion attributes', async () => {
    const sqs = new SQSClient({ endpoint: inject('sqsEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const isOurs = (m: Message) => m.Body?.includes(event.id) === true;
    const message = await drainUntil(sqs, t.hub.resources.queueUrls.results, isOurs);
    expect(message?.MessageAttributes?.['eventType']?.StringValue).toBe('rating.changed');
    expect(message?.MessageAttributes?.['eventVersion']?.StringValue).toBe('1');
    expect(EventEnvelopeSchema.parse(JSON.parse(message!.Body!))).toEqual(event);
    const fifoMessage = await drainUntil(sqs, t.hub.resources.queueUrls.resultsFifo, isOurs);
    sqs.destroy();
    expect(fifoMessage?.Attributes?.['MessageGroupId']).toBe(CUSTOMER);
    expect(fifoMessage?.MessageAttributes?.['eventType']?.StringValue).toBe('rating.changed');
    expect(fifoMessage?.MessageAttributes?.['eventVersion']?.StringValue).toBe('1');
  });

  it('shows the delivery log and replays one event and a time window with the same webhook-id', async () => {
    await receiver.waitFor((r) => r.some((d) => d.path === '/hooks/full' && d.headers['webhook-id'] === event.id), E2E_WAIT_MS);
    await expect
      .poll(async () => (await t.api('GET', `/v1/subscriptions/${fullId}/deliveries`)).json.deliveries.find((d: { eventId: string }) => d.eventId === event.id)?.status, { timeout: E2E_WAIT_MS })
      .toBe('delivered');
    const log = await t.api('GET', `/v1/subscriptions/${fullId}/deliveries?limit=10`);
    expect(log.json.deliveries.find((d: { eventId: string }) => d.eventId === event.id)).toMatchObject({ eventId: event.id, eventType: 'rating.changed', customerId: CUSTOMER, attempts: [{ n: 1, status: 200, classification: 'delivered' }] });

    const before = receiver.received.filter((d) => d.path === '/hooks/full' && d.headers['webhook-id'] === event.id).length;
    const one = await t.api('POST', `/v1/subscriptions/${fullId}/replay`, { body: { eventId: event.id } });
    expect(one.status).toBe(202);
    expect(one.json).toMatchObject({ queued: 1, eventIds: [event.id] });
    await receiver.waitFor((r) => r.filter((d) => d.path === '/hooks/full' && d.headers['webhook-id'] === event.id).length >= before + 1, E2E_WAIT_MS);

    const window = await t.api('POST', `/v1/subscriptions/${fullId}/replay`, {
      body: { from: new Date(Date.now() - 10 * 60_000).toISOString(), to: new Date().toISOString() },
    });
    expect(window.status).toBe(202);
    expect(window.json.eventIds).toContain(event.id);
    expect(window.json.queued).toBeGreaterThanOrEqual(2);
    await receiver.waitFor((r) => r.filter((d) => d.path === '/hooks/full' && d.headers['webhook-id'] === event.id).length >= before + 2, E2E_WAIT_MS);
    expect(receiver.effective('/hooks/full').filter((d) => d.headers['webhook-id'] === event.id)).toHaveLength(1);

    await expect
      .poll(async () => (await t.api('GET', `/v1/subscriptions/${fullId}/deliveries`)).json.deliveries.find((d: { eventId: string }) => d.eventId === event.id)?.attempts.length, { timeout: E2E_WAIT_MS })
      .toBeGreaterThanOrEqual(3);
    const audit = await t.api('GET', '/v1/audit/verify');
    expect(audit.json.ok).toBe(true);
  });

  it('lists a customer’s CRM write-backs and replays one (audited), never over a newer event', async () => {
    const target = `hubspot:local-hubspot:${HUBSPOT_RECORD}`;
    await expect.poll(async () => (await t.api('GET', `/v1/customers/${CUSTOMER}/write-backs`)).json.writeBacks?.find((w: { eventId: string }) => w.eventId === event.id)?.status, { timeout: E2E_WAIT_MS }).toBe('written');
    const listed = await t.api('GET', `/v1/customers/${CUSTOMER}/write-backs?status=written&limit=5`);
    expect(listed.status).toBe(200);
    expect(listed.json.writeBacks.find((w: { eventId: string }) => w.eventId === event.id)).toMatchObject({ target, status: 'written', fields: expect.arrayContaining(['riskbridge_grade', 'riskbridge_score']) });

    const before = hubspot.writes.filter((w) => w.fields['riskbridge_grade'] === 'B').length;
    const replay = await t.api('POST', '/v1/write-backs/replay', { body: { eventId: event.id } });
    expect(replay.status, replay.text).toBe(202);
    expect(replay.json).toEqual({ eventId: event.id, customerId: CUSTOMER, targets: [target], queued: 1 });
    await expect.poll(() => hubspot.writes.filter((w) => w.fields['riskbridge_grade'] === 'B').length, { timeout: E2E_WAIT_MS, interval: 100 }).toBe(before + 1);
    await expect
      .poll(async () => (await t.api('GET', `/v1/customers/${CUSTOMER}/write-backs`)).json.writeBacks.find((w: { eventId: string }) => w.eventId === event.id)?.attempts.at(-1), { timeout: E2E_WAIT_MS })
      .toMatchObject({ outcome: 'written', replay: true });

    const stale = ratingChanged(event.sequence! - 5, 'E', new Date(Date.now() - 120_000));
    await eventWriter(table).put(stale);
    await expect.poll(async () => (await writeBackStore(table).get(CUSTOMER, stale.id, target))?.record.status, { timeout: E2E_WAIT_MS }).toBe('superseded');
    expect((await t.api('POST', '/v1/write-backs/replay', { body: { eventId: stale.id, target } })).status).toBe(202);
    await expect.poll(async () => (await writeBackStore(table).get(CUSTOMER, stale.id, target))?.revision, { timeout: E2E_WAIT_MS }).toBe(2);
    expect(hubspot.writes.filter((w) => w.fields['riskbridge_grade'] === 'E')).toEqual([]);
    expect((await t.api('GET', '/v1/audit/verify')).json.ok).toBe(true);
  });

  it('answers bad write-back requests with problem+json', async () => {
    const cases: Array<{ method: 'GET' | 'POST'; path: string; body?: unknown; status: number }> = [
      { method: 'GET', path: '/v1/customers/no-such-customer/write-backs', status: 404 },
      { method: 'GET', path: `/v1/customers/${CUSTOMER}/write-backs?limit=0`, status: 422 },
      { method: 'GET', path: `/v1/customers/${CUSTOMER}/write-backs?status=lost`, status: 422 },
      { method: 'POST', path: '/v1/write-backs/replay', body: { eventId: 'nope' }, status: 422 },
      { method: 'POST', path: '/v1/write-backs/replay', body: { eventId: event.id, extra: true }, status: 422 },
      { method: 'POST', path: '/v1/write-backs/replay', body: { eventId: event.id, target: 'hubspot:local-hubspot:1' }, status: 422 },
      { method: 'POST', path: '/v1/write-backs/replay', body: { eventId: 'evt_01JKQ7Y5W3N8X4B2C6D9E0F1G2' }, status: 404 },
    ];
    for (const c of cases) {
      const response = await t.api(c.method, c.path, c.body === undefined ? {} : { body: c.body });
      expect(response.status, `${c.method} ${c.path} ${response.text}`).toBe(c.status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await t.api('POST', '/v1/write-backs/replay', { rawBody: '{"eventId":' })).status).toBe(400);
    const updated = (await t.api('GET', `/v1/customers/${CUSTOMER}/events`)).json.events.find((e: { type: string }) => e.type === 'customer.updated');
    const notWrittenBack = await t.api('POST', '/v1/write-backs/replay', { body: { eventId: updated.id } });
    expect(notWrittenBack.status).toBe(422);
    expect(notWrittenBack.json.errors[0].path).toBe('eventId');
  });

  it('answers bad replay requests with problem+json', async () => {
    const cases = [
      { body: { eventId: 'nope' }, status: 422 },
      { body: { from: '2025-02-02T00:00:00Z', to: '2025-02-01T00:00:00Z' }, status: 422 },
      { body: { from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' }, status: 422 },
      { body: { eventId: 'evt_01JKQ7Y5W3N8X4B2C6D9E0F1G2' }, status: 404 },
      { body: { eventId: event.id, extra: 1 }, status: 422 },
    ];
    for (const c of cases) {
      const response = await t.api('POST', `/v1/subscriptions/${projectedId}/replay`, { body: c.body });
      expect(response.status, response.text).toBe(c.status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await t.api('POST', `/v1/subscriptions/${projectedId}/replay`, { rawBody: '{"eventId":' })).status).toBe(400);
    expect((await t.api('POST', '/v1/subscriptions/sub_01JKQ7Y5W3N8X4B2C6D9E0F1G2/replay', { body: { eventId: event.id } })).status).toBe(404);
    expect((await t.api('GET', '/v1/subscriptions/sub_01JKQ7Y5W3N8X4B2C6D9E0F1G2/deliveries')).status).toBe(404);
    expect((await t.api('GET', `/v1/subscriptions/${projectedId}/deliveries?limit=0`)).status).toBe(422);
    expect((await t.api('PATCH', `/v1/subscriptions/${projectedId}`, { body: { enabled: false } })).status).toBe(200);
    expect((await t.api('POST', `/v1/subscriptions/${projectedId}/replay`, { body: { eventId: event.id } })).status).toBe(409);
  });

  it('refuses every SSRF vector and every unparsable URL at subscription creation with 422 at `url` (loopback is allowed on the local hub only)', async () => {
    const vectors = [
      'http://169.254.169.254/latest/meta-data',
      'https://169.254.169.254/latest',
      'https://[fd00:ec2::254]/latest',
      'https://10.0.0.1/hook',
      'https://172.16.5.4/hook',
      'https://192.168.1.10/hook',
      'https://100.64.0.1/hook',
      'https://169.254.10.10/hook',
      'https://0.0.0.0/hook',
      'https://224.0.0.1/hook',
      'https://[fc00::1]/hook',
      'https://[fe80::1]/hook',
      'https://[::ffff:10.0.0.1]/hook',
      'https://[64:ff9b::a00:1]/hook',
      'https://[2002:a00:1::1]/hook',
      'https://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/hook',
      'https://167772161/hook',
      'https://0xa000001/hook',
      'https://012.0.0.1/hook',
      'https://user:pass@example.com/hook',
      'ftp://example.com/hook',
      'http://example.com/hook',
      'null',
      'https://example.com:99999/hook',
    ];
    const accepted: string[] = [];
    for (const url of vectors) {
      const response = await t.api('POST', '/v1/subscriptions', { body: { url, eventTypes: ['rating.changed'] } });
      if (response.status !== 422 || response.headers.get('content-type') !== 'application/problem+json') accepted.push(`${url} → ${response.status}`);
      else expect(response.json.errors[0].path).toBe('url');
    }
    expect(accepted).toEqual([]);
    const listed = await t.api('GET', '/v1/subscriptions');
    expect(listed.json.subscriptions).toHaveLength(2);
  });

  it('rotates a signing secret (deliveries verify with the old and the new one during the overlap) and deletes the subscription', async () => {
    const created = await t.api('POST', '/v1/subscriptions', { body: { url: `${receiver.url}/hooks/rotating`, eventTypes: ['rating.changed'] } });
    expect(created.status).toBe(201);
    const id: string = created.json.subscription.id;
    const oldSecret: string = created.json.secret;
    const read = await t.api('GET', `/v1/subscriptions/${id}`);
    expect(read.status).toBe(200);
    expect(read.json.subscription).toMatchObject({ id, enabled: true, secrets: [expect.objectContaining({ hint: expect.any(String) })] });
    expect(read.text).not.toContain(oldSecret);

    const rotated = await t.api('POST', `/v1/subscriptions/${id}/rotate-secret`, { body: { overlapHours: 1 } });
    expect(rotated.status, rotated.text).toBe(200);
    const newSecret: string = rotated.json.secret;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    expect((await t.api('GET', `/v1/subscriptions/${id}`)).json.subscription.secrets).toHaveLength(2);

    const rotatedEvent = newEvent('rating.changed', { current: { status: 'rated', policyVersion: 1, score: 600, grade: 'BB', pd: 0.04, reasons: [], ratedAt: new Date().toISOString() }, changed: ['grade'] }, { customerId: 'deliv-rotate', sequence: 1, at: new Date() });
    await eventWriter(table).put(rotatedEvent);
    const [delivery] = await receiver.waitFor((r) => r.some((d) => d.path === '/hooks/rotating' && d.headers['webhook-id'] === rotatedEvent.id), E2E_WAIT_MS).then((r) => r.filter((d) => d.path === '/hooks/rotating'));
    for (const secret of [oldSecret, newSecret]) expect(EventEnvelopeSchema.parse(new Webhook(secret).verify(delivery!.body, delivery!.headers)).id).toBe(rotatedEvent.id);

    const deleted = await t.api('DELETE', `/v1/subscriptions/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await t.api('GET', `/v1/subscriptions/${id}`)).status).toBe(404);
    expect((await t.api('GET', '/v1/subscriptions')).json.subscriptions.map((s: { id: string }) => s.id)).not.toContain(id);
  });
});
