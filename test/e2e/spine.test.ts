import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { EventEnvelopeSchema } from '../../shared/domain/events/envelope.js';
import { createSubscription, E2E_WAIT_MS, ensureConnection, ensureTenant, subscribeReceiver } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

describe('the spine: customer upsert → outbox → relay → webhook + result queue', () => {
  let t: TestHub;
  let receiver: WebhookReceiver;
  let secret: string;

  beforeAll(async () => {
    t = await startTestHub();
    receiver = await startWebhookReceiver();
    secret = await subscribeReceiver(t, receiver, '/hooks/crm', ['customer.updated']);
  });

  afterAll(async () => {
    await receiver?.stop();
    await t?.stop();
  });

  it('delivers a signed customer.updated webhook and puts the same event on the result queue', async () => {
    const put = await t.api('PUT', '/v1/customers/acme-001', { body: { fields: { legalName: 'Acme Trading GmbH', country: 'DE' } } });
    expect(put.status).toBe(201);
    expect(put.json.profile.fields.legalName.value).toBe('Acme Trading GmbH');
    expect(put.json.profile.fields.legalName.source).toMatch(/^api:key:/);

    const [delivery] = await receiver.waitFor((r) => r.some((d) => d.body.includes('acme-001')), E2E_WAIT_MS);
    expect(delivery?.verified).toBe(true);
    const verified = new Webhook(secret).verify(delivery!.body, delivery!.headers) as unknown;
    const envelope = EventEnvelopeSchema.parse(verified);
    expect(envelope).toMatchObject({ type: 'customer.updated', customerId: 'acme-001', sequence: 1, version: 1 });
    expect(delivery!.headers['webhook-id']).toBe(envelope.id);

    const messages = await t.drain('results', { until: (all) => all.some((m) => m.Body?.includes(envelope.id)) });
    const message = messages.find((m) => m.Body?.includes(envelope.id));
    expect(message?.MessageAttributes?.['eventType']?.StringValue).toBe('customer.updated');
    expect(EventEnvelopeSchema.parse(JSON.parse(message!.Body!))).toEqual(envelope);

    const fifo = await t.drain('resultsFifo', { until: (all) => all.some((m) => m.Body?.includes(envelope.id)) });
    expect(fifo.find((m) => m.Body?.includes(envelope.id))?.Attributes?.['MessageGroupId']).toBe('acme-001');
  });

  it('numbers events per customer and emits nothing when an update changes nothing', async () => {
    const first = await t.api('PUT', '/v1/customers/acme-002', { body: { fields: { legalName: 'Beta Ltd' } } });
    const again = await t.api('PUT', '/v1/customers/acme-002', { body: { fields: { legalName: 'Beta Ltd' } } });
    const changed = await t.api('PUT', '/v1/customers/acme-002', { body: { fields: { legalName: 'Beta Holdings Ltd' } } });
    expect([first.status, again.status, changed.status]).toEqual([201, 200, 200]);
    expect(again.json.changedFields).toEqual([]);
    // Other events of the customer (its rating) share the sequence, so updates need not be consecutive.
    const events = await t.api('GET', '/v1/customers/acme-002/events');
    const all: number[] = events.json.events.map((e: { sequence: number }) => e.sequence);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort((a, b) => a - b)).toEqual(all);
    const updates: number[] = events.json.events.filter((e: { type: string }) => e.type === 'customer.updated').map((e: { sequence: number }) => e.sequence);
    expect(updates).toHaveLength(2);
    expect(updates[0]).toBe(1);
    const received = await receiver.waitFor((r) => r.filter((d) => d.body.includes('acme-002')).length >= 2, E2E_WAIT_MS);
    const sequences = received.filter((d) => d.body.includes('acme-002')).map((d) => JSON.parse(d.body).sequence as number);
    expect(sequences.sort((a, b) => a - b)).toEqual(updates);
  });

  it('delivers the very next event to a subscription created a moment before, projected to its fields', async () => {
    // Its fields carry contact data: created the four-eyes way (the second person approves).
    const created = await createSubscription(t, { url: `${receiver.url}/hooks/fresh`, eventTypes: ['customer.updated'], fields: ['profile.fields'] });
    expect(created.status).toBe(202);
    receiver.setSecrets([secret, created.secret]);
    await t.api('PUT', '/v1/customers/acme-004', { body: { fields: { legalName: 'Delta SA', city: 'Lyon' } } });
    const [delivery] = await receiver.waitFor((r) => r.some((d) => d.path === '/hooks/fresh'), E2E_WAIT_MS);
    const fresh = receiver.received.find((d) => d.path === '/hooks/fresh')!;
    expect(delivery).toBeDefined();
    expect(fresh.verified).toBe(true);
    const body = JSON.parse(fresh.body);
    expect(Object.keys(body.data)).toEqual(['profile']);
    expect(Object.keys(body.data.profile)).toEqual(['fields']);
    expect(body.data.profile.fields.city.value).toBe('Lyon');
  });

  it('ignores an observation older than the stored value', async () => {
    await t.api('PUT', '/v1/customers/acme-003', { body: { fields: { email: 'new@acme.example' }, observedAt: '2026-06-01T00:00:00Z' } });
    const stale = await t.api('PUT', '/v1/customers/acme-003', { body: { fields: { email: 'old@acme.example' }, observedAt: '2026-01-01T00:00:00Z' } });
    expect(stale.status).toBe(200);
    expect(stale.json.profile.fields.email.value).toBe('new@acme.example');
  });

  it('answers client mistakes with problem+json and writes nothing', async () => {
    const cases = [
      { call: () => t.api('PUT', '/v1/customers/bad-1', { body: { fields: { legalName: 'X' } }, key: null }), status: 401 },
      { call: () => t.api('PUT', '/v1/customers/bad-1', { body: { fields: { legalName: 'X' } }, key: 'rbk_aaaaaaaaaaaaaaaaaaaa.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), status: 401 },
      { call: () => t.api('PUT', '/v1/customers/bad-1', { rawBody: '{"fields": {' }), status: 400 },
      { call: () => t.api('PUT', '/v1/customers/bad-1', { body: { fields: { legalName: '' }, colour: 'red' } }), status: 422 },
      { call: () => t.api('PUT', '/v1/customers/bad%20id', { body: { fields: { legalName: 'X' } } }), status: 422 },
      { call: () => t.api('GET', '/v1/does-not-exist'), status: 404 },
      { call: () => t.api('DELETE', '/v1/customers/bad-1'), status: 404 },
    ];
    for (const c of cases) {
      const response = await c.call();
      expect(response.status, response.text).toBe(c.status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.json).toMatchObject({ status: c.status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String) });
    }
    const invalid = await t.api('PUT', '/v1/customers/bad-1', { body: { fields: { legalName: '' }, colour: 'red' } });
    expect(invalid.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'fields.legalName']);
    expect((await t.api('GET', '/v1/customers/bad-1')).status).toBe(404);
  });

  it('enforces roles and scopes, and key rotation and revocation take effect', async () => {
    const partner = await t.api('POST', '/v1/admin/api-keys', { body: { name: 'agency', role: 'partner', tenantRef: await ensureTenant(t, 'partner', 'partner-a') } });
    expect(partner.status).toBe(201);
    expect(partner.json.record).not.toHaveProperty('secretHash');
    const forbidden = await t.api('PUT', '/v1/customers/p-1', { body: { fields: { legalName: 'X' } }, key: partner.json.key });
    expect(forbidden.status).toBe(403);

    const crm = await t.api('POST', '/v1/admin/api-keys', { body: { name: 'zoho', role: 'crm', scopes: ['customers:read'], tenantRef: await ensureConnection(t, 'spine-crm') } });
    // A CRM key reads only customers linked to its connection (test/e2e/tenancy.test.ts).
    const linked = await t.api('PUT', '/v1/customers/spine-linked', { body: { fields: { legalName: 'Linked' }, identifiers: [{ scheme: 'crm_record', value: 'generic:spine-crm:1' }] } });
    expect(linked.status).toBe(201);
    const noScope = await t.api('PUT', '/v1/customers/c-1', { body: { fields: { legalName: 'X' } }, key: crm.json.key });
    expect(noScope.status).toBe(403);
    expect(noScope.json.detail).toContain('customers:write');
    const tooMuch = await t.api('POST', '/v1/admin/api-keys', { body: { name: 'x', role: 'consultant', scopes: ['keys:manage'], tenantRef: await ensureTenant(t, 'consultant', 'consultant-x') } });
    expect(tooMuch.status).toBe(422);

    const rotated = await t.api('POST', `/v1/admin/api-keys/${crm.json.record.keyId}/rotate`);
    expect(rotated.status).toBe(201);
    expect((await t.api('GET', '/v1/customers/spine-linked', { key: crm.json.key })).status).toBe(401);
    expect((await t.api('GET', '/v1/customers/spine-linked', { key: rotated.json.key })).status).toBe(200);
    expect((await t.api('DELETE', `/v1/admin/api-keys/${rotated.json.record.keyId}`)).status).toBe(200);
    expect((await t.api('GET', '/v1/customers/spine-linked', { key: rotated.json.key })).status).toBe(401);
    const listed = await t.api('GET', '/v1/admin/api-keys');
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(rotated.json.key);
    const byId = new Map(listed.json.keys.map((k: { keyId: string }) => [k.keyId, k]));
    expect(byId.get(crm.json.record.keyId)).toMatchObject({ status: 'revoked' });
    expect(byId.get(rotated.json.record.keyId)).toMatchObject({ status: 'revoked', rotatedFrom: crm.json.record.keyId });
    // Only an active key can be rotated.
    expect((await t.api('POST', `/v1/admin/api-keys/${crm.json.record.keyId}/rotate`)).status).toBe(404);

    const audit = await t.api('GET', '/v1/audit/verify');
    expect(audit.json.ok).toBe(true);
    expect(audit.json.chains.reduce((n: number, c: { entries: number }) => n + c.entries, 0)).toBeGreaterThanOrEqual(5);
  });

  it('refuses subscriptions to private addresses and to unknown event types', async () => {
    const metadata = await t.api('POST', '/v1/subscriptions', { body: { url: 'http://169.254.169.254/latest', eventTypes: ['customer.updated'] } });
    expect(metadata.status).toBe(422);
    expect(metadata.json.errors[0].path).toBe('url');
    const unknown = await t.api('POST', '/v1/subscriptions', { body: { url: 'https://example.com/hook', eventTypes: ['customer.exploded'] } });
    expect(unknown.status).toBe(422);
  });
});
