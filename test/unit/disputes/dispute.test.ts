import { describe, expect, it } from 'vitest';
import { askResolution, complianceConditionCode, DisputeTransitionError, excludesInvoice, isOverdue, openDispute, resolveDispute, SecondPersonRequiredError, startReview } from '../../../shared/domain/disputes/dispute.js';
import { assembleTimeline, closeIncident, IncidentTransitionError, moveIncident, type IncidentRecord } from '../../../shared/domain/incidents/incident.js';
import { withoutDisputedInvoices } from '../../../shared/domain/rating/disputed-invoices.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';

const now = new Date('2026-12-07T10:00:00.000Z');
const DAY = 86_400_000;
const subject = { type: 'invoice' as const, id: 'hubspot:c1:inv-2', customerId: 'cus_1' };
const fresh = () => openDispute({ disputeId: 'dsp_1', subject, reason: 'damaged', openedBy: 'person:ann' }, now, 720);

describe('dispute lifecycle', () => {
  it('opens due slaHours later and moves open → under_review → resolved with a second person', () => {
    const open = fresh();
    expect(open).toMatchObject({ status: 'open', dueAt: '2027-01-06T10:00:00.000Z', version: 1 });
    const review = startReview(open, 'person:ann', now);
    const asked = askResolution(review, 'rejected', 'apr_1', 'person:ann', now);
    expect(asked).toMatchObject({ status: 'under_review', pendingResolution: { outcome: 'rejected', by: 'person:ann' } });
    const done = resolveDispute(asked, 'rejected', 'person:ann', 'person:bob', now);
    expect(done).toMatchObject({ status: 'resolved', outcome: 'rejected', version: 4 });
    expect(done.pendingResolution).toBeUndefined();
    expect(done.history.at(-1)).toMatchObject({ from: 'under_review', to: 'resolved', approvedBy: 'person:bob' });
  });

  it('refuses moves the state does not allow, with the current state, and the same person twice', () => {
    const open = fresh();
    expect(() => askResolution(open, 'upheld', 'apr_1', 'person:ann', now)).toThrow(DisputeTransitionError);
    try {
      resolveDispute(open, 'upheld', 'person:ann', 'person:bob', now);
    } catch (error) {
      expect((error as DisputeTransitionError).details).toEqual({ current: { disputeId: 'dsp_1', status: 'open', allowed: ['under_review'] } });
    }
    expect(() => resolveDispute(startReview(open, 'person:ann', now), 'upheld', 'person:ann', 'person:ann', now)).toThrow(SecondPersonRequiredError);
    const resolved = resolveDispute(startReview(open, 'a', now), 'withdrawn', 'a', 'b', now);
    expect(() => startReview(resolved, 'a', now)).toThrow(DisputeTransitionError);
  });

  it('keeps an invoice out while open and when upheld; the debt stands again when rejected, withdrawn or corrected', () => {
    const review = startReview(fresh(), 'a', now);
    expect(excludesInvoice(fresh())).toBe(true);
    expect(excludesInvoice(review)).toBe(true);
    expect(excludesInvoice(resolveDispute(review, 'upheld', 'a', 'b', now))).toBe(true);
    for (const outcome of ['rejected', 'withdrawn', 'corrected'] as const) expect(excludesInvoice(resolveDispute(review, outcome, 'a', 'b', now))).toBe(false);
    expect(excludesInvoice({ ...fresh(), subject: { ...subject, type: 'rating' } })).toBe(false);
  });

  it('is overdue past its due time until resolved; a bureau item carries its Metro 2 compliance condition code', () => {
    expect(isOverdue(fresh(), new Date(now.getTime() + 29 * DAY))).toBe(false);
    expect(isOverdue(fresh(), new Date(now.getTime() + 30 * DAY))).toBe(true);
    const item = openDispute({ disputeId: 'dsp_2', subject: { ...subject, type: 'bureau_item', id: 'tl-7' }, reason: 'not mine', openedBy: 'key:k' }, now, 720);
    expect(item.complianceConditionCode).toBe('XB');
    expect(resolveDispute(startReview(item, 'a', now), 'rejected', 'a', 'b', now).complianceConditionCode).toBe('XH');
    expect(resolveDispute(startReview(item, 'a', now), 'corrected', 'a', 'b', now).complianceConditionCode).toBe('XC');
    expect(complianceConditionCode('resolved', 'withdrawn')).toBeUndefined();
  });
});

