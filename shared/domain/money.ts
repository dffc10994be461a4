import { z } from 'zod';

/** ISO 4217 alphabetic code. */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 currency code, e.g. EUR');

/** Money in integer minor units (cents, fen) with its currency: never floats. */
export const MoneySchema = z.object({
  amountMinor: z.number().int(),
  currency: CurrencySchema,
});
export type Money = z.infer<typeof MoneySchema>;

const EXPONENTS: Record<string, number> = {
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
};

/** Number of minor-unit digits of a currency (2 unless ISO 4217 says otherwise). */
export const currencyExponent = (currency: string): number => EXPONENTS[currency] ?? 2;

/**
 * Converts a decimal amount (string or number as sent by a bureau or CRM) to minor units,
 * rounding half away from zero at the currency's precision. Returns undefined for
 * anything that is not a finite number ("Not Rated", "", null).
 * @example toMinorUnits('1234.565', 'EUR') // 123457
 */
export const toMinorUnits = (amount: unknown, currency: string): number | undefined => {
  if (amount === null || amount === undefined) return undefined;
  const text = typeof amount === 'number' ? String(amount) : typeof amount === 'string' ? amount.trim().replace(/[,\s]/g, '') : '';
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(text)) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  const scaled = value * 10 ** currencyExponent(currency);
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled) + 1e-9);
  return Number.isSafeInteger(rounded) ? rounded : undefined;
};

/** Minor units back to a decimal string for display, e.g. 123457 EUR → "1234.57". */
export const formatMinorUnits = (amountMinor: number, currency: string): string => {
  const exp = currencyExponent(currency);
  if (exp === 0) return String(amountMinor);
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor).toString().padStart(exp + 1, '0');
  return `${sign}${abs.slice(0, -exp)}.${abs.slice(-exp)}`;
};

/**
 * Rounds half to even (banker's rounding) to an integer: 0.5 → 0, 1.5 → 2, 2.5 → 2, −1.5 → −2.
 * Values within 1e-9 of a half count as the half (binary fractions of decimal rates).
 * @example roundHalfEven(2.5) // 2
 */
export const roundHalfEven = (value: number): number => {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (Math.abs(diff - 0.5) < 1e-9) return floor % 2 === 0 ? floor : floor + 1;
  return Math.round(value);
};

/**
 * Converts minor units of one currency into another at `rate` (units of `to` per unit of `from`),
 * across different minor-unit exponents, rounded half-even to `to`'s minor units.
 * @example convertMinor(12_345, 'EUR', 'JPY', 161.5) // 19937 (123.45 EUR × 161.5 = 19937.175 JPY)
 */
export const convertMinor = (amountMinor: number, from: string, to: string, rate: number): number => {
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`FX rate ${from}→${to} must be a positive number`);
  return roundHalfEven(amountMinor * rate * 10 ** (currencyExponent(to) - currencyExponent(from)));
};
