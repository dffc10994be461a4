import { z } from 'zod';
import { ValidationError, type FieldIssue } from '../errors.js';
import { normaliseEmail } from '../identity/identifiers/email.js';
import { normalisePhone, type PhoneDefaultCountry } from '../identity/identifiers/phone.js';
import { ISO_COUNTRIES } from '../iso-codes.js';

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * Typed canonical profile fields, checked before anything is accepted (API and CRM alike): an
 * e-mail is an address, a phone number can be read as E.164, a country is an ISO 3166 alpha-2
 * code, strings are bounded. Numbers and booleans are refused: no field is numeric.
 */
export const CanonicalFieldsSchema = z.strictObject({
  legalName: text(300).optional(),
  tradingName: text(300).optional(),
  email: z.string().trim().max(254).refine((v) => normaliseEmail(v).ok, 'an e-mail address (local@domain)').optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[+\d\s().\-/]{6,40}(\s*(ext\.?|x|#)\s*\d{1,6})?$/i, 'a phone number (E.164 such as +4930123456, or national with a country)')
    .optional(),
  country: z
    .string()
    .trim()
    .overwrite((v) => v.toUpperCase())
    .refine((v) => ISO_COUNTRIES.has(v), 'an ISO 3166-1 alpha-2 country code such as DE or CN')
    .optional(),
  city: text(100).optional(),
  addressLine: text(300).optional(),
  postalCode: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9 -]{0,11}$/, 'a postal code (letters, digits, space, -; at most 12)').optional(),
  industry: text(200).optional(),
  website: z
    .string()
    .trim()
    .max(300)
    .regex(/^(https?:\/\/)?[A-Za-z0-9\u00a1-\uffff-]+(\.[A-Za-z0-9\u00a1-\uffff-]+)+(:\d{1,5})?(\/\S*)?$/, 'a web address such as example.com')
    .optional(),
});
export type CanonicalFields = z.infer<typeof CanonicalFieldsSchema>;

const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', 'GREAT BRITAIN': 'GB', EIRE: 'IE', USA: 'US', 'UNITED STATES OF AMERICA': 'US', RSA: 'ZA', KOREA: 'KR', 'HONG KONG': 'HK', 'CZECH REPUBLIC': 'CZ', RUSSIA: 'RU' };
let countryNames: Map<string, string> | undefined;

/**
 * The ISO 3166-1 alpha-2 code of a country as CRMs and files write it: the code itself, its
 * English name (`United Kingdom`) or a common alias (`EIRE`, `USA`); undefined when unknown.
 * @example countryCodeOf('United Kingdom') // 'GB'
 */
export const countryCodeOf = (text: string): string | undefined => {
  const key = text.trim().toUpperCase();
  if (ISO_COUNTRIES.has(key)) return key;
  if (!countryNames) {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    countryNames = new Map([...ISO_COUNTRIES].map((code) => [(names.of(code) ?? code).toUpperCase(), code]));
  }
  return COUNTRY_ALIASES[key] ?? countryNames.get(key);
};

const PHONE_COUNTRIES = new Set<PhoneDefaultCountry>(['CN', 'US', 'GB', 'DE']);

/**
 * Normalises parsed canonical fields: the phone number to E.164 (a national number is read with
 * `country` when it is CN, US, GB or DE), the e-mail's domain to lower case. An unreadable phone
 * number is a ValidationError at `<prefix>phone`.
 * @example canonicaliseFields({ phone: '030 1234567', country: 'DE' }) // { phone: '+49301234567', country: 'DE' }
 */
export const canonicaliseFields = (fields: CanonicalFields, prefix = 'fields.'): CanonicalFields => {
  const out: CanonicalFields = { ...fields };
  const issues: FieldIssue[] = [];
  if (fields.phone !== undefined) {
    const country = fields.country && PHONE_COUNTRIES.has(fields.country as PhoneDefaultCountry) ? (fields.country as PhoneDefaultCountry) : undefined;
    const phone = normalisePhone(fields.phone, country);
    if (phone.ok) out.phone = phone.value;
    else issues.push({ path: `${prefix}phone`, message: phone.reason, code: 'invalid_format' });
  }
  if (fields.email !== undefined) {
    const at = fields.email.lastIndexOf('@');
    out.email = `${fields.email.slice(0, at)}@${fields.email.slice(at + 1).toLowerCase()}`;
  }
  if (issues.length) throw new ValidationError('The customer fields are not valid', issues);
  return out;
};
