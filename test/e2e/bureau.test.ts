import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalBureaus, type LocalBureaus } from '../../infra/local/sandboxes/bureaus/local-bureaus.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { E2E_WAIT_MS, subscribeReceiver, waitForPull } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

describe('bureau pulls end to end: consent → POST bureau-pulls → report in profile + webhook', () => {
  let t: TestHub;
  let bureaus: LocalBureaus;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    bureaus = await startLocalBureaus();
    receiver = await startWebhookReceiver();
    t = await startTestHub({ env: { ...bureaus.env, LOCAL_SECRETS: JSON.stringify(bureaus.secrets) } });
    await subscribeReceiver(t, receiver, '/hooks/bureau', ['credit_report.received']);
  });
  afterAll(async () => {
    await t?.stop();
    await receiver?.stop();
    await bureaus?.stop();
  });

  it('pulls a report into the profile and delivers a signed credit_report.received webhook', async () => {
    expect((await t.api('PUT', '/v1/customers/e2e-jane', { body: { kind: 'consumer', fields: { legalName: 'Jane Doe', postalCode: '92626', country: 'US' } } })).status).toBe(201);
    const refused = await t.api('POST', '/v1/customers/e2e-jane/bureau-pulls', { body: { bureau: 'experian' } });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.json).toMatchObject({ code: 'consent_required' });
    expect(refused.json.detail).toContain('no_consent');

    const consent = await t.api('POST', '/v1/customers/e2e-jane/consents', { body: { bureaus: ['experian'], purpose: 'credit_transaction', grantedBy: 'crm:application-42' } });
    expect(consent.status).toBe(201);
    expect((await t.api('GET', '/v1/customers/e2e-jane/consents')).json.consents).toHaveLength(1);

    const [first, second] = await Promise.all([
      t.api('POST', '/v1/customers/e2e-jane/bureau-pulls', { body: { bureau: 'experian', purpose: 'credit_transaction' } }),
      t.api('POST', '/v1/customers/e2e-jane/bureau-pulls', { body: { bureau: 'experian' } }),
    ]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.json.pull.pullId).toBe(first.json.pull.pullId);

    const pull = await waitForPull(t, 'e2e-jane', first.json.pull.pullId);
    expect(pull).toMatchObject({ status: 'completed', subjectMatch: 'match' });
    const profile = (await t.api('GET', '/v1/customers/e2e-jane')).json.profile;
    expect(profile.credit.experian).toMatchObject({ bureau: 'experian', reportId: pull.reportId, subjectMatch: 'match' });
    expect(profile.credit.experian.scores[0].model).toBeTruthy();

    const deliveries = await receiver.waitFor((r) => r.some((d) => d.body.includes('credit_report.received') && d.body.includes('e2e-jane')), E2E_WAIT_MS);
    const delivery = deliveries.find((d) => d.body.includes('e2e-jane'));
    expect(delivery?.verified).toBe(true);
    expect(JSON.parse(delivery!.body)).toMatchObject({ type: 'credit_report.received', data: { bureau: 'experian', reportId: pull.reportId } });
    expect(delivery!.body).not.toContain('creditProfile');
  });

  it('pulls a new customer automatically when a standing consent covers it (first seen)', async () => {
    const consent = await t.api('POST', '/v1/customers/e2e-first/consents', { body: { bureaus: '*', purpose: 'account_review', grantedBy: 'crm:onboarding' } });
    expect(consent.status).toBe(201);
    expect((await t.api('PUT', '/v1/customers/e2e-first', { body: { kind: 'consumer', fields: { legalName: 'Fay First', postalCode: '92626' } } })).status).toBe(201);
    let credit: Record<string, unknown> = {};
    for (const deadline = Date.now() + E2E_WAIT_MS; Date.now() < deadline && !credit['experian']; ) {
      await new Promise((r) => setTimeout(r, 100));
      credit = (await t.api('GET', '/v1/customers/e2e-first')).json.profile.credit;
    }
    expect(credit['experian']).toMatchObject({ bureau: 'experian', subjectMatch: 'match' });
  });

  it('answers bad input with problem+json: unknown bureau 422, malformed JSON 400, unknown pull 404', async () => {
    await t.api('PUT', '/v1/customers/e2e-bad', { body: { fields: { legalName: 'Bad Input Ltd' } } });
    const unknown = await t.api('POST', '/v1/customers/e2e-bad/bureau-pulls', { body: { bureau: 'moodys' } });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors[0].path).toBe('bureau');
    expect((await t.api('POST', '/v1/customers/e2e-bad/bureau-pulls', { rawBody: '{"bureau":' })).status).toBe(400);
    expect((await t.api('GET', '/v1/customers/e2e-bad/bureau-pulls/pull_01J00000000000000000000000')).status).toBe(404);
    expect((await t.api('POST', '/v1/customers/e2e-bad/consents', { body: { bureaus: '*', purpose: 'because' , grantedBy: 'x' } })).status).toBe(422);
  });

  it('revokes a consent: later pulls are refused as revoked; an unknown consent answers 404', async () => {
    expect((await t.api('PUT', '/v1/customers/e2e-revoked', { body: { kind: 'consumer', fields: { legalName: 'Rita Revoked', postalCode: '92626' } } })).status).toBe(201);
    const consent = (await t.api('POST', '/v1/customers/e2e-revoked/consents', { body: { bureaus: ['equifax'], purpose: 'account_review', grantedBy: 'crm:application-9' } })).json.consent;
    const revoked = await t.api('DELETE', `/v1/customers/e2e-revoked/consents/${consent.consentId}`);
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.json.consent).toMatchObject({ consentId: consent.consentId, revokedAt: expect.any(String) });
    const refused = await t.api('POST', '/v1/customers/e2e-revoked/bureau-pulls', { body: { bureau: 'equifax' } });
    expect(refused.json).toMatchObject({ status: 422, code: 'consent_required' });
    expect(refused.json.detail).toContain('revoked');
    expect((await t.api('DELETE', '/v1/customers/e2e-revoked/consents/cns_01J00000000000000000000000')).status).toBe(404);
  });
});
