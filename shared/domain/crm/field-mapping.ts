import { z } from 'zod';
import { DomainError, PermanentError, ValidationError } from '../errors.js';
import { formatMinorUnits, toMinorUnits } from '../money.js';
import { IdentifierSchemeSchema } from '../profile/identifiers.js';
import type { RatingResult } from '../rating/rating-result.js';
import { toFieldIssues } from '../validation.js';
import type { CreditHold } from '../measures/credit-hold.js';
import { HOLD_REASON_MAX_LENGTH } from './crm-fields.js';
import { CrmNameSchema, CrmRecordSchema, type CrmRecord } from './crm-record.js';

/** The native object has no mapping in this connection's configuration: quarantine, do not retry. */
export class UnknownObjectTypeError extends PermanentError {
  constructor(objectName: string, connectionId: string) {
    super('unknown_object_type', `Object "${objectName}" is not mapped for connection ${connectionId}`, {
      details: { objectName, connectionId },
    });
  }
}

/** Path into a native record: dots and `[n]` / `.n` array steps, e.g. `Account_Name.id`, `associations.companies.results[0].id`. */
export const SourcePathSchema = z.string().min(1).max(300);

/** A name under which a secret is stored (never the value). */
export const SecretNameSchema = z.string().regex(/^[A-Za-z0-9/_+=.@:-]{1,512}$/, 'a secret name, not a secret value');

export const TransformSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('trim') }),
  z.strictObject({ kind: z.literal('lowercase') }),
  z.strictObject({ kind: z.literal('uppercase') }),
  /** Phone to E.164; numbers without `+`/`00` get `defaultCallingCode` (digits, e.g. "86") after dropping a trunk `0`. */
  z.strictObject({ kind: z.literal('e164'), defaultCallingCode: z.string().regex(/^\d{1,3}$/).optional() }),
  /** ISO date/date-time, `YYYY-MM-DD`, `YYYY-MM-DD HH:mm:ss` (UTC) or epoch milliseconds → ISO 8601 UTC. */
  z.strictObject({ kind: z.literal('date') }),
  /** Decimal amount at the rule's path → `{ amountMinor, currency }`; currency from `currencyPath`, else `fixedCurrency`. */
  z.strictObject({
    kind: z.literal('money'),
    currencyPath: SourcePathSchema.optional(),
    fixedCurrency: z.string().regex(/^[A-Z]{3}$/).optional(),
  }),
  /** Exact-match lookup of the stringified value; `default` when no key matches (else the value is dropped). */
  z.strictObject({
    kind: z.literal('enum'),
    map: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  }),
]);
export type Transform = z.infer<typeof TransformSchema>;

const CANONICAL_TARGET =
  /^(fields\.[A-Za-z]+|custom\.[\w.-]+|kind|deleted|customerExternalId|invoiceExternalId|orderedAt|issuedAt|dueAt|paidAt|amount|open|status)$/;

export const FieldRuleSchema = z.strictObject({
  /** Source path, or several tried in order (first non-empty wins). */
  from: z.union([SourcePathSchema, z.array(SourcePathSchema).min(1)]),
  /** Canonical target: `fields.<profileField>`, `custom.<name>` (a declared custom attribute), or a top-level record field (`amount`, `orderedAt`, ...). */
  to: z.string().regex(CANONICAL_TARGET, 'a canonical CrmRecord field'),
  transforms: z.array(TransformSchema).default([]),
});
export type FieldRule = z.infer<typeof FieldRuleSchema>;

export const IdentifierRuleSchema = z.strictObject({
  from: SourcePathSchema,
  scheme: IdentifierSchemeSchema,
  transforms: z.array(TransformSchema).default([]),
});

export const ObjectMappingSchema = z.strictObject({
  objectType: z.enum(['customer', 'order', 'invoice', 'payment']),
  idPath: SourcePathSchema,
  modifiedAtPath: SourcePathSchema,
  fields: z.array(FieldRuleSchema).default([]),
  identifiers: z.array(IdentifierRuleSchema).default([]),
  /** Values set on every record of this object (e.g. `{ status: 'placed' }`). */
  constants: z.record(z.string().regex(CANONICAL_TARGET), z.union([z.string(), z.number(), z.boolean()])).default({}),
  /** Top-level native keys matching this regex are copied as-is into `custom` (e.g. `__c$`). */
  customKeyPattern: z.string().max(200).optional(),
});
export type ObjectMapping = z.infer<typeof ObjectMappingSchema>;

