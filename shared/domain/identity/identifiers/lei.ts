import { mod97 } from './checksums.js';
import { accept, compact, refuse, type NormaliseResult } from './result.js';

/** Two check digits that make `first18 + check` pass ISO 7064 MOD 97-10. */
export const leiCheckDigits = (first18: string): string => String(98 - mod97(`${first18}00`)).padStart(2, '0');

/**
 * Validates a Legal Entity Identifier (ISO 17442): 18 alphanumerics then 2 check digits, the
 * whole string read with A=10 … Z=35 being ≡ 1 (mod 97). Returns upper case without separators.
 */
export const normaliseLei = (raw: string): NormaliseResult => {
  const value = compact(raw);
  if (!/^[0-9A-Z]{18}\d{2}$/.test(value)) return refuse('an LEI is 18 letters/digits and 2 check digits');
  if (mod97(value) !== 1) return refuse('check digits do not match (ISO 7064 MOD 97-10)');
  return accept(value);
};
