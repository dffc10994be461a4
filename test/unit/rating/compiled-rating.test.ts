import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';
import { compilePolicy } from '../../../shared/domain/rating/compiled/compile-policy.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { parsePolicy, type RiskPolicy } from '../../../shared/domain/rating/policy.js';
import { rateProfileReference } from '../../../shared/domain/rating/rate-profile-reference.js';
import { rateProfile, rateUnhashed, sameRatingInputs } from '../../../shared/domain/rating/rate-profile.js';
import type { RatingResult } from '../../../shared/domain/rating/rating-result.js';
import { NOW, daysAgo, dnb, experian, syntheticProfile, tradingProfile, type TradeOptions } from '../../fixtures/rating/profiles.js';
import { goldenProfile, V1_GOLDEN_POLICIES } from '../../fixtures/rating/v1-golden.js';

const POLICIES: Array<[string, RiskPolicy]> = [
  ['default', DEFAULT_POLICY],
  ...Object.entries(V1_GOLDEN_POLICIES).map(([name, doc]): [string, RiskPolicy] => [name, parsePolicy(doc)]),
  ['partner max', parsePolicy({ ...JSON.parse(JSON.stringify(DEFAULT_POLICY)), partners: { combine: 'max', weights: { p2: 0 } } })],
  ['partner weights', parsePolicy({ ...JSON.parse(JSON.stringify(DEFAULT_POLICY)), partners: { weights: { p1: 1, p2: 0.3, p3: 0 }, defaultWeight: 0.1, maxAgeDays: 200 } })],
];

const tradeArb: fc.Arbitrary<TradeOptions> = fc.record(
  {
    monthlyOrders: fc.integer({ min: 0, max: 40 }),
    monthlyNetMinor: fc.integer({ min: -100_000, max: 10_000_000 }),
    activeMonths: fc.integer({ min: 1, max: 24 }),
    lastOrderDaysAgo: fc.integer({ min: -30, max: 1_000 }),
    openMinor: fc.integer({ min: -10_000, max: 50_000_000 }),
    overdueMinor: fc.integer({ min: -10_000, max: 60_000_000 }),
    oldestOpenDueDaysAgo: fc.integer({ min: -10, max: 400 }),
    maxDaysPastDue: fc.integer({ min: 0, max: 200 }),
    payments: fc.integer({ min: 0, max: 200 }),
    lateCount: fc.integer({ min: 0, max: 200 }),
    daysLateSum: fc.integer({ min: 0, max: 5_000 }),
  },
  { requiredKeys: [] },
);

const profileArb: fc.Arbitrary<CustomerProfile> = fc
  .record({
    trade: tradeArb,
    fico: fc.option(fc.integer({ min: 300, max: 850 }), { nil: undefined }),
    ficoMismatch: fc.boolean(),
    paydex: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    bureauLimit: fc.option(fc.integer({ min: -1, max: 20_000_000 }), { nil: undefined }),
    bureauDpd: fc.integer({ min: 0, max: 120 }),
    partnerPd: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    partnerAgeDays: fc.integer({ min: 0, max: 800 }),
    others: fc.array(fc.record({ partnerId: fc.constantFrom('p1', 'p2', 'p3', 'p4'), pd: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }), ageDays: fc.integer({ min: 0, max: 800 }) }), { maxLength: 4 }),
    frozen: fc.boolean(),
    currency: fc.constantFrom('EUR', 'USD', 'JPY', undefined),
    swapOrderDates: fc.boolean(),
    noOrders: fc.boolean(),
    synthetic: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: undefined }),
  })
  .map((o): CustomerProfile => {
    if (o.synthetic !== undefined) return goldenProfile(o.synthetic);
    const p = tradingProfile(o.trade);
    if (o.fico !== undefined) p.credit.experian = experian(o.fico, { subjectMatch: o.ficoMismatch ? 'mismatch' : 'match', tradelines: { count: 3, delinquentCount: 1, worstDaysPastDue: o.bureauDpd, totalBalanceMinor: 0, totalPastDueMinor: 0 } });
    if (o.paydex !== undefined) p.credit.dnb = dnb(o.paydex, o.bureauLimit);
    if (o.partnerPd !== undefined) p.assessments = [{ partnerId: 'p1', assessmentId: 'a1', pd: o.partnerPd, submittedAt: daysAgo(o.partnerAgeDays) }];
    o.others.forEach((x, i) => p.assessments.push({ partnerId: x.partnerId, assessmentId: `o${i}`, ...(x.pd === undefined ? {} : { pd: x.pd }), submittedAt: daysAgo(x.ageDays) }));
    if (o.frozen) p.freeze = { reason: 'test', frozenAt: NOW.toISOString(), by: 'test' };
    if (o.currency === undefined) delete p.aggregates.currency;
    else p.aggregates.currency = o.currency;
    const orders = p.aggregates.orders;
    if (o.swapOrderDates) [orders.firstOrderAt, orders.lastOrderAt] = [orders.lastOrderAt, orders.firstOrderAt];
    if (o.noOrders) p.aggregates.orders = { count: 0, cancelledCount: 0, grossMinor: 0, netMinor: 0, months: [] };
    return p;
  });

