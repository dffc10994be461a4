import type { CrmInvoiceRecord, CrmOrderRecord, CrmPaymentRecord } from '../crm/crm-record.js';
import type { CustomerAggregates } from './aggregates.js';

/**
 * Incremental (O(1) per event) maintenance of CustomerAggregates from CRM orders, invoices and
 * payments. Every update is a delta: the store passes the previously stored version of the
 * same record (or undefined) and the new one; the function subtracts the old contribution and
 * adds the new one. Hence:
 * - a duplicate or replayed event (previous = next) is a no-op;
 * - an update applies only the difference, so v1 then v2 equals v2 alone;
 * - a stale event (next.modifiedAt older than previous.modifiedAt) changes nothing — the store
 *   should also not write it (see `supersedes`);
 * - independent records commute (sums, min/max, bucket sums).
 * Deliberate limits: `firstOrderAt`/`lastOrderAt`, `lastPaymentAt`, `maxDaysLate` and
 * `maxDaysPastDue` are high-water marks that never retract (a cancelled or deleted order still
 * shows the customer was active then); amounts in a currency other than `aggregates.currency`
 * (set by the first money event) are counted but not summed — no FX in the domain.
 */

/** Months kept in `orders.months`: a window of 24 months ending at the newest bucket. */
export const MONTH_WINDOW = 24;
/** Open invoices listed individually (earliest due first); the rest only count in the sums. */
export const OPEN_INVOICE_CAP = 100;
const DAY_MS = 86_400_000;

/**
 * True when `next` should replace `previous` in the store: newer by modifiedAt, or the same
 * modifiedAt with an equal or greater canonical JSON (a deterministic tie-break, so two
 * different versions stamped with the same time converge whatever their arrival order).
 */
export const supersedes = <T extends { modifiedAt: string }>(previous: T | undefined, next: T): boolean => {
  if (previous === undefined) return true;
  const dt = Date.parse(next.modifiedAt) - Date.parse(previous.modifiedAt);
  if (dt !== 0) return dt > 0;
  return JSON.stringify(next) >= JSON.stringify(previous);
};

const monthOf = (iso: string): string => new Date(iso).toISOString().slice(0, 7);
const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const minIso = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : Date.parse(b) < Date.parse(a) ? b : a;
const maxIso = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : Date.parse(b) > Date.parse(a) ? b : a;
const clone = (a: CustomerAggregates): CustomerAggregates => structuredClone(a);
const withCurrency = (agg: CustomerAggregates, currency: string): boolean => {
  if (agg.currency === undefined) agg.currency = currency;
  return agg.currency === currency;
};

const addMonth = (agg: CustomerAggregates, month: string, orderCount: number, netMinor: number): void => {
  if (orderCount === 0 && netMinor === 0) return;
  const months = agg.orders.months;
  const newest = months[0];
  if (newest && monthIndex(newest.month) - monthIndex(month) >= MONTH_WINDOW) return; // outside the window
  const bucket = months.find((b) => b.month === month);
  if (bucket) {
    bucket.orderCount += orderCount;
    bucket.netMinor += netMinor;
  } else months.push({ month, orderCount, netMinor });
  normaliseMonths(agg);
};

const normaliseMonths = (agg: CustomerAggregates): void => {
  const months = agg.orders.months.filter((b) => b.orderCount !== 0 || b.netMinor !== 0);
  months.sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : 0));
  const newest = months[0];
  agg.orders.months = newest ? months.filter((b) => monthIndex(newest.month) - monthIndex(b.month) < MONTH_WINDOW) : [];
  for (const b of agg.orders.months) b.orderCount = Math.max(0, b.orderCount);
};

const orderContribution = (agg: CustomerAggregates, order: CrmOrderRecord | undefined, sign: 1 | -1): void => {
  if (!order || order.deleted) return;
  const money = withCurrency(agg, order.amount.currency) ? order.amount.amountMinor : 0;
  const month = monthOf(order.orderedAt);
  if (order.status === 'placed') {
    agg.orders.count += sign;
    agg.orders.grossMinor += sign * money;
    agg.orders.netMinor += sign * money;
    addMonth(agg, month, sign, sign * money);
  } else {
    // A cancelled order contributes nothing; a cancellation document (negative amount) is a credit.
    const credit = Math.min(0, money);
    agg.orders.cancelledCount += sign;
    agg.orders.netMinor += sign * credit;
    addMonth(agg, month, 0, sign * credit);
  }
  if (sign === 1) {
    agg.orders.firstOrderAt = minIso(agg.orders.firstOrderAt, order.orderedAt);
    agg.orders.lastOrderAt = maxIso(agg.orders.lastOrderAt, order.orderedAt);
    if (order.status === 'placed') agg.orders.lastPlacedAt = maxIso(agg.orders.lastPlacedAt, order.orderedAt);
  }
};

