import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CrmChangeNotice } from './change-notice.js';

/**
 * Fingerprint of one write-back RiskBridge made: per field a hash of the normalised value,
 * so the record of what we wrote holds no CRM data in clear.
 */
export const WriteBackFingerprintSchema = z.object({
  connectionId: z.string().min(1),
  externalId: z.string().min(1),
  fieldHashes: z.record(z.string(), z.string()),
  writtenAt: z.iso.datetime({ offset: true }),
});
export type WriteBackFingerprint = z.infer<typeof WriteBackFingerprintSchema>;

export interface LoopGuardConfig {
  /** Ids under which the CRM records RiskBridge's own changes (user ids, HubSpot app id, Salesforce client id). */
  integrationUsers: readonly string[];
  /** Fields the CRM touches on every change (`Modified_Time`, `LastModifiedDate`, ...): ignored when comparing. */
  systemFields?: readonly string[];
  /** How long after a write-back an echo may still arrive. Default 15 minutes. */
  windowMs?: number;
}

export type EchoReason = 'integration_user' | 'own_write_back' | 'foreign_change' | 'not_only_write_back_fields' | 'values_differ' | 'no_recent_write_back';

export interface EchoVerdict {
  echo: boolean;
  reason: EchoReason;
}

/** System fields the four CRMs bump on every update. */
export const DEFAULT_SYSTEM_FIELDS = [
  'Modified_Time', 'Modified_By', 'Last_Activity_Time',
  'LastModifiedDate', 'LastModifiedById', 'SystemModstamp',
  'hs_lastmodifieddate', 'hs_updated_by_user_id',
  'last_modified_time', 'last_modified_by', 'version',
] as const;

const normalise = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? `n:${value}` : '';
  if (typeof value === 'boolean') return `b:${value}`;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return '';
    if (/^[-+]?\d+(\.\d+)?$/.test(text)) return `n:${Number(text)}`;
    if (text === 'true' || text === 'false') return `b:${text}`;
    return `s:${text}`;
  }
  return `j:${JSON.stringify(value)}`;
};

/** Hash of a field value after normalisation ("50000.00" and 50000 hash alike; "" and null too). */
export const hashFieldValue = (value: unknown): string => createHash('sha256').update(normalise(value)).digest('base64url').slice(0, 22);

/** Builds the fingerprint to store right after a successful write-back. */
export const fingerprintWriteBack = (connectionId: string, externalId: string, fields: Record<string, unknown>, writtenAt: Date): WriteBackFingerprint => ({
  connectionId,
  externalId,
  fieldHashes: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, hashFieldValue(value)])),
  writtenAt: writtenAt.toISOString(),
});

const byIntegration = (notice: CrmChangeNotice, users: readonly string[]): boolean => {
  if (users.length === 0) return false;
  if (notice.modifiedBy !== undefined && users.includes(notice.modifiedBy)) return true;
  // Salesforce changeOrigin: com/salesforce/api/rest/62.0;client=<clientId>
  const origin = notice.changeSource ?? '';
  const client = /;client=([^;]+)/.exec(origin)?.[1];
  return client !== undefined && users.includes(client);
};

/**
 * Decides whether an inbound change is the CRM echoing RiskBridge's own write-back, so the
 * hub can drop it instead of re-ingesting (and re-rating, and writing back again...).
 * Echo when the change was made by an integration user, or when every changed non-system
 * field is one we wrote to this record within the window and every value the CRM sent
 * equals what we wrote. When the CRM sends field names without values, the names decide.
 * Pure: recentWriteBacks come from the caller's store.
 */
export const isEcho = (notice: CrmChangeNotice, recentWriteBacks: readonly WriteBackFingerprint[], config: LoopGuardConfig): EchoVerdict => {
  if (byIntegration(notice, config.integrationUsers)) return { echo: true, reason: 'integration_user' };
  if (notice.operation !== 'update' || notice.externalIds.length !== 1) return { echo: false, reason: 'foreign_change' };
  const externalId = notice.externalIds[0];
  const windowMs = config.windowMs ?? 15 * 60_000;
  const at = Date.parse(notice.occurredAt);
  const candidates = recentWriteBacks
    .filter((w) => w.connectionId === notice.connectionId && w.externalId === externalId)
    .filter((w) => {
      const written = Date.parse(w.writtenAt);
      return at >= written - 60_000 && at - written <= windowMs;
    });
  if (candidates.length === 0) return { echo: false, reason: 'no_recent_write_back' };
  const system = new Set<string>(config.systemFields ?? DEFAULT_SYSTEM_FIELDS);
  const changed = (notice.changedFields ?? Object.keys(notice.values ?? {})).filter((f) => !system.has(f));
  if (changed.length === 0) return { echo: false, reason: 'foreign_change' };
  let sawFieldsMatch = false;
  for (const candidate of candidates) {
    if (!changed.every((field) => Object.hasOwn(candidate.fieldHashes, field))) continue;
    sawFieldsMatch = true;
    const values = notice.values ?? {};
    const equal = changed.every((field) => !Object.hasOwn(values, field) || hashFieldValue(values[field]) === candidate.fieldHashes[field]);
    if (equal) return { echo: true, reason: 'own_write_back' };
  }
  return { echo: false, reason: sawFieldsMatch ? 'values_differ' : 'not_only_write_back_fields' };
};
