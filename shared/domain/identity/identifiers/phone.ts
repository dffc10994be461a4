import { accept, refuse, type NormaliseResult } from './result.js';

/** Countries whose national number formats are understood without a `+` prefix. */
export type PhoneDefaultCountry = 'CN' | 'US' | 'GB' | 'DE';

const CALLING_CODE: Record<PhoneDefaultCountry, string> = { CN: '86', US: '1', GB: '44', DE: '49' };

const national = (digits: string, country: PhoneDefaultCountry): string | undefined => {
  switch (country) {
    case 'CN':
      if (/^1[3-9]\d{9}$/.test(digits)) return digits; // mobile
      if (/^0[1-9]\d{8,10}$/.test(digits)) return digits.slice(1); // trunk 0 + area + subscriber
      return undefined;
    case 'US':
      if (/^1[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return digits.slice(1);
      if (/^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return digits;
      return undefined;
    case 'GB':
      if (/^0[1-9]\d{8,9}$/.test(digits)) return digits.slice(1);
      return undefined;
    case 'DE':
      if (/^0[1-9]\d{5,13}$/.test(digits)) return digits.slice(1);
      return undefined;
  }
};

/**
 * Normalises a phone number to E.164 (`+<country code><number>`, at most 15 digits).
 * International input (`+44 20 7946 0958`, `0044…`, `(+86) 138-0013-8000`) keeps its country
 * code; national input is read with `defaultCountry` (CN, US, GB, DE), dropping the trunk 0.
 * Extensions (`ext. 12`, `x12`) are ignored. Without a default country, national input is refused.
 */
export const normalisePhone = (raw: string, defaultCountry?: PhoneDefaultCountry): NormaliseResult => {
  const text = raw.normalize('NFKC').trim().replace(/\s*(ext\.?|x|#)\s*\d+$/i, '');
  if (!/^[+\d\s().\-/]+$/.test(text)) return refuse('a phone number has digits and + ( ) . - / only');
  const digits = text.replace(/\D/g, '');
  let e164: string | undefined;
  if (text.startsWith('+')) e164 = digits;
  else if (digits.startsWith('00')) e164 = digits.slice(2);
  else if (defaultCountry) {
    const nat = national(digits, defaultCountry);
    if (nat === undefined) return refuse(`not a valid ${defaultCountry} national number`);
    e164 = CALLING_CODE[defaultCountry] + nat;
  } else return refuse('a national number needs a default country');
  // The GB/DE/CN trunk 0 is sometimes written after the country code: +44 (0)20 …
  if (/^(44|49|86)0/.test(e164)) e164 = e164.slice(0, 2) + e164.slice(3);
  if (!/^[1-9]\d{7,14}$/.test(e164)) return refuse('an E.164 number has 8 to 15 digits and no leading 0');
  return accept(`+${e164}`);
};
