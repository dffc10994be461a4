import { accept, refuse, type NormaliseResult } from './result.js';

/**
 * Validates a D-U-N-S number by format only: 9 digits (`15-048-3782` or plain). D&B's
 * mod-10 check-digit rule is not public, so no checksum is verified; the D&B lookup is the
 * only authority. Returns the plain 9 digits.
 */
export const normaliseDuns = (raw: string): NormaliseResult => {
  const value = raw.normalize('NFKC').trim().replace(/[\s-]/g, '');
  if (!/^\d{9}$/.test(value)) return refuse('a DUNS number is 9 digits');
  if (value === '000000000') return refuse('all-zero DUNS is not assigned');
  return accept(value);
};
