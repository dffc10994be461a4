import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertStore } from '../../../shared/adapters/dynamodb/alert-store.js';
import { auditLog } from '../../../shared/adapters/dynamodb/audit-log.js';
import { eventStore } from '../../../shared/adapters/dynamodb/event-store.js';
import { eventWriter } from '../../../shared/adapters/dynamodb/event-writer.js';
import { AlertTransitionError } from '../../../shared/domain/alerts/alert-lifecycle.js';
import { manageAlerts } from '../../../shared/domain/alerts/manage-alerts.js';
import type { AuditInput } from '../../../shared/domain/audit/audit-chain.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

describe('manageAlerts on DynamoDB Local', () => {
  const clients = emulatorClients();
  const clock = fixedClock('2026-12-07T10:00:00.000Z');
  const audited: AuditInput[] = [];
  const emitted: EventEnvelope[] = [];
  const notified: string[] = [];
  let alerts: ReturnType<typeof manageAlerts>;
  let events: ReturnType<typeof eventStore>;
  beforeAll(async () => {
    const table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
    const log = auditLog(table, { clock });
    const writer = eventWriter(table);
    events = eventStore(table);
    alerts = manageAlerts({
      alerts: alertStore(table),
      audit: { append: async (input) => (audited.push(input), log.append(input)) },
      events: { put: async (e) => (emitted.push(e), writer.put(e)) },
      clock,
      notify: async (alert, reason) => void notified.push(`${reason}:${alert.alertId}:${alert.assignee ?? ''}`),
    });
  });
  afterAll(() => clients.destroy());

  const DPD = { type: 'dpd-30', severity: 'warning' as const, message: 'Payments are 31 days past due (threshold 30)', dedupeKey: 'dpd-30:cus_9', details: { kind: 'dpd', daysPastDue: 31 } };

  it('raises once per open dedupe key, then assigns, comments, acknowledges and resolves, auditing and emitting each step', async () => {
    const first = await alerts.raise('cus_9', DPD, { policyVersion: 1 });
    const again = await alerts.raise('cus_9', DPD, { policyVersion: 1 });
    expect(first.raised).toBe(true);
    expect(again).toMatchObject({ raised: false, alert: { alertId: first.alert.alertId } });
    const id = first.alert.alertId;
    await alerts.assign(id, 'person:ann', 'person:lead');
    await alerts.comment(id, 'Called the finance desk', 'person:ann');
    await alerts.transition(id, { action: 'acknowledge' }, 'person:ann');
    const resolved = await alerts.transition(id, { action: 'resolve', note: 'paid' }, 'person:ann');
    expect(resolved).toMatchObject({ status: 'resolved', assignee: 'person:ann', comments: [{ text: 'Called the finance desk' }] });
    expect(audited.map((a) => a.action)).toEqual(['alert.assign', 'alert.comment', 'alert.acknowledge', 'alert.resolve']);
    expect(emitted.map((e) => `${e.type}:${(e.data as { change: string }).change}`)).toEqual([
      'alert.transitioned:assign',
      'alert.transitioned:comment',
      'alert.transitioned:acknowledge',
      'alert.transitioned:resolve',
    ]);
    expect((await events.get(emitted.at(-1)!.id))?.data).toMatchObject({ alertId: id, from: 'acknowledged', to: 'resolved', by: 'person:ann' });
    expect(notified).toEqual([`assigned:${id}:person:ann`]);
    await expect(alerts.transition(id, { action: 'resolve' }, 'person:bob')).rejects.toBeInstanceOf(AlertTransitionError);
  });

  it('escalates past the SLA with alert.escalated and wakes a snooze that ran out, on the clock', async () => {
    const { alert } = await alerts.raise('cus_10', { ...DPD, severity: 'critical', dedupeKey: 'x:cus_10' });
    const { alert: snoozy } = await alerts.raise('cus_11', { ...DPD, dedupeKey: 'x:cus_11' });
    await alerts.transition(snoozy.alertId, { action: 'snooze', until: '2026-12-07T10:30:00.000Z' }, 'person:ann');
    emitted.length = 0;
    expect(await alerts.sweep()).toEqual({ woken: [], escalated: [] });
    clock.advance(61 * 60_000);
    const swept = await alerts.sweep();
    expect(swept.escalated).toEqual([alert.alertId]);
    expect(swept.woken).toEqual([snoozy.alertId]);
    expect(emitted.find((e) => e.type === 'alert.escalated')?.data).toMatchObject({ alertId: alert.alertId, level: 1, dueAt: alert.acknowledgeBy });
    expect((await alerts.sweep()).escalated).toEqual([]);
    expect((await alerts.get(snoozy.alertId))!.status).toBe('acknowledged');
  });

  it('raises an alert.raised event once: a redelivery of the same alertId writes nothing, open or closed', async () => {
    const first = await alerts.raise('cus_12', { ...DPD, dedupeKey: 'x:cus_12' }, { alertId: 'alt_event_1', causedBy: 'evt_1' });
    const redelivered = await alerts.raise('cus_12', { ...DPD, dedupeKey: 'x:cus_12' }, { alertId: 'alt_event_1', causedBy: 'evt_1' });
    expect(first).toMatchObject({ raised: true, alert: { alertId: 'alt_event_1', version: 1 } });
    expect(redelivered).toMatchObject({ raised: false, alert: { alertId: 'alt_event_1', version: 1 } });
    await alerts.transition('alt_event_1', { action: 'resolve' }, 'person:ann');
    // Closed: the dedupe key is free again, yet the same event id must not open a second alert.
    const late = await alerts.raise('cus_12', { ...DPD, dedupeKey: 'x:cus_12' }, { alertId: 'alt_event_1', causedBy: 'evt_1' });
    expect(late).toMatchObject({ raised: false, alert: { alertId: 'alt_event_1', status: 'resolved' } });
    expect((await alerts.list({ status: 'open' })).filter((a) => a.customerId === 'cus_12')).toEqual([]);
  });
});
