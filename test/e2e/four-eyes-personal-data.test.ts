import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { EventEnvelopeSchema } from '../../shared/domain/events/envelope.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';
import { approveAsSecondPerson, createSubscription, E2E_WAIT_MS, putConnection, secondPerson } from '../support/e2e-helpers.js';

/**
 * Four eyes on personal data going out or coming in: a webhook subscription whose events carry
 * contact data, and a CRM connection whose mapping takes it in, exist only once a second person
 * approved them; widening them waits the same way, narrowing does not.
 */
describe('four eyes on subscriptions and CRM connections carrying personal data', () => {
  let t: TestHub;
  let receiver: WebhookReceiver;
  const secrets: string[] = [];
  const trust = (secret: string): void => {
    secrets.push(secret);
    receiver.setSecrets([...secrets]);
  };
  const bodiesAt = (path: string, customerId: string) =>
    receiver
      .effective(path)
      .map((d) => EventEnvelopeSchema.parse(JSON.parse(d.body)))
      .filter((e) => e.type === 'customer.updated' && e.customerId === customerId);

  beforeAll(async () => {
    t = await startTestHub();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.stop();
    await t?.stop();
  });

  it('a subscription carrying contact data is 202, delivers nothing until a second person approves it, then delivers', async () => {
    // Prepare: a subscription without personal data (country only) as the witness that events flow.
    const witness = await createSubscription(t, { url: `${receiver.url}/hooks/witness`, eventTypes: ['customer.updated'], fields: ['profile.fields.country'] });
    expect(witness.status).toBe(201);
    trust(witness.secret);

    // Act: customer.updated without `fields` sends names, e-mail, phone and address.
    const asked = await t.api('POST', '/v1/subscriptions', { body: { url: `${receiver.url}/hooks/pii`, eventTypes: ['customer.updated'] } });

    // Assess: pending, disabled, the secret shown once, the approval asked for by the admin person.
    expect(asked.status, asked.text).toBe(202);
    expect(asked.json.approval).toMatchObject({ action: 'subscription.create', status: 'pending', maker: 'person:test-admin', target: `subscription:${asked.json.subscription.id}` });
    expect(asked.json.subscription).toMatchObject({ enabled: false, disabledReason: 'pending_approval', pendingApproval: asked.json.approval.approvalId });
    trust(asked.json.secret);
    const id = String(asked.json.subscription.id);
    const approvalId = String(asked.json.approval.approvalId);
    const enable = await t.api('PATCH', `/v1/subscriptions/${id}`, { body: { enabled: true } });
    expect(enable.status, enable.text).toBe(409);
    expect(enable.json.code).toBe('subscription_pending_approval');

    // A change while pending: the witness gets it, the pending subscription nothing (not even a delivery record).
    expect((await t.api('PUT', '/v1/customers/fe-jane', { body: { kind: 'consumer', fields: { legalName: 'Jane Roe', email: 'jane.roe@example.test', country: 'US' } } })).status).toBe(201);
    await receiver.waitFor(() => bodiesAt('/hooks/witness', 'fe-jane').length >= 1, E2E_WAIT_MS);
    expect(bodiesAt('/hooks/witness', 'fe-jane')[0]!.data).toEqual({ profile: { fields: { country: expect.objectContaining({ value: 'US' }) } } });
    const first = bodiesAt('/hooks/witness', 'fe-jane')[0]!;
    expect(bodiesAt('/hooks/pii', 'fe-jane')).toEqual([]);
    expect((await t.api('GET', `/v1/subscriptions/${id}/deliveries`)).json.deliveries).toEqual([]);

    // The maker cannot approve their own request; the second person can, once.
    const self = await t.api('POST', `/v1/approvals/${approvalId}/approve`);
    expect(self.status, self.text).toBe(403);
    expect(self.json.code).toBe('self_approval');
    expect((await t.api('GET', `/v1/subscriptions/${id}`)).json.subscription.enabled).toBe(false);
    const granted = await approveAsSecondPerson(t, approvalId);
    expect(granted.json).toMatchObject({ approval: { status: 'granted', checkers: [{ by: 'person:second-approver' }] }, executed: true });
    const again = await t.api('POST', `/v1/approvals/${approvalId}/approve`, { key: (await secondPerson(t)).key });
    expect(again.status, again.text).toBe(409);
    const active = (await t.api('GET', `/v1/subscriptions/${id}`)).json.subscription;
    expect(active).toMatchObject({ enabled: true });
    expect(active).not.toHaveProperty('pendingApproval');
    expect((await t.api('GET', '/v1/subscriptions')).json.subscriptions.filter((s: { url: string }) => s.url === `${receiver.url}/hooks/pii`)).toHaveLength(1);

    // Deliveries start: the next change reaches it with the contact data; the earlier one never did.
    expect((await t.api('PUT', '/v1/customers/fe-jane', { body: { fields: { phone: '+14155550123' } } })).status).toBe(200);
    await receiver.waitFor(() => bodiesAt('/hooks/pii', 'fe-jane').length >= 1, E2E_WAIT_MS);
    const delivered = bodiesAt('/hooks/pii', 'fe-jane');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.sequence).toBeGreaterThan(first.sequence ?? 0);
    expect(delivered[0]!.data).toMatchObject({ profile: { fields: { email: { value: 'jane.roe@example.test' }, phone: { value: '+14155550123' } } } });

    // Audit: ids only (no URL, no contact data).
    const audit = await t.api('GET', `/v1/audit/entries?object=${encodeURIComponent(`subscription:${id}`)}`);
    expect(audit.json.entries.map((e: { action: string }) => e.action)).toEqual(['subscription.created', 'subscription.activated']);
    expect(JSON.stringify(audit.json.entries)).not.toContain(receiver.url);
  });

  it('widening fields or event types waits for the second person; narrowing applies at once; no personal data, no approval', async () => {
    // Prepare: an approved subscription of e-mail only.
    const { subscription } = await createSubscription(t, { url: `${receiver.url}/hooks/email`, eventTypes: ['customer.updated'], fields: ['profile.fields.email'] });
    const path = `/v1/subscriptions/${String(subscription.id)}`;

    // Act + Assess: more fields → 202, unchanged until approved.
    const widen = await t.api('PATCH', path, { body: { fields: ['profile.fields.email', 'profile.fields.phone'] } });
    expect(widen.status, widen.text).toBe(202);
    expect(widen.json.approval).toMatchObject({ action: 'subscription.widen', status: 'pending' });
    expect((await t.api('GET', path)).json.subscription.fields).toEqual(['profile.fields.email']);
    // Another event type widens too; so does dropping the projection (the whole event).
    expect((await t.api('PATCH', path, { body: { eventTypes: ['customer.updated', 'rating.changed'] } })).status).toBe(202);
    expect((await t.api('PATCH', path, { body: { fields: null } })).status).toBe(202);
    expect((await t.api('GET', path)).json.subscription).toMatchObject({ eventTypes: ['customer.updated'], fields: ['profile.fields.email'] });

    await approveAsSecondPerson(t, widen.json.approval.approvalId);
    expect((await t.api('GET', path)).json.subscription.fields).toEqual(['profile.fields.email', 'profile.fields.phone']);

    // Narrowing: at once.
    const narrow = await t.api('PATCH', path, { body: { fields: ['profile.fields.phone'], description: 'phone only' } });
    expect(narrow.status, narrow.text).toBe(200);
    expect(narrow.json.subscription).toMatchObject({ fields: ['profile.fields.phone'], description: 'phone only' });

    // Without personal data: 201 at once, and widening it (still without personal data) is at once too.
    const plain = await t.api('POST', '/v1/subscriptions', { body: { url: `${receiver.url}/hooks/ratings`, eventTypes: ['rating.changed'] } });
    expect(plain.status, plain.text).toBe(201);
    expect(plain.json.subscription).toMatchObject({ enabled: true });
    expect(plain.json).not.toHaveProperty('approval');
    const more = await t.api('PATCH', `/v1/subscriptions/${String(plain.json.subscription.id)}`, { body: { eventTypes: ['rating.changed', 'limit.changed'] } });
    expect(more.status, more.text).toBe(200);
    // … until the widening brings contact data in.
    const contact = await t.api('PATCH', `/v1/subscriptions/${String(plain.json.subscription.id)}`, { body: { eventTypes: ['rating.changed', 'customer.updated'] } });
    expect(contact.status, contact.text).toBe(202);
    expect(contact.json.subscription.eventTypes).toEqual(['rating.changed', 'limit.changed']);
  });

  it('a CRM connection mapping contact data is 202 and exists only once a second person approves; widening waits, narrowing does not', async () => {
    // Without personal data: 201 at once.
    expect((await t.api('PUT', '/v1/crm/connections/fe-generic', { body: { crm: 'generic', objects: {} } })).status).toBe(201);

    // The HubSpot template maps names, phone and address: 202, nothing stored, records refused.
    const asked = await t.api('PUT', '/v1/crm/connections/fe-hubspot', { body: { template: 'hubspot', apiBaseUrl: 'http://127.0.0.1:9/' } });
    expect(asked.status, asked.text).toBe(202);
    expect(asked.json.approval).toMatchObject({ action: 'crm_connection.create', status: 'pending', target: 'connection:fe-hubspot', maker: 'person:test-admin' });
    expect(asked.json.approval.summary).toContain('companies:fields.phone');
    expect((await t.api('GET', '/v1/crm/connections/fe-hubspot')).status).toBe(404);
    const record = { objectName: 'companies', records: [{ id: '9200000001', properties: { name: 'Fe Hubspot Inc', country: 'US', hs_lastmodifieddate: '2026-01-15T10:00:00Z' } }] };
    expect((await t.api('POST', '/v1/crm/fe-hubspot/records', { body: record })).status).toBe(404);

    const self = await t.api('POST', `/v1/approvals/${String(asked.json.approval.approvalId)}/approve`);
    expect(self.status).toBe(403);
    await approveAsSecondPerson(t, asked.json.approval.approvalId);
    expect((await t.api('POST', `/v1/approvals/${String(asked.json.approval.approvalId)}/approve`, { key: (await secondPerson(t)).key })).status).toBe(409);
    const stored = await t.api('GET', '/v1/crm/connections/fe-hubspot');
    expect(stored.status, stored.text).toBe(200);
    expect((await t.api('POST', '/v1/crm/fe-hubspot/records', { body: record })).status).toBe(202);

    // Widening: an e-mail rule the stored mapping does not have → 202, unchanged until approved.
    const connection = stored.json.connection;
    const companies = connection.objects.companies;
    const withEmail = { ...connection, objects: { ...connection.objects, companies: { ...companies, fields: [...companies.fields, { from: 'properties.email', to: 'fields.email' }] } } };
    const widen = await t.api('PUT', '/v1/crm/connections/fe-hubspot', { body: withEmail });
    expect(widen.status, widen.text).toBe(202);
    expect(widen.json.approval).toMatchObject({ action: 'crm_connection.widen', summary: expect.stringContaining('companies:fields.email') });
    const rulesOf = async () => (await t.api('GET', '/v1/crm/connections/fe-hubspot')).json.connection.objects.companies.fields.map((r: { to: string }) => r.to);
    expect(await rulesOf()).not.toContain('fields.email');
    await approveAsSecondPerson(t, widen.json.approval.approvalId);
    expect(await rulesOf()).toContain('fields.email');

    // Narrowing (no phone, no e-mail): at once.
    const narrowed = { ...withEmail, objects: { ...withEmail.objects, companies: { ...companies, fields: companies.fields.filter((r: { to: string }) => r.to !== 'fields.phone') } } };
    const narrow = await t.api('PUT', '/v1/crm/connections/fe-hubspot', { body: narrowed });
    expect(narrow.status, narrow.text).toBe(200);
    expect(await rulesOf()).not.toContain('fields.phone');

    // A custom attribute flagged as personal data counts the same: mapping it into the plain connection widens it.
    expect((await t.api('PUT', '/v1/custom-attributes/feOwner', { body: { type: 'category', values: ['a', 'b'], pii: true } })).status).toBe(201);
    const owner = { crm: 'generic', objects: { Account: { objectType: 'customer', idPath: 'id', modifiedAtPath: 'modifiedAt', fields: [{ from: 'owner', to: 'custom.feOwner' }] } } };
    const pii = await t.api('PUT', '/v1/crm/connections/fe-generic', { body: owner });
    expect(pii.status, pii.text).toBe(202);
    expect(pii.json.approval).toMatchObject({ action: 'crm_connection.widen', summary: expect.stringContaining('Account:custom.feOwner') });
    const { status, connection: afterwards } = await putConnection(t, 'fe-generic', { crm: 'generic', objects: {} });
    expect(status).toBe(200);
    expect(afterwards.objects).toEqual({});

    // Audit: ids and object names, the approval as the actor of the store.
    const audit = await t.api('GET', `/v1/audit/entries?object=${encodeURIComponent('connection:fe-hubspot')}`);
    expect(audit.json.entries.map((e: { action: string; actor: string }) => [e.action, e.actor.split(':')[0]])).toEqual([
      ['crm.connection.create', 'approval'],
      ['crm.connection.update', 'approval'],
      ['crm.connection.update', expect.any(String)],
    ]);
  });
});
