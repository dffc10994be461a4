import { iso7064Mod11_2 } from './checksums.js';
import { accept, compact, refuse, type NormaliseResult } from './result.js';

/**
 * Validates an 18-digit Chinese resident identity number (GB 11643-1999): 6-digit region,
 * an existing birth date YYYYMMDD between 1900-01-01 and today's year, 3-digit sequence and the
 * ISO 7064 MOD 11-2 check character ('X' for 10). The 15-digit legacy form is refused.
 * `today` is a parameter so the rule stays deterministic.
 */
export const normaliseCnResidentId = (raw: string, today: Date = new Date()): NormaliseResult => {
  const value = compact(raw);
  if (!/^\d{17}[\dX]$/.test(value)) return refuse('a resident id has 17 digits and a check digit or X');
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return refuse('birth date is not a valid date');
  }
  if (birth.getTime() > today.getTime()) return refuse('birth date is in the future');
  if (iso7064Mod11_2(value.slice(0, 17)) !== value[17]) return refuse('check digit does not match');
  return accept(value);
};
