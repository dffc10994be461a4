import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventStore } from '../../shared/adapters/dynamodb/event-store.js';
import type { EventEnvelope } from '../../shared/domain/events/envelope.js';
import { addPerson, approveAsSecondPerson, commitIngestedCustomer, overdueAggregates, secondPerson, until } from '../support/e2e-helpers.js';
import { emulatorClients } from '../support/aws-clients.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Emergency measures end to end: an overdue invoice raises the default alert and the default
 * definition's freeze_all_credit measure (limit 0, restrictions on the profile); lifting it takes two
 * people; overlapping measures combine and lift one by one; expiring ones (a freeze too) lift when the
 * local clock passes their expiry.
 */
describe('emergency measures', () => {
  const clients = emulatorClients();
  let t: TestHub;
  let analyst: { key: string };
  let auditor: { key: string };
  const table = () => ({ client: clients.doc, tableName: t.hub.resources.tableName });
  const profileOf = async (customerId: string) => (await t.api('GET', `/v1/customers/${customerId}`)).json.profile;
  const eventsOf = async (customerId: string, type: string): Promise<EventEnvelope[]> => (await eventStore(table()).listForCustomer(customerId, {})).filter((e) => e.type === type);

  /** A customer with a year of steady orders, paid on time, rated by the worker (a limit above 0). */
  const steadyCustomer = async (customerId: string) => {
    const now = t.hub.clock.now();
    const months = Array.from({ length: 12 }, (_, i) => ({ month: new Date(now.getTime() - i * 30 * DAY).toISOString().slice(0, 7), orderCount: 2, netMinor: 400_000 }));
    await commitIngestedCustomer(
      table(),
      customerId,
      {
        fields: { legalName: `${customerId} AG`, country: 'DE' },
        aggregates: {
          currency: 'EUR',
          orders: { count: 24, cancelledCount: 0, grossMinor: 4_800_000, netMinor: 4_800_000, firstOrderAt: new Date(now.getTime() - 400 * DAY).toISOString(), lastOrderAt: new Date(now.getTime() - 5 * DAY).toISOString(), months },
          payments: { count: 24, paidMinor: 4_800_000, lateCount: 0, daysLateSum: 0, maxDaysLate: 0, lastPaymentAt: new Date(now.getTime() - 3 * DAY).toISOString() },
        },
      },
      now,
    );
    return until(() => profileOf(customerId), (p) => p?.rating !== undefined);
  };

  beforeAll(async () => {
    t = await startTestHub();
    analyst = await addPerson(t, 'me-analyst', ['analyst']);
    auditor = await addPerson(t, 'me-auditor', ['auditor']);
    await secondPerson(t);
  });
  afterAll(async () => {
    await t?.stop();
    clients.destroy();
  });

  it('accepts a freeze with expiresAt (was a 422) and lifts it with measure.expired when the local clock passes it', async () => {
    await steadyCustomer('me-freeze-1');
    const expiresAt = new Date(t.hub.clock.now().getTime() + HOUR).toISOString();
    const frozen = await t.api('POST', '/v1/customers/me-freeze-1/freeze', { body: { reason: 'site visit pending', expiresAt } });
    expect(frozen.status, frozen.text).toBe(200);
    expect(frozen.json).toMatchObject({ changed: true, freeze: { reason: 'site visit pending', expiresAt, measureId: expect.stringMatching(/^msr_/) } });
    const measureId = frozen.json.freeze.measureId as string;
    // The freeze is the freeze_all_credit measure: one model.
    const listed = await t.api('GET', '/v1/customers/me-freeze-1/measures', { key: auditor.key });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.measures).toEqual([expect.objectContaining({ measureId, type: 'freeze_all_credit', origin: 'manual', status: 'active', expiresAt })]);
    expect(listed.json.restrictions).toMatchObject({ creditHold: true, limitCapMinor: 0, measureIds: [measureId], confirmedOrdersUntouched: true });
    await until(() => profileOf('me-freeze-1'), (p) => p.rating?.limit?.recommended.amountMinor === 0);
    // A past expiry is refused with its path.
    const past = await t.api('POST', '/v1/customers/me-freeze-1/measures', { key: analyst.key, body: { type: 'hold_shipments', reason: 'too late', expiresAt: '2020-01-01T00:00:00Z' } });
    expect(past.status, past.text).toBe(422);
    expect(past.json.errors).toContainEqual(expect.objectContaining({ path: 'expiresAt' }));

    const moved = await t.api('POST', '/__local/clock/advance', { key: null, body: { seconds: 2 * 3600 } });
    expect(moved.json.ran).toContainEqual(expect.objectContaining({ functionId: 'sweepAlerts' }));
    const expired = await t.api('GET', `/v1/measures/${measureId}`);
    expect(expired.json.measure).toMatchObject({ status: 'expired', liftedBy: 'system:timer' });
    const profile = await profileOf('me-freeze-1');
    expect(profile.freeze).toBeUndefined();
    expect(profile.restrictions).toMatchObject({ creditHold: false, measureIds: [] });
    expect(await eventsOf('me-freeze-1', 'measure.expired')).toHaveLength(1);
    expect(await eventsOf('me-freeze-1', 'customer.unfrozen')).toHaveLength(1);
  });

  it('takes the default freeze_all_credit measure on an overdue invoice; lifting it takes a second person', async () => {
    const now = t.hub.clock.now();
    await commitIngestedCustomer(table(), 'me-late-1', { fields: { legalName: 'me-late-1 AG', country: 'DE' }, aggregates: overdueAggregates(now) }, now);
    const cases = await until(
      () => t.api('GET', '/v1/alert-cases?rule=default'),
      (r) => r.status === 200 && r.json.alerts.some((a: { customerId: string }) => a.customerId === 'me-late-1'),
    );
    const alert = cases.json.alerts.find((a: { customerId: string }) => a.customerId === 'me-late-1');
    const acked = await t.api('POST', `/v1/alerts/${alert.alertId}/transitions`, { key: analyst.key, body: { to: 'acknowledged' } });
    expect(acked.status, acked.text).toBe(200);

    const listed = await t.api('GET', '/v1/customers/me-late-1/measures');
    expect(listed.json.measures).toEqual([expect.objectContaining({ type: 'freeze_all_credit', origin: 'default', alertId: alert.alertId, status: 'active', takenBy: 'policy:v1' })]);
    const measureId = listed.json.measures[0].measureId as string;
    const profile = await profileOf('me-late-1');
    expect(profile.rating.limit.recommended.amountMinor).toBe(0);
    expect(profile.freeze).toMatchObject({ by: 'policy:v1', measureId });
    expect(profile.restrictions).toMatchObject({ creditHold: true, newOrdersBlocked: true, limitCapMinor: 0, measureIds: [measureId], confirmedOrdersUntouched: true });
    // The alert records the measure it led to.
    const linked = await until(() => t.api('GET', `/v1/alerts/${alert.alertId}`), (r) => r.json.alert.measureIds.includes(measureId));
    expect(linked.json.alert.measureIds).toEqual([measureId]);

    // An auditor reads but may not lift.
    expect((await t.api('GET', `/v1/measures/${measureId}`, { key: auditor.key })).json.measure.status).toBe('active');
    expect((await t.api('POST', `/v1/measures/${measureId}/lift`, { key: auditor.key, body: { reason: 'paid in full' } })).status).toBe(403);

    const asked = await t.api('POST', `/v1/measures/${measureId}/lift`, { key: analyst.key, body: { reason: 'paid in full' } });
    expect(asked.status, asked.text).toBe(202);
    expect(asked.json.approval).toMatchObject({ action: 'measure.lift', target: `measure:${measureId}`, status: 'pending', maker: 'person:me-analyst' });
    const self = await t.api('POST', `/v1/measures/${measureId}/lift`, { key: analyst.key, body: { reason: 'paid in full' } });
    expect(self.status, self.text).toBe(403);
    expect(self.json.code).toBe('self_approval');
    expect((await t.api('GET', `/v1/measures/${measureId}`)).json.measure.status).toBe('active');

    await approveAsSecondPerson(t, asked.json.approval.approvalId);
    const lifted = (await t.api('GET', `/v1/measures/${measureId}`)).json.measure;
    expect(lifted).toMatchObject({ status: 'lifted', liftedBy: 'person:second-approver', liftReason: 'paid in full' });
    const after = await profileOf('me-late-1');
    expect(after.freeze).toBeUndefined();
    expect(after.restrictions).toMatchObject({ creditHold: false, measureIds: [] });

    const again = await t.api('POST', `/v1/measures/${measureId}/lift`, { key: analyst.key, body: { reason: 'once more' } });
    expect(again.status, again.text).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    expect(again.json).toMatchObject({ code: 'measure_transition_refused', current: { measureId, status: 'lifted' } });

    expect((await eventsOf('me-late-1', 'measure.taken')).map((e) => e.data['measureId'])).toEqual([measureId]);
    expect((await eventsOf('me-late-1', 'measure.lifted')).map((e) => e.data['measureId'])).toEqual([measureId]);
    expect(await eventsOf('me-late-1', 'customer.frozen')).toHaveLength(1);
    expect(await eventsOf('me-late-1', 'customer.unfrozen')).toHaveLength(1);
  });

  it('combines overlapping reduce_limit and require_prepayment; lifting one leaves the other', async () => {
    const rated = await steadyCustomer('me-both-1');
    const ratedLimit = rated.rating.limit.recommended.amountMinor as number;
    expect(ratedLimit).toBeGreaterThan(0);
    const reduce = await t.api('POST', '/v1/customers/me-both-1/measures', { key: analyst.key, body: { type: 'reduce_limit', params: { keepPercent: 50 }, reason: 'sector under watch' } });
    expect(reduce.status, reduce.text).toBe(201);
    const prepay = await t.api('POST', '/v1/customers/me-both-1/measures', { key: analyst.key, body: { type: 'require_prepayment', reason: 'sector under watch' } });
    expect(prepay.status, prepay.text).toBe(201);
    expect(prepay.json.restrictions).toMatchObject({ creditHold: false, prepaymentRequired: true, limitKeepPercent: 50 });
    const halved = await until(() => profileOf('me-both-1'), (p) => p.rating.limit.recommended.amountMinor < ratedLimit);
    expect(halved.rating.limit.recommended.amountMinor).toBe(Math.floor(ratedLimit / 2));
    expect(halved.rating.limit.factors).toContainEqual(expect.objectContaining({ name: 'measures' }));

    // Bad input: params on a type that takes none, a reduce_limit that reduces nothing, unknown fields; unknown customers.
    for (const body of [{ type: 'hold_shipments', params: { keepPercent: 10 }, reason: 'x-ray' }, { type: 'reduce_limit', reason: 'nothing' }, { type: 'freeze_all_credit', reason: 'ok', origin: 'policy' }]) {
      const refused = await t.api('POST', '/v1/customers/me-both-1/measures', { key: analyst.key, body });
      expect(refused.status, refused.text).toBe(422);
      expect(refused.json.errors.length).toBeGreaterThan(0);
    }
    expect((await t.api('POST', '/v1/customers/nobody-here/measures', { key: analyst.key, body: { type: 'hold_shipments', reason: 'who?' } })).status).toBe(404);
    expect((await t.api('GET', '/v1/customers/nobody-here/measures')).status).toBe(404);
    expect((await t.api('GET', '/v1/measures/msr_unknown')).status).toBe(404);
    expect((await t.api('POST', '/v1/measures/msr_unknown/lift', { body: { reason: 'none' } })).status).toBe(404);
    const noReason = await t.api('POST', `/v1/measures/${reduce.json.measure.measureId}/lift`, { key: analyst.key, body: {} });
    expect(noReason.status, noReason.text).toBe(422);
    expect(noReason.json.errors).toContainEqual(expect.objectContaining({ path: 'reason' }));
    expect((await t.api('GET', '/v1/measures/not-a-measure')).status).toBe(422);

    // A manual measure lifts at once; the other stays in force.
    const lifted = await t.api('POST', `/v1/measures/${reduce.json.measure.measureId}/lift`, { key: analyst.key, body: { reason: 'sector recovered' } });
    expect(lifted.status, lifted.text).toBe(200);
    expect(lifted.json.measure).toMatchObject({ status: 'lifted', liftedBy: 'person:me-analyst' });
    const restored = await until(() => profileOf('me-both-1'), (p) => p.rating.limit.recommended.amountMinor === ratedLimit);
    expect(restored.restrictions).toMatchObject({ prepaymentRequired: true, measureIds: [prepay.json.measure.measureId] });
    expect(restored.restrictions.limitKeepPercent).toBeUndefined();
    const all = await t.api('GET', '/v1/customers/me-both-1/measures');
    expect(all.json.measures.map((m: { status: string }) => m.status).sort()).toEqual(['active', 'lifted']);
  });
});
