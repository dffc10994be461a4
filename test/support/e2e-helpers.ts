import { expect } from 'vitest';
import type { WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { EventEnvelopeSchema, type EventEnvelope } from '../../shared/domain/events/envelope.js';
import { newEvent } from '../../shared/domain/events/new-event.js';
import { newProfile, type CustomerProfile } from '../../shared/domain/profile/customer-profile.js';
import type { CustomerAggregates } from '../../shared/domain/profile/aggregates.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import type { TableRef } from '../../shared/adapters/dynamodb/client.js';
import type { TestHub } from './hub-fixture.js';

/** Set-up steps the e2e files share; each asserts the hub accepted the step. */

/**
 * How long an e2e wait for a condition may last: just under the e2e test timeout (60 s,
 * vitest.config.ts), so a wait ends when its condition holds, and only the test's own budget
 * bounds it. A loaded machine (CI beside other jobs) can take many seconds for a hop that takes
 * milliseconds alone; a fixed 10-20 s bound made such runs flaky.
 */
export const E2E_WAIT_MS = 55_000;

const DAY = 86_400_000;

/**
 * Subscribes `receiver` (at `path`) to event types and makes it trust the subscription's secret.
 * @example const secret = await subscribeReceiver(t, receiver, '/hooks/risk', ['rating.changed']);
 */
export const subscribeReceiver = async (t: TestHub, receiver: WebhookReceiver, path: string, eventTypes: string[]): Promise<string> => {
  const { secret } = await createSubscription(t, { url: `${receiver.url}${path}`, eventTypes });
  receiver.setSecrets([secret]);
  return secret;
};

/**
 * Creates a webhook subscription the four-eyes way: one carrying personal data answers 202 and
 * the second person approves it (it delivers from then on); any other answers 201. Returns the
 * subscription as it then is, its secret and the answer's status.
 * @example const { subscription, secret } = await createSubscription(t, { url, eventTypes: ['customer.updated'] });
 */
export const createSubscription = async (t: TestHub, body: Record<string, unknown>, key?: string): Promise<{ subscription: any; secret: string; status: number }> => {
  const created = await t.api('POST', '/v1/subscriptions', { body, ...(key ? { key } : {}) });
  expect([201, 202], created.text).toContain(created.status);
  if (created.status === 201) return { subscription: created.json.subscription, secret: created.json.secret, status: 201 };
  const granted = await approveAsSecondPerson(t, created.json.approval.approvalId);
  expect(granted.json).toMatchObject({ approval: { status: 'granted' }, executed: true });
  const read = await t.api('GET', `/v1/subscriptions/${String(created.json.subscription.id)}`);
  expect(read.json.subscription, read.text).toMatchObject({ enabled: true });
  return { subscription: read.json.subscription, secret: created.json.secret, status: 202 };
};

/**
 * Creates or replaces a CRM connection the four-eyes way: a connection taking in personal data
 * (new, or more than before) answers 202 and the second person approves it; otherwise 200/201.
 * Returns the first answer's status and the connection as stored.
 * @example await putConnection(t, 'local-hubspot', connection);
 */
export const putConnection = async (t: TestHub, connectionId: string, body: Record<string, unknown>): Promise<{ status: number; connection: any }> => {
  const put = await t.api('PUT', `/v1/crm/connections/${connectionId}`, { body });
  expect([200, 201, 202], put.text).toContain(put.status);
  if (put.status === 202) await approveAsSecondPerson(t, put.json.approval.approvalId);
  const read = await t.api('GET', `/v1/crm/connections/${connectionId}`);
  expect(read.status, read.text).toBe(200);
  return { status: put.status, connection: read.json.connection };
};

/**
 * Creates an API key with the admin key; returns the plaintext key and its record.
 * @example const { key } = await createApiKey(t, { name: 'risk officer 2', role: 'admin' });
 */
export const createApiKey = async (
  t: TestHub,
  body: { name: string; role: string; tenantRef?: string; scopes?: string[] },
): Promise<{ key: string; record: { scopes: string[] } & Record<string, unknown> }> => {
  if (body.tenantRef && body.role !== 'admin') await ensureTenant(t, body.role, body.tenantRef);
  const created = await t.api('POST', '/v1/admin/api-keys', { body });
  expect(created.status, created.text).toBe(201);
  return { key: created.json.key, record: created.json.record };
};

/**
 * A CRM connection to tie crm keys to (crm keys must name an existing connection).
 * @example const connectionId = await ensureConnection(t, 'test-hubspot');
 */
export const ensureConnection = async (t: TestHub, connectionId = 'test-hubspot'): Promise<string> => {
  // An existing connection is kept as it is (a test may have set it up with another CRM).
  if ((await t.api('GET', `/v1/crm/connections/${connectionId}`)).status === 200) return connectionId;
  await putConnection(t, connectionId, { template: 'hubspot', apiBaseUrl: 'http://127.0.0.1:9/' });
  return connectionId;
};

/**
 * Makes `tenantRef` an existing tenant of a machine role (keys must name one): a CRM connection
 * (crm), a partner engaged on a customer (partner), a consultant holding an agreement (consultant).
 * @example await ensureTenant(t, 'partner', 'partner-a');
 */
export const ensureTenant = async (t: TestHub, role: string, tenantRef: string): Promise<string> => {
  if (role === 'crm') return ensureConnection(t, tenantRef);
  if (role === 'partner') {
    const anchor = `tenant-anchor-${tenantRef}`;
    expect((await t.api('PUT', `/v1/customers/${anchor}`, { body: { kind: 'business', fields: { legalName: 'Tenant Anchor GmbH', country: 'DE' } } })).status).toBeLessThan(300);
    const engaged = await t.api('POST', `/v1/partners/${tenantRef}/engagements`, { body: { customerId: anchor, scope: 'assess' } });
    expect(engaged.status, engaged.text).toBeLessThan(300);
    return tenantRef;
  }
  if (role === 'consultant') {
    const agreementId = `dsa-${tenantRef}`;
    if ((await t.api('GET', `/v1/admin/agreements/${agreementId}`)).status === 404) {
      const at = Date.now();
      await createAgreement(t, { agreementId, consultantRef: tenantRef, datasets: ['portfolio_ratings'], fields: { customerId: 'hash' }, validFrom: new Date(at - 7_200_000).toISOString(), validUntil: new Date(at - 3_600_000).toISOString(), purpose: 'Test tenant (expired: grants no reads)' });
    }
    return tenantRef;
  }
  return tenantRef;
};

/**
 * A crm key for a test connection (created on first use).
 * @example const { key } = await createCrmKey(t, 'zoho');
 */
export const createCrmKey = async (t: TestHub, name: string, scopes?: string[]): Promise<{ key: string; record: { scopes: string[] } & Record<string, unknown> }> =>
  createApiKey(t, { name, role: 'crm', tenantRef: await ensureConnection(t), ...(scopes ? { scopes } : {}) });

/**
 * Adds a person and an admin key of theirs, with the bootstrap key (valid until two admins exist).
 * An `admin` role is granted after the key is issued, since the second admin ends the bootstrap.
 * @example const li = await addPerson(t, 'li-wei', ['approver', 'analyst']);
 */
export const addPerson = async (t: TestHub, personId: string, roles: string[]): Promise<{ personId: string; key: string; keyId: string }> => {
  const created = await t.api('POST', '/v1/people', {
    key: t.bootstrapKey,
    body: { personId, displayName: personId.replace(/-/g, ' '), email: `${personId}@example.test`, roles: roles.filter((r) => r !== 'admin').concat(roles.includes('admin') ? ['analyst'] : []) },
  });
  expect(created.status, created.text).toBe(201);
  const key = await t.api('POST', '/v1/admin/api-keys', { key: t.bootstrapKey, body: { name: `${personId} key`, role: 'admin', personId } });
  expect(key.status, key.text).toBe(201);
  if (roles.includes('admin')) {
    const granted = await t.api('POST', `/v1/people/${personId}/roles`, { key: t.bootstrapKey, body: { role: 'admin' } });
    expect(granted.status, granted.text).toBe(200);
  }
  return { personId, key: key.json.key, keyId: key.json.record.keyId };
};

const secondPeople = new WeakMap<TestHub, Promise<{ personId: string; key: string; keyId: string }>>();

/**
 * The key of a second person (`second-approver`, role approver) for four-eyes steps: the
 * hub's admin person asks, this person approves. Created on first use, once per hub.
 * @example const second = await secondPerson(t);
 */
export const secondPerson = (t: TestHub): Promise<{ personId: string; key: string; keyId: string }> => {
  let person = secondPeople.get(t);
  if (!person) {
    person = addPerson(t, 'second-approver', ['approver']);
    secondPeople.set(t, person);
  }
  return person;
};

/**
 * Approves a pending approval as the second person and returns the deciding answer (200 once granted and run).
 * @example const granted = await approveAsSecondPerson(t, asked.json.approval.approvalId);
 */
export const approveAsSecondPerson = async (t: TestHub, approvalId: string): Promise<{ status: number; json: any; text: string }> => {
  const { key } = await secondPerson(t);
  const decided = await t.api('POST', `/v1/approvals/${approvalId}/approve`, { key });
  expect(decided.status, decided.text).toBe(200);
  return decided;
};

/**
 * Creates a data-sharing agreement the four-eyes way: the admin person asks (202), the second
 * person approves; returns the agreement as stored.
 * @example const agreement = await createAgreement(t, { agreementId: 'dsa-1', consultantRef: 'c-1', ... });
 */
export const createAgreement = async (t: TestHub, body: Record<string, unknown>, key?: string): Promise<any> => {
  const asked = await t.api('POST', '/v1/admin/agreements', { body, ...(key ? { key } : {}) });
  expect(asked.status, asked.text).toBe(202);
  await approveAsSecondPerson(t, asked.json.approval.approvalId);
  const read = await t.api('GET', `/v1/admin/agreements/${String(body['agreementId'])}`);
  expect(read.status, read.text).toBe(200);
  return read.json.agreement;
};

/** The verified envelopes a receiver got of one type, for one customer. */
export const receivedEnvelopes = (receiver: WebhookReceiver, type: string, customerId: string): EventEnvelope[] =>
  receiver
    .effective()
    .map((d) => EventEnvelopeSchema.parse(JSON.parse(d.body)))
    .filter((e) => e.type === type && e.customerId === customerId);

/** Waits (up to E2E_WAIT_MS) for an envelope of one type and customer that matches `predicate`, and returns it. */
export const waitForEnvelope = async (
  receiver: WebhookReceiver,
  type: string,
  customerId: string,
  predicate: (e: EventEnvelope) => boolean = () => true,
): Promise<EventEnvelope> => {
  await receiver.waitFor(() => receivedEnvelopes(receiver, type, customerId).some(predicate), E2E_WAIT_MS);
  return receivedEnvelopes(receiver, type, customerId).find(predicate)!;
};

/** Polls a bureau pull until it leaves `queued`; returns the pull. */
export const waitForPull = async (t: TestHub, customerId: string, pullId: string, key?: string): Promise<any> => {
  for (const deadline = Date.now() + E2E_WAIT_MS; Date.now() < deadline; ) {
    const res = await t.api('GET', `/v1/customers/${customerId}/bureau-pulls/${pullId}`, key ? { key } : {});
    if (res.json?.pull?.status !== 'queued') return res.json.pull;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pull ${pullId} did not finish`);
};

/** Aggregates of a customer with three orders and one invoice 120 days past due (the default policy raises a critical alert). */
export const overdueAggregates = (now: Date): Partial<CustomerAggregates> => ({
  currency: 'EUR',
  orders: { count: 3, cancelledCount: 0, grossMinor: 300_000, netMinor: 300_000, firstOrderAt: new Date(now.getTime() - 200 * DAY).toISOString(), lastOrderAt: new Date(now.getTime() - 130 * DAY).toISOString(), months: [] },
  exposure: { openInvoiceCount: 1, openMinor: 100_000, overdueMinor: 100_000, oldestOpenDueAt: new Date(now.getTime() - 120 * DAY).toISOString(), maxDaysPastDue: 120 },
});

/**
 * Writes a business customer as the CRM ingest worker would (profile + customer.updated in one
 * transaction, version and sequence 1); the relay and the rating worker do the rest.
 * @example await commitIngestedCustomer(table, 'r-late-1', { fields: { country: 'DE' }, aggregates: overdueAggregates(now) }, now);
 */
export const commitIngestedCustomer = async (
  table: TableRef,
  customerId: string,
  input: { fields: Record<string, string>; aggregates: Partial<CustomerAggregates> },
  now = new Date(),
): Promise<CustomerProfile> => {
  const base = newProfile(customerId, 'business', now);
  const profile: CustomerProfile = {
    ...base,
    fields: Object.fromEntries(Object.entries(input.fields).map(([name, value]) => [name, { value, source: 'test', observedAt: now.toISOString() }])),
    aggregates: { ...base.aggregates, ...input.aggregates },
    version: 1,
    sequence: 1,
  };
  const updated = newEvent(
    'customer.updated',
    { profile: { customerId, kind: 'business', status: 'active', fields: profile.fields, identifiers: [], version: 1, updatedAt: now.toISOString() }, changedFields: ['created'] },
    { customerId, sequence: 1, at: now },
  );
  await profileStore(table).commit({ profile, expectedVersion: 0, events: [updated] });
  return profile;
};

/**
 * Reads until `ok` holds or `ms` pass (default E2E_WAIT_MS; polling every 100 ms) and returns the last value read: the
 * caller asserts on it, so a timeout fails with what was last seen.
 * @example const read = await until(() => t.api('GET', '/v1/customers/x'), (r) => r.status === 200);
 */
export const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = E2E_WAIT_MS): Promise<T> => {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
};