describe('withoutDisputedInvoices', () => {
  const profile = () => {
    const p = newProfile('cus_1', 'business', now);
    p.aggregates.currency = 'EUR';
    p.aggregates.exposure = {
      openInvoiceCount: 2,
      openMinor: 1_200,
      overdueMinor: 1_200,
      maxDaysPastDue: 45,
      oldestOpenDueAt: new Date(now.getTime() - 45 * DAY).toISOString(),
      openInvoices: [
        { id: 'hubspot:c1:inv-2', dueAt: new Date(now.getTime() - 45 * DAY).toISOString(), openMinor: 900 },
        { id: 'hubspot:c1:inv-3', dueAt: new Date(now.getTime() - 5 * DAY).toISOString(), openMinor: 300 },
      ],
    };
    return p;
  };
  const on = { disputes: { slaHours: 720, excludeDisputedInvoices: true } };

  it('leaves the disputed invoice out of the open and overdue amounts and the days past due it explains', () => {
    const p = { ...profile(), disputedInvoices: [{ invoiceId: 'hubspot:c1:inv-2', disputeId: 'dsp_1' }] };
    const { exposure } = withoutDisputedInvoices(p, on, now).aggregates;
    expect(exposure).toMatchObject({ openInvoiceCount: 1, openMinor: 300, overdueMinor: 300, maxDaysPastDue: 5, oldestOpenDueAt: p.aggregates.exposure.openInvoices![1]!.dueAt });
    expect(exposure.openInvoices!.map((i) => i.id)).toEqual(['hubspot:c1:inv-3']);
  });

  it('keeps a recorded worst days past due the disputed invoice cannot explain, and changes nothing when the policy says so', () => {
    const p = { ...profile(), disputedInvoices: [{ invoiceId: 'hubspot:c1:inv-3', disputeId: 'dsp_1' }] };
    expect(withoutDisputedInvoices(p, on, now).aggregates.exposure).toMatchObject({ maxDaysPastDue: 45, openMinor: 900, overdueMinor: 900 });
    expect(withoutDisputedInvoices(p, { disputes: { slaHours: 720, excludeDisputedInvoices: false } }, now)).toBe(p);
    const none = profile();
    expect(withoutDisputedInvoices(none, on, now)).toBe(none);
  });
});

describe('post-incident review lifecycle and timeline', () => {
  const review = (): IncidentRecord => ({
    incidentId: 'inc_01J00000000000000000000000',
    title: 't',
    alertIds: [],
    status: 'draft',
    impact: { customers: [], exposure: [] },
    contributingFactors: [],
    actions: [],
    timeline: [],
    createdBy: 'person:ann',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    history: [{ to: 'draft', at: now.toISOString(), by: 'person:ann' }],
    version: 1,
  });

  it('moves draft → in_review → closed (and back to draft from review); closed is final', () => {
    expect(() => closeIncident(review(), 'a', 'b', now)).toThrow(IncidentTransitionError);
    const inReview = moveIncident(review(), 'in_review', 'a', now);
    expect(moveIncident(inReview, 'draft', 'a', now).status).toBe('draft');
    const closed = closeIncident(inReview, 'a', 'b', now);
    expect(closed).toMatchObject({ status: 'closed', closedAt: now.toISOString(), version: 3 });
    expect(() => moveIncident(closed, 'draft', 'a', now)).toThrow(IncidentTransitionError);
  });

  it('merges events and audit entries oldest first, each once, in a stable order on equal times', () => {
    const t = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();
    const events = [
      { id: 'e2', type: 'rating.changed', occurredAt: t(2), customerId: 'c' },
      { id: 'e1', type: 'customer.updated', occurredAt: t(0), customerId: 'c' },
      { id: 'e1', type: 'customer.updated', occurredAt: t(0), customerId: 'c' },
    ];
    const audit = [
      { chain: 'a0', seq: 2, at: t(3), action: 'alert.acknowledge', actor: 'person:ann', target: 'alert:alt_1' },
      { chain: 'a0', seq: 1, at: t(2), action: 'alert.comment', actor: 'person:ann', target: 'alert:alt_1' },
    ];
    expect(assembleTimeline(events, audit).map((e) => `${e.source}:${e.ref}`)).toEqual(['event:e1', 'audit:a0:1', 'event:e2', 'audit:a0:2']);
    expect(assembleTimeline(events, audit, 2)).toHaveLength(2);
  });
});
