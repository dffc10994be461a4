import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCrmConnections, type LocalCrm } from '../../../infra/local/sandboxes/crm/local-connections.js';
import { startFxiaokeSandbox, type FxiaokeSandbox } from '../../../infra/local/sandboxes/crm/fxiaoke.js';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../../infra/local/sandboxes/crm/hubspot.js';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../../infra/local/sandboxes/crm/salesforce.js';
import { startZohoSandbox, type ZohoSandbox } from '../../../infra/local/sandboxes/crm/zoho.js';
import { createCrmFieldMetadata, createCrmWriteBacks } from '../../../shared/adapters/crm/write-backs.js';
import { mapSecretSource } from '../../../shared/adapters/secrets/secret-source.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import { setupCrmFields } from '../../../shared/domain/crm/crm-fields.js';
import { buildWriteBackFields, type ConnectionConfig } from '../../../shared/domain/crm/field-mapping.js';
import { creditHoldOf } from '../../../shared/domain/measures/credit-hold.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';
import { loopbackFetch } from '../../support/outbound.js';

const NOW = new Date('2026-12-01T10:00:00Z');
const RECORDS: Record<LocalCrm, string> = { zoho: '5725767000000500001', fxiaoke: '65a000000000000000000001', hubspot: '9100000001', salesforce: '001000000000001AAA' };

/** Hold fields as the write-back sends them for a frozen customer rated at 0 EUR. */
const frozenFields = (connection: ConnectionConfig) => {
  const profile = { ...newProfile('c-1', 'business', NOW), freeze: { reason: 'Payment dispute escalated', frozenAt: NOW.toISOString(), by: 'person:risk-1' } };
  const hold = creditHoldOf(profile);
  const rating = { status: 'rated' as const, policyVersion: 1, reasons: [], ratedAt: NOW.toISOString(), inputsHash: 'h', limit: { recommended: { amountMinor: 0, currency: 'EUR' }, factors: [] } };
  const mapped = { ...connection, writeBack: { objectName: connection.writeBack!.objectName, fields: { limit: connection.writeBack!.fields.limit!, creditHold: connection.writeBack!.fields.creditHold!, holdReason: connection.writeBack!.fields.holdReason! } } };
  return buildWriteBackFields(mapped, rating, hold);
};

