import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { defaultConnectionConfig } from '../../shared/domain/crm/default-mappings.js';
import { customerIdForCrmRecord } from '../../shared/domain/customers/ingest-crm-record.js';
import { DEFAULT_POLICY } from '../../shared/domain/rating/default-policy.js';
import { addPerson, createApiKey, ensureConnection, putConnection, subscribeReceiver, waitForEnvelope } from '../support/e2e-helpers.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

/** A Salesforce connection whose Account mapping carries two custom fields into declared custom attributes. */
const connection = () => {
  const { apiBaseUrl: _unused, credentials: _none, ...base } = defaultConnectionConfig('salesforce', 'e2e-attrs');
  const account = base.objects['Account']!;
  return {
    ...base,
    objects: {
      ...base.objects,
      Account: { ...account, fields: [...(account.fields ?? []), { from: 'Risk_Tier__c', to: 'custom.riskTier' }, { from: 'NumberOfEmployees__c', to: 'custom.employees' }] },
    },
  };
};

/** Format 2 draft: the default scorecard plus two characteristics on `custom.riskTier` and `custom.employees`. */
const draft = (features: { id: string; label: string; path: string; kind: 'numeric' | 'categorical' }[] = []) => {
  const base = JSON.parse(JSON.stringify(DEFAULT_POLICY)) as typeof DEFAULT_POLICY;
  return {
    ...base,
    version: 2,
    status: 'draft',
    name: 'Scorecard on our own columns',
    scoring: {
      ...base.scoring,
      features: [
        ...base.scoring.features,
        { id: 'risk_tier', label: 'Risk tier (CRM)', path: 'custom.riskTier', kind: 'categorical' },
        { id: 'employees', label: 'Employees (CRM)', path: 'custom.employees', kind: 'numeric' },
        ...features,
      ],
      characteristics: [
        ...base.scoring.characteristics,
        { type: 'categorical', feature: 'risk_tier', bins: [{ values: ['gold'], points: 60 }, { values: ['silver'], points: 30 }], otherPoints: 0, missingPoints: 10, reasonCode: 'C01', reasonText: 'Low risk tier in the CRM' },
        { type: 'numeric', feature: 'employees', bins: [{ to: 10, points: 0 }, { from: 10, to: 100, points: 20 }, { from: 100, points: 40 }], missingPoints: 5, reasonCode: 'C02', reasonText: 'Few employees' },
      ],
      minFeatures: 2,
    },
  };
};

