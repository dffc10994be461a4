import { accept, refuse, type NormaliseResult } from './result.js';

const GMAIL = new Set(['gmail.com', 'googlemail.com']);

/**
 * Normalises an e-mail address for matching: trims, lower-cases the domain (IDNs kept as
 * typed, NFKC), keeps the local part as sent except at Gmail, where dots and `+tags` are
 * insignificant, so the local part is lower-cased, dots and the tag are removed and
 * googlemail.com becomes gmail.com.
 * @example normaliseEmail(' J.Doe+x@GoogleMail.com ') // { ok: true, value: 'jdoe@gmail.com' }
 */
export const normaliseEmail = (raw: string): NormaliseResult => {
  const trimmed = raw.normalize('NFKC').trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return refuse('an e-mail address needs local@domain');
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1).toLowerCase().replace(/\.$/, '');
  if (/\s/.test(trimmed) || local.length > 64 || trimmed.length > 254) return refuse('not a valid e-mail address');
  if (!/^[^\s@.]+(\.[^\s@.]+)+$/.test(domain)) return refuse('the domain is not valid');
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..') || local.includes('@')) {
    return refuse('the local part is not valid');
  }
  if (GMAIL.has(domain)) {
    domain = 'gmail.com';
    local = local.toLowerCase().split('+')[0]?.replace(/\./g, '') ?? '';
    if (!local) return refuse('the local part is empty');
  }
  return accept(`${local}@${domain}`);
};
