import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disputeStore } from '../../../shared/adapters/dynamodb/dispute-store.js';
import { incidentStore } from '../../../shared/adapters/dynamodb/incident-store.js';
import { profileStore } from '../../../shared/adapters/dynamodb/profile-store.js';
import type { TableRef } from '../../../shared/adapters/dynamodb/client.js';
import { openDispute, resolveDispute, startReview } from '../../../shared/domain/disputes/dispute.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';
import { emulatorClients, provisionTestResources } from '../../support/aws-clients.js';

const now = new Date('2026-12-07T10:00:00.000Z');
const subject = (id: string, customerId = 'cus_1') => ({ type: 'invoice' as const, id, customerId });

describe('dispute and incident stores on DynamoDB Local', () => {
  const clients = emulatorClients();
  let table: TableRef;
  beforeAll(async () => {
    table = { client: clients.doc, tableName: (await provisionTestResources(clients)).tableName };
  });
  afterAll(() => clients.destroy());

  it('keeps one open dispute per subject, writes the profile in the same transaction, frees the subject once resolved', async () => {
    const disputes = disputeStore(table);
    const profiles = profileStore(table);
    const base = { ...newProfile('cus_1', 'business', now), version: 1, sequence: 1 };
    await profiles.commit({ profile: base, expectedVersion: 0, events: [] });
    const first = openDispute({ disputeId: 'dsp_a', subject: subject('crm:c:inv-1'), reason: 'r', openedBy: 'person:ann' }, now, 720);
    await disputes.write({ dispute: first, expectedVersion: 0, events: [], profile: { profile: { ...base, disputedInvoices: [{ invoiceId: 'crm:c:inv-1', disputeId: 'dsp_a' }], version: 2, sequence: 2 }, expectedVersion: 1, events: [] } });
    expect((await profiles.get('cus_1'))?.disputedInvoices).toEqual([{ invoiceId: 'crm:c:inv-1', disputeId: 'dsp_a' }]);
    expect((await disputes.openOn(subject('crm:c:inv-1')))?.disputeId).toBe('dsp_a');

    // A second open on the same subject conflicts and writes nothing.
    const second = openDispute({ disputeId: 'dsp_b', subject: subject('crm:c:inv-1'), reason: 'r', openedBy: 'person:ann' }, now, 720);
    await expect(disputes.write({ dispute: second, expectedVersion: 0, events: [] })).rejects.toBeInstanceOf(ConflictError);
    expect(await disputes.get('dsp_b')).toBeUndefined();
    // A stale profile version fails the whole transaction and names the customer.
    const other = openDispute({ disputeId: 'dsp_c', subject: subject('crm:c:inv-2'), reason: 'r', openedBy: 'person:ann' }, now, 720);
    await expect(disputes.write({ dispute: other, expectedVersion: 0, events: [], profile: { profile: { ...base, version: 2 }, expectedVersion: 1, events: [] } })).rejects.toThrow(/^Customer cus_1/);
    expect(await disputes.get('dsp_c')).toBeUndefined();
    // A stale dispute version conflicts.
    await expect(disputes.write({ dispute: { ...startReview(first, 'a', now) }, expectedVersion: 5, events: [] })).rejects.toBeInstanceOf(ConflictError);

    const review = startReview(first, 'a', now);
    await disputes.write({ dispute: review, expectedVersion: 1, events: [] });
    await disputes.write({ dispute: resolveDispute(review, 'rejected', 'a', 'b', now), expectedVersion: 2, events: [] });
    expect(await disputes.openOn(subject('crm:c:inv-1'))).toBeUndefined();
    await disputes.write({ dispute: second, expectedVersion: 0, events: [] });
    expect((await disputes.openOn(subject('crm:c:inv-1')))?.disputeId).toBe('dsp_b');
  });

  it('pages disputes newest first with filters (status, subject type, customer, overdue) and lists a customer\'s disputes', async () => {
    const disputes = disputeStore(table);
    for (const [i, customerId] of ['cus_2', 'cus_2', 'cus_3'].entries()) {
      const at = new Date(now.getTime() + (i + 1) * 60_000);
      await disputes.write({ dispute: openDispute({ disputeId: `dsp_p${i}`, subject: { type: i === 2 ? 'rating' : 'invoice', id: `x:y:${i}`, customerId }, reason: 'r', openedBy: 'k' }, at, 1), expectedVersion: 0, events: [] });
    }
    const first = await disputes.page({ customerId: 'cus_2' }, 1);
    expect(first.disputes.map((d) => d.disputeId)).toEqual(['dsp_p1']);
    const rest = await disputes.page({ customerId: 'cus_2' }, 5, first.next);
    expect(rest.disputes.map((d) => d.disputeId)).toEqual(['dsp_p0']);
    expect((await disputes.page({ subjectType: 'rating' }, 10)).disputes.map((d) => d.disputeId)).toEqual(['dsp_p2']);
    expect((await disputes.page({ status: 'resolved' }, 10)).disputes.map((d) => d.disputeId)).toEqual(['dsp_a']);
    const overdue = (await disputes.page({ overdueAt: new Date(now.getTime() + 2 * 3_600_000).toISOString() }, 10)).disputes.map((d) => d.disputeId);
    expect(overdue.sort()).toEqual(['dsp_p0', 'dsp_p1', 'dsp_p2']);
    expect((await disputes.ofCustomer('cus_2')).map((d) => d.disputeId)).toEqual(['dsp_p1', 'dsp_p0']);
  });

  it('saves reviews with a version condition and lists them by state', async () => {
    const incidents = incidentStore(table);
    const review = {
      incidentId: 'inc_01J00000000000000000000000',
      title: 't',
      alertIds: [],
      status: 'draft' as const,
      impact: { customers: [], exposure: [] },
      contributingFactors: [],
      actions: [],
      timeline: [],
      createdBy: 'person:ann',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      history: [{ to: 'draft' as const, at: now.toISOString(), by: 'person:ann' }],
      version: 1,
    };
    await incidents.save(review, 0);
    await expect(incidents.save(review, 0)).rejects.toBeInstanceOf(ConflictError);
    await incidents.save({ ...review, status: 'in_review', version: 2 }, 1);
    await expect(incidents.save({ ...review, version: 3 }, 1)).rejects.toBeInstanceOf(ConflictError);
    expect((await incidents.get(review.incidentId))?.status).toBe('in_review');
    expect((await incidents.page({ status: 'in_review' }, 10)).incidents).toHaveLength(1);
    expect((await incidents.page({ status: 'draft' }, 10)).incidents).toHaveLength(0);
  });
});
