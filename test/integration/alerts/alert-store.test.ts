import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertStore, type AlertRepository } from '../../../shared/adapters/dynamodb/alert-store.js';
import { slaDue, transitionAlert, type AlertRecord } from '../../../shared/domain/alerts/alert-lifecycle.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

const at = new Date('2026-12-07T10:00:00.000Z');
const alert = (alertId: string, over: Partial<AlertRecord> = {}): AlertRecord => ({
  alertId,
  customerId: 'cus_1',
  rule: 'dpd-30',
  kind: 'dpd',
  severity: 'warning',
  dedupeKey: 'dpd-30:cus_1',
  message: 'Payments are 31 days past due (threshold 30)',
  details: { daysPastDue: 31 },
  status: 'open',
  comments: [],
  history: [{ to: 'open', at: at.toISOString(), by: 'policy:v1' }],
  raisedAt: at.toISOString(),
  ...slaDue('warning', at),
  escalations: 0,
  measureIds: [],
  version: 1,
  ...over,
});

describe('alert store on DynamoDB Local', () => {
  const clients = emulatorClients();
  let alerts: AlertRepository;
  beforeAll(async () => {
    alerts = alertStore({ client: clients.doc, tableName: (await provisionTestResources(clients)).tableName });
  });
  afterAll(() => clients.destroy());

  it('folds a repeat into the open alert with the same dedupe key, and raises anew once it is closed', async () => {
    expect(await alerts.raise(alert('alt_a'))).toEqual({ raised: true });
    expect(await alerts.raise(alert('alt_b', { raisedAt: '2026-12-07T11:00:00.000Z' }))).toEqual({ raised: false, openAlertId: 'alt_a' });
    expect(await alerts.get('alt_b')).toBeUndefined();
    const resolved = transitionAlert((await alerts.get('alt_a'))!, { action: 'resolve' }, 'person:ann', at);
    await alerts.save(resolved);
    expect(await alerts.raise(alert('alt_c', { raisedAt: '2026-12-08T10:00:00.000Z' }))).toEqual({ raised: true });
    expect(await alerts.lastFired(['dpd-30:cus_1', 'nope'])).toEqual({ 'dpd-30:cus_1': '2026-12-08T10:00:00.000Z' });
  });

  it('refuses a stale save (optimistic version)', async () => {
    await alerts.raise(alert('alt_v', { dedupeKey: 'v:cus_1' }));
    const stored = (await alerts.get('alt_v'))!;
    await alerts.save(transitionAlert(stored, { action: 'acknowledge' }, 'person:ann', at));
    await expect(alerts.save(transitionAlert(stored, { action: 'resolve' }, 'person:bob', at))).rejects.toBeInstanceOf(ConflictError);
    expect((await alerts.get('alt_v'))!.status).toBe('acknowledged');
  });

  it('lists by status and filters by severity, assignee and rule', async () => {
    await alerts.raise(alert('alt_l1', { dedupeKey: 'l1', severity: 'critical', assignee: 'person:ann', rule: 'default', raisedAt: '2026-12-07T12:00:00.000Z' }));
    await alerts.raise(alert('alt_l2', { dedupeKey: 'l2', severity: 'info', assignee: 'person:bob', rule: 'drift', raisedAt: '2026-12-07T12:01:00.000Z' }));
    const ids = async (f: Parameters<AlertRepository['list']>[0]) => (await alerts.list(f)).map((a) => a.alertId);
    expect(await ids({ status: 'open', severity: 'critical' })).toEqual(['alt_l1']);
    expect(await ids({ status: 'open', assignee: 'person:bob' })).toEqual(['alt_l2']);
    expect(await ids({ status: 'open', rule: 'dpd-30' })).toEqual(['alt_c']);
    expect(await ids({ status: 'resolved' })).toEqual(['alt_a']);
  });

  it('pages a status newest first with filters, resuming after the position it answered', async () => {
    const raisedAt = (minute: number) => `2026-12-08T10:${String(minute).padStart(2, '0')}:00.000Z`;
    for (let i = 0; i < 7; i++) {
      const severity = i % 2 === 0 ? 'critical' : 'warning';
      expect(await alerts.raise(alert(`alt_p${i}`, { customerId: 'cus_page', dedupeKey: `page:${i}`, rule: i < 5 ? 'page-rule' : 'other', severity, raisedAt: raisedAt(i), ...(i === 4 ? { assignee: 'person:ann' } : {}) }))).toEqual({ raised: true });
    }
    const pageRule = { status: 'open' as const, rule: 'page-rule' };
    const first = await alerts.page(pageRule, 2);
    expect(first.alerts.map((a) => a.alertId)).toEqual(['alt_p4', 'alt_p3']);
    const second = await alerts.page(pageRule, 2, first.next);
    expect(second.alerts.map((a) => a.alertId)).toEqual(['alt_p2', 'alt_p1']);
    const third = await alerts.page(pageRule, 2, second.next);
    expect(third.alerts.map((a) => a.alertId)).toEqual(['alt_p0']);
    expect((await alerts.page({ ...pageRule, severity: 'critical' }, 10)).alerts.map((a) => a.alertId)).toEqual(['alt_p4', 'alt_p2', 'alt_p0']);
    expect((await alerts.page({ ...pageRule, assignee: 'person:ann' }, 10)).alerts.map((a) => a.alertId)).toEqual(['alt_p4']);
    expect((await alerts.page({ status: 'acknowledged', rule: 'page-rule' }, 10)).alerts).toEqual([]);
  });
});
