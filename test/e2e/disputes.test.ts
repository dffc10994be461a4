import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../infra/local/sandboxes/crm/hubspot.js';
import { localCrmConnections } from '../../infra/local/sandboxes/crm/local-connections.js';
import { addPerson, putConnection, until } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const DAY = 86_400_000;
const COMPANY = '9100000004';
const CUSTOMER = `c:crm:hubspot:local-hubspot:${COMPANY}`;
const base = { crm: 'hubspot', connectionId: 'local-hubspot' } as const;
const eur = (minor: number) => ({ amountMinor: minor, currency: 'EUR' });
type Rating = { status: string; score?: number; grade?: string; pd?: number; reasons: Array<{ code: string }>; ratedAt: string };

describe('disputes', () => {
  let t: TestHub;
  let hubspot: HubSpotSandbox;
  let analyst: { key: string };
  let approver: { key: string };
  let auditor: { key: string };
  const iso = (msAgo: number) => new Date(t.hub.clock.now().getTime() - msAgo).toISOString();

  const ingest = async (records: unknown[]) => {
    const response = await t.api('POST', '/v1/crm/local-hubspot/records', { body: { records } });
    expect(response.status, response.text).toBe(202);
  };
  /** The customer's rating once `ok` holds (the last one read otherwise, for the assertion to show). */
  const ratingWhen = async (ok: (r: Rating) => boolean): Promise<Rating> => {
    const read = await until(
      () => t.api('GET', `/v1/customers/${encodeURIComponent(CUSTOMER)}`),
      (r) => r.status === 200 && r.json.profile?.rating !== undefined && ok(r.json.profile.rating as Rating),
    );
    expect(read.status, read.text).toBe(200);
    return read.json.profile.rating as Rating;
  };
  const overdue = (r: Rating) => r.reasons.some((x) => x.code === 'R02');

  beforeAll(async () => {
    hubspot = await startHubSpotSandbox();
    const crm = localCrmConnections({ hubspot: hubspot.url });
    t = await startTestHub({ env: { LOCAL_SECRETS: JSON.stringify(crm.secrets) } });
    // The HubSpot mapping takes in contact data: a second person approves it (four eyes); then its hold fields are set up.
    for (const connection of crm.connections) {
      expect((await putConnection(t, connection.connectionId, connection)).status).toBe(202);
      expect((await t.api('POST', `/v1/crm/connections/${connection.connectionId}/setup`)).status).toBe(200);
    }
    analyst = await addPerson(t, 'ana-lyst', ['analyst']);
    approver = await addPerson(t, 'appro-ver', ['approver']);
    auditor = await addPerson(t, 'audi-tor', ['auditor']);
  });
  afterAll(async () => {
    await hubspot?.stop();
    await t?.stop();
  });

  it('an overdue invoice rates the customer down; disputing it restores the rating while open; resolved with the debt standing, the rating goes back down', async () => {
    await ingest([
      { ...base, externalId: COMPANY, objectType: 'customer', modifiedAt: iso(0), fields: { legalName: 'Example Widgets GmbH', country: 'DE' } },
      ...[50, 40, 20, 5].map((daysAgo, i) => ({ ...base, externalId: `deal-${i}`, objectType: 'order', modifiedAt: iso(daysAgo * DAY), customerExternalId: COMPANY, orderedAt: iso(daysAgo * DAY), amount: eur(1_200_000), status: 'placed' })),
      { ...base, externalId: 'inv-1', objectType: 'invoice', modifiedAt: iso(10 * DAY), customerExternalId: COMPANY, issuedAt: iso(40 * DAY), dueAt: iso(10 * DAY), amount: eur(1_200_000), open: eur(0), status: 'paid' },
    ]);
    const clean = await ratingWhen((r) => r.status === 'rated' && !overdue(r));

    // An invoice 45 days past due: the rating drops (R02 payments past due).
    await ingest([{ ...base, externalId: 'inv-2', objectType: 'invoice', modifiedAt: iso(0), customerExternalId: COMPANY, issuedAt: iso(75 * DAY), dueAt: iso(45 * DAY), amount: eur(900_000), open: eur(900_000), status: 'open' }]);
    const before = await ratingWhen(overdue);
    expect(before.score!).toBeLessThan(clean.score!);
    expect(before.pd!).toBeGreaterThan(clean.pd!);

    // The customer disputes that invoice: while the dispute is open the invoice is left out.
    const subject = { type: 'invoice', id: 'hubspot:local-hubspot:inv-2', customerId: CUSTOMER };
    const opened = await t.api('POST', '/v1/disputes', { key: analyst.key, body: { subject, reason: 'Goods arrived damaged' } });
    expect(opened.status, opened.text).toBe(201);
    const dispute = opened.json.dispute;
    expect(dispute).toMatchObject({ subject, status: 'open', openedBy: 'person:ana-lyst' });
    expect(Date.parse(dispute.dueAt) - Date.parse(dispute.openedAt)).toBe(720 * 3_600_000);
    const during = await ratingWhen((r) => !overdue(r) && r.ratedAt > before.ratedAt);
    expect({ score: during.score, grade: during.grade, pd: during.pd }).toEqual({ score: clean.score, grade: clean.grade, pd: clean.pd });
    expect(during.score!).toBeGreaterThan(before.score!);
    expect((await t.api('GET', `/v1/customers/${encodeURIComponent(CUSTOMER)}`)).json.profile.disputedInvoices).toEqual([{ invoiceId: subject.id, disputeId: dispute.disputeId }]);

    // One open dispute per subject.
    const again = await t.api('POST', '/v1/disputes', { key: analyst.key, body: { subject, reason: 'twice' } });
    expect(again.status, again.text).toBe(409);
    expect(again.json).toMatchObject({ code: 'dispute_already_open', current: { disputeId: dispute.disputeId } });

    const path = `/v1/disputes/${dispute.disputeId}`;
    // open → resolved skips the review: 409 with the current state.
    const early = await t.api('POST', `${path}/transitions`, { key: analyst.key, body: { to: 'resolved', outcome: 'rejected' } });
    expect(early.status, early.text).toBe(409);
    expect(early.json).toMatchObject({ code: 'dispute_transition_refused', current: { status: 'open', allowed: ['under_review'] } });
    const review = await t.api('POST', `${path}/transitions`, { key: analyst.key, body: { to: 'under_review', note: 'asked the warehouse' } });
    expect(review.status, review.text).toBe(200);
    expect(review.json.dispute).toMatchObject({ status: 'under_review' });
    const commented = await t.api('POST', `${path}/comments`, { key: analyst.key, body: { text: 'Delivery note shows no damage' } });
    expect(commented.status, commented.text).toBe(200);
    expect(commented.json.dispute.comments).toEqual([expect.objectContaining({ by: 'person:ana-lyst', text: 'Delivery note shows no damage' })]);

    // Resolution takes a second person: the first asks (202), the same person again is a 409, an auditor may not act.
    const asked = await t.api('POST', `${path}/transitions`, { key: analyst.key, body: { to: 'resolved', outcome: 'rejected', note: 'the debt stands' } });
    expect(asked.status, asked.text).toBe(202);
    expect(asked.json.approval).toMatchObject({ action: 'dispute.resolve', target: `dispute:${dispute.disputeId}`, status: 'pending', maker: 'person:ana-lyst' });
    expect(asked.json.dispute).toMatchObject({ status: 'under_review', pendingResolution: { outcome: 'rejected', by: 'person:ana-lyst' } });
    const self = await t.api('POST', `${path}/transitions`, { key: analyst.key, body: { to: 'resolved', outcome: 'rejected' } });
    expect(self.status, self.text).toBe(409);
    expect(self.json.code).toBe('second_person_required');
    const forbidden = await t.api('POST', `${path}/transitions`, { key: auditor.key, body: { to: 'resolved', outcome: 'rejected' } });
    expect(forbidden.status, forbidden.text).toBe(403);
    const otherOutcome = await t.api('POST', `${path}/transitions`, { key: approver.key, body: { to: 'resolved', outcome: 'upheld' } });
    expect(otherOutcome.status, otherOutcome.text).toBe(409);
    expect(otherOutcome.json.current.pendingResolution).toMatchObject({ outcome: 'rejected' });
    expect((await t.api('GET', path, { key: auditor.key })).json.dispute.status).toBe('under_review');

    const resolved = await t.api('POST', `${path}/transitions`, { key: approver.key, body: { to: 'resolved', outcome: 'rejected' } });
    expect(resolved.status, resolved.text).toBe(200);
    expect(resolved.json.dispute).toMatchObject({ status: 'resolved', outcome: 'rejected' });
    expect(resolved.json.dispute.history.at(-1)).toMatchObject({ from: 'under_review', to: 'resolved', by: 'person:ana-lyst', approvedBy: 'person:appro-ver', outcome: 'rejected' });
    expect(resolved.json.dispute.pendingResolution).toBeUndefined();

    // The debt stands: the invoice counts again and the rating goes back down.
    const after = await ratingWhen((r) => overdue(r) && r.ratedAt > during.ratedAt);
    expect(after.score!).toBeLessThan(during.score!);
    expect(after.grade).toBe(before.grade);

    const closed = await t.api('POST', `${path}/transitions`, { key: approver.key, body: { to: 'under_review' } });
    expect(closed.status, closed.text).toBe(409);
    expect(closed.json.current).toMatchObject({ status: 'resolved', allowed: [] });

    // Events and filters.
    const events = await t.api('GET', `/v1/customers/${encodeURIComponent(CUSTOMER)}/events?limit=200`);
    const types = (events.json.events as Array<{ type: string }>).map((e) => e.type);
    // The customer's sequenced events: each of opening and resolving re-rated the customer.
    const tail = types.slice(types.indexOf('dispute.opened'));
    expect(tail.slice(0, 2), JSON.stringify(types)).toEqual(['dispute.opened', 'rating.changed']);
    expect(tail.slice(tail.indexOf('dispute.resolved'), tail.indexOf('dispute.resolved') + 2)).toEqual(['dispute.resolved', 'rating.changed']);
    const listed = await t.api('GET', `/v1/disputes?status=resolved&subjectType=invoice&customerId=${encodeURIComponent(CUSTOMER)}`, { key: auditor.key });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.disputes.map((d: { disputeId: string }) => d.disputeId)).toEqual([dispute.disputeId]);
    expect((await t.api('GET', '/v1/disputes?status=open')).json.disputes).toEqual([]);
  });

  it('refuses an unknown customer or assessment (422) and an unknown dispute (404)', async () => {
    const unknown = await t.api('POST', '/v1/disputes', { key: analyst.key, body: { subject: { type: 'rating', id: 'latest', customerId: 'c:nobody' }, reason: 'x' } });
    expect(unknown.status, unknown.text).toBe(422);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ path: 'subject.customerId' })]);
    const assessment = await t.api('POST', '/v1/disputes', { key: analyst.key, body: { subject: { type: 'assessment', id: 'asm-none', customerId: CUSTOMER }, reason: 'x' } });
    expect(assessment.status, assessment.text).toBe(422);
    expect(assessment.json.errors).toEqual([expect.objectContaining({ path: 'subject.id' })]);
    const bad = await t.api('POST', '/v1/disputes', { key: analyst.key, body: { subject: { type: 'loan', id: 'x', customerId: CUSTOMER }, reason: 'x', extra: 1 } });
    expect(bad.status, bad.text).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['extra', 'subject.type']);
    expect((await t.api('GET', '/v1/disputes/dsp_UNKNOWN')).status).toBe(404);
    expect((await t.api('POST', '/v1/disputes/dsp_UNKNOWN/comments', { body: { text: 'x' } })).status).toBe(404);
    expect((await t.api('POST', '/v1/disputes/dsp_UNKNOWN/transitions', { body: { to: 'under_review' } })).status).toBe(404);
  });

  it('a CRM invoice with status disputed is accepted and opens one dispute, also when redelivered', async () => {
    const invoice = { ...base, externalId: 'inv-3', objectType: 'invoice', modifiedAt: iso(0), customerExternalId: COMPANY, issuedAt: iso(20 * DAY), dueAt: iso(5 * DAY), amount: eur(300_000), open: eur(300_000), status: 'disputed' };
    await ingest([invoice]);
    const q = `/v1/disputes?subjectType=invoice&status=open&customerId=${encodeURIComponent(CUSTOMER)}`;
    const listed = await until(() => t.api('GET', q), (r) => r.status === 200 && r.json.disputes.length > 0);
    expect(listed.json.disputes).toEqual([expect.objectContaining({ subject: { type: 'invoice', id: 'hubspot:local-hubspot:inv-3', customerId: CUSTOMER }, openedBy: 'crm:hubspot:local-hubspot', status: 'open' })]);
    // Redelivered: still one dispute.
    await ingest([invoice]);
    await ingest([{ ...invoice, externalId: 'inv-4', status: 'paid', open: eur(0) }]);
    await until(() => t.api('GET', `/v1/customers/${encodeURIComponent(CUSTOMER)}`), (r) => r.json.profile?.aggregates.exposure.openInvoices?.some((i: { id: string }) => i.id.endsWith('inv-4')) === false && r.json.profile.version > 0);
    expect((await t.api('GET', q)).json.disputes).toHaveLength(1);
  });

  it('lists disputes past their due time as overdue', async () => {
    const opened = await t.api('POST', '/v1/disputes', { key: analyst.key, body: { subject: { type: 'rating', id: 'latest', customerId: CUSTOMER }, reason: 'The grade ignores our guarantee' } });
    expect(opened.status, opened.text).toBe(201);
    expect((await t.api('GET', '/v1/disputes?overdue=true')).json.disputes).toEqual([]);
    const moved = await t.api('POST', '/__local/clock/advance', { key: null, body: { seconds: 721 * 3600 } });
    expect(moved.status, moved.text).toBe(200);
    const overdueList = await t.api('GET', '/v1/disputes?overdue=true&limit=1');
    expect(overdueList.status, overdueList.text).toBe(200);
    expect(overdueList.json.disputes).toHaveLength(1);
    expect(overdueList.json.next).toEqual(expect.any(String));
    const ids = [overdueList.json.disputes[0].disputeId];
    const rest = await t.api('GET', new URL(overdueList.json.next).pathname + new URL(overdueList.json.next).search);
    ids.push(...rest.json.disputes.map((d: { disputeId: string }) => d.disputeId));
    expect(ids).toContain(opened.json.dispute.disputeId);
  });
});
