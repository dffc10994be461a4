import { z } from 'zod';
import { CurrencySchema } from '../../money.js';
import { ProfileFieldNameSchema } from '../../profile/customer-profile.js';
import { IdentifierSchemeSchema } from '../../profile/identifiers.js';
import { CrmNameSchema } from '../crm-record.js';

const Column = z.string().min(1);

/**
 * How the columns of a bulk file (CSV header names, or top-level NDJSON keys) become canonical
 * CRM records. Each row may yield a customer record and/or an order line. Timestamps without an
 * offset are read as UTC. Strict: an unknown key is refused at its path (inline mappings come from clients).
 */
export const ColumnMappingSchema = z.strictObject({
  name: z.string().min(1),
  crm: CrmNameSchema.default('generic'),
  connectionId: z.string().min(1).max(100),
  /** Currency of all amounts unless `currencyColumn` names one per row. */
  currency: CurrencySchema,
  currencyColumn: Column.optional(),
  customer: z
    .strictObject({
      externalId: Column,
      kind: z.enum(['business', 'consumer']).default('business'),
      fields: z.partialRecord(ProfileFieldNameSchema, Column).default({}),
      identifiers: z.partialRecord(IdentifierSchemeSchema, Column).default({}),
      /** Declared custom attribute → column (`{ "riskTier": "Risk Tier" }`); values are checked against the declarations on ingest. */
      custom: z.record(z.string().regex(/^[a-z][A-Za-z0-9_]{0,63}$/), Column).optional(),
      modifiedAt: Column.optional(),
    })
    .optional(),
  order: z
    .strictObject({
      externalId: Column,
      customerExternalId: Column,
      orderedAt: Column,
      modifiedAt: Column.optional(),
      /** Either a total amount column, or quantity × unit price per line. */
      amount: Column.optional(),
      quantity: Column.optional(),
      unitPrice: Column.optional(),
      /** Order ids starting with this prefix are cancellations (Online Retail II uses 'C'). */
      cancelledPrefix: z.string().min(1).optional(),
      /** Sum consecutive lines with the same order id into one order. */
      groupLines: z.boolean().default(false),
    })
    .refine((o) => o.amount !== undefined || (o.quantity !== undefined && o.unitPrice !== undefined), {
      message: 'map either amount or quantity and unitPrice',
    })
    .optional(),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;
export type ColumnMappingInput = z.input<typeof ColumnMappingSchema>;

/**
 * Ready mapping for the UCI "Online Retail II" data set (Chen, 2019; columns
 * `Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country`): one order per
 * invoice (Σ Quantity × Price in GBP), invoices starting with 'C' are cancellations (negative),
 * a customer per `Customer ID` with its Country.
 */
export const onlineRetailIiMapping = (connectionId = 'online-retail-ii'): ColumnMapping =>
  ColumnMappingSchema.parse({
    name: 'online-retail-ii',
    crm: 'generic',
    connectionId,
    currency: 'GBP',
    customer: { externalId: 'Customer ID', fields: { country: 'Country' }, modifiedAt: 'InvoiceDate' },
    order: {
      externalId: 'Invoice',
      customerExternalId: 'Customer ID',
      orderedAt: 'InvoiceDate',
      quantity: 'Quantity',
      unitPrice: 'Price',
      cancelledPrefix: 'C',
      groupLines: true,
    },
  });

/** Mappings available by name. */
export const READY_MAPPINGS = { 'online-retail-ii': onlineRetailIiMapping } as const;
