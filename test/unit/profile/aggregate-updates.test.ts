import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyInvoice, applyOrder, applyPayment, daysPastDue, rfmInputs, supersedes } from '../../../shared/domain/profile/aggregate-updates.js';
import { CustomerAggregatesSchema, emptyAggregates, type CustomerAggregates } from '../../../shared/domain/profile/aggregates.js';
import type { CrmInvoiceRecord, CrmOrderRecord, CrmPaymentRecord } from '../../../shared/domain/crm/crm-record.js';

const NOW = new Date('2025-06-15T00:00:00.000Z');
const base = { crm: 'generic' as const, connectionId: 'c1', deleted: false, customerExternalId: 'cus-1' };
const order = (id: string, o: Partial<CrmOrderRecord> = {}): CrmOrderRecord => ({
  ...base, objectType: 'order', externalId: id, modifiedAt: '2025-01-01T00:00:00.000Z', orderedAt: '2025-01-01T00:00:00.000Z',
  amount: { amountMinor: 1000, currency: 'GBP' }, status: 'placed', ...o,
});
const invoice = (id: string, o: Partial<CrmInvoiceRecord> = {}): CrmInvoiceRecord => ({
  ...base, objectType: 'invoice', externalId: id, modifiedAt: '2025-01-01T00:00:00.000Z', issuedAt: '2025-01-01T00:00:00.000Z',
  dueAt: '2025-02-01T00:00:00.000Z', amount: { amountMinor: 5000, currency: 'GBP' }, open: { amountMinor: 5000, currency: 'GBP' }, status: 'open', ...o,
});
const payment = (id: string, o: Partial<CrmPaymentRecord> = {}): CrmPaymentRecord => ({
  ...base, objectType: 'payment', externalId: id, modifiedAt: '2025-01-01T00:00:00.000Z', paidAt: '2025-02-05T00:00:00.000Z',
  amount: { amountMinor: 5000, currency: 'GBP' }, kind: 'payment', ...o,
});

/** A fake store: keeps the last accepted version of each record and passes it as `previous`. */
type Event = CrmOrderRecord | CrmInvoiceRecord | CrmPaymentRecord;
const replay = (events: Event[], start: CustomerAggregates = emptyAggregates()): CustomerAggregates => {
  const stored = new Map<string, Event>();
  let agg = start;
  for (const e of events) {
    const key = `${e.objectType}:${e.externalId}`;
    const prev = stored.get(key);
    if (e.objectType === 'order') agg = applyOrder(agg, prev as CrmOrderRecord | undefined, e);
    else if (e.objectType === 'invoice') agg = applyInvoice(agg, prev as CrmInvoiceRecord | undefined, e, NOW);
    else agg = applyPayment(agg, prev as CrmPaymentRecord | undefined, e, { invoiceDueAt: '2025-02-01T00:00:00.000Z' });
    if (supersedes<Event>(prev, e)) stored.set(key, e);
  }
  return agg;
};

