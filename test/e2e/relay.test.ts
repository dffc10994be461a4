import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { E2E_WAIT_MS, subscribeReceiver } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const ResultSchema = z.object({ id: z.string(), type: z.string(), customerId: z.string().optional(), data: z.record(z.string(), z.unknown()) });
const envelopes = (messages: Message[]) => messages.map((m) => ResultSchema.parse(JSON.parse(m.Body ?? 'null')));

/**
 * The relay defect as `npm start` showed it: a profile created with no fields (as a CRM order before its
 * account creates it) carries an empty map, which DynamoDB Local's stream writes as a bare `{}`.
 */
describe('outbox relay through the local hub', () => {
  let t: TestHub;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestHub();
    receiver = await startWebhookReceiver();
    await subscribeReceiver(t, receiver, '/hooks/relay', ['customer.updated']);
  });

  afterAll(async () => {
    await receiver?.stop();
    await t?.stop();
  });

  it('relays a new customer with empty fields once to the results queue and its webhook, and quarantines nothing', async () => {
    // Prepare: a customer without fields, then one with fields (relayed after it, in stream order).
    expect((await t.api('PUT', '/v1/customers/relay-empty', { body: { kind: 'business' } })).status).toBe(201);
    expect((await t.api('PUT', '/v1/customers/relay-next', { body: { fields: { legalName: 'Next Ltd' } } })).status).toBe(201);
    // Act
    const results = envelopes(
      await t.drain('results', { waitMs: 30_000, until: (all) => envelopes(all).some((e) => e.customerId === 'relay-next' && e.type === 'customer.updated') }),
    );
    const [delivery] = await receiver.waitFor((r) => r.some((d) => d.body.includes('relay-empty')), E2E_WAIT_MS);
    // Assess
    const empty = results.filter((e) => e.customerId === 'relay-empty' && e.type === 'customer.updated');
    expect(empty).toHaveLength(1);
    expect(empty[0]?.data).toMatchObject({ profile: { fields: {}, identifiers: [] }, changedFields: ['created'] });
    const ids = results.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(delivery?.verified).toBe(true);
    expect((await t.api('GET', '/v1/quarantine/relay')).json.entries).toEqual([]);
    expect(await t.drain('relayFailures', { waitMs: 1_500, until: () => false })).toEqual([]);
  });
});
