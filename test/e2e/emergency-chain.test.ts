import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../infra/local/sandboxes/crm/hubspot.js';
import { localCrmConnections } from '../../infra/local/sandboxes/crm/local-connections.js';
import { addPerson, approveAsSecondPerson, E2E_WAIT_MS, putConnection, secondPerson, until } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const DAY = 86_400_000;
/** A company the HubSpot sandbox holds, so the write-back has a record to PATCH. */
const COMPANY = '9100000005';
const CUSTOMER = `c:crm:hubspot:local-hubspot:${COMPANY}`;
const base = { crm: 'hubspot', connectionId: 'local-hubspot' } as const;
const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
const eur = (minor: number) => ({ amountMinor: minor, currency: 'EUR' });

type Entry = { source: 'event' | 'audit'; type: string; at: string };

/**
 * Issue 12's emergency chain, end to end: an overdue invoice from the CRM raises the default alert,
 * which is acknowledged; the default definition's freeze follows and the CRM record shows the credit
 * hold (flag, reason, limit 0). The first person's lift waits for a second person, whose approval
 * lifts it (the CRM shows no hold), and a review opened from the alert carries the whole timeline.
 */
describe('emergency chain: overdue invoice → alert → freeze → CRM hold → four-eyes lift → incident', () => {
  let t: TestHub;
  let hubspot: HubSpotSandbox;
  let analyst: { key: string };
  const customerPath = `/v1/customers/${encodeURIComponent(CUSTOMER)}`;
  const company = () => hubspot.store.companies!.get(COMPANY)!.properties;

  beforeAll(async () => {
    hubspot = await startHubSpotSandbox();
    const crm = localCrmConnections({ hubspot: hubspot.url });
    t = await startTestHub({ env: { LOCAL_SECRETS: JSON.stringify(crm.secrets) } });
    for (const connection of crm.connections) {
      await putConnection(t, connection.connectionId, connection);
      expect((await t.api('POST', `/v1/crm/connections/${connection.connectionId}/setup`)).status).toBe(200);
    }
    // The first person may decide approvals too, so refusing their own is the four-eyes rule, not a missing scope.
    analyst = await addPerson(t, 'chain-analyst', ['analyst', 'approver']);
    await secondPerson(t);
  });
  afterAll(async () => {
    await hubspot?.stop();
    await t?.stop();
  });

  it('walks the chain and the CRM record follows the hold', { timeout: 180_000 }, async () => {
    // The CRM sends a customer with three orders and an invoice 120 days past due, unpaid.
    const ingested = await t.api('POST', '/v1/crm/local-hubspot/records', {
      body: {
        records: [
          { ...base, externalId: COMPANY, objectType: 'customer', modifiedAt: iso(0), fields: { legalName: 'Chain Test GmbH', country: 'DE' } },
          ...[200, 170, 130].map((daysAgo, i) => ({ ...base, externalId: `chain-deal-${i}`, objectType: 'order', modifiedAt: iso(daysAgo * DAY), customerExternalId: COMPANY, orderedAt: iso(daysAgo * DAY), amount: eur(100_000), status: 'placed' })),
          { ...base, externalId: 'chain-inv-1', objectType: 'invoice', modifiedAt: iso(0), customerExternalId: COMPANY, issuedAt: iso(150 * DAY), dueAt: iso(120 * DAY), amount: eur(100_000), open: eur(100_000), status: 'open' },
        ],
      },
    });
    expect(ingested.status, ingested.text).toBe(202);

    // 1. The overdue invoice raises the default rule's alert; the first person acknowledges it.
    const cases = await until(
      () => t.api('GET', '/v1/alert-cases?rule=default'),
      (r) => r.status === 200 && r.json.alerts.some((a: { customerId: string }) => a.customerId === CUSTOMER),
    );
    const alert = cases.json.alerts.find((a: { customerId: string }) => a.customerId === CUSTOMER);
    expect(alert, cases.text).toMatchObject({ severity: 'critical', status: 'open' });
    const acked = await t.api('POST', `/v1/alerts/${alert.alertId}/transitions`, { key: analyst.key, body: { to: 'acknowledged' } });
    expect(acked.status, acked.text).toBe(200);

    // 2. The freeze follows: the default freeze_all_credit measure, linked to the alert.
    const measures = await until(() => t.api('GET', `${customerPath}/measures`), (r) => r.status === 200 && r.json.measures.length > 0);
    expect(measures.json.measures).toEqual([expect.objectContaining({ type: 'freeze_all_credit', origin: 'default', alertId: alert.alertId, status: 'active' })]);
    const measure = measures.json.measures[0] as { measureId: string; reason: string };
    expect(measures.json.restrictions).toMatchObject({ creditHold: true, limitCapMinor: 0, measureIds: [measure.measureId] });
    expect((await until(() => t.api('GET', `/v1/alerts/${alert.alertId}`), (r) => r.json.alert.measureIds.includes(measure.measureId))).json.alert.measureIds).toEqual([measure.measureId]);

    // 3. The CRM record shows the credit hold: flag, the measure's reason, limit 0.
    await expect.poll(() => company()['riskbridge_credit_hold'], { timeout: E2E_WAIT_MS, interval: 100 }).toBe('true');
    await expect.poll(() => company()['riskbridge_credit_limit'], { timeout: E2E_WAIT_MS, interval: 100 }).toBe('0');
    expect(company()['riskbridge_hold_reason']).toContain(measure.reason);

    // 4. The first person's lift waits for a second person; the same person may not approve it.
    const asked = await t.api('POST', `/v1/measures/${measure.measureId}/lift`, { key: analyst.key, body: { reason: 'paid in full' } });
    expect(asked.status, asked.text).toBe(202);
    expect(asked.json.approval).toMatchObject({ action: 'measure.lift', status: 'pending', maker: 'person:chain-analyst' });
    const approvalId = asked.json.approval.approvalId as string;
    const selfApprove = await t.api('POST', `/v1/approvals/${approvalId}/approve`, { key: analyst.key });
    expect(selfApprove.status, selfApprove.text).toBe(403);
    expect(selfApprove.json.code).toBe('self_approval');
    const selfLift = await t.api('POST', `/v1/measures/${measure.measureId}/lift`, { key: analyst.key, body: { reason: 'paid in full' } });
    expect(selfLift.status, selfLift.text).toBe(403);
    expect(selfLift.json.code).toBe('self_approval');
    expect((await t.api('GET', `/v1/measures/${measure.measureId}`)).json.measure.status).toBe('active');
    expect(company()['riskbridge_credit_hold']).toBe('true');

    // 5. The second person lifts it; the CRM record shows no hold any more.
    await approveAsSecondPerson(t, approvalId);
    expect((await t.api('GET', `/v1/measures/${measure.measureId}`)).json.measure).toMatchObject({ status: 'lifted', liftedBy: 'person:second-approver', liftReason: 'paid in full' });
    await expect.poll(() => company()['riskbridge_credit_hold'], { timeout: E2E_WAIT_MS, interval: 100 }).toBe('false');

    // 6. A review opened from the alert: its timeline holds the alert, the freeze and the lift, oldest first.
    const opened = await t.api('POST', '/v1/incidents', { key: analyst.key, body: { title: 'Overdue customer frozen and released', alertIds: [alert.alertId] } });
    expect(opened.status, opened.text).toBe(201);
    const incident = opened.json.incident;
    expect(incident).toMatchObject({ status: 'draft', alertIds: [alert.alertId], impact: { customers: [CUSTOMER] } });
    const timeline = incident.timeline as Entry[];
    const kinds = timeline.map((e) => `${e.source}:${e.type}`);
    expect(kinds).toEqual(expect.arrayContaining(['event:alert.raised', 'audit:alert.acknowledge', 'event:measure.taken', 'event:customer.frozen', 'event:measure.lifted', 'event:customer.unfrozen']));
    expect(kinds.indexOf('event:alert.raised')).toBeLessThan(kinds.indexOf('event:measure.lifted'));
    expect(kinds.indexOf('event:measure.taken')).toBeLessThan(kinds.indexOf('event:measure.lifted'));
    expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort());
    expect((await t.api('GET', `/v1/alerts/${alert.alertId}`)).json.alert.incidentId).toBe(incident.incidentId);
  });
});
