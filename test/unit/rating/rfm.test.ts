import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/domain/clock.js';
import type { CrmOrderRecord } from '../../../shared/domain/crm/crm-record.js';
import { applyOrder } from '../../../shared/domain/profile/aggregate-updates.js';
import { newProfile, type CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';
import { fitRfm, NoRfmDataError, quantile, refreshRfmFit, rfmObservation, scoreRfm, type RfmFit } from '../../../shared/domain/rating/rfm.js';

const AS_OF = new Date('2024-07-01T00:00:00.000Z');
const DAY = 86_400_000;

const order = (customer: string, n: number, daysBefore: number, status: 'placed' | 'cancelled' = 'placed'): CrmOrderRecord => {
  const at = new Date(AS_OF.getTime() - daysBefore * DAY - 3_600_000).toISOString();
  return {
    crm: 'generic', connectionId: 'shop', externalId: `${customer}-${n}-${status}`, modifiedAt: at, deleted: false, objectType: 'order',
    customerExternalId: customer, orderedAt: at, amount: { amountMinor: status === 'placed' ? 10_000 : -5_000, currency: 'EUR' }, status,
  };
};

/**
 * Ten customers: (orders, days since the last one). Their scores were worked out by hand, the way
 * pandas does it (docs/rfm.md): recency quintiles of [2,5,10,15,30,45,60,90,120,200] are 9, 24, 51
 * and 96 days; frequency ranks with ties in id order put c01–c02 in F1 (c03, also one order, in F2),
 * c03–c04 F2, c05–c06 F3, c07–c08 F4, c09–c10 F5.
 */
const FIXTURE: [id: string, orders: number, lastDaysAgo: number, r: number, f: number, segment: string][] = [
  ['c01', 1, 200, 1, 1, 'Hibernating'],
  ['c02', 1, 5, 5, 1, 'New'],
  ['c03', 1, 60, 2, 2, 'Hibernating'],
  ['c04', 2, 30, 3, 2, 'About to Sleep'],
  ['c05', 2, 120, 1, 3, 'At Risk'],
  ['c06', 3, 10, 4, 3, 'Potential Loyalist'],
  ['c07', 4, 90, 2, 4, 'At Risk'],
  ['c08', 5, 2, 5, 4, 'Champions'],
  ['c09', 8, 45, 3, 5, 'Loyal'],
  ['c10', 10, 15, 4, 5, 'Loyal'],
];

const portfolio = (): CustomerProfile[] =>
  FIXTURE.map(([id, orders, last]) => {
    const profile = newProfile(`c:crm:generic:shop:${id}`, 'business', AS_OF);
    for (let n = 0; n < orders; n += 1) profile.aggregates = applyOrder(profile.aggregates, undefined, order(id, n, last + n * 3));
    return profile;
  });

describe('rfm', () => {
  it('interpolates quantiles linearly, like numpy', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([2, 5, 10, 15, 30, 45, 60, 90, 120, 200], 0.2)).toBeCloseTo(9);
  });

  it('fits portfolio quintiles and segments a small portfolio as worked out by hand', () => {
    // Prepare
    const observations = portfolio().map((p) => rfmObservation(p, AS_OF)!);
    // Act
    const fit = fitRfm(observations, { asOf: AS_OF, fittedAt: AS_OF });
    // Assess
    expect(fit.recencyDays.map((e) => Math.round(e * 1e9) / 1e9)).toEqual([9, 24, 51, 96]);
    for (const [id, , , r, f, segment] of FIXTURE) {
      const o = observations.find((x) => x.key.endsWith(id))!;
      expect({ id, ...pick(scoreRfm(o, fit)) }).toEqual({ id, r, f, segment });
    }
    expect(fit.segmentCounts).toEqual({ Hibernating: 2, New: 1, 'About to Sleep': 1, 'At Risk': 2, 'Potential Loyalist': 1, Champions: 1, Loyal: 2 });
  });

  it('measures recency from the last placed order: a later cancellation does not make a customer recent', () => {
    // Prepare
    const [first] = portfolio();
    first!.aggregates = applyOrder(first!.aggregates, undefined, order('c01', 9, 1, 'cancelled'));
    // Act
    const o = rfmObservation(first!, AS_OF)!;
    // Assess
    expect(o.recencyDays).toBe(200);
    expect(o.frequency).toBe(1);
  });

  it('is independent of input order and scores a customer outside the fit by the same ranks', () => {
    const observations = portfolio().map((p) => rfmObservation(p, AS_OF)!);
    const a = fitRfm(observations, { asOf: AS_OF, fittedAt: AS_OF });
    const b = fitRfm([...observations].reverse(), { asOf: AS_OF, fittedAt: AS_OF });
    expect(b).toEqual(a);
    // Orders like c03 and c04 and sorts after c03 by id: the same F2 as c03.
    expect(scoreRfm({ key: 'c:crm:generic:shop:c03a', recencyDays: 1, frequency: 1, monetaryMinor: 0 }, a).f).toBe(2);
    expect(scoreRfm({ key: 'c:crm:generic:shop:c00', recencyDays: 1, frequency: 1, monetaryMinor: 0 }, a).f).toBe(1);
  });

  it('leaves out orders after the as-of date and customers who had not ordered by then', () => {
    const [profile] = portfolio();
    expect(rfmObservation(profile!, new Date(AS_OF.getTime() - 300 * DAY))).toBeUndefined();
    expect(rfmObservation(profile!, new Date(AS_OF.getTime() + 10 * DAY))?.recencyDays).toBe(210);
  });

  it('refreshes the stored fit as of the day after the latest order (auto) and refuses an empty portfolio', async () => {
    // Prepare
    const stored: RfmFit[] = [];
    const fits = { get: async () => stored.at(-1), put: async (f: RfmFit) => { const v = { ...f, version: stored.length + 1 }; stored.push(v); return v; } };
    const profiles = portfolio();
    const refresh = refreshRfmFit({ portfolio: { profiles: async function* () { yield* profiles; } }, fits, clock: fixedClock('2026-01-01T00:00:00Z') });
    // Act
    const fit = await refresh('auto');
    // Assess: c08's last order was 2 days and 1 hour before AS_OF (06-28 23:00), so the day after it is 06-29.
    expect(fit.asOf).toBe('2024-06-29T00:00:00.000Z');
    expect(fit.customers).toBe(10);
    expect(stored).toEqual([fit]);
    const empty = refreshRfmFit({ portfolio: { profiles: async function* () {} }, fits, clock: fixedClock('2026-01-01T00:00:00Z') });
    await expect(empty('auto')).rejects.toBeInstanceOf(NoRfmDataError);
  });
});

const pick = (x: { r: number; f: number; segment: string }) => ({ r: x.r, f: x.f, segment: x.segment });
