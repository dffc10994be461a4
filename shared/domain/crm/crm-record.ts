import { z } from 'zod';
import { MoneySchema } from '../money.js';
import { ProfileFieldNameSchema } from '../profile/customer-profile.js';
import { IdentifierSchemeSchema } from '../profile/identifiers.js';

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
  deleted: z.boolean().default(false),
});

export const CrmCustomerRecordSchema = Base.extend({
  objectType: z.literal('customer'),
  kind: z.enum(['business', 'consumer']).default('business'),
  fields: z.partialRecord(ProfileFieldNameSchema, z.union([z.string(), z.number(), z.boolean()])),
  identifiers: z.array(z.object({ scheme: IdentifierSchemeSchema, value: z.string().min(1) })).default([]),
  /** Custom fields kept as-is for provenance and later mapping (`Credit_Rating__c`, ...); never put on the profile. */
  custom: z.record(z.string(), z.unknown()).default({}),
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
  status: z.enum(['open', 'paid', 'void']),
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

const IdentifierInputSchema = z.strictObject({ scheme: IdentifierSchemeSchema, value: z.string().min(1) });
const MoneyInputSchema = MoneySchema.strict();

/**
 * A canonical record as a client sends it (POST /v1/crm/{connectionId}/records): the same as
 * `CrmRecordSchema`, but an unknown key is refused at its path instead of dropped. Open by nature:
 * `custom` (the CRM's own custom fields).
 */
export const CrmRecordInputSchema = z.discriminatedUnion('objectType', [
  CrmCustomerRecordSchema.extend({ identifiers: z.array(IdentifierInputSchema).default([]) }).strict(),
  CrmOrderRecordSchema.extend({ amount: MoneyInputSchema }).strict(),
  CrmInvoiceRecordSchema.extend({ amount: MoneyInputSchema, open: MoneyInputSchema }).strict(),
  CrmPaymentRecordSchema.extend({ amount: MoneyInputSchema }).strict(),
]);