const iso = fc.date({ min: new Date('2024-07-01T00:00:00Z'), max: new Date('2025-06-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const version = fc.record({
  modifiedAt: iso,
  amountMinor: fc.integer({ min: -50_000, max: 50_000 }),
  cancelled: fc.boolean(),
  deleted: fc.boolean(),
  paid: fc.boolean(),
  refund: fc.boolean(),
});
/** Per record id, a fixed date (orders are not re-dated) and several versions. */
const recordVersions = fc.tuple(fc.constantFrom('order', 'invoice', 'payment'), iso, fc.uniqueArray(version, { minLength: 1, maxLength: 3, selector: (v) => v.modifiedAt }));
type Version = { modifiedAt: string; amountMinor: number; cancelled: boolean; deleted: boolean; paid: boolean; refund: boolean };
const toEvent = (type: string, id: string, fixedAt: string, v: Version): Event => {
  if (type === 'order') return order(id, { modifiedAt: v.modifiedAt, orderedAt: fixedAt, amount: { amountMinor: v.amountMinor, currency: 'GBP' }, status: v.cancelled ? 'cancelled' : 'placed', deleted: v.deleted });
  if (type === 'invoice') return invoice(id, { modifiedAt: v.modifiedAt, dueAt: fixedAt, open: { amountMinor: Math.abs(v.amountMinor), currency: 'GBP' }, status: v.paid ? 'paid' : 'open', deleted: v.deleted });
  return payment(id, { modifiedAt: v.modifiedAt, paidAt: fixedAt, amount: { amountMinor: v.amountMinor, currency: 'GBP' }, kind: v.refund ? 'refund' : 'payment', deleted: v.deleted });
};
const histories = fc.array(recordVersions, { minLength: 1, maxLength: 12 }).map((records) =>
  records.map(([type, at, versions], i) => {
    const sorted = [...versions].sort((a, b) => Date.parse(a.modifiedAt) - Date.parse(b.modifiedAt));
    return sorted.map((v) => toEvent(type, `r${i}`, at, v));
  }),
);
/** High-water marks and the sticky first-seen currency never retract by design, so the update property leaves them out. */
const comparable = (a: CustomerAggregates) => ({
  ...a,
  currency: undefined,
  orders: { ...a.orders, firstOrderAt: undefined, lastOrderAt: undefined, lastPlacedAt: undefined },
  payments: { ...a.payments, maxDaysLate: 0, lastPaymentAt: undefined },
  exposure: { ...a.exposure, maxDaysPastDue: 0 },
});

describe('aggregate updates', () => {
  it('treats a duplicate or replayed event as a no-op', () => {
    fc.assert(
      fc.property(histories, fc.nat(), (history, pick) => {
        const events = history.flat();
        const dup = events[pick % events.length];
        if (!dup) return;
        expect(replay([...events, dup])).toEqual(replay(events));
      }),
    );
  });

  it('gives the same result for a record updated in place as for its final version applied once', () => {
    fc.assert(
      fc.property(histories, (history) => {
        const allVersions = replay(history.flat());
        const finalOnly = replay(history.map((versions) => versions[versions.length - 1] as Event));
        expect(comparable(allVersions)).toEqual(comparable(finalOnly));
      }),
    );
  });

  it('does not depend on the order of independent records or on stale versions arriving late', () => {
    fc.assert(
      fc.property(histories, fc.func(fc.integer()), (history, shuffleKey) => {
        const finals = history.map((versions) => versions[versions.length - 1] as Event);
        const shuffled = [...finals].sort((a, b) => shuffleKey(a.externalId) - shuffleKey(b.externalId));
        const withStale = [...shuffled, ...history.flatMap((v) => v.slice(0, -1))];
        const expected = replay(finals);
        expect(replay(shuffled)).toEqual(expected);
        expect(comparable(replay(withStale))).toEqual(comparable(expected));
        expect(CustomerAggregatesSchema.safeParse(expected).success).toBe(true);
      }),
    );
  });

  it('resolves two versions with the same modifiedAt the same way in either arrival order', () => {
    const a = order('o1', { amount: { amountMinor: 100, currency: 'GBP' } });
    const b = order('o1', { amount: { amountMinor: 200, currency: 'GBP' } });
    expect(replay([a, b])).toEqual(replay([b, a]));
  });

  it('counts cancellations and credit notes without inflating gross', () => {
    const agg = replay([
      order('o1', { amount: { amountMinor: 10_000, currency: 'GBP' } }),
      order('o2', { amount: { amountMinor: 4_000, currency: 'GBP' } }),
      order('o2', { modifiedAt: '2025-01-02T00:00:00.000Z', amount: { amountMinor: 4_000, currency: 'GBP' }, status: 'cancelled' }),
      order('C1', { amount: { amountMinor: -2_500, currency: 'GBP' }, status: 'cancelled' }),
    ]);
    expect(agg.orders).toMatchObject({ count: 1, cancelledCount: 2, grossMinor: 10_000, netMinor: 7_500 });
    expect(agg.orders.months).toEqual([{ month: '2025-01', orderCount: 1, netMinor: 7_500 }]);
  });

  it('tracks open and overdue exposure and clears it when the invoice is paid', () => {
    let agg = applyInvoice(emptyAggregates(), undefined, invoice('i1', { dueAt: '2025-06-01T00:00:00.000Z' }), NOW);
    agg = applyInvoice(agg, undefined, invoice('i2', { dueAt: '2025-07-01T00:00:00.000Z', open: { amountMinor: 300, currency: 'GBP' } }), NOW);
    expect(agg.exposure).toMatchObject({ openInvoiceCount: 2, openMinor: 5_300, overdueMinor: 5_000, oldestOpenDueAt: '2025-06-01T00:00:00.000Z', maxDaysPastDue: 14 });
    expect(daysPastDue(agg, NOW)).toBe(14);
    agg = applyInvoice(agg, invoice('i1', { dueAt: '2025-06-01T00:00:00.000Z' }), invoice('i1', { dueAt: '2025-06-01T00:00:00.000Z', modifiedAt: '2025-06-10T00:00:00.000Z', status: 'paid', open: { amountMinor: 0, currency: 'GBP' } }), NOW);
    expect(agg.exposure).toMatchObject({ openInvoiceCount: 1, openMinor: 300, overdueMinor: 0, oldestOpenDueAt: '2025-07-01T00:00:00.000Z', maxDaysPastDue: 14 });
    expect(daysPastDue(agg, NOW)).toBe(0);
  });

  it('records late payments with days late and subtracts refunds', () => {
    let agg = applyPayment(emptyAggregates(), undefined, payment('p1', { paidAt: '2025-02-11T12:00:00.000Z' }), { invoiceDueAt: '2025-02-01T00:00:00.000Z' });
    agg = applyPayment(agg, undefined, payment('p2', { kind: 'refund', amount: { amountMinor: 1_000, currency: 'GBP' } }));
    expect(agg.payments).toMatchObject({ count: 1, paidMinor: 4_000, lateCount: 1, daysLateSum: 11, maxDaysLate: 11, lastPaymentAt: '2025-02-11T12:00:00.000Z' });
  });

  it('derives RFM inputs over the last 12 calendar months', () => {
    const agg = replay([
      order('old', { orderedAt: '2024-05-20T00:00:00.000Z', amount: { amountMinor: 9_999, currency: 'GBP' } }),
      order('a', { orderedAt: '2025-05-20T00:00:00.000Z', amount: { amountMinor: 1_000, currency: 'GBP' } }),
      order('b', { orderedAt: '2024-07-02T00:00:00.000Z', amount: { amountMinor: 500, currency: 'GBP' } }),
    ]);
    expect(rfmInputs(agg, NOW)).toEqual({ recencyDays: 26, frequency12m: 2, monetary12mMinor: 1_500 });
    expect(rfmInputs(emptyAggregates(), NOW).recencyDays).toBeUndefined();
  });

  it('keeps at most 24 month buckets, newest first', () => {
    const events = Array.from({ length: 30 }, (_, i) => order(`o${i}`, { orderedAt: new Date(Date.UTC(2022, i, 15)).toISOString() }));
    const agg = replay(events);
    expect(agg.orders.months).toHaveLength(24);
    expect(agg.orders.months[0]?.month).toBe('2024-06');
    expect(agg.orders.months[23]?.month).toBe('2022-07');
  });
});