/**
 * Applies a new version of an order. `previous` is the version of the same order the store
 * holds (undefined if none). Placed orders count and add to gross/net and their month bucket;
 * cancelled orders count as cancelled and add only a negative amount (credit note) to net.
 * @example applyOrder(agg, stored, incoming) // replaying `stored` itself returns equal aggregates
 */
export const applyOrder = (aggregates: CustomerAggregates, previous: CrmOrderRecord | undefined, next: CrmOrderRecord): CustomerAggregates => {
  if (!supersedes(previous, next)) return aggregates;
  const agg = clone(aggregates);
  orderContribution(agg, previous, -1);
  orderContribution(agg, next, 1);
  return agg;
};

const invoiceId = (inv: CrmInvoiceRecord): string => `${inv.crm}:${inv.connectionId}:${inv.externalId}`;
/** A `disputed` invoice is still owed: it counts as open here; its dispute keeps it out of the delinquency features. */
const isOpen = (inv: CrmInvoiceRecord | undefined): inv is CrmInvoiceRecord =>
  !!inv && !inv.deleted && (inv.status === 'open' || inv.status === 'disputed') && inv.open.amountMinor > 0;

const sortOpen = (list: { id: string; dueAt: string; openMinor: number }[]): void => {
  list.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};

/** Recomputes the derived exposure fields (oldest due, overdue amount, worst days past due) at `now`. */
const deriveExposure = (agg: CustomerAggregates, now: Date): void => {
  const list = agg.exposure.openInvoices ?? [];
  if (list.length === 0) delete agg.exposure.openInvoices;
  if (!agg.exposure.untrackedOpenCount) delete agg.exposure.untrackedOpenCount;
  agg.exposure.oldestOpenDueAt = list[0]?.dueAt;
  if (agg.exposure.oldestOpenDueAt === undefined) delete agg.exposure.oldestOpenDueAt;
  agg.exposure.overdueMinor = list.filter((i) => Date.parse(i.dueAt) < now.getTime()).reduce((s, i) => s + i.openMinor, 0);
  agg.exposure.maxDaysPastDue = Math.max(agg.exposure.maxDaysPastDue, daysPastDue(agg, now));
};

/**
 * Applies a new version of an invoice at time `now`. An invoice is open while its status is
 * `open` and its open amount is positive; open invoices add to `openInvoiceCount`/`openMinor` and
 * are listed (earliest due first, at most OPEN_INVOICE_CAP; overflow is counted in
 * `untrackedOpenCount`, and since those are the latest-due ones `oldestOpenDueAt` stays exact
 * while `overdueMinor` may miss them once more than the cap are overdue). Overdue = dueAt < now.
 */
export const applyInvoice = (aggregates: CustomerAggregates, previous: CrmInvoiceRecord | undefined, next: CrmInvoiceRecord, now: Date): CustomerAggregates => {
  if (!supersedes(previous, next)) return aggregates;
  const agg = clone(aggregates);
  const list = agg.exposure.openInvoices ?? [];
  let untracked = agg.exposure.untrackedOpenCount ?? 0;
  if (isOpen(previous) && (agg.currency === undefined || previous.open.currency === agg.currency)) {
    agg.exposure.openInvoiceCount -= 1;
    agg.exposure.openMinor -= previous.open.amountMinor;
    const at = list.findIndex((i) => i.id === invoiceId(previous));
    if (at >= 0) list.splice(at, 1);
    else untracked = Math.max(0, untracked - 1);
  }
  if (isOpen(next) && withCurrency(agg, next.open.currency)) {
    agg.exposure.openInvoiceCount += 1;
    agg.exposure.openMinor += next.open.amountMinor;
    list.push({ id: invoiceId(next), dueAt: next.dueAt, openMinor: next.open.amountMinor });
    sortOpen(list);
    if (list.length > OPEN_INVOICE_CAP) {
      untracked += list.length - OPEN_INVOICE_CAP;
      list.length = OPEN_INVOICE_CAP;
    }
  }
  agg.exposure.openInvoices = list;
  agg.exposure.untrackedOpenCount = untracked;
  deriveExposure(agg, now);
  return agg;
};

const daysLateOf = (payment: CrmPaymentRecord, invoiceDueAt: string | undefined): number => {
  if (invoiceDueAt === undefined || payment.kind !== 'payment') return 0;
  const late = Date.parse(payment.paidAt) - Date.parse(invoiceDueAt);
  return late > 0 ? Math.ceil(late / DAY_MS) : 0;
};

