import { compact, refuse, accept, type NormaliseResult } from './result.js';

/** The 31 characters of GB 32100-2015 (no I, O, S, V, Z), in value order 0…30. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Check character for the first 17 characters of a unified social credit code. */
export const usccCheckChar = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i] ?? '') * (WEIGHTS[i] ?? 0);
  return USCC_CHARSET[(31 - (sum % 31)) % 31] ?? '';
};

/**
 * Validates a Chinese unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters
 * from the 31-character set, the 6-digit administrative division code at positions 3–8, and the
 * weighted mod-31 check character. Accepts full-width input and separators; returns upper case.
 * @example normaliseCnUscc('91350100M000100Y43') // { ok: true, value: '91350100M000100Y43' }
 */
export const normaliseCnUscc = (raw: string): NormaliseResult => {
  const value = compact(raw);
  if (value.length !== 18) return refuse('a unified social credit code has 18 characters');
  for (const ch of value) if (!USCC_CHARSET.includes(ch)) return refuse(`character '${ch}' is not in the GB 32100 set`);
  if (!/^\d{6}$/.test(value.slice(2, 8))) return refuse('positions 3-8 must be an administrative division code');
  if (usccCheckChar(value.slice(0, 17)) !== value[17]) return refuse('check character does not match');
  return accept(value);
};
