import { accept, refuse, type NormaliseResult } from './result.js';

/** Campus prefixes the IRS has assigned (01–06, 10–16, 20–27, 30–48, 50–68, 71–77, 80–88, 90–95, 98, 99). */
const VALID_PREFIX = /^(0[1-6]|1[0-6]|2[0-7]|3\d|4[0-8]|5\d|6[0-8]|7[1-7]|8[0-8]|9[0-5]|9[89])$/;

/**
 * Validates a US Employer Identification Number: 9 digits (`12-3456789` or plain) with an
 * assigned prefix. EINs carry no check digit. Returns the plain 9 digits.
 */
export const normaliseEin = (raw: string): NormaliseResult => {
  const trimmed = raw.normalize('NFKC').trim();
  if (!/^\d{2}-?\d{7}$/.test(trimmed)) return refuse('an EIN is 9 digits, optionally written 12-3456789');
  const value = trimmed.replace('-', '');
  if (!VALID_PREFIX.test(value.slice(0, 2))) return refuse('prefix is not an IRS-assigned EIN prefix');
  return accept(value);
};
