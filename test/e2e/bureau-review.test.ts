import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalBureaus, type LocalBureaus } from '../../infra/local/sandboxes/bureaus/local-bureaus.js';
import { createApiKey, ensureConnection, waitForPull } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

describe('bureau pulls end to end: CRM-requested pull, subject mismatch review, pull history, quarantine', () => {
  let t: TestHub;
  let bureaus: LocalBureaus;
  let crmKey: string;

  beforeAll(async () => {
    bureaus = await startLocalBureaus();
    t = await startTestHub({ env: { ...bureaus.env, LOCAL_SECRETS: JSON.stringify(bureaus.secrets) } });
    const crm = await createApiKey(t, { name: 'zoho', role: 'crm', tenantRef: await ensureConnection(t, 'review-zoho') });
    expect(crm.record.scopes).toContain('bureau:pull');
    crmKey = crm.key;
  });
  afterAll(async () => {
    await t?.stop();
    await bureaus?.stop();
  });

  it('a CRM key pulls; a report about another subject is archived, not merged, and listed for review', async () => {
    const put = await t.api('PUT', '/v1/customers/e2e-mona', {
      body: { kind: 'consumer', fields: { legalName: 'Mona Mismatch', postalCode: '92626', country: 'US' }, identifiers: [{ scheme: 'crm_record', value: 'zoho:review-zoho:mona-1' }] },
      key: crmKey,
    });
    expect(put.status).toBe(201);
    expect((await t.api('POST', '/v1/customers/e2e-mona/consents', { body: { bureaus: ['experian'], purpose: 'credit_transaction', grantedBy: 'crm:application-7' }, key: crmKey })).status).toBe(201);
    const requested = await t.api('POST', '/v1/customers/e2e-mona/bureau-pulls', { body: { bureau: 'experian' }, key: crmKey });
    expect(requested.status).toBe(202);

    const pull = await waitForPull(t, 'e2e-mona', requested.json.pull.pullId, crmKey);
    // A new customer may also be pulled by the first-seen rule; the CRM's request then collapses into that pull.
    const requester = requested.json.collapsed ? /^rule:first_seen$/ : /^key:/;
    expect(pull).toMatchObject({ status: 'review', subjectMatch: 'mismatch', requestedBy: expect.stringMatching(requester) });
    expect((await t.api('GET', '/v1/customers/e2e-mona')).json.profile.credit).toEqual({});

    const reviews = await t.api('GET', '/v1/bureau-reviews');
    expect(reviews.status).toBe(200);
    expect(reviews.json.reviews).toContainEqual(expect.objectContaining({ customerId: 'e2e-mona', bureau: 'experian', pullId: pull.pullId, reportId: pull.reportId }));
    expect(JSON.stringify(reviews.json)).not.toContain('creditProfile');
    expect((await t.api('GET', '/v1/bureau-reviews', { key: crmKey })).status).toBe(403);

    const history = await t.api('GET', '/v1/customers/e2e-mona/bureau-pulls', { key: crmKey });
    expect(history.status).toBe(200);
    expect(history.json.pulls.map((p: { pullId: string }) => p.pullId)).toEqual([pull.pullId]);
    expect((await t.api('GET', '/v1/customers/e2e-mona/bureau-pulls?limit=0')).status).toBe(422);
    const unknownFilter = await t.api('GET', '/v1/bureau-reviews?status=open');
    expect(unknownFilter.status).toBe(422);
    expect(unknownFilter.json.errors).toEqual([expect.objectContaining({ path: 'status', in: 'query', code: 'unrecognized_keys' })]);
  });

  it('an admin accepts one review (merged with credit_report.received) and dismisses another (kept archived); both audited, decided once', async () => {
    const auditCount = async () => (await t.api('GET', '/v1/audit/verify')).json.chains.reduce((n: number, c: { entries: number }) => n + c.entries, 0);
    const pullAgain = async () => {
      const requested = await t.api('POST', '/v1/customers/e2e-mona/bureau-pulls', { body: { bureau: 'experian' }, key: crmKey });
      expect(requested.status).toBe(202);
      const pull = await waitForPull(t, 'e2e-mona', requested.json.pull.pullId, crmKey);
      expect(pull.status).toBe('review');
      return pull.reportId as string;
    };
    const dismissId = await pullAgain();
    const acceptId = await pullAgain();
    const before = await auditCount();

    expect((await t.api('POST', `/v1/bureau-reviews/${acceptId}/accept`, { key: crmKey })).status).toBe(403);
    const unknown = await t.api('POST', '/v1/bureau-reviews/rpt_01J00000000000000000000000/accept');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.api('POST', '/v1/bureau-reviews/not-a-review/accept')).status).toBe(422);
    const noReason = await t.api('POST', `/v1/bureau-reviews/${dismissId}/dismiss`, { body: {} });
    expect(noReason.status).toBe(422);
    expect(noReason.json.errors[0].path).toBe('reason');
    expect((await t.api('POST', `/v1/bureau-reviews/${dismissId}/dismiss`, { rawBody: '{"reason":' })).status).toBe(400);

    const dismissed = await t.api('POST', `/v1/bureau-reviews/${dismissId}/dismiss`, { body: { reason: 'namesake at another address' } });
    expect(dismissed.status).toBe(200);
    expect(dismissed.json.decision).toMatchObject({ decision: 'dismissed', reason: 'namesake at another address', by: expect.stringMatching(/^key:/) });
    expect((await t.api('POST', `/v1/bureau-reviews/${dismissId}/dismiss`, { body: { reason: 'again' } })).status).toBe(409);
    expect((await t.api('POST', `/v1/bureau-reviews/${dismissId}/accept`)).status).toBe(409);
    expect((await t.api('GET', '/v1/customers/e2e-mona')).json.profile.credit).toEqual({});

    const accepted = await t.api('POST', `/v1/bureau-reviews/${acceptId}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.json.decision).toMatchObject({ decision: 'accepted' });
    expect((await t.api('POST', `/v1/bureau-reviews/${acceptId}/accept`)).status).toBe(409);
    const credit = (await t.api('GET', '/v1/customers/e2e-mona')).json.profile.credit;
    expect(credit.experian).toMatchObject({ reportId: acceptId, subjectMatch: 'match' });
    const events = (await t.api('GET', '/v1/customers/e2e-mona/events')).json.events as Array<{ type: string; data: { reportId?: string } }>;
    expect(events.filter((e) => e.type === 'credit_report.received').map((e) => e.data.reportId)).toEqual([acceptId]);

    const open = (await t.api('GET', '/v1/bureau-reviews')).json.reviews as Array<{ reportId: string }>;
    expect(open.map((r) => r.reportId)).not.toContain(acceptId);
    expect(open.map((r) => r.reportId)).not.toContain(dismissId);
    expect(await auditCount()).toBe(before + 2);
  });

  it('lists a quarantined bureau answer without its bytes; the admin-only payload route returns them gzip+base64', async () => {
    await t.api('PUT', '/v1/customers/e2e-max', { body: { kind: 'consumer', fields: { legalName: 'Max Malformed', postalCode: '92626' } } });
    await t.api('POST', '/v1/customers/e2e-max/consents', { body: { bureaus: '*', purpose: 'credit_transaction', grantedBy: 'crm:application-8' } });
    const requested = await t.api('POST', '/v1/customers/e2e-max/bureau-pulls', { body: { bureau: 'experian' } });
    const pull = await waitForPull(t, 'e2e-max', requested.json.pull.pullId);
    expect(pull).toMatchObject({ status: 'failed', reason: 'malformed_report' });

    const listing = await t.api('GET', '/v1/quarantine/bureau:experian');
    expect(listing.status).toBe(200);
    const entry = listing.json.entries.find((e: { messageId: string }) => e.messageId === pull.pullId);
    expect(entry).toMatchObject({ code: 'malformed_report', at: expect.any(String) });
    expect(Object.keys(entry).sort()).toEqual(['at', 'code', 'messageId', 'reason', 'receiveCount']);
    expect(listing.text).not.toContain('creditProfile');
    expect((await t.api('GET', '/v1/quarantine/bureau:experian', { key: crmKey })).status).toBe(403);

    const payload = await t.api('GET', `/v1/quarantine/bureau:experian/${pull.pullId}/payload`);
    expect(payload.status).toBe(200);
    expect(payload.headers.get('cache-control')).toBe('no-store');
    expect(payload.json).toMatchObject({ encoding: 'gzip+base64', code: 'malformed_report' });
    expect(gunzipSync(Buffer.from(payload.json.payload, 'base64')).toString('utf8')).toBe('{"creditProfile":[{"tradeline":[{"status":"1');
    expect((await t.api('GET', `/v1/quarantine/bureau:experian/${pull.pullId}/payload`, { key: crmKey })).status).toBe(403);
    const missing = await t.api('GET', '/v1/quarantine/bureau:experian/pull_01J00000000000000000000000/payload');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.api('GET', '/v1/quarantine/bad%20source!')).status).toBe(422);
  });
});