const withoutHash = ({ inputsHash: _ignored, ...rest }: RatingResult): Omit<RatingResult, 'inputsHash'> => rest;

describe('compiled rating', () => {
  it('gives exactly the reference engine’s score, PD, grade, limit, reasons and every other field on random profiles', () => {
    fc.assert(
      fc.property(profileArb, fc.constantFrom(...POLICIES), (profile, [, policy]) => {
        // Act
        const reference = rateProfileReference(profile, policy, NOW);
        const compiled = rateUnhashed(profile, policy, NOW);
        // Assess
        expect(compiled).toEqual(withoutHash(reference));
        expect(compiled.limit?.factors).toEqual(reference.limit?.factors);
        expect(compiled.reasons).toEqual(reference.reasons);
      }),
      { numRuns: 600 },
    );
  }, 20_000);

  it('recognises the reference engine’s version 1 hash as the same inputs, and a changed input as changed', () => {
    fc.assert(
      fc.property(profileArb, fc.constantFrom(...POLICIES), (profile, [, policy]) => {
        // Act
        const reference = rateProfileReference(profile, policy, NOW);
        const persisted = rateProfile(profile, policy, NOW);
        const moved = rateProfile({ ...profile, aggregates: { ...profile.aggregates, exposure: { ...profile.aggregates.exposure, openMinor: profile.aggregates.exposure.openMinor + 1 } } }, policy, NOW);
        // Assess
        expect(persisted.inputsHash).toMatch(/^h2:[A-Za-z0-9_-]{43}$/);
        expect(sameRatingInputs(reference.inputsHash, persisted)).toBe(true);
        expect(sameRatingInputs(persisted.inputsHash, persisted)).toBe(true);
        expect(sameRatingInputs(reference.inputsHash, moved)).toBe(false);
        expect(sameRatingInputs(persisted.inputsHash, moved)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('rates the synthetic portfolio as the reference engine does, warnings and missing-data reasons included', () => {
    for (const [name, policy] of POLICIES) {
      for (let i = 0; i < 300; i += 1) {
        const p = syntheticProfile(i);
        expect(rateUnhashed(p, policy, NOW), `${name} #${i}`).toEqual(withoutHash(rateProfileReference(p, policy, NOW)));
      }
    }
  }, 20_000);

  it('reuses its buffers without leaking one rating into the next', () => {
    // Prepare
    const compiled = compilePolicy(DEFAULT_POLICY);
    const good = tradingProfile();
    const bad = tradingProfile({ overdueMinor: 600_000, oldestOpenDueDaysAgo: 95, maxDaysPastDue: 95 });
    // Act
    const first = compiled.rate(good, NOW);
    compiled.rate(bad, NOW);
    const again = compiled.rate(good, NOW);
    // Assess
    expect(again).toEqual(first);
    expect(again.reasons).not.toBe(first.reasons);
  });
});
