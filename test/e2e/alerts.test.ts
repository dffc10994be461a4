import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventStore } from '../../shared/adapters/dynamodb/event-store.js';
import { addPerson, commitIngestedCustomer, overdueAggregates, until } from '../support/e2e-helpers.js';
import { emulatorClients } from '../support/aws-clients.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const HOUR = 3_600_000;
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

/**
 * The alert lifecycle over HTTP: an invoice 120 days past due makes the recompute worker raise the
 * default rule's critical alert, which is stored as a lifecycle alert and worked through the routes;
 * the scheduled sweep, driven by the local clock, escalates an alert left open past its SLA once.
 */
describe('alert lifecycle', () => {
  const clients = emulatorClients();
  let t: TestHub;
  let analyst: { key: string };
  let auditor: { key: string };
  const table = () => ({ client: clients.doc, tableName: t.hub.resources.tableName });

  /** Writes a customer with an invoice 120 days past due (as the ingest worker would) and waits for its lifecycle alert. */
  const overdueCustomer = async (customerId: string) => {
    const now = t.hub.clock.now();
    await commitIngestedCustomer(table(), customerId, { fields: { legalName: `${customerId} AG`, country: 'DE' }, aggregates: overdueAggregates(now) }, now);
    const listed = await until(
      () => t.api('GET', `/v1/alert-cases?${q({ rule: 'default' })}`),
      (r) => r.status === 200 && r.json.alerts.some((a: { customerId: string }) => a.customerId === customerId),
    );
    const alert = listed.json.alerts.find((a: { customerId: string }) => a.customerId === customerId);
    expect(alert, listed.text).toBeDefined();
    return alert as { alertId: string; severity: string; status: string; acknowledgeBy: string };
  };

  beforeAll(async () => {
    t = await startTestHub();
    analyst = await addPerson(t, 'ana-lyst', ['analyst']);
    auditor = await addPerson(t, 'audi-tor', ['auditor']);
  });
  afterAll(async () => {
    await t?.stop();
    clients.destroy();
  });

  it('lists the alert an overdue invoice raised; acknowledge, comment, assign and resolve it; a second resolve is a 409 with its state', async () => {
    const raised = await overdueCustomer('al-late-1');
    expect(raised).toMatchObject({ severity: 'critical', status: 'open' });
    const path = `/v1/alerts/${raised.alertId}`;

    // Filters: severity and status narrow the list.
    const critical = await t.api('GET', `/v1/alert-cases?${q({ severity: 'critical', rule: 'default' })}`);
    expect(critical.json.alerts.map((a: { alertId: string }) => a.alertId)).toContain(raised.alertId);
    expect((await t.api('GET', `/v1/alert-cases?${q({ severity: 'info' })}`)).json.alerts).toEqual([]);
    expect((await t.api('GET', `/v1/alert-cases?${q({ status: 'acknowledged' })}`)).json.alerts).toEqual([]);

    // An auditor reads but may not act.
    expect((await t.api('GET', path, { key: auditor.key })).json.alert).toMatchObject({ alertId: raised.alertId, status: 'open' });
    const refused = await t.api('POST', `${path}/transitions`, { key: auditor.key, body: { to: 'acknowledged' } });
    expect(refused.status, refused.text).toBe(403);
    expect(refused.json.code).toBe('forbidden');

    const acked = await t.api('POST', `${path}/transitions`, { key: analyst.key, body: { to: 'acknowledged', note: 'looking into it' } });
    expect(acked.status, acked.text).toBe(200);
    expect(acked.json.alert).toMatchObject({ status: 'acknowledged', history: [{ to: 'open' }, { from: 'open', to: 'acknowledged', by: 'person:ana-lyst', note: 'looking into it' }] });

    const commented = await t.api('POST', `${path}/comments`, { key: analyst.key, body: { text: 'Finance desk says the payment left today' } });
    expect(commented.status, commented.text).toBe(200);
    expect(commented.json.alert.comments).toEqual([expect.objectContaining({ by: 'person:ana-lyst', text: 'Finance desk says the payment left today' })]);

    const assigned = await t.api('POST', `${path}/assign`, { key: analyst.key, body: { assignee: 'ana-lyst' } });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.json.alert).toMatchObject({ assignee: 'person:ana-lyst', status: 'acknowledged' });
    const mine = await t.api('GET', `/v1/alert-cases?${q({ status: 'acknowledged', assignee: 'person:ana-lyst' })}`);
    expect(mine.json.alerts.map((a: { alertId: string }) => a.alertId)).toEqual([raised.alertId]);
    expect((await t.api('GET', `/v1/alert-cases?${q({ status: 'acknowledged', assignee: 'person:nobody' })}`)).json.alerts).toEqual([]);

    const resolved = await t.api('POST', `${path}/transitions`, { key: analyst.key, body: { to: 'resolved', note: 'paid' } });
    expect(resolved.status, resolved.text).toBe(200);
    expect(resolved.json.alert.status).toBe('resolved');

    const again = await t.api('POST', `${path}/transitions`, { key: analyst.key, body: { to: 'resolved' } });
    expect(again.status, again.text).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    expect(again.json).toMatchObject({ code: 'alert_transition_refused', current: { alertId: raised.alertId, status: 'resolved', allowed: [] } });
    const reassigned = await t.api('POST', `${path}/assign`, { key: analyst.key, body: { assignee: 'ana-lyst' } });
    expect(reassigned.status, reassigned.text).toBe(409);
    expect(reassigned.json).toMatchObject({ code: 'alert_transition_refused', current: { status: 'resolved' } });
    // The refusals wrote nothing.
    expect((await t.api('GET', path)).json.alert).toMatchObject({ status: 'resolved', version: resolved.json.alert.version });
  });

  it('refuses bad moves with the failing path and unknown alerts with 404, writing nothing', async () => {
    const snoozeWithoutUntil = await t.api('POST', '/v1/alerts/alt_unknown/transitions', { body: { to: 'snoozed' } });
    expect(snoozeWithoutUntil.status, snoozeWithoutUntil.text).toBe(422);
    expect(snoozeWithoutUntil.json.errors).toContainEqual(expect.objectContaining({ path: 'until' }));
    const toOpen = await t.api('POST', '/v1/alerts/alt_unknown/transitions', { body: { to: 'open' } });
    expect(toOpen.status, toOpen.text).toBe(422);
    const shortNote = await t.api('POST', '/v1/alerts/alt_unknown/transitions', { body: { to: 'false_positive', note: 'no' } });
    expect(shortNote.json.errors).toContainEqual(expect.objectContaining({ path: 'note' }));
    expect((await t.api('GET', `/v1/alert-cases?${q({ severity: 'urgent' })}`)).status).toBe(422);

    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['POST', '/assign', { assignee: 'ana-lyst' }],
      ['POST', '/comments', { text: 'hello' }],
      ['POST', '/transitions', { to: 'acknowledged' }],
    ] as const) {
      const missing = await t.api(method, `/v1/alerts/alt_unknown${suffix}`, body ? { body } : {});
      expect(missing.status, `${method} ${suffix}: ${missing.text}`).toBe(404);
      expect(missing.json.code).toBe('not_found');
    }
  });

  it('pages the list with signed cursors, newest first', async () => {
    for (const id of ['al-page-1', 'al-page-2', 'al-page-3']) await overdueCustomer(id);
    const seen: string[] = [];
    let next: string | null = `/v1/alert-cases?${q({ rule: 'default', limit: '2' })}`;
    while (next) {
      const page = await t.api('GET', next.replace(/^https?:\/\/[^/]+/, ''));
      expect(page.status, page.text).toBe(200);
      expect(page.json.alerts.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.alerts.map((a: { customerId: string }) => a.customerId));
      next = page.json.next;
    }
    expect(seen.filter((c) => c.startsWith('al-page-'))).toEqual(['al-page-3', 'al-page-2', 'al-page-1']);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('escalates an alert left open past its SLA once, with alert.escalated, when the local clock passes its due time', async () => {
    const raised = await overdueCustomer('al-late-2');
    const events = eventStore(table());
    const escalationsOf = async () => (await events.listBetween(new Date(Date.parse(raised.acknowledgeBy) - 2 * HOUR), new Date(t.hub.clock.now().getTime() + HOUR), (e) => e.type === 'alert.escalated')).filter((e) => (e.data as { alertId: string }).alertId === raised.alertId);
    expect(await escalationsOf()).toEqual([]);

    // Past the acknowledge time (critical: 1 h); the advance runs the due schedules, the sweep among them.
    const moved = await t.api('POST', '/__local/clock/advance', { key: null, body: { seconds: 2 * 3600 } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json.ran).toContainEqual(expect.objectContaining({ functionId: 'sweepAlerts', rule: 'SweepAlerts' }));
    const escalated = await t.api('GET', `/v1/alerts/${raised.alertId}`);
    expect(escalated.json.alert).toMatchObject({ status: 'open', escalations: 1 });

    // Later sweeps before the resolve time leave it at level 1.
    const later = await t.api('POST', '/__local/clock/advance', { key: null, body: { seconds: 600 } });
    expect(later.json.ran).toContainEqual(expect.objectContaining({ functionId: 'sweepAlerts' }));
    expect((await t.api('GET', `/v1/alerts/${raised.alertId}`)).json.alert.escalations).toBe(1);
    const emitted = await escalationsOf();
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.data).toMatchObject({ alertId: raised.alertId, level: 1, status: 'open', dueAt: raised.acknowledgeBy });

    // The late customer now heads the reviews-due list once its re-rating is overdue under the cadence (open critical alert: every 6 h).
    await t.api('POST', '/__local/clock/advance', { key: null, body: { seconds: 6 * 3600 } });
    const due = await t.api('GET', '/v1/reviews-due', { key: auditor.key });
    expect(due.status, due.text).toBe(200);
    expect(due.json.reviews).toContainEqual(expect.objectContaining({ customerId: 'al-late-2', kind: 'rerating' }));
  });
});