describe('custom attributes as rating inputs: declared, mapped from a CRM, read by a format 2 policy', () => {
  let t: TestHub;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestHub();
    receiver = await startWebhookReceiver();
    await subscribeReceiver(t, receiver, '/hooks/attrs', ['rating.changed', 'customer.updated']);
  });

  afterAll(async () => {
    await receiver?.stop();
    await t?.stop();
  });

  it('declares, lists, reads and deprecates custom attributes; refuses bad declarations', async () => {
    const tier = await t.api('PUT', '/v1/custom-attributes/riskTier', { body: { type: 'category', values: ['gold', 'silver', 'bronze'], label: 'Risk tier' } });
    expect(tier.status, tier.text).toBe(201);
    expect(tier.json.attribute).toMatchObject({ name: 'riskTier', type: 'category', status: 'active', pii: false });
    const employees = await t.api('PUT', '/v1/custom-attributes/employees', { body: { type: 'integer', min: 0, unit: 'employees' } });
    expect(employees.status, employees.text).toBe(201);
    expect((await t.api('PUT', '/v1/custom-attributes/employees', { body: { type: 'number' } })).status).toBe(409);
    const bad = await t.api('PUT', '/v1/custom-attributes/tier2', { body: { type: 'category', unit: 'kg' } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['values', 'unit']));
    expect((await t.api('PUT', '/v1/custom-attributes/owner', { body: { type: 'category', values: ['a'], pii: true } })).status).toBe(201);

    const listed = await t.api('GET', '/v1/custom-attributes');
    expect(listed.json.attributes.map((a: { name: string }) => a.name).sort()).toEqual(['employees', 'owner', 'riskTier']);
    expect((await t.api('GET', '/v1/custom-attributes/employees')).json.attribute).toMatchObject({ type: 'integer', min: 0, unit: 'employees' });
    expect((await t.api('GET', '/v1/custom-attributes/nothing')).status).toBe(404);
    const deprecated = await t.api('POST', '/v1/custom-attributes/owner/deprecate');
    expect(deprecated.status).toBe(200);
    expect(deprecated.json.attribute).toMatchObject({ status: 'deprecated', deprecatedBy: expect.stringMatching(/^key:/) });
    expect((await t.api('POST', '/v1/custom-attributes/nothing/deprecate')).status).toBe(404);
  });

  it('refuses undeclared attributes and values outside their declaration on the customer and CRM routes', async () => {
    const put = await t.api('PUT', '/v1/customers/attr-api-1', { body: { fields: { legalName: 'Api Attr GmbH' }, custom: { shoeSize: 42, employees: -1 } } });
    expect(put.status).toBe(422);
    expect(put.json.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['custom.shoeSize', 'undeclared_attribute'],
      ['custom.employees', 'invalid_value'],
    ]);
    expect((await t.api('GET', '/v1/customers/attr-api-1')).status).toBe(404);
    // Linked to the CRM connection whose key reads it below (a CRM key sees only its own customers).
    const readerConnection = await ensureConnection(t, 'attr-reader');
    const ok = await t.api('PUT', '/v1/customers/attr-api-1', {
      body: { fields: { legalName: 'Api Attr GmbH' }, identifiers: [{ scheme: 'crm_record', value: `hubspot:${readerConnection}:attr-api-1` }], custom: { riskTier: 'gold', employees: 250, owner: 'a' } },
    });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.json.profile.custom).toMatchObject({ riskTier: { value: 'gold', source: expect.stringMatching(/^api:/) }, employees: { value: 250 }, owner: { value: 'a' } });
    // `owner` is flagged as personal data: a CRM key never sees it, an admin does.
    const crm = await createApiKey(t, { name: 'crm reader', role: 'crm', tenantRef: readerConnection });
    const asCrm = await t.api('GET', '/v1/customers/attr-api-1', { key: crm.key });
    expect(asCrm.status, asCrm.text).toBe(200);
    expect(Object.keys(asCrm.json.profile.custom).sort()).toEqual(['employees', 'riskTier']);
    expect((await t.api('GET', '/v1/customers/attr-api-1')).json.profile.custom).toHaveProperty('owner');

    // The Salesforce mapping takes in names, phone and address: the second person approves it.
    expect((await putConnection(t, 'e2e-attrs', connection())).status).toBe(202);
    const refused = await t.api('POST', '/v1/crm/e2e-attrs/records', {
      body: { objectName: 'Account', records: [{ Id: '001E2EATTR000000AA', Name: 'Attr Refused Ltd', LastModifiedDate: '2026-01-15T10:00:00.000+0000', Risk_Tier__c: 'platinum' }] },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.errors).toEqual([expect.objectContaining({ path: 'records[0].custom.riskTier', code: 'invalid_value' })]);
  });

  it('creates and activates (four eyes) a policy reading custom.riskTier and custom.employees; a CRM record carrying them is rated with them', async () => {
    const unresolved = await t.api('POST', '/v1/policies', { body: draft([{ id: 'owner', label: 'Owner', path: 'custom.owner', kind: 'categorical' }, { id: 'sz', label: 'Shoe', path: 'custom.shoeSize', kind: 'numeric' }]) });
    expect(unresolved.status).toBe(422);
    expect(unresolved.json.errors).toEqual([
      expect.objectContaining({ path: 'scoring.features[12].path', code: 'unresolved_path', message: expect.stringContaining('deprecated') }),
      expect.objectContaining({ path: 'scoring.features[13].path', code: 'unresolved_path', message: expect.stringContaining('not declared') }),
    ]);
    const wrongKind = await t.api('POST', '/v1/policies', { body: draft([{ id: 'tier_num', label: 'Tier as number', path: 'custom.riskTier', kind: 'numeric' }]) });
    expect(wrongKind.json.errors).toEqual([expect.objectContaining({ path: 'scoring.features[12].path', code: 'incompatible_path' })]);

    const created = await t.api('POST', '/v1/policies', { body: draft() });
    expect(created.status, created.text).toBe(201);
    expect(created.json.policy.policy).toMatchObject({ schemaVersion: 2, version: 2 });
    expect((await t.api('POST', '/v1/policies/2/backtest')).status).toBe(200);
    // Four eyes compare people: a second person approves, and completes the activation the author asks for.
    const second = await addPerson(t, 'attr-officer-2', ['approver']);
    expect((await t.api('POST', '/v1/policies/2/approve')).status).toBe(403);
    expect((await t.api('POST', '/v1/policies/2/approve', { key: second.key })).status).toBe(200);
    expect((await t.api('POST', '/v1/policies/2/activate')).status).toBe(202);
    const activated = await t.api('POST', '/v1/policies/2/activate', { key: second.key });
    expect(activated.status, activated.text).toBe(200);
    const active = await t.api('GET', '/v1/policies/active');
    expect(active.json.policy.policy.scoring.features.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['custom.riskTier', 'custom.employees']));

    const sent = await t.api('POST', '/v1/crm/e2e-attrs/records', {
      body: { objectName: 'Account', records: [{ Id: '001E2EATTR000001AA', Name: 'Bronze Small Ltd', BillingCountry: 'GB', LastModifiedDate: '2026-01-15T10:00:00.000+0000', Risk_Tier__c: 'bronze', NumberOfEmployees__c: '7' }] },
    });
    expect(sent.status, sent.text).toBe(202);
    const customerId = customerIdForCrmRecord('salesforce', 'e2e-attrs', '001E2EATTR000001AA');
    const rated = await waitForEnvelope(receiver, 'rating.changed', customerId, (e) => (e.data as { current: { policyVersion: number } }).current.policyVersion === 2);
    const current = (rated.data as { current: { status: string; reasons: { code: string; points?: number }[] } }).current;
    expect(current.status).toBe('rated');
    expect(current.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'C01', points: -60 }), expect.objectContaining({ code: 'C02', points: -40 })]));

    const profile = (await t.api('GET', `/v1/customers/${customerId}`)).json.profile;
    expect(profile.rating).toMatchObject({ policyVersion: 2, features: { risk_tier: 'bronze', employees: 7 } });
    expect(profile.custom).toEqual({
      riskTier: { value: 'bronze', source: 'crm:salesforce:e2e-attrs', observedAt: '2026-01-15T10:00:00.000Z', recordId: '001E2EATTR000001AA' },
      employees: { value: 7, source: 'crm:salesforce:e2e-attrs', observedAt: '2026-01-15T10:00:00.000Z', recordId: '001E2EATTR000001AA' },
    });
    const updated = await waitForEnvelope(receiver, 'customer.updated', customerId);
    expect((updated.data as { changedFields: string[] }).changedFields).toEqual(expect.arrayContaining(['custom.riskTier', 'custom.employees']));
    expect((updated.data as { profile: Record<string, unknown> }).profile).not.toHaveProperty('custom');
  });
});