/**
 * Canonical rating outputs that can be written back into a CRM; `creditHold` (boolean) and
 * `holdReason` (text, at most 255 characters) come from the customer's credit hold (creditHoldOf).
 */
export const WriteBackSourceSchema = z.enum(['grade', 'score', 'pd', 'limit', 'limitCurrency', 'reasons', 'ratedAt', 'policyVersion', 'creditHold', 'holdReason']);
export type WriteBackSource = z.infer<typeof WriteBackSourceSchema>;

export const WriteBackMappingSchema = z.strictObject({
  /** CRM object that receives the write-back (`Accounts`, `AccountObj`, `companies`, `Account`). */
  objectName: z.string().min(1),
  /** Canonical output → CRM field API name. */
  fields: z.partialRecord(WriteBackSourceSchema, z.string().min(1).max(100)),
});
export type WriteBackMapping = z.infer<typeof WriteBackMappingSchema>;

/** The roles a connection names secrets for; each CRM adapter reads its own (Zoho: clientId, clientSecret, refreshToken, ...). */
export const CredentialRoleSchema = z.enum([
  'clientId',
  'clientSecret',
  'refreshToken',
  'accessToken',
  'channelToken',
  'appId',
  'appSecret',
  'permanentCode',
  'inboundSecret',
]);
export type CredentialRole = z.infer<typeof CredentialRoleSchema>;

/**
 * One CRM connection: where it lives, how its objects map to canonical records, which
 * secrets (by name) it uses, and which fields RiskBridge writes back. Pure configuration.
 * Strict at every level (an unknown key is refused, not dropped); open by nature are only the
 * names the CRM owns: object names (`objects` keys), `enum` transform values and the keys of
 * native records.
 */
export const ConnectionConfigSchema = z.strictObject({
  connectionId: z.string().min(1).max(100),
  crm: CrmNameSchema,
  /** API root, e.g. `https://www.zohoapis.com.cn`, `https://open.fxiaoke.com`, `https://api.hubapi.com`, `https://acme.my.salesforce.com`. */
  apiBaseUrl: z.url().optional(),
  /** OAuth server root when it differs from the API (Zoho accounts server, e.g. `https://accounts.zoho.com.cn`). */
  authBaseUrl: z.url().optional(),
  objects: z.record(z.string().min(1), ObjectMappingSchema),
  /** Role → secret NAME, e.g. `{ clientSecret: 'riskbridge/zoho/acme/client-secret' }`. */
  credentials: z.partialRecord(CredentialRoleSchema, SecretNameSchema).default({}),
  writeBack: WriteBackMappingSchema.optional(),
  /** Ids by which the CRM identifies RiskBridge's own changes (user ids, HubSpot app id, Salesforce client id). */
  integrationUsers: z.array(z.string().min(1)).default([]),
  /** The CRM user RiskBridge acts as where the API needs one (Fxiaoke `currentOpenUserId`). */
  actingUserId: z.string().optional(),
});
export type ConnectionConfig = z.infer<typeof ConnectionConfigSchema>;
export type ConnectionConfigInput = z.input<typeof ConnectionConfigSchema>;

const PATH_STEP = /[^.[\]]+/g;