describe('CRM hold fields against the sandboxes', () => {
  let zoho: ZohoSandbox;
  let fxiaoke: FxiaokeSandbox;
  let hubspot: HubSpotSandbox;
  let salesforce: SalesforceSandbox;
  let connections: Record<LocalCrm, ConnectionConfig>;
  let secrets: Record<string, string>;
  const audit: unknown[] = [];

  beforeAll(async () => {
    [zoho, fxiaoke, hubspot, salesforce] = await Promise.all([startZohoSandbox(), startFxiaokeSandbox(), startHubSpotSandbox(), startSalesforceSandbox()]);
    const local = localCrmConnections({ zoho: zoho.url, fxiaoke: fxiaoke.url, hubspot: hubspot.url, salesforce: salesforce.url });
    connections = Object.fromEntries(local.connections.map((c) => [c.crm, c])) as Record<LocalCrm, ConnectionConfig>;
    secrets = local.secrets;
  });
  afterAll(async () => {
    await Promise.all([zoho?.stop(), fxiaoke?.stop(), hubspot?.stop(), salesforce?.stop()]);
  });

  const deps = () => ({ secrets: mapSecretSource(secrets), outbound: loopbackFetch });
  const setup = () => setupCrmFields({ connections: { get: async (id) => Object.values(connections).find((c) => c.connectionId === id) }, metadata: createCrmFieldMetadata(deps()), audit: { append: async (entry) => void audit.push(entry) }, clock: fixedClock(NOW) });

  it.each(['zoho', 'hubspot', 'salesforce'] as const)('%s: refuses the hold write as crm_field_missing, the setup creates the fields, then the record shows hold, reason and limit 0', async (crm) => {
    // Prepare
    const connection = connections[crm];
    const writeBack = createCrmWriteBacks(deps())[crm];
    const fields = frozenFields(connection);
    const holdField = connection.writeBack!.fields.creditHold!;
    const reasonField = connection.writeBack!.fields.holdReason!;

    // Act 1: before the setup
    const refused = await writeBack.update(connection, RECORDS[crm], fields).catch((error: unknown) => error);
    // Assess 1
    expect(refused).toMatchObject({ code: 'crm_field_missing', retryable: false, details: { crm, field: expect.stringMatching(/RiskBridge_Credit_Hold|RiskBridge_Hold_Reason|riskbridge_credit_hold|riskbridge_hold_reason/) } });

    // Act 2: setup, twice
    const first = await setup()(connection.connectionId, 'person:admin');
    const again = await setup()(connection.connectionId, 'person:admin');
    // Assess 2
    expect(first.ready).toBe(true);
    expect(first.fields.filter((f) => f.status === 'created').map((f) => f.field).sort()).toEqual([holdField, reasonField].sort());
    expect(first.fields.find((f) => f.source === 'limit')).toMatchObject({ status: 'present' });
    expect(again.fields.every((f) => f.status === 'present')).toBe(true);

    // Act 3: the write after setup
    await writeBack.update(connection, RECORDS[crm], fields);
    // Assess 3
    const written = (crm === 'zoho' ? zoho : crm === 'hubspot' ? hubspot : salesforce).writes.at(-1)?.fields;
    expect(written?.[holdField]).toBe(crm === 'hubspot' ? 'true' : true);
    expect(written?.[reasonField]).toBe('Payment dispute escalated');
    expect(written?.[connection.writeBack!.fields.limit!]).toBe(crm === 'hubspot' ? '0' : 0);
  });

  it('creates each field with the CRM type: Salesforce Checkbox and Text, HubSpot booleancheckbox in the riskbridge group, Zoho boolean', () => {
    expect(salesforce.fields['Account']?.get('RiskBridge_Credit_Hold__c')).toMatchObject({ type: 'Checkbox', custom: true });
    expect(salesforce.fields['Account']?.get('RiskBridge_Hold_Reason__c')).toMatchObject({ type: 'Text', custom: true });
    expect(hubspot.properties['companies']?.get('riskbridge_credit_hold')).toMatchObject({ type: 'bool', fieldType: 'booleancheckbox', groupName: 'riskbridge' });
    expect(zoho.fields['Accounts']?.get('RiskBridge_Credit_Hold')).toMatchObject({ data_type: 'boolean' });
  });

  it('fxiaoke: checks the fields by describe (present), reports a missing one failed (no create API) and its write is refused as crm_field_missing', async () => {
    const connection = connections.fxiaoke;
    const present = await setup()(connection.connectionId, 'person:admin');
    expect(present.fields.every((f) => f.status === 'present')).toBe(true);
    await createCrmWriteBacks(deps()).fxiaoke.update(connection, RECORDS.fxiaoke, frozenFields(connection));
    expect(fxiaoke.writes.at(-1)?.fields).toMatchObject({ field_credit_hold__c: true, field_hold_reason__c: 'Payment dispute escalated', credit_limit__c: 0 });

    fxiaoke.fields['AccountObj']?.delete('field_hold_reason__c');
    const missing = await setup()(connection.connectionId, 'person:admin');
    expect(missing.ready).toBe(false);
    expect(missing.fields.find((f) => f.field === 'field_hold_reason__c')).toMatchObject({ status: 'failed', reason: expect.stringContaining('crm_field_not_creatable') });
    const refused = await createCrmWriteBacks(deps()).fxiaoke.update(connection, RECORDS.fxiaoke, frozenFields(connection)).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'crm_field_missing', details: { crm: 'fxiaoke', field: 'field_hold_reason__c' } });
  });
});
