import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { createApiKey } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/** Subscriptions whose URL is `url`, as the hub lists them. */
const subscriptionsTo = async (t: TestHub, url: string, key?: string): Promise<Array<{ id: string }>> => {
  const listed = await t.api('GET', '/v1/subscriptions', key ? { key } : {});
  expect(listed.status, listed.text).toBe(200);
  return listed.json.subscriptions.filter((s: { url: string }) => s.url === url);
};

describe('Idempotency-Key on creating POSTs', () => {
  let t: TestHub;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTestHub();
  });
  afterAll(async () => {
    await t?.stop();
    await receiver?.stop();
  });

  it('a retried subscription create with the same key makes one subscription and answers the first response again, byte for byte', async () => {
    const url = `${receiver.url}/hooks/idem-retry`;
    const body = { url, eventTypes: ['limit.changed'] };
    const headers = { 'idempotency-key': randomUUID() };

    const first = await t.api('POST', '/v1/subscriptions', { body, headers });
    const again = await t.api('POST', '/v1/subscriptions', { body, headers });

    expect(first.status, first.text).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await subscriptionsTo(t, url)).toHaveLength(1);
  });

  it('a retried consent with the same key records one consent', async () => {
    const customerId = `idem-${randomUUID().slice(0, 8)}`;
    const put = await t.api('PUT', `/v1/customers/${customerId}`, { body: { kind: 'business', fields: { legalName: 'Idem GmbH', country: 'DE' } } });
    expect(put.status, put.text).toBe(201);
    const consent = { bureaus: ['dnb'], purpose: 'credit_transaction', grantedBy: 'crm:idem' };
    const key = { 'idempotency-key': randomUUID() };

    const first = await t.api('POST', `/v1/customers/${customerId}/consents`, { body: consent, headers: key });
    const again = await t.api('POST', `/v1/customers/${customerId}/consents`, { body: consent, headers: key });

    expect(first.status, first.text).toBe(201);
    expect(again.text).toBe(first.text);
    const listed = await t.api('GET', `/v1/customers/${customerId}/consents`);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.consents).toHaveLength(1);
  });

  it('a retried assessment request with the same key asks the partner once', async () => {
    const customerId = `idem-assess-${randomUUID().slice(0, 8)}`;
    const put = await t.api('PUT', `/v1/customers/${customerId}`, { body: { kind: 'business', fields: { legalName: 'Assess GmbH', country: 'DE' } } });
    expect(put.status, put.text).toBe(201);
    const { key: partner } = await createApiKey(t, { name: 'agency idem', role: 'partner', tenantRef: 'partner-idem' });
    const headers = { 'idempotency-key': randomUUID() };
    const body = { customerId, note: 'Annual review' };

    const first = await t.api('POST', '/v1/partners/partner-idem/assessment-requests', { body, headers });
    const again = await t.api('POST', '/v1/partners/partner-idem/assessment-requests', { body, headers });

    expect(first.status, first.text).toBe(201);
    expect(again.text).toBe(first.text);
    const requests = await t.api('GET', '/v1/partner/assessment-requests', { key: partner });
    expect(requests.status, requests.text).toBe(200);
    expect(requests.json.requests.filter((r: { customerId: string }) => r.customerId === customerId)).toHaveLength(1);
  });

  it('replays a 202 with its Location: a retried export start makes one job', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    const first = await t.api('POST', '/v1/exports/portfolio', { body: { format: 'ndjson' }, headers });
    const again = await t.api('POST', '/v1/exports/portfolio', { body: { format: 'ndjson' }, headers });

    expect(first.status, first.text).toBe(202);
    expect(again.status).toBe(202);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('the same key with another body is refused with 422 at the Idempotency-Key header, and nothing is created', async () => {
    const url = `${receiver.url}/hooks/idem-other-body`;
    const headers = { 'idempotency-key': randomUUID() };
    const first = await t.api('POST', '/v1/subscriptions', { body: { url, eventTypes: ['limit.changed'] }, headers });
    const other = await t.api('POST', '/v1/subscriptions', { body: { url, eventTypes: ['rating.changed'] }, headers });

    expect(first.status, first.text).toBe(201);
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    expect(other.json.errors).toEqual([expect.objectContaining({ path: 'idempotency-key', in: 'header', code: 'idempotency_key_reused' })]);
    expect(await subscriptionsTo(t, url)).toHaveLength(1);
  });

  it('refuses a malformed key (empty, longer than 255 characters) with 422 before acting', async () => {
    const url = `${receiver.url}/hooks/idem-malformed`;
    for (const bad of ['', 'k'.repeat(256)]) {
      const res = await t.api('POST', '/v1/subscriptions', { body: { url, eventTypes: ['limit.changed'] }, headers: { 'idempotency-key': bad } });
      expect(res.status, res.text).toBe(422);
      expect(res.json.errors).toEqual([expect.objectContaining({ path: 'idempotency-key', in: 'header' })]);
    }
    expect(await subscriptionsTo(t, url)).toHaveLength(0);
  });

  it('scopes keys per principal: another key sending the same Idempotency-Key creates its own', async () => {
    const url = `${receiver.url}/hooks/idem-scoped`;
    const { key: otherAdmin } = await createApiKey(t, { name: 'second admin', role: 'admin' });
    const body = { url, eventTypes: ['limit.changed'] };
    const headers = { 'idempotency-key': 'shared-key-1' };

    const mine = await t.api('POST', '/v1/subscriptions', { body, headers });
    const theirs = await t.api('POST', '/v1/subscriptions', { body, headers, key: otherAdmin });

    expect(mine.status, mine.text).toBe(201);
    expect(theirs.status, theirs.text).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.json.subscription.id).not.toBe(mine.json.subscription.id);
    expect(await subscriptionsTo(t, url)).toHaveLength(2);
  });

  it('does not keep a refusal: a 4xx answer is not replayed, the corrected retry with the same key acts', async () => {
    const url = `${receiver.url}/hooks/idem-corrected`;
    const headers = { 'idempotency-key': randomUUID() };

    const refused = await t.api('POST', '/v1/subscriptions', { body: { url: 'http://10.1.2.3/hooks/private', eventTypes: ['limit.changed'] }, headers });
    const corrected = await t.api('POST', '/v1/subscriptions', { body: { url, eventTypes: ['limit.changed'] }, headers });

    expect(refused.status, refused.text).toBe(422);
    expect(corrected.status, corrected.text).toBe(201);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();
    expect(await subscriptionsTo(t, url)).toHaveLength(1);
  });

  it('concurrent requests with one key: one acts, the others answer 409 idempotency_in_progress or replay its result', async () => {
    let sawInProgress = false;
    // A burst only overlaps when the first request is still running; try fresh bursts until one does.
    for (let burst = 0; burst < 20 && !sawInProgress; burst += 1) {
      const url = `${receiver.url}/hooks/idem-concurrent-${burst}`;
      const headers = { 'idempotency-key': randomUUID() };
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => t.api('POST', '/v1/subscriptions', { body: { url, eventTypes: ['limit.changed'] }, headers })),
      );
      const created = answers.filter((a) => a.status === 201);
      const busy = answers.filter((a) => a.status === 409);
      expect(created.length + busy.length, answers.map((a) => a.status).join(',')).toBe(answers.length);
      expect(new Set(created.map((a) => a.text)).size).toBe(1);
      for (const b of busy) {
        expect(b.json.code).toBe('idempotency_in_progress');
        expect(Number(b.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(await subscriptionsTo(t, url)).toHaveLength(1);
      sawInProgress = busy.length > 0;
    }
    expect(sawInProgress).toBe(true);
  });
});