const paymentContribution = (agg: CustomerAggregates, payment: CrmPaymentRecord | undefined, sign: 1 | -1, invoiceDueAt: string | undefined): void => {
  if (!payment || payment.deleted) return;
  const same = withCurrency(agg, payment.amount.currency);
  const amount = payment.kind === 'refund' ? -Math.abs(payment.amount.amountMinor) : payment.amount.amountMinor;
  if (same) agg.payments.paidMinor += sign * amount;
  if (payment.kind === 'payment') agg.payments.count += sign;
  const daysLate = daysLateOf(payment, invoiceDueAt);
  if (daysLate > 0) {
    agg.payments.lateCount += sign;
    agg.payments.daysLateSum += sign * daysLate;
  }
  if (sign === 1) {
    agg.payments.maxDaysLate = Math.max(agg.payments.maxDaysLate, daysLate);
    if (payment.kind === 'payment') agg.payments.lastPaymentAt = maxIso(agg.payments.lastPaymentAt, payment.paidAt);
  }
};

/**
 * Applies a new version of a payment (refunds are negative, whatever sign they were sent with).
 * `invoiceDueAt` is the due date of the invoice it pays, looked up by the store from
 * `invoiceExternalId` (due dates do not change, so the same value applies to both versions);
 * without it lateness is unknown and the payment counts as on time.
 * Late = paid after the due date; daysLate = whole days, rounded up.
 */
export const applyPayment = (
  aggregates: CustomerAggregates,
  previous: CrmPaymentRecord | undefined,
  next: CrmPaymentRecord,
  context: { invoiceDueAt?: string } = {},
): CustomerAggregates => {
  if (!supersedes(previous, next)) return aggregates;
  const agg = clone(aggregates);
  paymentContribution(agg, previous, -1, context.invoiceDueAt);
  paymentContribution(agg, next, 1, context.invoiceDueAt);
  return agg;
};

/** Whole days the oldest open invoice is past due at `now` (0 when nothing is overdue). */
export const daysPastDue = (aggregates: CustomerAggregates, now: Date): number => {
  const oldest = aggregates.exposure.oldestOpenDueAt;
  if (!oldest) return 0;
  return Math.max(0, Math.floor((now.getTime() - Date.parse(oldest)) / DAY_MS));
};

/** Re-evaluates the time-dependent exposure fields (overdue amount, days past due) at `now`. */
export const exposureAt = (aggregates: CustomerAggregates, now: Date): CustomerAggregates => {
  const agg = clone(aggregates);
  deriveExposure(agg, now);
  return agg;
};

export interface RfmInputs {
  /** Days since the last order; undefined for a customer without orders. */
  recencyDays: number | undefined;
  /** Placed orders in the 12 calendar months ending with `now`'s month. */
  frequency12m: number;
  /** Net order value in those months, minor units of `aggregates.currency`. */
  monetary12mMinor: number;
}

/** RFM inputs for the rating engine, from the month buckets (calendar-month granularity). */
export const rfmInputs = (aggregates: CustomerAggregates, now: Date): RfmInputs => {
  const current = monthIndex(now.toISOString().slice(0, 7));
  let frequency12m = 0;
  let monetary12mMinor = 0;
  for (const b of aggregates.orders.months) {
    const age = current - monthIndex(b.month);
    if (age >= 0 && age < 12) {
      frequency12m += b.orderCount;
      monetary12mMinor += b.netMinor;
    }
  }
  const last = aggregates.orders.lastOrderAt;
  return {
    recencyDays: last === undefined ? undefined : Math.max(0, Math.floor((now.getTime() - Date.parse(last)) / DAY_MS)),
    frequency12m,
    monetary12mMinor,
  };
};

