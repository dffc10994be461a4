import { z } from 'zod';
import { MoneySchema } from '../money.js';
import { canonicaliseFields, CanonicalFieldsSchema, countryCodeOf } from '../profile/canonical-fields.js';
import { IdentifierSchemeSchema } from '../profile/identifiers.js';
import { ValidationError } from '../errors.js';

/**
 * The canonical shape every inbound CRM connector (Zoho, Fxiaoke, HubSpot, Salesforce,
 * bulk import) produces after field mapping, and the profile/aggregate code consumes.
 * `modifiedAt` is the source system's last-modified time: it orders updates (older never
 * overwrite newer). `externalId` is the record id in the source system.
 */
export const CrmNameSchema = z.enum(['zoho', 'fxiaoke', 'hubspot', 'salesforce', 'generic']);
export type CrmName = z.infer<typeof CrmNameSchema>;

const Base = z.object({
  crm: CrmNameSchema,
  connectionId: z.string().min(1).max(100),
  externalId: z.string().min(1).max(200),
  modifiedAt: z.iso.datetime({ offset: true }),
  /**
   * The `modifiedAt` the CRM sent when it lay in the future (clocks drift): the hub then clamps
   * `modifiedAt` to the receive time and keeps the sent time here (and in field provenance as `sentAt`).
   * Set by the hub, never by a client.
   */
  sentModifiedAt: z.iso.datetime({ offset: true }).optional(),
  deleted: z.boolean().default(false),
});

/** Largest JSON nesting kept in a record's custom fields. */
const MAX_CUSTOM_DEPTH = 8;

type CustomValue = string | number | boolean | null | CustomValue[] | { [key: string]: CustomValue };

const depthOf = (value: unknown): number =>
  value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;

const CustomNodeSchema: z.ZodType<CustomValue> = z
  .union([
    z.string().max(10_000),
    z.number().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
    z.boolean(),
    z.null(),
    z.array(z.lazy(() => CustomNodeSchema)).max(1000).meta({ id: 'CrmCustomList' }),
    z.record(z.string().max(200), z.lazy(() => CustomNodeSchema)).meta({ id: 'CrmCustomObject' }),
  ])
  .meta({ id: 'CrmCustomValue' });

/**
 * A CRM custom field value: any JSON the table can store as sent (numbers within ±2^53, at most
 * eight levels deep), so a record accepted at the door can always be stored by the worker.
 */
const CustomValueSchema = CustomNodeSchema.refine((v) => depthOf(v) <= MAX_CUSTOM_DEPTH, `at most ${MAX_CUSTOM_DEPTH} levels of nesting`);

/**
 * Customer fields of a CRM record: the typed canonical fields (text is text, bounded; e-mail,
 * phone, country and website checked) with the phone read as E.164, exactly as on
 * `PUT /v1/customers/{id}`, except that a country may also come as its English name or a common
 * alias (`United Kingdom`, `EIRE`), read as its ISO code. A number where text belongs is refused
 * at its path, never stored.
 */
const readCountryName = (fields: unknown): unknown => {
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return fields;
  const country = (fields as Record<string, unknown>)['country'];
  const code = typeof country === 'string' ? countryCodeOf(country) : undefined;
  return code ? { ...fields, country: code } : fields;
};
export const CrmCustomerFieldsSchema = z.preprocess(readCountryName, CanonicalFieldsSchema).transform((fields, ctx) => {
  try {
    return canonicaliseFields(fields, '');
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const issue of error.issues) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    return z.NEVER;
  }
});

export const CrmCustomerRecordSchema = Base.extend({
  objectType: z.literal('customer'),
  kind: z.enum(['business', 'consumer']).default('business'),
  fields: CrmCustomerFieldsSchema,
  identifiers: z.array(z.object({ scheme: IdentifierSchemeSchema, value: z.string().min(1).max(200) })).max(50).default([]),
  /** Custom fields kept as-is for provenance and later mapping (`Credit_Rating__c`, ...); never put on the profile. */
  custom: z.record(z.string().max(200), CustomValueSchema).default({}),
  /** Values of declared custom attributes (mapping target `custom.<name>`), checked against their declarations and kept on the profile as `custom.<name>`. */
  attributes: z.record(z.string().regex(/^[a-z][A-Za-z0-9_]{0,63}$/), z.union([z.string().max(300), z.number(), z.boolean()])).optional(),
});

export const CrmOrderRecordSchema = Base.extend({
  objectType: z.literal('order'),
  customerExternalId: z.string().min(1),
  orderedAt: z.iso.datetime({ offset: true }),
  amount: MoneySchema,
  status: z.enum(['placed', 'cancelled']),
});

export const CrmInvoiceRecordSchema = Base.extend({
  objectType: z.literal('invoice'),
  customerExternalId: z.string().min(1),
  issuedAt: z.iso.datetime({ offset: true }),
  dueAt: z.iso.datetime({ offset: true }),
  amount: MoneySchema,
  /** Amount still unpaid. */
  open: MoneySchema,
  /** `disputed`: still owed, but contested by the customer; the hub opens a dispute on it (docs/operations.md#disputes). */
  status: z.enum(['open', 'paid', 'void', 'disputed']),
});

export const CrmPaymentRecordSchema = Base.extend({
  objectType: z.literal('payment'),
  customerExternalId: z.string().min(1),
  invoiceExternalId: z.string().optional(),
  paidAt: z.iso.datetime({ offset: true }),
  amount: MoneySchema,
  /** Refunds and reversals are negative payments. */
  kind: z.enum(['payment', 'refund']).default('payment'),
});

export const CrmRecordSchema = z.discriminatedUnion('objectType', [
  CrmCustomerRecordSchema,
  CrmOrderRecordSchema,
  CrmInvoiceRecordSchema,
  CrmPaymentRecordSchema,
]);
export type CrmRecord = z.infer<typeof CrmRecordSchema>;
export type CrmCustomerRecord = z.infer<typeof CrmCustomerRecordSchema>;
export type CrmOrderRecord = z.infer<typeof CrmOrderRecordSchema>;
export type CrmInvoiceRecord = z.infer<typeof CrmInvoiceRecordSchema>;
export type CrmPaymentRecord = z.infer<typeof CrmPaymentRecordSchema>;

const IdentifierInputSchema = z.strictObject({ scheme: IdentifierSchemeSchema, value: z.string().min(1).max(200) });
/** Largest amount a client may send: 10^15 minor units, so sums over a customer's records stay exact. */
const MAX_AMOUNT_MINOR = 1e15;
const MoneyInputSchema = MoneySchema.extend({ amountMinor: z.number().int().min(-MAX_AMOUNT_MINOR).max(MAX_AMOUNT_MINOR) }).strict();

/**
 * A canonical record as a client sends it (POST /v1/crm/{connectionId}/records): the same as
 * `CrmRecordSchema`, but an unknown key is refused at its path instead of dropped. Open by nature:
 * `custom` (the CRM's own custom fields).
 */
export const CrmRecordInputSchema = z.discriminatedUnion('objectType', [
  CrmCustomerRecordSchema.omit({ sentModifiedAt: true }).extend({ identifiers: z.array(IdentifierInputSchema).max(50).default([]) }).strict(),
  CrmOrderRecordSchema.omit({ sentModifiedAt: true }).extend({ amount: MoneyInputSchema }).strict(),
  CrmInvoiceRecordSchema.omit({ sentModifiedAt: true }).extend({ amount: MoneyInputSchema, open: MoneyInputSchema }).strict(),
  CrmPaymentRecordSchema.omit({ sentModifiedAt: true }).extend({ amount: MoneyInputSchema }).strict(),
]);
