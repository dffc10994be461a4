import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '../../shared/domain/identity/identifiers/cn-uscc.js';
import { until } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const CONNECTION = 'e2e-er';
const customerPath = (id: string) => `/v1/customers/${encodeURIComponent(id)}`;
const crmCustomerId = (externalId: string) => `c:crm:generic:${CONNECTION}:${externalId}`;
const uscc = (first17: string) => `${first17}${usccCheckChar(first17)}`;
const USCC_A = uscc('91330100MA27XK5N8');
const USCC_B = uscc('91330100MA27XK5P2');
const USCC_C = uscc('91330100MA27XK5Q7');
const USCC_D = uscc('91330100MA27XK5R3');
const USCC_E = uscc('91330100MA27XK5T4');

interface Identifier { scheme: string; value: string }
type Fields = Record<string, { value: unknown; source: string; recordId?: string }>;

/**
 * Entity resolution through the real ingest worker (POST /v1/crm/{connectionId}/records →
 * crm-ingest → ingest-crm-record): strong identifier → auto-merge, soft evidence → review,
 * conflicting strong identifiers → never merged.
 */
describe('CRM ingest: entity resolution branches', () => {
  let t: TestHub;

  const profile = (id: string) => t.api('GET', customerPath(id));
  const send = async (externalId: string, fields: Record<string, string>, identifiers: Identifier[]) => {
    const record = { crm: 'generic', connectionId: CONNECTION, externalId, modifiedAt: '2026-01-01T00:00:00Z', objectType: 'customer', kind: 'business', fields, identifiers };
    const response = await t.api('POST', `/v1/crm/${CONNECTION}/records`, { body: { records: [record] } });
    expect(response.status).toBe(202);
  };
  const hasRecord = (externalId: string) => (r: { json: any }) =>
    (r.json?.profile?.identifiers ?? []).some((i: Identifier) => i.scheme === 'crm_record' && i.value === `generic:${CONNECTION}:${externalId}`);
  const upsert = async (id: string, fields: Record<string, string>, identifiers: Identifier[]) => {
    const put = await t.api('PUT', customerPath(id), { body: { kind: 'business', fields, identifiers } });
    expect(put.status).toBeLessThan(300);
  };

  beforeAll(async () => {
    t = await startTestHub();
    expect((await t.api('PUT', `/v1/crm/connections/${CONNECTION}`, { body: { crm: 'generic', objects: {} } })).status).toBe(201);
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('auto-merges a record whose VAT number matches an existing customer, with provenance from both sources', async () => {
    await upsert('er-acme', { legalName: 'Acme Maschinenbau GmbH', city: 'Stuttgart', country: 'DE' }, [{ scheme: 'vat', value: 'DE136695976' }]);
    await send('ACME-1', { legalName: 'ACME Maschinenbau', email: 'ap@acme-maschinenbau.example', country: 'DE' }, [{ scheme: 'vat', value: 'de 136 695 976' }]);

    const merged = await until(() => profile('er-acme'), hasRecord('ACME-1'));
    const fields = merged.json.profile.fields as Fields;
    expect(fields['email']).toMatchObject({ value: 'ap@acme-maschinenbau.example', source: `crm:generic:${CONNECTION}`, recordId: 'ACME-1' });
    expect(fields['city']).toMatchObject({ value: 'Stuttgart' });
    expect(fields['city']?.source).toMatch(/^api:/);
    expect((merged.json.profile.identifiers as Identifier[]).filter((i) => i.scheme === 'vat')).toEqual([expect.objectContaining({ value: 'DE136695976' })]);
    // No second customer was created for the record.
    expect((await profile(crmCustomerId('ACME-1'))).status).toBe(404);
  });

  it('auto-merges a record whose USCC matches, even under a different name', async () => {
    await upsert('er-huaxin', { legalName: '杭州华信贸易有限公司', country: 'CN' }, [{ scheme: 'cn_uscc', value: USCC_A }]);
    await send('HX-1', { legalName: '华信国际', phone: '+8657188880042', country: 'CN' }, [{ scheme: 'cn_uscc', value: USCC_A.toLowerCase() }]);

    const merged = await until(() => profile('er-huaxin'), hasRecord('HX-1'));
    const fields = merged.json.profile.fields as Fields;
    expect(fields['phone']).toMatchObject({ value: '+8657188880042', source: `crm:generic:${CONNECTION}`, recordId: 'HX-1' });
    expect(fields['country']?.value).toBe('CN');
    expect((await profile(crmCustomerId('HX-1'))).status).toBe(404);
  });

  it('sends a similar name with the same e-mail to review, and the reviewer can merge then unmerge it', async () => {
    await upsert('er-beta', { legalName: 'Beta Logistics Ltd', country: 'GB', city: 'Leeds' }, [{ scheme: 'email', value: 'accounts@beta-logistics.example' }]);
    await send('B-1', { legalName: 'Beta Logistic Limited', country: 'GB', email: 'accounts@beta-logistics.example', phone: '+441132460000' }, [{ scheme: 'email', value: 'accounts@beta-logistics.example' }]);

    const absorbedId = crmCustomerId('B-1');
    const created = await until(() => profile(absorbedId), (r) => r.status === 200);
    expect(created.json.profile.status).toBe('active');
    const reviews = await until(() => t.api('GET', '/v1/reviews'), (r) => (r.json?.reviews ?? []).some((x: { customerId: string }) => x.customerId === absorbedId));
    const review = reviews.json.reviews.find((x: { customerId: string }) => x.customerId === absorbedId);
    expect(review).toMatchObject({ status: 'open', candidateId: 'er-beta', source: `crm:generic:${CONNECTION}` });
    expect(review.score).toBeGreaterThanOrEqual(0.7);
    expect(review.score).toBeLessThan(0.9);
    // Evidence names schemes and similarities, never the values themselves.
    expect(JSON.stringify(review.evidence)).not.toContain('beta-logistics.example');
    const survivorBefore = (await profile('er-beta')).json.profile;
    expect(survivorBefore.fields.phone).toBeUndefined();

    // A review only resolves the merge of the two customers it names.
    const wrongPair = await t.api('POST', '/v1/customers/merge', { body: { survivorId: 'er-acme', absorbedId, reviewId: review.reviewId } });
    expect(wrongPair.status).toBe(422);
    expect(wrongPair.json.errors[0].path).toBe('reviewId');
    expect((await t.api('POST', '/v1/customers/merge', { body: { survivorId: 'er-beta', absorbedId, reviewId: 'rev_unknown' } })).status).toBe(404);
    expect((await profile(absorbedId)).json.profile.status).toBe('active');

    const merged = await t.api('POST', '/v1/customers/merge', { body: { survivorId: 'er-beta', absorbedId, reviewId: review.reviewId } });
    expect(merged.status).toBe(200);
    // The decision took the review out of the open queue (same transaction as the merge).
    const open = (await t.api('GET', '/v1/reviews')).json.reviews as Array<{ reviewId: string }>;
    expect(open.some((x) => x.reviewId === review.reviewId)).toBe(false);
    expect((await t.api('POST', '/v1/customers/merge', { body: { survivorId: 'er-beta', absorbedId, reviewId: review.reviewId } })).status).toBe(404);
    expect((await t.api('POST', `/v1/reviews/${review.reviewId}/dismiss`, { body: { reason: 'too late' } })).status).toBe(409);
    expect(merged.json.survivor.fields.phone).toMatchObject({ value: '+441132460000', recordId: 'B-1' });
    expect((await profile(absorbedId)).json.profile).toMatchObject({ status: 'merged', mergedInto: 'er-beta' });

    const undone = await t.api('POST', '/v1/customers/unmerge', { body: { survivorId: 'er-beta', absorbedId } });
    expect(undone.status).toBe(200);
    const survivorAfter = (await profile('er-beta')).json.profile;
    expect(survivorAfter.fields).toEqual(survivorBefore.fields);
    const restored = (await profile(absorbedId)).json.profile;
    expect(restored.status).toBe('active');
    expect(restored.fields.phone).toMatchObject({ value: '+441132460000', recordId: 'B-1' });
  });

  it('never merges across conflicting USCCs, even with the same name, e-mail and phone', async () => {
    const shared = { legalName: 'Gamma Trading Co', country: 'CN', email: 'finance@gamma-trading.example', phone: '+8657188880077' };
    await upsert('er-gamma', shared, [{ scheme: 'cn_uscc', value: USCC_C }, { scheme: 'email', value: shared.email }]);
    await send('G-1', shared, [{ scheme: 'cn_uscc', value: USCC_B }, { scheme: 'email', value: shared.email }]);

    const created = await until(() => profile(crmCustomerId('G-1')), (r) => r.status === 200);
    expect(created.json.profile.status).toBe('active');
    expect((await profile('er-gamma')).json.profile.identifiers.some((i: Identifier) => i.scheme === 'crm_record')).toBe(false);
    const reviews = (await t.api('GET', '/v1/reviews')).json.reviews as Array<{ customerId: string }>;
    expect(reviews.some((r) => r.customerId === crmCustomerId('G-1'))).toBe(false);
  });

  it('sends an equal DUNS with conflicting USCCs to review instead of merging', async () => {
    await upsert('er-delta', { legalName: 'Delta Components', country: 'CN' }, [{ scheme: 'duns', value: '150483782' }, { scheme: 'cn_uscc', value: USCC_D }]);
    await send('D-1', { legalName: 'Delta Components', country: 'CN' }, [{ scheme: 'duns', value: '150483782' }, { scheme: 'cn_uscc', value: USCC_E }]);

    const id = crmCustomerId('D-1');
    expect((await until(() => profile(id), (r) => r.status === 200)).status).toBe(200);
    const reviews = await until(() => t.api('GET', '/v1/reviews'), (r) => (r.json?.reviews ?? []).some((x: { customerId: string }) => x.customerId === id));
    expect(reviews.json.reviews.find((x: { customerId: string }) => x.customerId === id)).toMatchObject({ candidateId: 'er-delta', score: 0.8 });
    expect((await profile('er-delta')).json.profile.identifiers.some((i: Identifier) => i.scheme === 'crm_record')).toBe(false);
  });

  it('a reviewer dismisses a candidate match with a reason: both customers stay as they are, the review leaves the queue, audited once', async () => {
    await upsert('er-epsilon', { legalName: 'Epsilon Foods Ltd', country: 'GB', city: 'York' }, [{ scheme: 'email', value: 'ap@epsilon-foods.example' }]);
    await send('E-1', { legalName: 'Epsilon Food Limited', country: 'GB', email: 'ap@epsilon-foods.example' }, [{ scheme: 'email', value: 'ap@epsilon-foods.example' }]);
    const id = crmCustomerId('E-1');
    const reviews = await until(() => t.api('GET', '/v1/reviews'), (r) => (r.json?.reviews ?? []).some((x: { customerId: string }) => x.customerId === id));
    const review = reviews.json.reviews.find((x: { customerId: string }) => x.customerId === id);
    // Both customers are rated asynchronously (relay → recompute): snapshot them once rated.
    const rated = (r: Awaited<ReturnType<typeof profile>>) => r.json?.profile?.rating !== undefined;
    const before = { candidate: (await until(() => profile('er-epsilon'), rated)).json.profile, created: (await until(() => profile(id), rated)).json.profile };
    const auditCount = async () => (await t.api('GET', '/v1/audit/verify')).json.chains.reduce((n: number, c: { entries: number }) => n + c.entries, 0);
    const audited = await auditCount();

    const noReason = await t.api('POST', `/v1/reviews/${review.reviewId}/dismiss`, { body: { reason: ' ' } });
    expect(noReason.status).toBe(422);
    expect(noReason.json.errors[0].path).toBe('reason');
    expect((await t.api('POST', `/v1/reviews/${review.reviewId}/dismiss`, { rawBody: '{' })).status).toBe(400);
    expect((await t.api('POST', '/v1/reviews/rev_unknown/dismiss', { body: { reason: 'x' } })).status).toBe(404);
    expect((await t.api('POST', '/v1/reviews/not%20a%20review/dismiss', { body: { reason: 'x' } })).status).toBe(422);
    expect((await t.api('POST', `/v1/reviews/${review.reviewId}/dismiss`, { body: { reason: 'x' }, key: null })).status).toBe(401);

    const dismissed = await t.api('POST', `/v1/reviews/${review.reviewId}/dismiss`, { body: { reason: 'different legal entities (group companies)' } });
    expect(dismissed.status).toBe(200);
    expect(dismissed.json.review).toMatchObject({ reviewId: review.reviewId, status: 'resolved', resolution: { decision: 'dismissed', reason: 'different legal entities (group companies)', by: expect.stringMatching(/^key:/) } });
    const open = (await t.api('GET', '/v1/reviews')).json.reviews as Array<{ reviewId: string }>;
    expect(open.some((x) => x.reviewId === review.reviewId)).toBe(false);
    expect((await profile('er-epsilon')).json.profile).toEqual(before.candidate);
    expect((await profile(id)).json.profile).toEqual(before.created);

    const again = await t.api('POST', `/v1/reviews/${review.reviewId}/dismiss`, { body: { reason: 'again' } });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.api('POST', '/v1/customers/merge', { body: { survivorId: 'er-epsilon', absorbedId: id, reviewId: review.reviewId } })).status).toBe(404);
    expect(await auditCount()).toBe(audited + 1);
  });
});
