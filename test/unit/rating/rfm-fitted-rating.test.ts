import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/domain/clock.js';
import type { CrmOrderRecord } from '../../../shared/domain/crm/crm-record.js';
import { applyOrder } from '../../../shared/domain/profile/aggregate-updates.js';
import { newProfile, type CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import type { RiskPolicy } from '../../../shared/domain/rating/policy.js';
import { rateProfile, rateUnhashed } from '../../../shared/domain/rating/rate-profile.js';
import { fitRfm, rfmObservation, type RfmFit } from '../../../shared/domain/rating/rfm.js';
import { decideRating } from '../../../shared/domain/risk/recompute-rating.js';
import { refreshRfmFitOnSchedule } from '../../../shared/domain/risk/refresh-rfm-fit.js';

const AS_OF = new Date('2024-07-01T00:00:00.000Z');
const DAY = 86_400_000;

const order = (customer: string, n: number, daysBefore: number): CrmOrderRecord => {
  const at = new Date(AS_OF.getTime() - daysBefore * DAY - 3_600_000).toISOString();
  return {
    crm: 'generic', connectionId: 'shop', externalId: `${customer}-${n}`, modifiedAt: at, deleted: false, objectType: 'order',
    customerExternalId: customer, orderedAt: at, amount: { amountMinor: 10_000, currency: 'EUR' }, status: 'placed',
  };
};

/** The ten customers of rfm.test.ts: (orders, days since the last one). */
const SHAPE: [string, number, number][] = [
  ['c01', 1, 200], ['c02', 1, 5], ['c03', 1, 60], ['c04', 2, 30], ['c05', 2, 120],
  ['c06', 3, 10], ['c07', 4, 90], ['c08', 5, 2], ['c09', 8, 45], ['c10', 10, 15],
];

const portfolio = (shape = SHAPE): CustomerProfile[] =>
  shape.map(([id, orders, last]) => {
    const profile = newProfile(`c:crm:generic:shop:${id}`, 'business', AS_OF);
    for (let n = 0; n < orders; n += 1) profile.aggregates = applyOrder(profile.aggregates, undefined, order(id, n, last + n * 3));
    return profile;
  });

const FITTED: RiskPolicy = { ...DEFAULT_POLICY, rfm: { ...DEFAULT_POLICY.rfm, edges: 'fitted' } };
const byId = (profiles: CustomerProfile[], id: string): CustomerProfile => profiles.find((p) => p.customerId.endsWith(id))!;

describe('rating with a stored RFM fit', () => {
  const profiles = portfolio();
  const fit = fitRfm(profiles.map((p) => rfmObservation(p, AS_OF)!), { asOf: AS_OF, fittedAt: AS_OF });

  it('scores R, F and M on the fit edges under a policy that asks for them, and on the policy edges otherwise', () => {
    // Prepare: c08 (5 orders, last 2 days ago) is F3 on the policy edges (4 ≤ 5 < 8) but F4 in the portfolio's quintiles.
    const c08 = byId(profiles, 'c08');
    // Act
    const own = rateProfile(c08, DEFAULT_POLICY, AS_OF, { rfmFit: fit });
    const fitted = rateProfile(c08, FITTED, AS_OF, { rfmFit: fit });
    // Assess
    expect(own.rfm).toMatchObject({ r: 5, f: 3, segment: 'Potential Loyalist' });
    expect(fitted.rfm).toMatchObject({ r: 5, f: 4, segment: 'Champions' });
    expect(fitted.warnings ?? []).toEqual([]);
    expect(rateUnhashed(c08, FITTED, AS_OF, { rfmFit: fit }).rfm).toEqual(fitted.rfm);
    // Everything but RFM is the same rating.
    expect({ ...fitted, rfm: undefined, inputsHash: '' }).toEqual({ ...own, rfm: undefined, inputsHash: '' });
    // The fit is an input: another fit version (or none) is another inputs hash, so the stored rating never keeps a stale warning.
    expect(rateProfile(c08, FITTED, AS_OF, { rfmFit: { ...fit, version: 2 } }).inputsHash).not.toBe(rateProfile(c08, FITTED, AS_OF, { rfmFit: { ...fit, version: 1 } }).inputsHash);
    expect(rateProfile(c08, FITTED, AS_OF).inputsHash).not.toBe(fitted.inputsHash);
  });

  it('keeps the policy edges and says so when the policy asks for a fit and none is stored', () => {
    const rating = rateProfile(byId(profiles, 'c08'), FITTED, AS_OF);
    expect(rating.rfm).toMatchObject({ f: 3, segment: 'Potential Loyalist' });
    expect(rating.warnings?.map((w) => w.code)).toContain('RFM_NO_FIT');
  });

  it('makes the recompute decision see a segment moved by a refit as a rating change', () => {
    // Prepare: c08 rated on the policy edges (no fit yet).
    const c08 = byId(profiles, 'c08');
    const before = decideRating(c08, FITTED, AS_OF)!;
    // Act
    const same = decideRating(before.profile, FITTED, AS_OF);
    const refit = decideRating(before.profile, FITTED, AS_OF, [], { rfmFit: fit });
    // Assess
    expect(same).toBeUndefined();
    expect(refit?.ratingChanged).toBe(true);
    expect(refit?.profile.rating?.rfm?.segment).toBe('Champions');
  });
});

describe('refreshRfmFitOnSchedule', () => {
  const setup = (policy: RiskPolicy, shape = SHAPE) => {
    const stored: RfmFit[] = [];
    const enqueued: Array<{ customerId: string; causedBy: string }> = [];
    let profiles = portfolio(shape);
    const clock = fixedClock(AS_OF.toISOString());
    const refresh = refreshRfmFitOnSchedule({
      portfolio: { profiles: async function* () { yield* profiles; } },
      fits: { get: async (v?: number) => (v === undefined ? stored.at(-1) : stored[v - 1]), put: async (f) => { const s = { ...f, version: stored.length + 1 }; stored.push(s); return s; } },
      policies: { active: async () => ({ rev: 1, record: { policy, status: 'active', author: 'system', approvals: [] } as never }) },
      recompute: { enqueue: async (r) => void enqueued.push(...r) },
      clock,
    });
    return { refresh, stored, enqueued, clock, setProfiles: (p: CustomerProfile[]) => (profiles = p) };
  };

  it('stores nothing and fails nothing with fewer than 5 customers who ordered', async () => {
    const { refresh, stored } = setup(FITTED, SHAPE.slice(0, 4));
    expect(await refresh()).toEqual({ outcome: 'no_data', customers: 4 });
    expect(stored).toEqual([]);
  });

  it('stores a new version as of the run time and recomputes nobody under a policy with its own edges', async () => {
    const { refresh, stored, enqueued } = setup(DEFAULT_POLICY);
    const outcome = await refresh();
    expect(outcome).toMatchObject({ outcome: 'fitted', version: 1, customers: 10, recomputeRequested: 0 });
    expect(stored[0]?.asOf).toBe(AS_OF.toISOString());
    expect(enqueued).toEqual([]);
  });

  it('recomputes everyone after the first fit, then only the customers whose segment a refit moved', async () => {
    // Prepare
    const { refresh, enqueued, clock, setProfiles } = setup(FITTED);
    // Act 1: first fit — every customer with orders was rated on the policy edges.
    const first = await refresh();
    const firstIds = enqueued.splice(0).map((r) => r.customerId);
    // Act 2: the next day nothing changed but one day of recency for everyone: the same segments.
    clock.advance(DAY);
    const second = await refresh();
    const secondIds = enqueued.splice(0).map((r) => r.customerId);
    // Act 3: c02 orders four times more: its frequency rank moves up, shifting others' ranks too.
    const grown = portfolio(SHAPE.map(([id, n, last]) => (id === 'c02' ? [id, n + 8, last] : [id, n, last])));
    setProfiles(grown);
    const third = await refresh();
    const third3 = enqueued.splice(0);
    // Assess
    expect(first).toMatchObject({ version: 1, recomputeRequested: 10 });
    expect(firstIds).toHaveLength(10);
    expect(second).toMatchObject({ version: 2, recomputeRequested: 0 });
    expect(secondIds).toEqual([]);
    expect(third).toMatchObject({ version: 3 });
    expect(third3.length).toBeGreaterThan(0);
    expect(third3.every((r) => r.causedBy === 'rfm-fit:v3')).toBe(true);
    // Exactly the customers whose segment differs between fit v2 and v3 on the same observations.
    const v2 = fitRfm(portfolio().map((p) => rfmObservation(p, new Date(AS_OF.getTime() + DAY))!), { asOf: AS_OF, fittedAt: AS_OF });
    const v3 = fitRfm(grown.map((p) => rfmObservation(p, new Date(AS_OF.getTime() + DAY))!), { asOf: AS_OF, fittedAt: AS_OF });
    const seg = (f: RfmFit, p: CustomerProfile) => rateProfile(p, FITTED, new Date(AS_OF.getTime() + DAY), { rfmFit: f }).rfm?.segment;
    const moved = grown.filter((p) => seg(v2, p) !== seg(v3, p)).map((p) => p.customerId);
    expect(third3.map((r) => r.customerId).sort()).toEqual(moved.sort());
  });
});