const combine = (base: CustomerAggregates, add: CustomerAggregates, sub: CustomerAggregates | undefined, now: Date): CustomerAggregates => {
  const agg = clone(base);
  const moneyOk = (o: CustomerAggregates): boolean => o.currency === undefined || agg.currency === undefined || o.currency === agg.currency;
  agg.currency ??= add.currency ?? sub?.currency;
  const terms: [CustomerAggregates, 1 | -1][] = [[add, 1], ...(sub ? [[sub, -1] as [CustomerAggregates, -1]] : [])];
  for (const [o, s] of terms) {
    const m = moneyOk(o) ? s : 0;
    agg.orders.count += s * o.orders.count;
    agg.orders.cancelledCount += s * o.orders.cancelledCount;
    agg.orders.grossMinor += m * o.orders.grossMinor;
    agg.orders.netMinor += m * o.orders.netMinor;
    for (const b of o.orders.months) {
      const bucket = agg.orders.months.find((x) => x.month === b.month);
      if (bucket) {
        bucket.orderCount += s * b.orderCount;
        bucket.netMinor += m * b.netMinor;
      } else agg.orders.months.push({ month: b.month, orderCount: s * b.orderCount, netMinor: m * b.netMinor });
    }
    agg.exposure.openInvoiceCount += s * o.exposure.openInvoiceCount;
    agg.exposure.openMinor += m * o.exposure.openMinor;
    agg.payments.count += s * o.payments.count;
    agg.payments.paidMinor += m * o.payments.paidMinor;
    agg.payments.lateCount += s * o.payments.lateCount;
    agg.payments.daysLateSum += s * o.payments.daysLateSum;
  }
  agg.orders.count = Math.max(0, agg.orders.count);
  agg.orders.cancelledCount = Math.max(0, agg.orders.cancelledCount);
  agg.exposure.openInvoiceCount = Math.max(0, agg.exposure.openInvoiceCount);
  agg.payments.count = Math.max(0, agg.payments.count);
  agg.payments.lateCount = Math.max(0, agg.payments.lateCount);
  agg.payments.daysLateSum = Math.max(0, agg.payments.daysLateSum);
  normaliseMonths(agg);
  // High-water marks: take the added side's value only when it moved beyond the reference.
  const moved = <T>(a: T, ref: T | undefined): boolean => sub === undefined || a !== ref;
  if (moved(add.orders.firstOrderAt, sub?.orders.firstOrderAt)) agg.orders.firstOrderAt = minIso(agg.orders.firstOrderAt, add.orders.firstOrderAt);
  if (moved(add.orders.lastOrderAt, sub?.orders.lastOrderAt)) agg.orders.lastOrderAt = maxIso(agg.orders.lastOrderAt, add.orders.lastOrderAt);
  if (add.orders.lastPlacedAt !== undefined && moved(add.orders.lastPlacedAt, sub?.orders.lastPlacedAt)) {
    agg.orders.lastPlacedAt = maxIso(agg.orders.lastPlacedAt, add.orders.lastPlacedAt);
  }
  if (moved(add.payments.lastPaymentAt, sub?.payments.lastPaymentAt)) agg.payments.lastPaymentAt = maxIso(agg.payments.lastPaymentAt, add.payments.lastPaymentAt);
  if (moved(add.payments.maxDaysLate, sub?.payments.maxDaysLate)) agg.payments.maxDaysLate = Math.max(agg.payments.maxDaysLate, add.payments.maxDaysLate);
  if (moved(add.exposure.maxDaysPastDue, sub?.exposure.maxDaysPastDue)) agg.exposure.maxDaysPastDue = Math.max(agg.exposure.maxDaysPastDue, add.exposure.maxDaysPastDue);
  // Open-invoice list: add the other side's entries, drop the subtracted side's.
  const removed = new Set((sub?.exposure.openInvoices ?? []).map((i) => i.id));
  const stillOpen = new Set((add.exposure.openInvoices ?? []).map((i) => i.id));
  const kept = (agg.exposure.openInvoices ?? []).filter((i) => !removed.has(i.id) || stillOpen.has(i.id));
  const list = [...kept, ...(add.exposure.openInvoices ?? []).filter((i) => !removed.has(i.id))];
  const unique = [...new Map(list.map((i) => [i.id, i])).values()];
  sortOpen(unique);
  const tracked = unique.slice(0, OPEN_INVOICE_CAP);
  agg.exposure.openInvoices = tracked;
  agg.exposure.untrackedOpenCount = Math.max(0, agg.exposure.openInvoiceCount - tracked.length);
  deriveExposure(agg, now);
  return agg;
};

/** Sum of two customers' aggregates (profile merge). Money in a second currency is not added. */
export const addAggregates = (a: CustomerAggregates, b: CustomerAggregates, now: Date): CustomerAggregates => combine(a, b, undefined, now);

/**
 * `base + (current − reference)`: replays on `base` what changed in `current` since `reference`
 * was taken. Used by unmerge: survivor-before-merge + everything since the merge. Sums and
 * buckets are exact; high-water marks come from `current` only if they moved after `reference`.
 */
export const rebaseAggregates = (base: CustomerAggregates, current: CustomerAggregates, reference: CustomerAggregates, now: Date): CustomerAggregates =>
  combine(base, current, reference, now);
