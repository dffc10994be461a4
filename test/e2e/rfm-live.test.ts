import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmOrderRecord } from '../../shared/domain/crm/crm-record.js';
import { applyOrder } from '../../shared/domain/profile/aggregate-updates.js';
import { emptyAggregates } from '../../shared/domain/profile/aggregates.js';
import { DEFAULT_POLICY_INPUT } from '../../shared/domain/rating/default-policy.js';
import { emulatorClients } from '../support/aws-clients.js';
import { commitIngestedCustomer, secondPerson, until } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const DAY = 86_400_000;

/** (orders, days since the last one): on the policy's fixed edges lr-08 is F3 (4 ≤ 5 < 8); in this portfolio's quintiles F4, a Champion. */
const SHAPE: [id: string, orders: number, lastDaysAgo: number][] = [
  ['lr-01', 1, 200], ['lr-02', 1, 5], ['lr-03', 1, 60], ['lr-04', 2, 30], ['lr-05', 2, 120],
  ['lr-06', 3, 10], ['lr-07', 4, 90], ['lr-08', 5, 2], ['lr-09', 8, 45], ['lr-10', 10, 15],
];

const aggregatesOf = (id: string, orders: number, lastDaysAgo: number, now: number) => {
  let agg = emptyAggregates();
  for (let n = 0; n < orders; n += 1) {
    const at = new Date(now - (lastDaysAgo + n * 3) * DAY - 3_600_000).toISOString();
    const record: CrmOrderRecord = {
      crm: 'generic', connectionId: 'shop', externalId: `${id}-${n}`, modifiedAt: at, deleted: false, objectType: 'order',
      customerExternalId: id, orderedAt: at, amount: { amountMinor: 10_000, currency: 'EUR' }, status: 'placed',
    };
    agg = applyOrder(agg, undefined, record);
  }
  return agg;
};

describe('RFM fit in live rating: the scheduled refit rates customers on portfolio quintiles', () => {
  let t: TestHub;
  const clients = emulatorClients();
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t?.stop();
    clients.destroy();
  });

  const rating = async (id: string) => (await t.api('GET', `/v1/customers/${id}`)).json.profile.rating;

  it('rates on the policy edges with RFM_NO_FIT until the daily refresh stores a fit, then re-rates the moved customers on it', async () => {
    // Prepare: ten customers with orders, and an active policy v2 that scores RFM on the stored fit.
    const now = Date.parse((await t.api('GET', '/__local/clock', { key: null })).json.now);
    const table = { client: clients.doc, tableName: t.hub.resources.tableName };
    for (const [id, orders, last] of SHAPE) await commitIngestedCustomer(table, id, { fields: { country: 'DE' }, aggregates: aggregatesOf(id, orders, last, now) }, new Date(now));
    const draft = { ...DEFAULT_POLICY_INPUT, version: 2, name: 'RFM on the portfolio fit', status: 'draft', rfm: { ...DEFAULT_POLICY_INPUT.rfm, edges: 'fitted' } };
    expect((await t.api('POST', '/v1/policies', { body: draft })).status).toBe(201);
    expect((await t.api('POST', '/v1/policies/2/backtest')).status).toBe(200);
    const second = await secondPerson(t);
    expect((await t.api('POST', '/v1/policies/2/approve', { key: second.key })).status).toBe(200);
    expect((await t.api('POST', '/v1/policies/2/activate', { key: second.key })).status).toBe(202);
    expect((await t.api('POST', '/v1/policies/2/activate')).status).toBe(200);
    const onPolicyEdges = await until(() => rating('lr-08'), (r) => r?.policyVersion === 2);
    expect(onPolicyEdges).toMatchObject({ rfm: { f: 3, segment: 'Potential Loyalist' } });
    expect(onPolicyEdges.warnings.map((w: { code: string }) => w.code)).toContain('RFM_NO_FIT');
    expect((await t.api('GET', '/v1/rfm/fit')).status).toBe(404);

    // Act: one day passes on the local clock; the daily refresh runs as of then.
    const moved = await t.api('POST', '/__local/clock/advance', { body: { seconds: 86_400 }, key: null });

    // Assess
    // The hub's scheduler also ticks every second of real time: the run may be reported by this advance or by a tick.
    expect(moved.status).toBe(200);
    const fit = (await until(() => t.api('GET', '/v1/rfm/fit'), (r) => r.status === 200)).json.fit;
    expect(fit).toMatchObject({ version: 1, customers: SHAPE.length });
    expect(Date.parse(fit.asOf)).toBeGreaterThanOrEqual(now + DAY);
    const onFit = await until(() => rating('lr-08'), (r) => r?.rfm?.segment === 'Champions');
    expect(onFit.rfm).toMatchObject({ r: 5, f: 4, segment: 'Champions' });
    expect((onFit.warnings ?? []).map((w: { code: string }) => w.code)).not.toContain('RFM_NO_FIT');
    // The fit's own segment counts and the stored ratings agree customer by customer.
    const counts: Record<string, number> = {};
    for (const [id] of SHAPE) {
      const r = await until(() => rating(id), (x) => !(x?.warnings ?? []).some((w: { code: string }) => w.code === 'RFM_NO_FIT'));
      counts[r.rfm.segment] = (counts[r.rfm.segment] ?? 0) + 1;
    }
    const gridCounts = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(gridCounts).toBe(fit.customers);
  }, 180_000);
});