/** Reads `path` from a native record; undefined when any step is missing. */
export const getPath = (source: unknown, path: string): unknown => {
  let current: unknown = source;
  for (const step of path.match(PATH_STEP) ?? []) {
    if (current === null || current === undefined) return undefined;
    if (Array.isArray(current)) current = /^\d+$/.test(step) ? current[Number(step)] : undefined;
    else if (typeof current === 'object') current = (current as Record<string, unknown>)[step];
    else return undefined;
  }
  return current;
};

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/** Phone to E.164 or undefined. Exported for property tests. */
export const toE164 = (value: unknown, defaultCallingCode?: string): string | undefined => {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const raw = String(value).trim();
  const digits = raw.replace(/\D/g, '');
  let e164: string;
  if (raw.startsWith('+')) e164 = `+${digits}`;
  else if (digits.startsWith('00')) e164 = `+${digits.slice(2)}`;
  else if (defaultCallingCode) e164 = `+${defaultCallingCode}${digits.replace(/^0/, '')}`;
  else return undefined;
  return /^\+[1-9]\d{6,14}$/.test(e164) ? e164 : undefined;
};

/** Any of the date shapes CRMs send → ISO 8601 UTC, or undefined. Exported for property tests. */
export const toIsoDate = (value: unknown): string | undefined => {
  let date: Date | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) date = new Date(value);
  else if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d{11,14}$/.test(text)) date = new Date(Number(text));
    else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) date = new Date(`${text}T00:00:00Z`);
    else if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(text)) date = new Date(`${text.replace(' ', 'T')}Z`);
    else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
      date = new Date(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    }
  }
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
};

const applyTransform = (value: unknown, transform: Transform, native: unknown): unknown => {
  switch (transform.kind) {
    case 'trim':
      return typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value;
    case 'lowercase':
      return typeof value === 'string' ? value.toLowerCase() : value;
    case 'uppercase':
      return typeof value === 'string' ? value.toUpperCase() : value;
    case 'e164':
      return toE164(value, transform.defaultCallingCode);
    case 'date':
      return toIsoDate(value);
    case 'money': {
      const fromPath = transform.currencyPath ? getPath(native, transform.currencyPath) : undefined;
      const currency = typeof fromPath === 'string' && /^[A-Z]{3}$/.test(fromPath.trim()) ? fromPath.trim() : transform.fixedCurrency;
      if (!currency) return undefined;
      const amountMinor = toMinorUnits(value, currency);
      return amountMinor === undefined ? undefined : { amountMinor, currency };
    }
    case 'enum': {
      const key = typeof value === 'string' ? value : JSON.stringify(value);
      return Object.hasOwn(transform.map, key) ? transform.map[key] : transform.default;
    }
  }
};

const applyRule = (native: unknown, from: string | string[], transforms: Transform[]): unknown => {
  const paths = typeof from === 'string' ? [from] : from;
  for (const path of paths) {
    const raw = getPath(native, path);
    if (isEmpty(raw)) continue;
    let value: unknown = raw;
    for (const transform of transforms) {
      if (value === undefined) break;
      value = applyTransform(value, transform, native);
    }
    if (!isEmpty(value)) return value;
  }
  return undefined;
};

const setTarget = (draft: Record<string, unknown>, target: string, value: unknown): void => {
  // `custom.<name>` is a declared custom attribute: it goes to the record's attributes, not its raw custom bag.
  if (target.startsWith('custom.')) target = `attributes.${target.slice('custom.'.length)}`;
  const dot = target.indexOf('.');
  if (dot === -1) {
    draft[target] = value;
    return;
  }
  const group = target.slice(0, dot);
  const bucket = (draft[group] ??= {}) as Record<string, unknown>;
  bucket[target.slice(dot + 1)] = value;
};

const asText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.trim() || undefined : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

/**
 * Maps one native CRM record to the canonical CrmRecord using the connection's mapping.
 * A value a transform cannot read is left out; if a required canonical field is then
 * missing the whole record fails with a ValidationError listing the paths.
 * @throws UnknownObjectTypeError when `objectName` is not mapped; ValidationError for bad records.
 * @example mapRecord(config, 'Accounts', zohoAccount) // { objectType: 'customer', fields: { legalName: ... }, ... }
 */
