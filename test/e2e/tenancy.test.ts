import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgreement, createApiKey, until } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/** Customers first seen in a connection get `c:crm:<crm>:<connectionId>:<externalId>`. */
const ALPHA_CUSTOMER = 'c:crm:generic:t-alpha:A1';
const BETA_CUSTOMER = 'c:crm:generic:t-beta:B1';
const ADMIN_CUSTOMER = 'ten-admin-only';

const customerRecord = (connectionId: string, externalId: string, legalName: string, extra: Record<string, unknown> = {}) => ({
  crm: 'generic', connectionId, externalId, modifiedAt: '2026-01-01T00:00:00Z', objectType: 'customer', fields: { legalName, country: 'DE' }, ...extra,
});

describe('tenancy: what each key kind may see and do', () => {
  let t: TestHub;
  let alpha: string;
  let unbound: string;
  let partner: string;

  const path = (customerId: string) => `/v1/customers/${encodeURIComponent(customerId)}`;
  const adminRead = (customerId: string) => t.api('GET', path(customerId));

  beforeAll(async () => {
    t = await startTestHub();
    for (const connectionId of ['t-alpha', 't-beta']) {
      expect((await t.api('PUT', `/v1/crm/connections/${connectionId}`, { body: { crm: 'generic', objects: {} } })).status).toBe(201);
    }
    // The admin key posts for any connection; each connection's first customer.
    expect((await t.api('POST', '/v1/crm/t-alpha/records', { body: { records: [customerRecord('t-alpha', 'A1', 'Alpha Handels GmbH')] } })).status).toBe(202);
    expect((await t.api('POST', '/v1/crm/t-beta/records', { body: { records: [customerRecord('t-beta', 'B1', 'Beta Trading Ltd')] } })).status).toBe(202);
    expect((await t.api('PUT', path(ADMIN_CUSTOMER), { body: { fields: { legalName: 'Admin Only AG' } } })).status).toBe(201);
    for (const id of [ALPHA_CUSTOMER, BETA_CUSTOMER]) expect((await until(() => adminRead(id), (r) => r.status === 200)).status).toBe(200);
    [alpha, unbound, partner] = await Promise.all([
      createApiKey(t, { name: 'alpha connector', role: 'crm', tenantRef: 't-alpha' }).then((k) => k.key),
      // A crm key must name its connection (people issue): this one names a connection that links no customer.
      createApiKey(t, { name: 'unbound connector', role: 'crm', tenantRef: 't-empty' }).then((k) => k.key),
      createApiKey(t, { name: 'agency', role: 'partner', tenantRef: 'ten-agency' }).then((k) => k.key),
    ]);
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('lets a CRM key post records only to its own connection, naming only its own record ids', async () => {
    const foreign = await t.api('POST', '/v1/crm/t-beta/records', { body: { records: [customerRecord('t-beta', 'B2', 'Smuggled Ltd')] }, key: alpha });
    expect(foreign.status).toBe(403);
    expect(foreign.json).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('t-beta') });
    expect((await t.api('POST', '/v1/crm/t-alpha/records', { body: { records: [customerRecord('t-alpha', 'A2', 'Unbound Ltd')] }, key: unbound })).status).toBe(403);

    const claim = customerRecord('t-alpha', 'A3', 'Claim GmbH', { identifiers: [{ scheme: 'crm_record', value: 'generic:t-beta:B1' }] });
    const claimed = await t.api('POST', '/v1/crm/t-alpha/records', { body: { records: [claim] }, key: alpha });
    expect(claimed.status).toBe(422);
    expect(claimed.json.errors).toEqual([expect.objectContaining({ path: 'records[0].identifiers[0].value', code: 'foreign_record' })]);

    const own = await t.api('POST', '/v1/crm/t-alpha/records', { body: { records: [customerRecord('t-alpha', 'A2', 'Alpha Zwei GmbH')] }, key: alpha });
    expect(own.status, own.text).toBe(202);
    expect((await until(() => t.api('GET', path('c:crm:generic:t-alpha:A2'), { key: alpha }), (r) => r.status === 200)).json.profile.fields.legalName)
      .toMatchObject({ value: 'Alpha Zwei GmbH', source: 'crm:generic:t-alpha' });
    // Nothing of the refused posts was written.
    expect((await adminRead('c:crm:generic:t-beta:B2')).status).toBe(404);
    expect((await adminRead('c:crm:generic:t-alpha:A3')).status).toBe(404);
  });

  it('lets a CRM key import only into its own connection and read only its own imports', async () => {
    const csv = 'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n';
    const foreign = await t.api('POST', '/v1/imports', { body: { mapping: 'online-retail-ii', connectionId: 't-beta', data: csv }, key: alpha });
    expect(foreign.status).toBe(403);
    const defaulted = await t.api('POST', '/v1/imports', { body: { mapping: 'online-retail-ii', data: csv }, key: alpha });
    expect(defaulted.status).toBe(403);
    const inline = {
      name: 'links', connectionId: 't-alpha', currency: 'EUR',
      customer: { externalId: 'id', fields: { legalName: 'name' }, identifiers: { crm_record: 'other' } },
    };
    const linking = await t.api('POST', '/v1/imports', { body: { mapping: inline, data: 'id,name,other\nL1,Link Ltd,generic:t-beta:B1\n' }, key: alpha });
    expect(linking.status).toBe(422);
    expect(linking.json.errors).toEqual([expect.objectContaining({ path: 'mapping.customer.identifiers.crm_record', code: 'foreign_record' })]);
    const own = await t.api('POST', '/v1/imports', { body: { mapping: 'online-retail-ii', connectionId: 't-alpha', data: csv, complete: false }, key: alpha });
    expect(own.status, own.text).toBe(202);
    expect((await t.api('GET', `/v1/imports/${own.json.import.jobId}`, { key: alpha })).status).toBe(200);

    const betas = await t.api('POST', '/v1/imports', { body: { mapping: 'online-retail-ii', connectionId: 't-beta', data: csv, complete: false } });
    expect(betas.status).toBe(202);
    const read = await t.api('GET', `/v1/imports/${betas.json.import.jobId}`, { key: alpha });
    const chunk = await t.api('POST', `/v1/imports/${betas.json.import.jobId}/chunks`, { rawBody: csv, headers: { 'content-type': 'text/csv' }, key: alpha });
    const unknown = await t.api('GET', '/v1/imports/imp_01ARZ3NDEKTSV4RRFFQ69G5FAV', { key: alpha });
    expect([read.status, chunk.status, unknown.status]).toEqual([404, 404, 404]);
    expect(read.json.detail).toBe(unknown.json.detail.replace('imp_01ARZ3NDEKTSV4RRFFQ69G5FAV', betas.json.import.jobId));
    expect((await t.api('GET', `/v1/imports/${betas.json.import.jobId}`)).json.import.chunks).toBe(1);
  });

  it('shows a CRM key only the customers linked to its connection; others read as unknown (404)', async () => {
    const own = await t.api('GET', path(ALPHA_CUSTOMER), { key: alpha });
    expect(own.status).toBe(200);
    expect(own.json.profile.customerId).toBe(ALPHA_CUSTOMER);

    const unknown = await t.api('GET', path('ten-nobody'), { key: alpha });
    expect(unknown.status).toBe(404);
    for (const id of [BETA_CUSTOMER, ADMIN_CUSTOMER]) {
      const hidden = await t.api('GET', path(id), { key: alpha });
      expect(hidden.status).toBe(404);
      expect({ ...hidden.json, detail: undefined, instance: undefined }).toEqual({ ...unknown.json, detail: undefined, instance: undefined });
      expect(hidden.text).not.toContain('Beta Trading');
      expect((await t.api('GET', path(id), { key: unbound })).status).toBe(404);
      expect((await adminRead(id)).status).toBe(200);
    }
    expect((await t.api('GET', path(ALPHA_CUSTOMER), { key: unbound })).status).toBe(404);
    expect((await t.api('GET', path(ALPHA_CUSTOMER), { key: partner })).status).toBe(403);
  });

  it('lists only linked customers for a CRM key, every customer for an admin', async () => {
    const ids = async (key?: string) => {
      const out: string[] = [];
      let next: string | undefined = '/v1/customers?limit=2';
      while (next) {
        const page = await t.api('GET', next, key === undefined ? {} : { key });
        expect(page.status, page.text).toBe(200);
        out.push(...page.json.customers.map((c: { customerId: string }) => c.customerId));
        next = page.json.next ? new URL(page.json.next).pathname + new URL(page.json.next).search : undefined;
      }
      return out;
    };
    const listed = await ids(alpha);
    expect(listed).toContain(ALPHA_CUSTOMER);
    expect(listed).not.toContain(BETA_CUSTOMER);
    expect(listed).not.toContain(ADMIN_CUSTOMER);
    expect(await ids(unbound)).toEqual([]);
    expect(await ids()).toEqual(expect.arrayContaining([ALPHA_CUSTOMER, BETA_CUSTOMER, ADMIN_CUSTOMER]));
  });

  it('lets a CRM key write only its linked customers, and create only customers linked to it', async () => {
    const before = (await adminRead(BETA_CUSTOMER)).json.profile;
    const foreign = await t.api('PUT', path(BETA_CUSTOMER), { body: { fields: { legalName: 'Hijacked Ltd' } }, key: alpha });
    expect(foreign.status).toBe(404);
    const relink = await t.api('PUT', path(ADMIN_CUSTOMER), { body: { identifiers: [{ scheme: 'crm_record', value: 'generic:t-alpha:X9' }] }, key: alpha });
    expect(relink.status).toBe(404);
    expect((await adminRead(BETA_CUSTOMER)).json.profile).toEqual(before);
    expect((await adminRead(ADMIN_CUSTOMER)).json.profile.identifiers).toEqual([]);

    const unlinked = await t.api('PUT', path('ten-new-unlinked'), { body: { fields: { legalName: 'Nobody GmbH' } }, key: alpha });
    expect(unlinked.status).toBe(404);
    expect((await adminRead('ten-new-unlinked')).status).toBe(404);
    const claim = await t.api('PUT', path('ten-new-claim'), { body: { identifiers: [{ scheme: 'crm_record', value: 'generic:t-beta:B7' }] }, key: alpha });
    expect(claim.status).toBe(422);
    expect(claim.json.errors).toEqual([expect.objectContaining({ path: 'identifiers[0].value', code: 'foreign_record' })]);
    expect((await adminRead('ten-new-claim')).status).toBe(404);

    const created = await t.api('PUT', path('ten-new-linked'), { body: { fields: { legalName: 'Linked GmbH' }, identifiers: [{ scheme: 'crm_record', value: 'generic:t-alpha:L1' }] }, key: alpha });
    expect(created.status, created.text).toBe(201);
    const updated = await t.api('PUT', path('ten-new-linked'), { body: { fields: { city: 'Bonn' } }, key: alpha });
    expect(updated.status).toBe(200);
    expect(updated.json.changedFields).toEqual(['fields.city']);
    expect((await t.api('PUT', path(ALPHA_CUSTOMER), { body: { fields: { city: 'Köln' } }, key: alpha })).status).toBe(200);
  });

  it('does not name another tenant\'s customer when an identifier is taken (409)', async () => {
    const vat = { scheme: 'vat', value: 'DE136695976' };
    expect((await t.api('PUT', path('ten-vat-holder'), { body: { fields: { legalName: 'Holder GmbH' }, identifiers: [vat] } })).status).toBe(201);
    const body = { fields: { legalName: 'Claimant GmbH' }, identifiers: [{ scheme: 'crm_record', value: 'generic:t-alpha:V1' }, vat] };
    const byCrm = await t.api('PUT', path('ten-vat-claim'), { body, key: alpha });
    expect(byCrm.status).toBe(409);
    expect(byCrm.json.detail).toContain('identifiers[1].value');
    expect(byCrm.text).not.toContain('ten-vat-holder');
    const byAdmin = await t.api('PUT', path('ten-vat-claim'), { body });
    expect(byAdmin.status).toBe(409);
    expect(byAdmin.json.detail).toContain('ten-vat-holder');
    expect((await adminRead('ten-vat-claim')).status).toBe(404);
  });

  it('lets a CRM key manage consents and order bureau pulls only for its linked customers', async () => {
    const consent = { bureaus: ['experian'], purpose: 'credit_transaction', grantedBy: 'crm:t-alpha' };
    const adminConsent = await t.api('POST', `${path(BETA_CUSTOMER)}/consents`, { body: consent });
    expect(adminConsent.status).toBe(201);
    const consentId: string = adminConsent.json.consent.consentId;

    for (const id of [BETA_CUSTOMER, 'ten-nobody']) {
      const answers = await Promise.all([
        t.api('POST', `${path(id)}/consents`, { body: consent, key: alpha }),
        t.api('GET', `${path(id)}/consents`, { key: alpha }),
        t.api('DELETE', `${path(id)}/consents/${consentId}`, { key: alpha }),
        t.api('POST', `${path(id)}/bureau-pulls`, { body: { bureau: 'experian' }, key: alpha }),
        t.api('GET', `${path(id)}/bureau-pulls`, { key: alpha }),
        t.api('GET', `${path(id)}/bureau-pulls/pull_01ARZ3NDEKTSV4RRFFQ69G5FAV`, { key: alpha }),
      ]);
      expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404]);
    }
    const consents = await t.api('GET', `${path(BETA_CUSTOMER)}/consents`);
    expect(consents.json.consents).toEqual([expect.objectContaining({ consentId, grantedBy: 'crm:t-alpha' })]);
    expect(consents.json.consents[0]).not.toHaveProperty('revokedAt');
    expect((await t.api('GET', `${path(BETA_CUSTOMER)}/bureau-pulls`)).json.pulls).toEqual([]);

    // Its own customer: the pull is refused for the consent, not for the customer.
    const ownPull = await t.api('POST', `${path(ALPHA_CUSTOMER)}/bureau-pulls`, { body: { bureau: 'experian' }, key: alpha });
    expect(ownPull.status).toBe(422);
    expect(ownPull.json.code).toBe('consent_required');
    expect((await t.api('POST', `${path(ALPHA_CUSTOMER)}/consents`, { body: consent, key: alpha })).status).toBe(201);
    expect((await t.api('GET', `${path(ALPHA_CUSTOMER)}/consents`, { key: alpha })).json.consents).toHaveLength(1);
    expect((await t.api('GET', `${path(ALPHA_CUSTOMER)}/bureau-pulls`, { key: alpha })).status).toBe(200);
  });

  it('keeps a revoked data-sharing agreement immutable (409 with its current state)', async () => {
    const now = Date.now();
    const body = {
      agreementId: 'ten-dsa', consultantRef: 'ten-consultant', datasets: ['customer_profiles'], fields: { customerId: 'hash', 'fields.country': 'include' },
      validFrom: new Date(now - 60_000).toISOString(), validUntil: new Date(now + 3_600_000).toISOString(), purpose: 'Study',
    };
    await createAgreement(t, body);
    const revoked = await t.api('DELETE', '/v1/admin/agreements/ten-dsa');
    expect(revoked.status).toBe(200);

    const edit = await t.api('PATCH', '/v1/admin/agreements/ten-dsa', { body: { validUntil: new Date(now + 7_200_000).toISOString(), fields: { 'fields.country': 'drop' } } });
    expect(edit.status).toBe(409);
    expect(edit.json).toMatchObject({ code: 'agreement_revoked', current: { agreementId: 'ten-dsa', status: 'revoked', revokedAt: revoked.json.agreement.revokedAt } });
    expect(edit.text).not.toContain('salt');
    expect((await t.api('GET', '/v1/admin/agreements/ten-dsa')).json.agreement).toEqual(revoked.json.agreement);
    // Revoking again keeps the first revocation.
    expect((await t.api('DELETE', '/v1/admin/agreements/ten-dsa')).json.agreement.revokedAt).toBe(revoked.json.agreement.revokedAt);
  });

  it('refuses engagements that expire in the past (422) and an expired engagement grants nothing', async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const engage = await t.api('POST', '/v1/partners/ten-agency/engagements', { body: { customerId: ADMIN_CUSTOMER, scope: 'assess', expiresAt: past } });
    expect(engage.status).toBe(422);
    expect(engage.json.errors).toEqual([expect.objectContaining({ path: 'expiresAt' })]);
    const request = await t.api('POST', '/v1/partners/ten-agency/assessment-requests', { body: { customerId: ADMIN_CUSTOMER, expiresAt: past } });
    expect(request.status).toBe(422);
    expect(request.json.errors).toEqual([expect.objectContaining({ path: 'expiresAt' })]);
    // (The partner's tenant anchor, engaged when its key was issued, is the only engagement.)
    expect((await t.api('GET', '/v1/partners/ten-agency/engagements')).json.engagements.filter((e: { customerId: string }) => e.customerId === ADMIN_CUSTOMER)).toEqual([]);
    expect((await t.api('GET', '/v1/partner/assessment-requests', { key: partner })).json.requests).toEqual([]);

    // An assessment request engages the partner until `expiresAt`.
    const soon = new Date(Date.now() + 3_000).toISOString();
    const engaged = await t.api('POST', '/v1/partners/ten-agency/assessment-requests', { body: { customerId: ADMIN_CUSTOMER, expiresAt: soon, note: 'Please assess' } });
    expect(engaged.status).toBe(201);
    expect(engaged.json.engagement).toMatchObject({ status: 'active', expiresAt: soon });
    expect((await t.api('GET', '/v1/partner/assessment-requests', { key: partner })).json.requests).toEqual([expect.objectContaining({ requestId: engaged.json.request.requestId, status: 'open' })]);
    const onCustomer = (r: { json: { engagements: { customerId: string }[] } }) => r.json.engagements.filter((e) => e.customerId === ADMIN_CUSTOMER);
    const expired = await until(() => t.api('GET', '/v1/partners/ten-agency/engagements'), (r) => (onCustomer(r)[0] as { status?: string } | undefined)?.status === 'expired');
    expect(onCustomer(expired)).toEqual([expect.objectContaining({ engagementId: engaged.json.engagement.engagementId, status: 'expired', expiresAt: soon })]);
    expect((await t.api('GET', '/v1/partner/assessment-requests', { key: partner })).json.requests).toEqual([]);

    expect((await t.api('GET', path(ADMIN_CUSTOMER).replace('/v1/customers/', '/v1/partner/customers/'), { key: partner })).status).toBe(403);
    const submit = await t.api('POST', '/v1/partner/assessments', { body: { customerId: ADMIN_CUSTOMER, grade: 'B', scale: 'AAA..D', externalRef: 'ten-1' }, key: partner });
    expect(submit.status).toBe(403);
    const answer = await t.api('POST', '/v1/partner/assessments', { body: { customerId: ADMIN_CUSTOMER, grade: 'B', scale: 'AAA..D', externalRef: 'ten-2', requestId: engaged.json.request.requestId }, key: partner });
    expect(answer.status).toBe(403);
    expect((await adminRead(ADMIN_CUSTOMER)).json.profile.assessments).toEqual([]);
    // Ending an expired engagement keeps it inert.
    const ended = await t.api('DELETE', `/v1/partners/ten-agency/engagements/${ADMIN_CUSTOMER}`);
    expect(ended.json.engagement.status).toBe('ended');
  });
});
