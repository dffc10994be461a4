import { describe, expect, it } from 'vitest';
import { convertMinor, roundHalfEven } from '../../../shared/domain/money.js';
import { applyGroupCap, fitGradeMultiples, FxTableSchema, limitInCurrency, MissingFxRateError } from '../../../shared/domain/rating/credit-limit.js';
import { DEFAULT_MASTER_SCALE } from '../../../shared/domain/rating/default-policy.js';

describe('money: half-even rounding', () => {
  it('rounds halves to the even neighbour and everything else to the nearest', () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([0, 2, 2, 4, 0, -2, -2, 2, 3]);
  });

  it('converts across minor-unit exponents, rounding half-even in the target currency', () => {
    expect(convertMinor(125, 'EUR', 'USD', 0.5)).toBe(62); // 0.625 USD → 62.5 cents → 62
    expect(convertMinor(135, 'EUR', 'USD', 0.5)).toBe(68); // 67.5 cents → 68
    expect(convertMinor(12_345, 'EUR', 'JPY', 161.5)).toBe(19_937); // 19937.175 yen
    expect(convertMinor(1_000, 'JPY', 'KWD', 0.002)).toBe(2_000); // 2 KWD in fils
    expect(() => convertMinor(1, 'EUR', 'USD', 0)).toThrow(RangeError);
  });
});

describe('limits in the customer currency from a versioned FX table', () => {
  const table = FxTableSchema.parse({ version: 3, base: 'USD', asOf: '2026-12-01', rates: { EUR: 0.9, GBP: 0.8, JPY: 150 } });

  it('converts through the base currency and leaves same-currency limits alone', () => {
    expect(limitInCurrency({ amountMinor: 900_000, currency: 'EUR' }, 'GBP', table)).toEqual({ amountMinor: 800_000, currency: 'GBP' });
    expect(limitInCurrency({ amountMinor: 900_000, currency: 'EUR' }, 'JPY', table)).toEqual({ amountMinor: 1_500_000, currency: 'JPY' });
    expect(limitInCurrency({ amountMinor: 5, currency: 'GBP' }, 'GBP', table)).toEqual({ amountMinor: 5, currency: 'GBP' });
    expect(() => limitInCurrency({ amountMinor: 1, currency: 'EUR' }, 'CHF', table)).toThrow(MissingFxRateError);
  });

  it('refuses a table without rates, with a non-positive rate or a bad currency code', () => {
    const bad = FxTableSchema.safeParse({ version: 1, base: 'usd', asOf: '2026-12-01', rates: { EUR: 0, GBPX: 1 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['base', 'rates.EUR']));
    expect(FxTableSchema.safeParse({ version: 1, base: 'USD', asOf: '2026-12-01', rates: {} }).success).toBe(false);
  });
});

describe('group cap', () => {
  it('keeps a 3-level group within the cap pro rata, exactly at the cap, and leaves others alone', () => {
    // Prepare: T ← C1 ← G1, T ← C2 ← G2; U stands alone.
    const members = [
      { customerId: 'T', amountMinor: 500 },
      { customerId: 'C1', parentId: 'T', amountMinor: 400 },
      { customerId: 'C2', parentId: 'T', amountMinor: 300 },
      { customerId: 'G1', parentId: 'C1', amountMinor: 200 },
      { customerId: 'G2', parentId: 'C2', amountMinor: 100 },
      { customerId: 'U', amountMinor: 900 },
    ];
    // Act
    const capped = applyGroupCap(members, 1_000);
    // Assess: 2/3 of each; 998 after flooring, the two largest remainders (C1, G2) get the rest.
    expect(Object.fromEntries(capped)).toEqual({ T: 333, C1: 267, C2: 200, G1: 133, G2: 67, U: 900 });
    expect(['T', 'C1', 'C2', 'G1', 'G2'].reduce((s, id) => s + capped.get(id)!, 0)).toBe(1_000);
  });

  it('groups siblings under a parent that has no limit itself, and survives a parent cycle', () => {
    const capped = applyGroupCap(
      [
        { customerId: 'a', parentId: 'holding', amountMinor: 600 },
        { customerId: 'b', parentId: 'holding', amountMinor: 600 },
        { customerId: 'x', parentId: 'y', amountMinor: 10 },
        { customerId: 'y', parentId: 'x', amountMinor: 10 },
      ],
      1_000,
    );
    expect(capped.get('a')! + capped.get('b')!).toBe(1_000);
    expect([capped.get('x'), capped.get('y')]).toEqual([10, 10]);
  });
});

describe('grade multiples fitted to a master scale', () => {
  it('gives the best grade the maximum, falls with PD, and lends nothing from the zero PD on', () => {
    const multiples = fitGradeMultiples(DEFAULT_MASTER_SCALE);
    expect(multiples[0]).toEqual({ grade: 'AAA', purchaseMultiple: 4 });
    for (let i = 1; i < multiples.length; i += 1) expect(multiples[i]!.purchaseMultiple).toBeLessThanOrEqual(multiples[i - 1]!.purchaseMultiple);
    expect(multiples.filter((m) => m.purchaseMultiple === 0).map((m) => m.grade)).toEqual(['CC', 'C', 'D']);
    expect(multiples.find((m) => m.grade === 'CCC')!.purchaseMultiple).toBe(2);
  });
});
