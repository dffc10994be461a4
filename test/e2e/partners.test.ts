import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { emptyAggregates } from '../../shared/domain/profile/aggregates.js';
import { emulatorClients } from '../support/aws-clients.js';
import { approveAsSecondPerson, commitIngestedCustomer, createAgreement, createApiKey, E2E_WAIT_MS, receivedEnvelopes, subscribeReceiver } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const DAY = 86_400_000;

describe('partner agencies and consultants', () => {
  let t: TestHub;
  let receiver: WebhookReceiver;
  let partnerA: string;
  let partnerB: string;
  let consultant: string;
  let otherConsultant: string;
  const clients = emulatorClients();

  const envelopes = (type: string, customerId: string) => receivedEnvelopes(receiver, type, customerId);
  const key = async (name: string, role: string, tenantRef?: string): Promise<string> => (await createApiKey(t, { name, role, ...(tenantRef ? { tenantRef } : {}) })).key;

  beforeAll(async () => {
    t = await startTestHub();
    receiver = await startWebhookReceiver();
    await subscribeReceiver(t, receiver, '/hooks/partners', ['assessment.submitted']);
    for (const [id, body] of [
      ['p-engaged', { kind: 'business', fields: { legalName: 'Engaged Handels GmbH', country: 'DE', email: 'ap@engaged.example' }, identifiers: [{ scheme: 'vat', value: 'DE136695976' }] }],
      ['p-other', { kind: 'business', fields: { legalName: 'Other Trading Ltd', country: 'GB' } }],
      ['p-third', { kind: 'business', fields: { legalName: 'Third Srl', country: 'IT' } }],
    ] as const) {
      expect((await t.api('PUT', `/v1/customers/${id}`, { body })).status).toBe(201);
    }
    [partnerA, partnerB, consultant, otherConsultant] = await Promise.all([
      key('agency A', 'partner', 'partner-a'),
      key('agency B', 'partner', 'partner-b'),
      key('consultant X', 'consultant', 'consultant-x'),
      key('consultant Y', 'consultant', 'consultant-y'),
    ]);
    const engaged = await t.api('POST', '/v1/partners/partner-a/engagements', { body: { customerId: 'p-engaged', scope: 'assess' } });
    expect(engaged.status, engaged.text).toBe(201);
  });

  afterAll(async () => {
    await receiver?.stop();
    await t?.stop();
    clients.destroy();
  });

  it('takes an assessment for an engaged customer: profile summary and assessment.submitted in one write, signed webhook, idempotent retry', async () => {
    const body = { customerId: 'p-engaged', grade: 'BB', pd: 0.07, scale: 'S&P-like AAA..D', rationale: 'Late filings', externalRef: 'A-2026-001' };
    const submitted = await t.api('POST', '/v1/partner/assessments', { body, key: partnerA });
    expect(submitted.status, submitted.text).toBe(201);
    expect(submitted.json.assessment).toMatchObject({ partnerId: 'partner-a', customerId: 'p-engaged', pd: 0.07, externalRef: 'A-2026-001' });
    expect(submitted.json.assessment).not.toHaveProperty('fingerprint');
    const assessmentId: string = submitted.json.assessment.assessmentId;

    const replay = await t.api('POST', '/v1/partner/assessments', { body, key: partnerA });
    expect(replay.status).toBe(200);
    expect(replay.json).toMatchObject({ replayed: true, assessment: { assessmentId } });
    const reused = await t.api('POST', '/v1/partner/assessments', { body: { ...body, pd: 0.5 }, key: partnerA });
    expect(reused.status).toBe(409);

    const profile = await t.api('GET', '/v1/customers/p-engaged');
    expect(profile.json.profile.assessments).toEqual([expect.objectContaining({ partnerId: 'partner-a', assessmentId, grade: 'BB', pd: 0.07 })]);
    const events = await t.api('GET', '/v1/customers/p-engaged/events');
    const submittedEvents = events.json.events.filter((e: { type: string }) => e.type === 'assessment.submitted');
    expect(submittedEvents).toHaveLength(1);

    await receiver.waitFor(() => envelopes('assessment.submitted', 'p-engaged').length > 0, E2E_WAIT_MS);
    const [webhook] = envelopes('assessment.submitted', 'p-engaged');
    expect(webhook).toMatchObject({ data: { assessmentId, partnerId: 'partner-a', pd: 0.07 }, sequence: submittedEvents[0].sequence });
    expect(JSON.stringify(webhook)).not.toContain('Late filings');

    // Engaging again on the same terms answers the engagement as it is.
    const engagements = (await t.api('GET', '/v1/partners/partner-a/engagements')).json.engagements;
    const again = await t.api('POST', '/v1/partners/partner-a/engagements', { body: { customerId: 'p-engaged', scope: 'assess' } });
    expect(again.status, again.text).toBe(200);
    expect(again.json.engagement).toEqual(engagements.find((e: { customerId: string }) => e.customerId === 'p-engaged'));
    expect((await t.api('GET', '/v1/partners/partner-a/engagements')).json.engagements).toEqual(engagements);
  });

  it('re-rates a rated customer with the partner PD after a submission', async () => {
    // A customer with enough trade data to be rated, written as the CRM ingest worker would (profile + event, one transaction).
    const now = new Date();
    await commitIngestedCustomer(
      { client: clients.doc, tableName: t.hub.resources.tableName },
      'p-rated',
      {
        fields: { country: 'DE' },
        aggregates: {
          currency: 'EUR',
          orders: { count: 12, cancelledCount: 0, grossMinor: 1_200_000, netMinor: 1_200_000, firstOrderAt: new Date(now.getTime() - 300 * DAY).toISOString(), lastOrderAt: new Date(now.getTime() - 5 * DAY).toISOString(), months: [] },
          payments: { ...emptyAggregates().payments, count: 10, paidMinor: 1_000_000, lateCount: 1, daysLateSum: 3, maxDaysLate: 3, lastPaymentAt: new Date(now.getTime() - 3 * DAY).toISOString() },
        },
      },
      now,
    );
    const ratingOf = async () => (await t.api('GET', '/v1/customers/p-rated')).json.profile.rating;
    for (const deadline = Date.now() + E2E_WAIT_MS; Date.now() < deadline && (await ratingOf())?.status !== 'rated'; ) await new Promise((r) => setTimeout(r, 100));
    const before = await ratingOf();
    expect(before).toMatchObject({ status: 'rated', features: { partner_pd: null } });

    expect((await t.api('POST', '/v1/partners/partner-a/engagements', { body: { customerId: 'p-rated', scope: 'assess' } })).status).toBe(201);
    const submitted = await t.api('POST', '/v1/partner/assessments', { body: { customerId: 'p-rated', pd: 0.2, scale: 'pd', externalRef: 'A-2026-rated' }, key: partnerA });
    expect(submitted.status, submitted.text).toBe(201);
    let after = await ratingOf();
    for (const deadline = Date.now() + E2E_WAIT_MS; Date.now() < deadline && after?.features?.partner_pd !== 0.2; ) {
      await new Promise((r) => setTimeout(r, 100));
      after = await ratingOf();
    }
    expect(after.features.partner_pd).toBe(0.2);
    expect(after.score).toBeLessThan(before.score);
    const events = (await t.api('GET', '/v1/customers/p-rated/events')).json.events.map((e: { type: string }) => e.type);
    expect(events.indexOf('rating.changed', events.indexOf('assessment.submitted'))).toBeGreaterThan(events.indexOf('assessment.submitted'));
  });

  it('answers a not-engaged and an unknown customer with the same 403 problem', async () => {
    const submit = (customerId: string) => t.api('POST', '/v1/partner/assessments', { body: { customerId, pd: 0.1, scale: 'pd', externalRef: `probe-${customerId}` }, key: partnerA });
    const [notEngaged, unknown] = [await submit('p-other'), await submit('does-not-exist')];
    expect(notEngaged.status).toBe(403);
    expect(notEngaged.headers.get('content-type')).toBe('application/problem+json');
    expect(unknown.json).toEqual(notEngaged.json);

    const view = async (customerId: string) => {
      const r = await t.api('GET', `/v1/partner/customers/${customerId}`, { key: partnerA });
      const { instance: _i, ...rest } = r.json;
      return { status: r.status, rest };
    };
    expect(await view('does-not-exist')).toEqual(await view('p-other'));
    expect((await view('p-other')).status).toBe(403);

    const invalid = await t.api('POST', '/v1/partner/assessments', { body: { customerId: 'p-engaged', scale: 'pd', externalRef: 'x', pd: 2 }, key: partnerA });
    expect(invalid.status).toBe(422);
    expect(invalid.json.errors.map((e: { path: string }) => e.path)).toContain('pd');
    // A partner key without a tenant is not issued at all (it could never be used).
    const untenanted = await t.api('POST', '/v1/admin/api-keys', { body: { name: 'agency without tenant', role: 'partner' } });
    expect(untenanted.status).toBe(422);
    expect(untenanted.json.errors).toEqual([expect.objectContaining({ path: 'tenantRef', code: 'required' })]);
    const p = await t.api('GET', '/v1/customers/p-other');
    expect(p.json.profile.assessments).toEqual([]);
  });

  it('keeps partners apart: own submissions only, a reduced customer view, and no access after the engagement ends', async () => {
    const own = await t.api('GET', '/v1/partner/assessments', { key: partnerA });
    expect(own.status).toBe(200);
    expect(own.json.assessments.map((a: { externalRef: string }) => a.externalRef).sort()).toEqual(['A-2026-001', 'A-2026-rated']);
    const other = await t.api('GET', '/v1/partner/assessments', { key: partnerB });
    expect(other.json.assessments).toEqual([]);
    expect((await t.api('GET', '/v1/partner/customers/p-engaged', { key: partnerB })).status).toBe(403);

    const view = await t.api('GET', '/v1/partner/customers/p-engaged', { key: partnerA });
    expect(view.status).toBe(200);
    expect(view.json.customer).toMatchObject({ customerId: 'p-engaged', legalName: 'Engaged Handels GmbH', country: 'DE', identifiers: [{ scheme: 'vat', value: 'DE136695976' }] });
    expect(view.json.customer).not.toHaveProperty('rating');
    expect(view.text).not.toContain('ap@engaged.example');
    expect((await t.api('GET', '/v1/customers/p-engaged', { key: partnerA })).status).toBe(403);

    // An assessment request engages partner B and is answered by its submission.
    const asked = await t.api('POST', '/v1/partners/partner-b/assessment-requests', { body: { customerId: 'p-engaged', note: 'Annual review' } });
    expect(asked.status, asked.text).toBe(201);
    const requests = await t.api('GET', '/v1/partner/assessment-requests', { key: partnerB });
    expect(requests.json.requests).toEqual([expect.objectContaining({ requestId: asked.json.request.requestId, status: 'open' })]);
    const answer = await t.api('POST', '/v1/partner/assessments', { body: { customerId: 'p-engaged', grade: 'A', scale: 'AAA..D', externalRef: 'B-1', requestId: asked.json.request.requestId }, key: partnerB });
    expect(answer.status, answer.text).toBe(201);
    expect((await t.api('GET', '/v1/partner/assessment-requests', { key: partnerB })).json.requests[0].status).toBe('answered');
    const viewA = await t.api('GET', '/v1/partner/customers/p-engaged', { key: partnerA });
    expect(viewA.json.customer.ownAssessments.map((a: { partnerId: string }) => a.partnerId)).toEqual(['partner-a']);

    expect((await t.api('DELETE', '/v1/partners/partner-a/engagements/p-third')).status).toBe(404);
    expect((await t.api('POST', '/v1/partners/partner-b/assessment-requests', { body: { customerId: 'does-not-exist' } })).status).toBe(404);
    const ended = await t.api('DELETE', '/v1/partners/partner-a/engagements/p-engaged');
    expect(ended.json.engagement.status).toBe('ended');
    expect((await t.api('GET', '/v1/partner/customers/p-engaged', { key: partnerA })).status).toBe(403);
    const listed = await t.api('GET', '/v1/partners/partner-a/engagements');
    expect(listed.json.engagements).toContainEqual(expect.objectContaining({ customerId: 'p-engaged', status: 'ended' }));
  });

  it("pages a partner's own submissions with signed cursors bound to the caller, and refuses unknown parameters and fields", async () => {
    const first = await t.api('GET', '/v1/partner/assessments?limit=1', { key: partnerA });
    expect(first.status, first.text).toBe(200);
    expect(first.json.assessments).toHaveLength(1);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    expect(first.json.next).toBe(`${t.hub.url}/v1/partner/assessments?limit=1&cursor=${encodeURIComponent(first.json.nextCursor)}`);
    const second = await t.api('GET', `/v1/partner/assessments?limit=1&cursor=${encodeURIComponent(first.json.nextCursor)}`, { key: partnerA });
    expect(second.status).toBe(200);
    const refs = [...first.json.assessments, ...second.json.assessments].map((a: { externalRef: string }) => a.externalRef).sort();
    expect(refs).toEqual(['A-2026-001', 'A-2026-rated']);
    expect(second.json.assessments[0]).not.toHaveProperty('fingerprint');

    const stolen = await t.api('GET', `/v1/partner/assessments?limit=1&cursor=${encodeURIComponent(first.json.nextCursor)}`, { key: partnerB });
    expect(stolen.status).toBe(422);
    expect(stolen.json.errors).toEqual([expect.objectContaining({ path: 'cursor', code: 'invalid_cursor' })]);
    const unknownParam = await t.api('GET', '/v1/partner/assessments?page=2', { key: partnerA });
    expect(unknownParam.status).toBe(422);
    expect(unknownParam.json.errors).toEqual([expect.objectContaining({ path: 'page', in: 'query' })]);
    const unknownField = await t.api('POST', '/v1/partner/assessments', { body: { customerId: 'p-engaged', pd: 0.1, scale: 'pd', externalRef: 'z', confidence: 'high' }, key: partnerA });
    expect(unknownField.status).toBe(422);
    expect(unknownField.json.errors.map((e: { path: string }) => e.path)).toEqual(['confidence']);
  });

  it('gives a consultant redacted rows under an active agreement only, and audits every read', async () => {
    const now = Date.now();
    const agreement = (agreementId: string, consultantRef: string, overrides: Record<string, unknown> = {}) => ({
      agreementId,
      consultantRef,
      datasets: ['customer_profiles'],
      fields: { customerId: 'hash', 'fields.legalName': 'mask', 'fields.country': 'include', 'fields.email': 'drop', createdAt: 'bucket' },
      validFrom: new Date(now - 60_000).toISOString(),
      validUntil: new Date(now + 3_600_000).toISOString(),
      purpose: 'Portfolio study',
      ...overrides,
    });
    // Four eyes: the admin asks (202), nothing exists yet, the asker cannot approve, a second person can.
    const asked = await t.api('POST', '/v1/admin/agreements', { body: agreement('dsa-x', 'consultant-x') });
    expect(asked.status, asked.text).toBe(202);
    expect(asked.json.approval).toMatchObject({ action: 'agreement.create', target: 'agreement:dsa-x', status: 'pending', maker: 'person:test-admin' });
    expect((await t.api('GET', '/v1/admin/agreements/dsa-x')).status).toBe(404);
    const self = await t.api('POST', `/v1/approvals/${asked.json.approval.approvalId}/approve`);
    expect(self.status).toBe(403);
    expect(self.json.code).toBe('self_approval');
    const granted = await approveAsSecondPerson(t, asked.json.approval.approvalId);
    expect(granted.json.approval).toMatchObject({ status: 'granted', checkers: [expect.objectContaining({ by: 'person:second-approver' })] });
    const created = await t.api('GET', '/v1/admin/agreements/dsa-x');
    expect(created.json.agreement).toMatchObject({ agreementId: 'dsa-x', status: 'active', createdBy: asked.json.approval.makerPrincipalId });
    expect(created.text).not.toContain('salt');
    expect(granted.text).not.toContain('salt');
    expect((await t.api('POST', '/v1/admin/agreements', { body: agreement('dsa-x', 'consultant-x') })).status).toBe(409);
    const badField = await t.api('POST', '/v1/admin/agreements', { body: agreement('dsa-bad', 'consultant-x', { fields: { 'rating.pd': 'include' } }) });
    expect(badField.status).toBe(422);
    expect(badField.json.errors[0].path).toBe('fields.rating.pd');
    await createAgreement(t, agreement('dsa-y', 'consultant-y'));

    const auditBefore = (await t.api('GET', '/v1/audit/verify')).json.chains.reduce((n: number, c: { entries: number }) => n + c.entries, 0);
    const first = await t.api('GET', '/v1/datasets/customer_profiles?limit=2', { key: consultant });
    expect(first.status, first.text).toBe(200);
    expect(first.json.rows).toHaveLength(2);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const rest = await t.api('GET', `/v1/datasets/customer_profiles?limit=2&cursor=${first.json.nextCursor}`, { key: consultant });
    expect(rest.status).toBe(200);
    const third = await t.api('GET', `/v1/datasets/customer_profiles?limit=2&cursor=${rest.json.nextCursor}`, { key: consultant });
    expect(third.status).toBe(200);
    // The four customers of this file and the two each partner tenant is anchored on (keys name an existing tenant).
    const rows = [...first.json.rows, ...rest.json.rows, ...third.json.rows];
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['createdAt', 'customerId', 'fields.country', 'fields.legalName']);
      expect(row.customerId).toMatch(/^[0-9a-f]{32}$/);
      expect(row.createdAt).toMatch(/^\d{4}-\d{2}$/);
    }
    const engaged = rows.find((r) => r['fields.country'] === 'DE' && r['fields.legalName'] !== null);
    expect(engaged['fields.legalName']).toMatch(/^•+bH$/);
    expect(JSON.stringify(rows)).not.toMatch(/p-engaged|Engaged Handels|ap@engaged/);

    const y = await t.api('GET', '/v1/datasets/customer_profiles?limit=10', { key: otherConsultant });
    const hashesX = new Set(rows.map((r) => r.customerId));
    expect(y.json.rows).toHaveLength(6);
    for (const row of y.json.rows) expect(hashesX.has(row.customerId)).toBe(false);
    const again = await t.api('GET', '/v1/datasets/customer_profiles?limit=10', { key: consultant });
    expect(new Set(again.json.rows.map((r: { customerId: string }) => r.customerId))).toEqual(hashesX);

    const outside = await t.api('GET', '/v1/datasets/portfolio_ratings', { key: consultant });
    expect(outside.status).toBe(403);
    const unknown = await t.api('GET', '/v1/datasets/secret_sauce', { key: consultant });
    expect(unknown.status).toBe(403);
    expect(unknown.json.detail).toBe(outside.json.detail);
    const foreignCursor = await t.api('GET', `/v1/datasets/customer_profiles?cursor=${first.json.nextCursor}`, { key: otherConsultant });
    expect(foreignCursor.status).toBe(422);
    expect((await t.api('GET', '/v1/datasets/customer_profiles', { key: partnerA })).status).toBe(403);

    await createAgreement(t, agreement('dsa-old', 'consultant-x', { datasets: ['portfolio_ratings'], fields: { 'rating.grade': 'include' }, validFrom: new Date(now - 7_200_000).toISOString(), validUntil: new Date(now - 3_600_000).toISOString() }));
    expect((await t.api('GET', '/v1/datasets/portfolio_ratings', { key: consultant })).status).toBe(403);
    const listed = await t.api('GET', '/v1/admin/agreements');
    expect(listed.status).toBe(200);
    expect(listed.json.agreements.map((a: { agreementId: string }) => a.agreementId).sort()).toEqual(['dsa-consultant-x', 'dsa-consultant-y', 'dsa-old', 'dsa-x', 'dsa-y']);
    expect(listed.text).not.toContain('salt');
    const read = await t.api('GET', '/v1/admin/agreements/dsa-x');
    expect(read.status).toBe(200);
    expect(read.json.agreement).toMatchObject({ agreementId: 'dsa-x', consultantRef: 'consultant-x', status: 'active' });
    const patched = await t.api('PATCH', '/v1/admin/agreements/dsa-x', { body: { purpose: 'Portfolio study, phase 2' }, headers: { 'content-type': 'application/merge-patch+json' } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json.agreement).toMatchObject({ purpose: 'Portfolio study, phase 2', fields: read.json.agreement.fields });
    // Narrowing applies at once; widening (a rule that reveals more, a later end) waits for a second person.
    // `fields` replaces the rule set: rules left out are dropped (narrowing).
    const narrowed = await t.api('PATCH', '/v1/admin/agreements/dsa-x', { body: { fields: { ...read.json.agreement.fields, 'fields.legalName': 'drop' } } });
    expect(narrowed.status, narrowed.text).toBe(200);
    expect(narrowed.json.agreement.fields['fields.legalName']).toBe('drop');
    const widen = await t.api('PATCH', '/v1/admin/agreements/dsa-x', { body: { fields: { ...narrowed.json.agreement.fields, 'fields.email': 'include' }, validUntil: new Date(now + 7_200_000).toISOString() } });
    expect(widen.status, widen.text).toBe(202);
    expect(widen.json.approval).toMatchObject({ action: 'agreement.widen', target: 'agreement:dsa-x', status: 'pending' });
    expect(widen.json.approval.summary).toContain('fields.email');
    expect((await t.api('GET', '/v1/admin/agreements/dsa-x')).json.agreement.fields['fields.email']).toBe('drop');
    await approveAsSecondPerson(t, widen.json.approval.approvalId);
    const widened = (await t.api('GET', '/v1/admin/agreements/dsa-x')).json.agreement;
    expect(widened).toMatchObject({ validUntil: new Date(now + 7_200_000).toISOString(), purpose: 'Portfolio study, phase 2' });
    expect(widened.fields).toMatchObject({ 'fields.email': 'include', 'fields.legalName': 'drop', customerId: 'hash' });
    for (const [method, body] of [['GET', undefined], ['PATCH', { purpose: 'x' }], ['DELETE', undefined]] as const) {
      expect((await t.api(method, '/v1/admin/agreements/dsa-none', body ? { body } : {})).status, method).toBe(404);
    }
    expect((await t.api('DELETE', '/v1/admin/agreements/dsa-x')).json.agreement.status).toBe('revoked');
    expect((await t.api('GET', '/v1/datasets/customer_profiles', { key: consultant })).status).toBe(403);

    const audit = await t.api('GET', '/v1/audit/verify');
    expect(audit.json.ok).toBe(true);
    const auditAfter = audit.json.chains.reduce((n: number, c: { entries: number }) => n + c.entries, 0);
    expect(auditAfter - auditBefore).toBeGreaterThanOrEqual(5); // 4 dataset reads + 1 agreement + 1 revocation
  });
});
