import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertStore, type AlertRepository } from '../../../shared/adapters/dynamodb/alert-store.js';
import { eventStore } from '../../../shared/adapters/dynamodb/event-store.js';
import { eventWriter } from '../../../shared/adapters/dynamodb/event-writer.js';
import { policyStore } from '../../../shared/adapters/dynamodb/policy-store.js';
import { ratingHistoryStore } from '../../../shared/adapters/dynamodb/rating-history-store.js';
import { profileStore } from '../../../shared/adapters/dynamodb/profile-store.js';
import { measureStore } from '../../../shared/adapters/dynamodb/measure-store.js';
import { manageAlerts } from '../../../shared/domain/alerts/manage-alerts.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { recomputeRating, storeRaisedAlerts } from '../../../shared/domain/risk/recompute-rating.js';
import { commitIngestedCustomer, overdueAggregates } from '../../support/e2e-helpers.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

describe('recompute worker: raised alerts enter the alert lifecycle (DynamoDB Local)', () => {
  const clients = emulatorClients();
  const clock = fixedClock('2026-12-07T10:00:00.000Z');
  let table: { client: typeof clients.doc; tableName: string };
  let store: AlertRepository;
  let lifecycle: ReturnType<typeof manageAlerts>;
  beforeAll(async () => {
    table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
    store = alertStore(table);
    lifecycle = manageAlerts({ alerts: store, audit: { append: async () => undefined }, events: eventWriter(table), clock });
  });
  afterAll(() => clients.destroy());

  const recompute = () =>
    recomputeRating({ profiles: profileStore(table), policies: policyStore(table, { defaultPolicy: DEFAULT_POLICY }), history: ratingHistoryStore(table), clock, alerts: lifecycle, measures: measureStore(table) });
  const openFor = async (customerId: string) => (await store.list({ status: 'open' })).filter((a) => a.customerId === customerId);

  it('stores each alert.raised under its event alertId, once, and a redelivered message or event adds neither an alert nor a fold', async () => {
    await commitIngestedCustomer(table, 'rc-late-1', { fields: { country: 'DE' }, aggregates: overdueAggregates(clock.now()) }, clock.now());
    const outcome = await recompute()({ customerId: 'rc-late-1', causedBy: 'evt_test' });
    expect(outcome).toMatchObject({ outcome: 'updated', events: expect.arrayContaining(['alert.raised']) });

    const raised = (await eventStore(table).listForCustomer('rc-late-1', {})).filter((e) => e.type === 'alert.raised');
    expect(raised.length).toBeGreaterThan(0);
    const stored = await openFor('rc-late-1');
    expect(stored.map((a) => a.alertId).sort()).toEqual(raised.map((e) => (e.data as { alertId: string }).alertId).sort());
    expect(stored.every((a) => a.status === 'open' && a.version === (a.measureIds.length > 0 ? 2 : 1) && raised.some((e) => e.id === a.causedBy))).toBe(true);

    // The default alert records the default definition's freeze measure (one more version).
    expect(stored.find((a) => a.rule === 'default')?.measureIds).toHaveLength(1);

    // The same message again: nothing changed, nothing raised.
    expect(await recompute()({ customerId: 'rc-late-1', causedBy: 'evt_test' })).toMatchObject({ outcome: 'unchanged' });
    // The same events raised again (a redelivery after the commit): the stored alerts stay as they are.
    const alerts = raised.map((e) => {
      const a = stored.find((s) => s.alertId === (e.data as { alertId: string }).alertId)!;
      return { type: a.rule, severity: a.severity, message: a.message, dedupeKey: a.dedupeKey, details: a.details };
    });
    await storeRaisedAlerts(lifecycle, 'rc-late-1', { alerts, events: raised }, 1);
    expect(await openFor('rc-late-1')).toEqual(stored);
  });
});
