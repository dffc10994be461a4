import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { addPerson, createApiKey, receivedEnvelopes, subscribeReceiver, until } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/** Partner trust end to end: weights in a policy version, pooled partner PD, conflicts raising the operations alert. */
describe('partner trust and conflicts', () => {
  let t: TestHub;
  let receiver: WebhookReceiver;
  let partnerA: string;
  let partnerB: string;
  const customerId = 'pt-acme';

  beforeAll(async () => {
    t = await startTestHub();
    receiver = await startWebhookReceiver();
    await subscribeReceiver(t, receiver, '/hooks/trust', ['assessment.conflict_detected', 'rating.changed']);
    expect((await t.api('PUT', `/v1/customers/${customerId}`, { body: { kind: 'business', fields: { legalName: 'Acme Trust GmbH', country: 'DE' } } })).status).toBe(201);
    for (const p of ['partner-a', 'partner-b']) expect((await t.api('POST', `/v1/partners/${p}/engagements`, { body: { customerId, scope: 'assess' } })).status).toBe(201);
    partnerA = (await createApiKey(t, { name: 'agency A', role: 'partner', tenantRef: 'partner-a' })).key;
    partnerB = (await createApiKey(t, { name: 'agency B', role: 'partner', tenantRef: 'partner-b' })).key;
  });
  afterAll(async () => {
    await receiver?.stop();
    await t?.stop();
  });

  it('weighs partners by policy: bad weights and unknown partners are 422s, the pooled PD drives partner_pd, a conflict raises the alert', async () => {
    // Prepare: the active policy in format 2, with weights, a conflict threshold and the event rule.
    const active = (await t.api('GET', '/v1/policies/active')).json.policy.policy;
    const draft = (partners: unknown) => ({ ...active, version: 2, status: 'draft', partners, alerts: { ...active.alerts, rules: [{ id: 'partner-conflict', kind: 'event', severity: 'warning', eventType: 'assessment.conflict_detected', dedupeKey: '{rule}:{customerId}:{detail}' }] } });
    const heavy = await t.api('POST', '/v1/policies', { body: draft({ weights: { 'partner-a': 1.5 } }) });
    expect(heavy.status).toBe(422);
    expect(heavy.json.errors).toEqual([expect.objectContaining({ path: 'partners.weights.partner-a', in: 'body' })]);
    const unknown = await t.api('POST', '/v1/policies', { body: draft({ weights: { 'partner-zz': 0.5 } }) });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ path: 'partners.weights.partner-zz', code: 'unknown_partner' })]);
    const created = await t.api('POST', '/v1/policies', { body: draft({ weights: { 'partner-a': 1 }, defaultWeight: 0.2, conflictThreshold: { logit: 1.5 } }) });
    expect(created.status, created.text).toBe(201);
    expect(created.json.policy.policy.partners).toMatchObject({ weights: { 'partner-a': 1 }, defaultWeight: 0.2, conflictThreshold: { logit: 1.5 } });
    expect((await t.api('POST', '/v1/policies/2/backtest')).status).toBe(200);
    const second = await addPerson(t, 'trust-officer-2', ['approver']);
    expect((await t.api('POST', '/v1/policies/2/approve', { key: second.key })).status).toBe(200);
    expect((await t.api('POST', '/v1/policies/2/activate', { key: second.key })).status).toBe(202);
    expect((await t.api('POST', '/v1/policies/2/activate')).status).toBe(200);

    // Act: the established partner says 0.02, the newcomer 0.35.
    const submit = (key: string, pd: number, externalRef: string) => t.api('POST', '/v1/partner/assessments', { key, body: { customerId, pd, scale: 'PD', externalRef } });
    expect((await submit(partnerA, 0.02, 'a-1')).status).toBe(201);
    await until(() => t.api('GET', `/v1/customers/${customerId}`), (r) => r.json.profile.rating?.features?.partner_pd === 0.02 && r.json.profile.rating.policyVersion === 2);
    expect((await submit(partnerB, 0.35, 'b-1')).status).toBe(201);
    const profile = (await until(() => t.api('GET', `/v1/customers/${customerId}`), (r) => r.json.profile.partnerConflict !== undefined)).json.profile;

    // Assess: pooled, not the maximum; the internal view names the partner that drove it.
    expect(profile.rating.features.partner_pd).toBeCloseTo(0.034, 4);
    expect(profile.rating.partnerInputs.map((i: { partnerId: string; weight: number }) => [i.partnerId, i.weight])).toEqual([['partner-a', 1], ['partner-b', 0.2]]);
    expect(profile.partnerConflict).toMatchObject({ partnerId: 'partner-b', against: 'partner', otherPartnerId: 'partner-a' });
    const alerts = await until(() => t.api('GET', '/v1/alert-cases?rule=partner-conflict'), (r) => r.json.alerts?.some((a: { customerId: string }) => a.customerId === customerId));
    expect(alerts.json.alerts.find((a: { customerId: string }) => a.customerId === customerId)).toMatchObject({ severity: 'warning', status: 'open' });
    await until(async () => receivedEnvelopes(receiver, 'assessment.conflict_detected', customerId), (e) => e.length > 0);
    const [event] = receivedEnvelopes(receiver, 'assessment.conflict_detected', customerId);
    expect(event?.data).toMatchObject({ partnerId: 'partner-b', against: 'partner', otherPartnerId: 'partner-a', pd: 0.35, otherPd: 0.02 });
    // Outbound rating events carry the published snapshot only: no partner inputs, no partner names.
    for (const changed of receivedEnvelopes(receiver, 'rating.changed', customerId)) expect(JSON.stringify(changed.data)).not.toMatch(/partner-a|partner-b|partnerInputs/);
  });

  it('reports a partner\'s accuracy only with enough outcomes: otherwise "insufficient outcomes", nothing applied', async () => {
    expect((await t.api('POST', `/v1/customers/${customerId}/outcomes`, { body: { defaulted: true, at: t.hub.clock.now().toISOString() } })).status).toBe(201);
    const report = await t.api('GET', '/v1/partners/partner-a/accuracy');
    expect(report.status, report.text).toBe(200);
    expect(report.json.accuracy).toMatchObject({ partnerId: 'partner-a', status: 'insufficient_outcomes', outcomes: 1, defaults: 1, required: { outcomes: 50, defaults: 10 } });
    expect((await t.api('GET', '/v1/policies/active')).json.policy.policy.partners.weights).toEqual({ 'partner-a': 1 });
  });
});
