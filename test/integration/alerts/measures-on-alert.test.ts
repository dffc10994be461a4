import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertStore } from '../../../shared/adapters/dynamodb/alert-store.js';
import { eventStore } from '../../../shared/adapters/dynamodb/event-store.js';
import { eventWriter } from '../../../shared/adapters/dynamodb/event-writer.js';
import { measureStore } from '../../../shared/adapters/dynamodb/measure-store.js';
import { profileStore } from '../../../shared/adapters/dynamodb/profile-store.js';
import { ratingHistoryStore } from '../../../shared/adapters/dynamodb/rating-history-store.js';
import { manageAlerts } from '../../../shared/domain/alerts/manage-alerts.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import { manageMeasures } from '../../../shared/domain/measures/manage-measures.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import type { RiskPolicy } from '../../../shared/domain/rating/policy.js';
import { recomputeRating, storeRaisedAlerts } from '../../../shared/domain/risk/recompute-rating.js';
import { commitIngestedCustomer, overdueAggregates } from '../../support/e2e-helpers.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

describe('emergency measures over DynamoDB Local: the store, the use case and the policy on alerts', () => {
  const clients = emulatorClients();
  const clock = fixedClock('2026-12-07T10:00:00.000Z');
  let table: { client: typeof clients.doc; tableName: string };
  beforeAll(async () => {
    table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
  });
  afterAll(() => clients.destroy());

  const deps = () => ({ profiles: profileStore(table), measures: measureStore(table), clock });
  // The policy takes reduce_limit (72 h) and hold_shipments on the default rule.
  const policy: RiskPolicy = {
    ...DEFAULT_POLICY,
    measures: { ...DEFAULT_POLICY.measures, onAlert: [{ rule: 'default', take: [{ type: 'reduce_limit', params: { keepPercent: 50 }, expiresAfterHours: 72 }, { type: 'hold_shipments', params: {} }] }] },
  };

  it('takes the policy measures of a raised alert once, links them on the alert, and a redelivery takes nothing twice', async () => {
    await commitIngestedCustomer(table, 'ms-late-1', { fields: { country: 'DE' }, aggregates: overdueAggregates(clock.now()) }, clock.now());
    const lifecycle = manageAlerts({ alerts: alertStore(table), audit: { append: async () => undefined }, events: eventWriter(table), clock });
    const { takeOnAlert } = manageMeasures(deps());
    const store = measureStore(table);
    const measures = { getMany: store.getMany, entry: store.entry, takeOnAlert };
    const recompute = recomputeRating({ ...deps(), policies: { active: async () => ({ record: { policy } }) } as never, history: ratingHistoryStore(table), alerts: lifecycle, measures });

    expect(await recompute({ customerId: 'ms-late-1', causedBy: 'evt_test' })).toMatchObject({ outcome: 'updated', frozen: true });

    const taken = await store.listForCustomer('ms-late-1');
    // The default definition's freeze (origin default) and the policy's two measures (origin policy), all linked to the default alert.
    expect(taken.map((m) => [m.type, m.origin, m.status]).sort()).toEqual([
      ['freeze_all_credit', 'default', 'active'],
      ['hold_shipments', 'policy', 'active'],
      ['reduce_limit', 'policy', 'active'],
    ]);
    const alertId = taken.find((m) => m.origin === 'default')!.alertId!;
    expect(taken.every((m) => m.alertId === alertId)).toBe(true);
    expect(taken.find((m) => m.type === 'reduce_limit')!.expiresAt).toBe('2026-12-10T10:00:00.000Z');
    const alert = await lifecycle.get(alertId);
    expect([...alert.measureIds].sort()).toEqual(taken.map((m) => m.measureId).sort());
    const profile = (await profileStore(table).get('ms-late-1'))!;
    expect(profile.restrictions).toMatchObject({ creditHold: true, shipmentsHeld: true, limitKeepPercent: 50, limitCapMinor: 0, confirmedOrdersUntouched: true });
    expect([...profile.restrictions!.measureIds].sort()).toEqual(taken.map((m) => m.measureId).sort());

    // Redelivery: the message changes nothing; the same alert event stored again takes nothing twice.
    expect(await recompute({ customerId: 'ms-late-1', causedBy: 'evt_test' })).toMatchObject({ outcome: 'unchanged' });
    const raised = (await eventStore(table).listForCustomer('ms-late-1', {})).filter((e) => e.type === 'alert.raised');
    const alerts = await Promise.all(
      raised.map(async (e) => {
        const a = await lifecycle.get((e.data as { alertId: string }).alertId);
        return { type: a.rule, severity: a.severity, message: a.message, dedupeKey: a.dedupeKey, details: a.details };
      }),
    );
    await storeRaisedAlerts(lifecycle, 'ms-late-1', { alerts, events: raised }, 1, { measures, policy });
    expect(await store.listForCustomer('ms-late-1')).toHaveLength(3);
    expect((await eventStore(table).listForCustomer('ms-late-1', {})).filter((e) => e.type === 'measure.taken')).toHaveLength(3);
    expect((await lifecycle.get(alertId)).measureIds).toHaveLength(3);
  });

  it('writes a measure only with its profile: a stale lift loses to the version condition and writes nothing', async () => {
    await commitIngestedCustomer(table, 'ms-manual-1', { fields: { country: 'DE' }, aggregates: {} }, clock.now());
    const use = manageMeasures(deps());
    const { measure } = await use.take('ms-manual-1', { type: 'require_prepayment', params: {}, reason: 'sector watch', origin: 'manual', takenBy: 'person:ann' });
    const store = measureStore(table);
    const stale = { ...measure, status: 'lifted' as const, version: 2 };
    await use.liftNow(measure.measureId, 'done', 'person:ann');
    // A second writer that read version 1 cannot overwrite the lift.
    await expect(profileStore(table).commit({ profile: (await profileStore(table).get('ms-manual-1'))!, expectedVersion: (await profileStore(table).get('ms-manual-1'))!.version, events: [], extraPuts: [store.entry(stale)] })).rejects.toBeInstanceOf(ConflictError);
    expect(await store.get(measure.measureId)).toMatchObject({ status: 'lifted', liftedBy: 'person:ann', version: 2 });
    expect(await store.expiring(new Date('2030-01-01T00:00:00Z'))).not.toContainEqual(expect.objectContaining({ measureId: measure.measureId }));
  });
});
