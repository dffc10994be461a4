import type { IdentifierScheme } from '../profile/identifiers.js';
import { normaliseEmail } from './identifiers/email.js';
import { normalisePhone, type PhoneDefaultCountry } from './identifiers/phone.js';

/** What contact points are read from: plain profile fields and identifiers (the same shape as a match subject). */
export interface ContactSource {
  fields: Partial<Record<string, string | number | boolean>>;
  identifiers: readonly { scheme: IdentifierScheme; value: string }[];
}

/** Normalised e-mail addresses, E.164 phone numbers and website domains of one subject. */
export interface ContactPoints {
  emails: Set<string>;
  phones: Set<string>;
  domains: Set<string>;
}

const PHONE_COUNTRIES: ReadonlySet<string> = new Set<PhoneDefaultCountry>(['CN', 'US', 'GB', 'DE']);

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/**
 * The registrable-looking host of a web address, for matching: lower case, without scheme,
 * user info, port, path, query, a leading `www.` and a trailing dot. `undefined` when no host
 * with a dot remains.
 * @example websiteDomain('HTTPS://www.Widgets.example/contact?x=1') // 'widgets.example'
 */
export const websiteDomain = (raw: string): string | undefined => {
  let host = raw.normalize('NFKC').trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.split(/[/?#]/)[0] ?? '';
  host = host.slice(host.lastIndexOf('@') + 1).replace(/:\d*$/, '').replace(/\.$/, '').replace(/^www\d?\./, '');
  return /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u.test(host) ? host : undefined;
};

/**
 * A city name folded for equality: NFKC, lower case, Latin diacritics, spaces, hyphens and
 * apostrophes removed, a trailing 市 dropped (杭州市 = 杭州).
 * @example cityKey('Saint-Étienne') === cityKey('saint etienne') // true
 */
export const cityKey = (raw: string): string =>
  raw
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/[\s\-'’.]+/g, '')
    .replace(/(?<=\p{Script=Han})市$/u, '');

/**
 * The contact points of a subject, from plain fields (`email`, `phone`, `website`) and from
 * `email`/`phone` identifiers alike, so evidence does not depend on how a CRM mapping chose to
 * send them. Phone numbers without `+` are read with the subject's country when it is CN, US,
 * GB or DE; unreadable values are left out.
 */
export const contactPoints = (subject: ContactSource): ContactPoints => {
  const out: ContactPoints = { emails: new Set(), phones: new Set(), domains: new Set() };
  const country = text(subject.fields['country'])?.trim().toUpperCase();
  const phoneOptions = country && PHONE_COUNTRIES.has(country) ? (country as PhoneDefaultCountry) : undefined;
  const addEmail = (raw: string | undefined): void => {
    const n = raw === undefined ? undefined : normaliseEmail(raw);
    if (n?.ok) out.emails.add(n.value);
  };
  const addPhone = (raw: string | undefined): void => {
    const n = raw === undefined ? undefined : normalisePhone(raw, phoneOptions);
    if (n?.ok) out.phones.add(n.value);
  };
  addEmail(text(subject.fields['email']));
  addPhone(text(subject.fields['phone']));
  const website = text(subject.fields['website']);
  const domain = website === undefined ? undefined : websiteDomain(website);
  if (domain) out.domains.add(domain);
  for (const id of subject.identifiers) {
    if (id.scheme === 'email') addEmail(id.value);
    else if (id.scheme === 'phone') addPhone(id.value);
  }
  return out;
};

/** True when the two sets share a value. */
export const intersects = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => {
  for (const v of a) if (b.has(v)) return true;
  return false;
};