export const mapRecord = (config: ConnectionConfig, objectName: string, native: unknown): CrmRecord => {
  const mapping = Object.hasOwn(config.objects, objectName) ? config.objects[objectName] : undefined;
  if (!mapping) throw new UnknownObjectTypeError(objectName, config.connectionId);
  if (native === null || typeof native !== 'object' || Array.isArray(native)) {
    throw new ValidationError(`The ${objectName} record is not an object`, [{ path: '(root)', message: 'expected an object' }]);
  }
  const externalId = asText(getPath(native, mapping.idPath));
  const draft: Record<string, unknown> = {
    crm: config.crm,
    connectionId: config.connectionId,
    externalId,
    modifiedAt: toIsoDate(getPath(native, mapping.modifiedAtPath)),
    objectType: mapping.objectType,
  };
  if (mapping.objectType === 'customer') {
    draft.fields = {};
    const custom: Record<string, unknown> = {};
    if (mapping.customKeyPattern) {
      const pattern = new RegExp(mapping.customKeyPattern);
      for (const [key, value] of Object.entries(native)) if (pattern.test(key) && value !== undefined) custom[key] = value;
    }
    draft.custom = custom;
    const identifiers: { scheme: string; value: string }[] = [];
    for (const rule of mapping.identifiers) {
      const value = asText(applyRule(native, rule.from, rule.transforms));
      if (value) identifiers.push({ scheme: rule.scheme, value });
    }
    if (externalId) identifiers.push({ scheme: 'crm_record', value: `${config.crm}:${config.connectionId}:${externalId}` });
    draft.identifiers = identifiers;
  }
  for (const [target, value] of Object.entries(mapping.constants)) setTarget(draft, target, value);
  for (const rule of mapping.fields) {
    const value = applyRule(native, rule.from, rule.transforms);
    if (value !== undefined) setTarget(draft, rule.to, typeof value === 'number' && rule.to.endsWith('ExternalId') ? String(value) : value);
  }
  const parsed = CrmRecordSchema.safeParse(draft);
  if (!parsed.success) {
    throw new ValidationError(`The ${objectName} record ${externalId ?? '(no id)'} does not map to a valid ${mapping.objectType}`, toFieldIssues(parsed.error));
  }
  return parsed.data;
};

/**
 * Parses a connection configuration (e.g. from the admin API or a config file).
 * @throws ValidationError listing every bad path.
 */
export const parseConnectionConfig = (input: unknown): ConnectionConfig => {
  const parsed = ConnectionConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError('The CRM connection configuration is not valid', toFieldIssues(parsed.error));
};

/** Cuts free text to `max` characters (code points), marking the cut with an ellipsis. */
export const truncateText = (text: string, max: number): string => {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
};

/**
 * Turns a rating (and, when given, the customer's credit hold) into the CRM field values named by
 * the connection's write-back map. Limits are written as decimal numbers in major units, reasons
 * as `code: text` lines, the hold as a boolean and its reason cut to 255 characters ('' when
 * there is no hold, which clears the field).
 * @throws DomainError (write_back_not_configured) when the connection has no write-back map.
 */
export const buildWriteBackFields = (config: ConnectionConfig, rating: RatingResult, hold?: CreditHold): Record<string, string | number | boolean> => {
  if (!config.writeBack) throw new DomainError('write_back_not_configured', `Connection ${config.connectionId} has no write-back mapping`);
  const values: Record<WriteBackSource, string | number | boolean | undefined> = {
    grade: rating.grade,
    score: rating.score,
    pd: rating.pd,
    limit: rating.limit ? Number(formatMinorUnits(rating.limit.recommended.amountMinor, rating.limit.recommended.currency)) : undefined,
    limitCurrency: rating.limit?.recommended.currency,
    reasons: rating.reasons.length ? rating.reasons.map((r) => `${r.code}: ${r.text}`).join('\n') : undefined,
    ratedAt: rating.ratedAt,
    policyVersion: rating.policyVersion,
    creditHold: hold?.hold,
    holdReason: hold ? truncateText(hold.hold ? (hold.reason ?? '') : '', HOLD_REASON_MAX_LENGTH) : undefined,
  };
  const out: Record<string, string | number | boolean> = {};
  for (const [source, field] of Object.entries(config.writeBack.fields) as [WriteBackSource, string | undefined][]) {
    const value = values[source];
    if (field && value !== undefined) out[field] = value;
  }
  return out;
};
