import { z } from 'zod';

/**
 * Aggregates kept incrementally on the profile from CRM orders, invoices and payments
 * (O(1) per event). Owned by the CRM-ingest capability; read by the rating engine.
 * All money is integer minor units in `currency` (the customer's first-seen currency).
 */
export const MonthBucketSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  orderCount: z.number().int().nonnegative(),
  netMinor: z.number().int(),
});

export const OrderAggregatesSchema = z.object({
  count: z.number().int().nonnegative(),
  cancelledCount: z.number().int().nonnegative(),
  grossMinor: z.number().int(),
  netMinor: z.number().int(),
  firstOrderAt: z.iso.datetime({ offset: true }).optional(),
  lastOrderAt: z.iso.datetime({ offset: true }).optional(),
  /** Latest placed (not cancelled) order: RFM recency; absent on profiles written before it was kept (then `lastOrderAt`). */
  lastPlacedAt: z.iso.datetime({ offset: true }).optional(),
  /** Newest first, at most 24 months: enough for windows of 3, 6, 12 months. */
  months: z.array(MonthBucketSchema).max(24),
});

/** One open invoice tracked for exposure: enough to derive overdue amounts and the oldest due date. */
export const OpenInvoiceSchema = z.object({
  /** `<crm>:<connectionId>:<externalId>` of the invoice. */
  id: z.string().min(1),
  dueAt: z.iso.datetime({ offset: true }),
  openMinor: z.number().int(),
});

export const ExposureAggregatesSchema = z.object({
  openInvoiceCount: z.number().int().nonnegative(),
  openMinor: z.number().int(),
  overdueMinor: z.number().int(),
  /** Due date of the oldest open invoice; days past due are derived at rating time. */
  oldestOpenDueAt: z.iso.datetime({ offset: true }).optional(),
  maxDaysPastDue: z.number().int().nonnegative(),
  /** Open invoices with the earliest due dates, oldest first (bounded; see aggregate-updates.ts). */
  openInvoices: z.array(OpenInvoiceSchema).max(100).optional(),
  /** Open invoices counted in openInvoiceCount/openMinor but not listed in openInvoices (cap overflow). */
  untrackedOpenCount: z.number().int().nonnegative().optional(),
});

export const PaymentAggregatesSchema = z.object({
  count: z.number().int().nonnegative(),
  paidMinor: z.number().int(),
  lateCount: z.number().int().nonnegative(),
  daysLateSum: z.number().int().nonnegative(),
  maxDaysLate: z.number().int().nonnegative(),
  lastPaymentAt: z.iso.datetime({ offset: true }).optional(),
});

export const CustomerAggregatesSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  orders: OrderAggregatesSchema,
  exposure: ExposureAggregatesSchema,
  payments: PaymentAggregatesSchema,
});
export type CustomerAggregates = z.infer<typeof CustomerAggregatesSchema>;

export const emptyAggregates = (): CustomerAggregates => ({
  orders: { count: 0, cancelledCount: 0, grossMinor: 0, netMinor: 0, months: [] },
  exposure: { openInvoiceCount: 0, openMinor: 0, overdueMinor: 0, maxDaysPastDue: 0 },
  payments: { count: 0, paidMinor: 0, lateCount: 0, daysLateSum: 0, maxDaysLate: 0 },
});
