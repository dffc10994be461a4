import { CrmNameSchema } from '../../crm/crm-record.js';
import { accept, refuse, type NormaliseResult } from './result.js';

/**
 * Validates a CRM record identifier `<crm>:<connectionId>:<recordId>`: a known CRM name
 * (lower-cased), a connection id without ':' and a non-empty record id (which may contain ':').
 * Record ids are case-sensitive (Salesforce ids are), so they are kept as sent.
 */
export const normaliseCrmRecordId = (raw: string): NormaliseResult => {
  const trimmed = raw.trim();
  const first = trimmed.indexOf(':');
  const second = trimmed.indexOf(':', first + 1);
  if (first <= 0 || second <= first + 1 || second === trimmed.length - 1) {
    return refuse('a CRM record id is <crm>:<connectionId>:<recordId>');
  }
  const crm = trimmed.slice(0, first).toLowerCase();
  if (!CrmNameSchema.safeParse(crm).success) return refuse(`'${crm}' is not a known CRM`);
  return accept(`${crm}:${trimmed.slice(first + 1, second)}:${trimmed.slice(second + 1)}`);
};

/** Builds the crm_record identifier value of a CRM record. */
export const crmRecordIdOf = (record: { crm: string; connectionId: string; externalId: string }): string =>
  `${record.crm}:${record.connectionId}:${record.externalId}`;
