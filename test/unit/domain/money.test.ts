import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMinorUnits, toMinorUnits } from '../../../shared/domain/money.js';

describe('toMinorUnits', () => {
  it('converts decimal strings at the currency precision, rounding half away from zero', () => {
    expect(toMinorUnits('1234.565', 'EUR')).toBe(123457);
    expect(toMinorUnits('-0.005', 'USD')).toBe(-1);
    expect(toMinorUnits('1,000', 'JPY')).toBe(1000);
    expect(toMinorUnits(12.3, 'KWD')).toBe(12300);
  });

  it('refuses sentinels and non-numbers instead of producing NaN', () => {
    for (const bad of ['Not Rated', '', null, undefined, 'NaN', 'Infinity', '1e400', {}]) {
      expect(toMinorUnits(bad, 'EUR')).toBeUndefined();
    }
  });

  it('round-trips through formatMinorUnits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom('EUR', 'JPY', 'KWD', 'CNY'), (minor, currency) => {
        expect(toMinorUnits(formatMinorUnits(minor, currency), currency)).toBe(minor);
      }),
    );
  });
});
