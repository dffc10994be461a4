import { iso7064Mod11_10, luhnValid, mod97 } from './checksums.js';
import { accept, compact, refuse, type NormaliseResult } from './result.js';

/** National part formats per VAT prefix (EU member states per VIES, plus GB and XI). */
const FORMATS: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[0-9A-Z]\d{7}[0-9A-Z]$/,
  FI: /^\d{8}$/,
  FR: /^[0-9A-HJ-NP-Z]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{10}01$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  GB: /^(\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})$/,
  XI: /^(\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})$/,
};

const digitsAt = (s: string): number[] => [...s].map(Number);

const gbValid = (n: string): boolean => {
  if (n.startsWith('GD') || n.startsWith('HA')) return true;
  const d = digitsAt(n.slice(0, 9));
  const sum = d.slice(0, 7).reduce((acc, x, i) => acc + x * (8 - i), 0) + Number(n.slice(7, 9));
  return sum % 97 === 0 || (sum + 55) % 97 === 0;
};

/** National checksums implemented; other countries are checked by format only. */
const CHECKS: Record<string, (national: string) => boolean> = {
  DE: (n) => iso7064Mod11_10(n.slice(0, 8)) === Number(n[8]),
  FR: (n) => {
    const key = n.slice(0, 2);
    if (!/^\d{2}$/.test(key)) return true; // new-style alphanumeric keys have no published check
    return (12 + 3 * (Number(n.slice(2)) % 97)) % 97 === Number(key);
  },
  GB: gbValid,
  XI: gbValid,
  NL: (n) => {
    const d = digitsAt(n.slice(0, 9));
    const sum = d.slice(0, 8).reduce((acc, x, i) => acc + x * (9 - i), 0) - (d[8] ?? 0);
    // Since 2020 sole-trader numbers validate with MOD 97-10 over "NL" + number instead.
    return sum % 11 === 0 || mod97(`NL${n}`) === 1;
  },
  IT: (n) => luhnValid(n) && Number(n.slice(7, 10)) >= 1 && (Number(n.slice(7, 10)) <= 100 || [120, 121, 888, 999].includes(Number(n.slice(7, 10)))),
  BE: (n) => 97 - (Number(n.slice(0, 8)) % 97) === Number(n.slice(8)),
};

/** VAT prefixes whose check digits are verified (the rest: format only). */
export const VAT_CHECKSUM_COUNTRIES = Object.keys(CHECKS);

/**
 * Validates an EU (or UK) VAT identification number: a 2-letter prefix (GR is read as EL),
 * the country's national format, and its check digits for DE, FR, GB/XI, NL, IT, BE.
 * Returns prefix + national part, upper case, without separators (`DE136695976`).
 */
export const normaliseEuVat = (raw: string): NormaliseResult => {
  const value = compact(raw);
  const prefix = value.slice(0, 2) === 'GR' ? 'EL' : value.slice(0, 2);
  const national = value.slice(2);
  const format = FORMATS[prefix];
  if (!format) return refuse(`'${prefix}' is not an EU or UK VAT prefix`);
  if (!format.test(national)) return refuse(`does not match the ${prefix} VAT number format`);
  const check = CHECKS[prefix];
  if (check && !check(national)) return refuse(`${prefix} check digits do not match`);
  return accept(prefix + national);
};
