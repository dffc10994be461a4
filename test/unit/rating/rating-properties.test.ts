import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';
import { DEFAULT_POLICY } from '../../../shared/domain/rating/default-policy.js';
import { rateProfile } from '../../../shared/domain/rating/rate-profile.js';
import { RatingResultSchema } from '../../../shared/domain/rating/rating-result.js';
import { NOW, dnb, experian, tradingProfile, type TradeOptions } from '../../fixtures/rating/profiles.js';

const tradeArb: fc.Arbitrary<TradeOptions> = fc.record({
  monthlyOrders: fc.integer({ min: 0, max: 40 }),
  monthlyNetMinor: fc.integer({ min: -100_000, max: 10_000_000 }),
  activeMonths: fc.integer({ min: 1, max: 24 }),
  lastOrderDaysAgo: fc.integer({ min: -30, max: 1_000 }),
  openMinor: fc.integer({ min: 0, max: 50_000_000 }),
  payments: fc.integer({ min: 0, max: 200 }),
  lateCount: fc.integer({ min: 0, max: 200 }),
  daysLateSum: fc.integer({ min: 0, max: 5_000 }),
});

const withBureaus = (p: CustomerProfile, fico: number | undefined, paydex: number | undefined): CustomerProfile => {
  if (fico !== undefined) p.credit.experian = experian(fico);
  if (paydex !== undefined) p.credit.dnb = dnb(paydex, 5_000_000);
  return p;
};

const rate = (p: CustomerProfile) => rateProfile(p, DEFAULT_POLICY, NOW);

describe('rateProfile properties', () => {
  it('never improves the score or grade when delinquency gets worse (higher DPD, more overdue)', () => {
    fc.assert(
      fc.property(
        tradeArb,
        fc.option(fc.integer({ min: 300, max: 850 }), { nil: undefined }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (trade, fico, dpdA, dpdExtra, overdueShare, overdueExtraShare) => {
          // Prepare
          const open = trade.openMinor ?? 0;
          const overdueA = Math.floor(open * overdueShare);
          const overdueB = Math.min(open, overdueA + Math.floor(open * overdueExtraShare));
          const better = withBureaus(tradingProfile({ ...trade, maxDaysPastDue: dpdA, overdueMinor: overdueA }), fico, undefined);
          const worse = withBureaus(tradingProfile({ ...trade, maxDaysPastDue: dpdA + dpdExtra, overdueMinor: overdueB }), fico, undefined);
          // Act
          const a = rate(better);
          const b = rate(worse);
          // Assess
          if (a.status === 'rated' && b.status === 'rated') {
            expect(b.pd!).toBeGreaterThanOrEqual(a.pd!);
            const order = DEFAULT_POLICY.grades.scale.map((g) => g.grade);
            expect(order.indexOf(b.grade!)).toBeGreaterThanOrEqual(order.indexOf(a.grade!));
            if (!b.defaulted) expect(b.score!).toBeLessThanOrEqual(a.score!);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never raises the limit when overdue exposure grows', () => {
    fc.assert(
      fc.property(
        tradeArb,
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.integer({ min: 1, max: 20_000_000 }),
        fc.integer({ min: 0, max: 120 }),
        (trade, paydex, overdueA, extra, dpd) => {
          const open = (trade.openMinor ?? 0) + overdueA + extra;
          const a = rate(withBureaus(tradingProfile({ ...trade, openMinor: open - extra, overdueMinor: overdueA, maxDaysPastDue: dpd }), undefined, paydex));
          const b = rate(withBureaus(tradingProfile({ ...trade, openMinor: open, overdueMinor: overdueA + extra, maxDaysPastDue: dpd }), undefined, paydex));
          expect(b.limit!.recommended.amountMinor).toBeLessThanOrEqual(a.limit!.recommended.amountMinor);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('always returns a schema-valid result with finite numbers, whatever the aggregates say', () => {
    fc.assert(
      fc.property(
        tradeArb,
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.option(fc.integer({ min: -1_000, max: 2_000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        fc.boolean(),
        (trade, overdue, dpd, fico, paydex, frozen) => {
          const p = withBureaus(tradingProfile({ ...trade, overdueMinor: overdue, maxDaysPastDue: dpd }), fico, paydex);
          if (frozen) p.freeze = { reason: 'x', frozenAt: NOW.toISOString(), by: 'a' };
          const r = rate(p);
          expect(RatingResultSchema.safeParse(r).success).toBe(true);
          if (r.score !== undefined) expect(Number.isFinite(r.score)).toBe(true);
          expect(Number.isSafeInteger(r.limit!.recommended.amountMinor)).toBe(true);
          expect(r.limit!.recommended.amountMinor).toBeGreaterThanOrEqual(0);
          if (frozen) expect(r.limit!.recommended.amountMinor).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
