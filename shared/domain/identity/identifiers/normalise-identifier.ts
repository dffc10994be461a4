import type { IdentifierScheme } from '../../profile/identifiers.js';
import { normaliseCnResidentId } from './cn-resident-id.js';
import { normaliseCnUscc } from './cn-uscc.js';
import { normaliseCrmRecordId } from './crm-record-id.js';
import { normaliseDuns } from './duns.js';
import { normaliseEin } from './ein.js';
import { normaliseEmail } from './email.js';
import { normaliseEuVat } from './eu-vat.js';
import { normaliseLei } from './lei.js';
import { normalisePhone, type PhoneDefaultCountry } from './phone.js';
import { refuse, type NormaliseResult } from './result.js';

export type { NormaliseResult } from './result.js';

export interface NormaliseOptions {
  /** Country used to read national phone numbers (CN, US, GB, DE). */
  phoneDefaultCountry?: PhoneDefaultCountry;
  /** "Today" for birth-date checks of resident ids; defaults to the current date. */
  today?: Date;
}

/**
 * Validates `raw` under `scheme` and returns its canonical value (the form stored in the
 * identity index `scheme#value`), or the reason it was refused. Never throws.
 * @example normaliseIdentifier('lei', '5493 0084 UKLVMY22DS16') // { ok: true, value: '54930084UKLVMY22DS16' }
 */
export const normaliseIdentifier = (scheme: IdentifierScheme, raw: string, options: NormaliseOptions = {}): NormaliseResult => {
  if (typeof raw !== 'string' || raw.trim() === '') return refuse('empty');
  switch (scheme) {
    case 'cn_uscc':
      return normaliseCnUscc(raw);
    case 'cn_resident_id':
      return normaliseCnResidentId(raw, options.today);
    case 'ein':
      return normaliseEin(raw);
    case 'duns':
      return normaliseDuns(raw);
    case 'lei':
      return normaliseLei(raw);
    case 'vat':
      return normaliseEuVat(raw);
    case 'email':
      return normaliseEmail(raw);
    case 'phone':
      return normalisePhone(raw, options.phoneDefaultCountry);
    case 'crm_record':
      return normaliseCrmRecordId(raw);
    case 'bureau_subject':
    case 'external': {
      const value = raw.normalize('NFKC').trim();
      return value.length <= 200 ? { ok: true, value } : refuse('at most 200 characters');
    }
  }
};

/** Schemes whose equality identifies one legal entity or person: decisive when equal, veto when they differ. */
export const STRONG_SCHEMES: ReadonlySet<IdentifierScheme> = new Set([
  'cn_uscc',
  'cn_resident_id',
  'ein',
  'duns',
  'lei',
  'vat',
  'crm_record',
  'bureau_subject',
]);
