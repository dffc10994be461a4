import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../infra/local/sandboxes/crm/hubspot.js';
import { localCrmConnections } from '../../infra/local/sandboxes/crm/local-connections.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { LimitChangedV1Schema, RatingChangedV1Schema } from '../../shared/domain/events/catalogue.js';
import { EventEnvelopeSchema, type EventEnvelope } from '../../shared/domain/events/envelope.js';
import { createCrmKey, E2E_WAIT_MS, putConnection, subscribeReceiver, waitForEnvelope } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const DAY = 86_400_000;
/** A company the HubSpot sandbox holds (Example Widgets GmbH), so the write-back has a record to PATCH. */
const COMPANY = '9100000004';
const CUSTOMER = `c:crm:hubspot:local-hubspot:${COMPANY}`;
const base = { crm: 'hubspot', connectionId: 'local-hubspot' } as const;
const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
const eur = (minor: number) => ({ amountMinor: minor, currency: 'EUR' });

describe('rating: a CRM payment going overdue', () => {
  let t: TestHub;
  let hubspot: HubSpotSandbox;
  let receiver: WebhookReceiver;
  let secret: string;

  const waitFor = (type: string, predicate: (e: EventEnvelope) => boolean): Promise<EventEnvelope> => waitForEnvelope(receiver, type, CUSTOMER, predicate);
  const ingest = async (records: unknown[]) => {
    const response = await t.api('POST', '/v1/crm/local-hubspot/records', { body: { records } });
    expect(response.status, response.text).toBe(202);
  };

  beforeAll(async () => {
    hubspot = await startHubSpotSandbox();
    const crm = localCrmConnections({ hubspot: hubspot.url });
    t = await startTestHub({ env: { LOCAL_SECRETS: JSON.stringify(crm.secrets) } });
    receiver = await startWebhookReceiver();
    for (const connection of crm.connections) {
      expect((await putConnection(t, connection.connectionId, connection)).status).toBe(202);
      expect((await t.api('POST', `/v1/crm/connections/${connection.connectionId}/setup`)).status).toBe(200);
    }
    secret = await subscribeReceiver(t, receiver, '/hooks/risk', ['rating.changed', 'limit.changed']);
  });

  afterAll(async () => {
    await receiver?.stop();
    await hubspot?.stop();
    await t?.stop();
  });

  it('lowers the grade and the limit, sends signed rating.changed + limit.changed with the overdue reasons, and writes them back to the CRM record', async () => {
    // A customer with four recent orders and a paid invoice: rated, with a limit.
    await ingest([
      { ...base, externalId: COMPANY, objectType: 'customer', modifiedAt: iso(0), fields: { legalName: 'Example Widgets GmbH', country: 'DE' } },
      ...[50, 40, 20, 5].map((daysAgo, i) => ({ ...base, externalId: `deal-${i}`, objectType: 'order', modifiedAt: iso(daysAgo * DAY), customerExternalId: COMPANY, orderedAt: iso(daysAgo * DAY), amount: eur(1_200_000), status: 'placed' })),
      { ...base, externalId: 'inv-1', objectType: 'invoice', modifiedAt: iso(10 * DAY), customerExternalId: COMPANY, issuedAt: iso(40 * DAY), dueAt: iso(10 * DAY), amount: eur(1_200_000), open: eur(0), status: 'paid' },
    ]);
    const first = await waitFor('rating.changed', (e) => {
      const data = RatingChangedV1Schema.parse(e.data);
      return data.current.status === 'rated' && !data.current.reasons.some((r) => r.code === 'R02');
    });
    const before = RatingChangedV1Schema.parse(first.data).current;
    const firstLimit = await waitFor('limit.changed', (e) => LimitChangedV1Schema.parse(e.data).current.recommended.amountMinor > 0);
    const limitBefore = LimitChangedV1Schema.parse(firstLimit.data).current.recommended.amountMinor;

    // The next invoice is 45 days past due and unpaid (dueAt far enough back to sit in the 30–60 DPD band).
    await ingest([
      { ...base, externalId: 'inv-2', objectType: 'invoice', modifiedAt: iso(0), customerExternalId: COMPANY, issuedAt: iso(75 * DAY), dueAt: iso(45 * DAY), amount: eur(900_000), open: eur(900_000), status: 'open' },
    ]);
    const downgrade = await waitFor('rating.changed', (e) => RatingChangedV1Schema.parse(e.data).current.reasons.some((r) => r.code === 'R02'));
    const rating = RatingChangedV1Schema.parse(downgrade.data);
    expect(rating.previous).toMatchObject({ status: 'rated', grade: before.grade, score: before.score });
    expect(rating.current.score!).toBeLessThan(before.score!);
    expect(rating.current.pd!).toBeGreaterThan(before.pd!);
    expect(rating.changed).toEqual(expect.arrayContaining(['grade', 'score', 'pd']));
    const scale = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D'];
    expect(scale.indexOf(rating.current.grade!)).toBeGreaterThan(scale.indexOf(before.grade!));
    // Adverse reasons, worst first: payments past due (DPD) and the overdue share of the balance.
    expect(rating.current.reasons.slice(0, 2).map((r) => r.code).sort()).toEqual(['R02', 'R03']);

    const limitEvent = await waitFor('limit.changed', (e) => LimitChangedV1Schema.parse(e.data).current.recommended.amountMinor < limitBefore);
    const limit = LimitChangedV1Schema.parse(limitEvent.data);
    expect(limit.previous?.recommended).toEqual(eur(limitBefore));
    expect(limit.current.recommended.amountMinor).toBeLessThan(limitBefore);
    expect(limit.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['R02', 'R03']));
    expect(limitEvent.sequence).toBeGreaterThan(downgrade.sequence!);

    // Both arrived signed (Standard Webhooks) with the subscription's secret.
    for (const event of [downgrade, limitEvent]) {
      const delivery = receiver.effective().find((d) => d.headers['webhook-id'] === event.id)!;
      expect(delivery.verified).toBe(true);
      expect(EventEnvelopeSchema.parse(new Webhook(secret).verify(delivery.body, delivery.headers))).toEqual(event);
    }

    // The HubSpot company got the new grade, reasons and limit.
    const wrote = (field: string, value: string) => hubspot.writes.some((w) => w.objectName === 'companies' && w.id === COMPANY && w.fields[field] === value);
    await expect.poll(() => wrote('riskbridge_grade', rating.current.grade!) && wrote('riskbridge_credit_limit', String(limit.current.recommended.amountMinor / 100)), { timeout: E2E_WAIT_MS, interval: 100 }).toBe(true);
    const gradeWrite = hubspot.writes.findLast((w) => w.id === COMPANY && w.fields['riskbridge_grade'] !== undefined)!;
    expect(gradeWrite.fields).toMatchObject({ riskbridge_grade: rating.current.grade, riskbridge_score: String(rating.current.score) });
    expect(gradeWrite.fields['riskbridge_reasons']).toBe(rating.current.reasons.map((r) => `${r.code}: ${r.text}`).join('\n'));
    const profile = (await t.api('GET', `/v1/customers/${encodeURIComponent(CUSTOMER)}`)).json.profile;
    expect(profile.rating).toMatchObject({ grade: rating.current.grade, limit: { recommended: limit.current.recommended } });
    expect(profile.aggregates.exposure).toMatchObject({ openInvoiceCount: 1, openMinor: 900_000 });
  });

  it('records a default outcome (audited) and exports the labelled history as training rows keyed by feature id', async () => {
    const path = `/v1/customers/${encodeURIComponent(CUSTOMER)}/outcomes`;
    expect((await t.api('POST', path, { body: { defaulted: 'yes', at: 'today' } })).json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['at', 'defaulted']);
    expect((await t.api('POST', path, { rawBody: '{"defaulted":' })).status).toBe(400);
    expect((await t.api('POST', '/v1/customers/nobody/outcomes', { body: { defaulted: true, at: iso(0) } })).status).toBe(404);
    const recorded = await t.api('POST', path, { body: { defaulted: true, at: iso(0), note: 'written off after collection' } });
    expect(recorded.status, recorded.text).toBe(201);
    expect(recorded.json.outcome).toMatchObject({ customerId: CUSTOMER, defaulted: true, recordedBy: expect.stringMatching(/^key:/) });

    const ndjson = await t.api('GET', '/v1/policies/training-data?limit=50');
    expect(ndjson.status, ndjson.text).toBe(200);
    expect(ndjson.headers.get('content-type')).toBe('application/x-ndjson');
    const rows = ndjson.text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    // The observation is the last rating before the default: the 45-days-past-due one, labelled bad.
    expect(rows).toContainEqual(expect.objectContaining({ worst_dpd: 45, overdue_ratio: 1, orders_12m: 4, defaulted: 1 }));
    expect(Object.keys(rows[0]!).sort()).toEqual(['bureau_score', 'days_since_last_order', 'defaulted', 'orders_12m', 'overdue_ratio', 'partner_pd', 'paydex', 'payment_days_late_avg', 'public_records', 'worst_dpd', 'years_in_business']);
    const json = await t.api('GET', '/v1/policies/training-data?format=json&limit=1');
    expect(json.json).toMatchObject({ customers: 1, rows: expect.any(Array) });
    expect((await t.api('GET', '/v1/policies/training-data?cursor=bm9wZQ')).status).toBe(422);
    expect((await t.api('GET', '/v1/policies/training-data?limit=0')).status).toBe(422);
    expect((await t.api('GET', '/v1/policies/training-data', { key: (await createCrmKey(t, 'crm')).key })).status).toBe(403);
    expect((await t.api('GET', '/v1/audit/verify')).json.ok).toBe(true);
  });
});
