import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyStore } from '../../../shared/adapters/dynamodb/policy-store.js';
import { profilePortfolio } from '../../../shared/adapters/dynamodb/portfolio-scan.js';
import { profileStore } from '../../../shared/adapters/dynamodb/profile-store.js';
import { ratingHistoryStore } from '../../../shared/adapters/dynamodb/rating-history-store.js';
import { rfmFitStore } from '../../../shared/adapters/dynamodb/rfm-fit-store.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import type { CrmOrderRecord } from '../../../shared/domain/crm/crm-record.js';
import { applyOrder } from '../../../shared/domain/profile/aggregate-updates.js';
import { emptyAggregates } from '../../../shared/domain/profile/aggregates.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import type { RiskPolicy } from '../../../shared/domain/rating/policy.js';
import { fitRfm, rfmOnFit, type RfmFit } from '../../../shared/domain/rating/rfm.js';
import { recomputeRating } from '../../../shared/domain/risk/recompute-rating.js';
import { refreshRfmFitOnSchedule } from '../../../shared/domain/risk/refresh-rfm-fit.js';
import { commitIngestedCustomer } from '../../support/e2e-helpers.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const DAY = 86_400_000;
const FITTED: RiskPolicy = { ...DEFAULT_POLICY, rfm: { ...DEFAULT_POLICY.rfm, edges: 'fitted' } };

const ordersOf = (id: string, orders: number, lastDaysAgo: number) => {
  let agg = emptyAggregates();
  for (let n = 0; n < orders; n += 1) {
    const at = new Date(NOW.getTime() - (lastDaysAgo + n * 3) * DAY - 3_600_000).toISOString();
    const record: CrmOrderRecord = {
      crm: 'generic', connectionId: 'shop', externalId: `${id}-${n}`, modifiedAt: at, deleted: false, objectType: 'order',
      customerExternalId: id, orderedAt: at, amount: { amountMinor: 10_000, currency: 'EUR' }, status: 'placed',
    };
    agg = applyOrder(agg, undefined, record);
  }
  return agg;
};

describe('RFM fit in live rating (DynamoDB Local)', () => {
  const clients = emulatorClients();
  const clock = fixedClock(NOW.toISOString());
  let table: { client: typeof clients.doc; tableName: string };
  beforeAll(async () => {
    table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
  });
  afterAll(() => clients.destroy());

  const sample = (asOf: string): RfmFit => fitRfm(
    [1, 2, 3, 4, 5].map((n) => ({ key: `k${n}`, recencyDays: n * 10, frequency: n, monetaryMinor: n * 100 })),
    { asOf: new Date(asOf), fittedAt: new Date(asOf) },
  );

  it('stores each fit as the next version, keeps the earlier ones readable, and never gives two concurrent refreshes one version', async () => {
    // Prepare
    const store = rfmFitStore(table);
    expect(await store.get()).toBeUndefined();
    // Act
    const first = await store.put(sample('2026-01-01T00:00:00Z'));
    const concurrent = await Promise.all([2, 3, 4].map((m) => store.put(sample(`2026-0${m}-01T00:00:00Z`))));
    // Assess
    expect(first.version).toBe(1);
    expect(concurrent.map((f) => f.version).sort()).toEqual([2, 3, 4]);
    expect((await store.get())?.version).toBe(4);
    expect((await store.get(1))?.asOf).toBe('2026-01-01T00:00:00.000Z');
    for (const f of concurrent) expect(await store.get(f.version)).toEqual(f);
    expect(await store.get(99)).toBeUndefined();
  });

  it('refreshes on schedule, recomputes the customers the refit asks for, and rates them on the stored fit', async () => {
    // Prepare: a fresh table section is not needed — profiles are new ids; the fits above stay as earlier versions.
    const shape: [string, number, number][] = [['l01', 1, 200], ['l02', 1, 5], ['l03', 1, 60], ['l04', 2, 30], ['l05', 2, 120], ['l06', 3, 10], ['l07', 5, 2], ['l08', 8, 45]];
    for (const [id, orders, last] of shape) await commitIngestedCustomer(table, `c:live:${id}`, { fields: { country: 'DE' }, aggregates: ordersOf(id, orders, last) }, NOW);
    const policies = policyStore(table, { defaultPolicy: FITTED });
    const fits = rfmFitStore(table);
    const queue: Array<{ customerId: string; causedBy: string }> = [];
    const refresh = refreshRfmFitOnSchedule({ portfolio: profilePortfolio(table), fits, policies, recompute: { enqueue: async (r) => void queue.push(...r) }, clock });
    const recompute = recomputeRating({ profiles: profileStore(table), policies, history: ratingHistoryStore(table), clock, rfmFits: fits });

    // Act
    const outcome = await refresh();
    for (const m of queue) await recompute(m);

    // Assess: version 5 (after the four above), segments compared against v4, which was fitted to other keys.
    expect(outcome).toMatchObject({ outcome: 'fitted', version: 5, customers: shape.length });
    const fit = (await fits.get())!;
    expect(fit.asOf).toBe(NOW.toISOString());
    expect(queue.length).toBeGreaterThan(0);
    expect(queue.every((m) => m.causedBy === 'rfm-fit:v5')).toBe(true);
    for (const { customerId } of queue) {
      const profile = (await profileStore(table).get(customerId))!;
      expect(profile.rating?.rfm, customerId).toEqual(rfmOnFit(profile, NOW, FITTED.rfm, fit));
      expect(profile.rating?.warnings ?? []).toEqual([]);
    }
    // The same refresh again the same day: a new version, no segment moved, nothing to recompute.
    queue.length = 0;
    expect(await refresh()).toMatchObject({ version: 6, recomputeRequested: 0 });
    expect(queue).toEqual([]);
  });
});
