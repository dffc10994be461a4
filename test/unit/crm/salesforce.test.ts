import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, TransientError } from '../../../shared/domain/errors.js';
import { mapRecord } from '../../../shared/domain/crm/field-mapping.js';
import { fingerprintWriteBack, isEcho } from '../../../shared/domain/crm/loop-guard.js';
import { isGapEvent, parseSalesforceChangeEvent, salesforceEventToNotice, unwrapChangeEvent } from '../../../shared/adapters/crm/salesforce/cdc.js';
import { createSalesforceClient, createSalesforceWriteBack } from '../../../shared/adapters/crm/salesforce/client.js';
import { SALESFORCE_SANDBOX_CLIENT_ID, startSalesforceSandbox, type SalesforceSandbox } from '../../../infra/local/sandboxes/crm/salesforce.js';
import { connection, fixture, rawFixture, secretsFrom, startReceiver } from './support.js';
import { loopbackFetch } from '../../support/outbound.js';

describe('Salesforce change events', () => {
  it('reads a direct CDC payload into an update notice with the changed values', () => {
    const notice = salesforceEventToNotice(parseSalesforceChangeEvent(rawFixture('salesforce/account-change-update.json')), 'sf');
    expect(notice).toMatchObject({ objectName: 'Account', externalIds: ['001000000000001AAA'], operation: 'update', changedFields: ['Phone', 'LastModifiedDate'], values: { Phone: '+49 30 0000099' }, modifiedBy: '005000000000USR1AA', occurredAt: '2025-01-15T10:00:00.000Z' });
  });

  it('unwraps the EventBridge envelope to the same shape and keeps its event id', () => {
    const event = unwrapChangeEvent(fixture('salesforce/account-change-eventbridge.json'));
    expect(event.eventId).toBe('b2c3d4e5-0000-4000-8000-000000000002');
    expect(event.payload.ChangeEventHeader.changedFields).toEqual(['Risk_Grade__c', 'Credit_Limit__c', 'LastModifiedDate']);
  });

  it('marks GAP events for a fetch instead of trusting field data', () => {
    const event = parseSalesforceChangeEvent(rawFixture('salesforce/account-gap.json'));
    expect(isGapEvent(event.payload)).toBe(true);
    expect(salesforceEventToNotice(event, 'sf')).toMatchObject({ operation: 'gap', externalIds: ['001000000000002AAA', '001000000000003AAA'], values: undefined });
  });

  it('recognises our own write-back coming back, by client id in changeOrigin or by values', () => {
    const notice = salesforceEventToNotice(unwrapChangeEvent(fixture('salesforce/account-change-eventbridge.json')), 'sf');
    expect(isEcho(notice, [], { integrationUsers: [SALESFORCE_SANDBOX_CLIENT_ID] }).reason).toBe('integration_user');
    const prints = [fingerprintWriteBack('sf', '001000000000001AAA', { Risk_Grade__c: 'BBB', Credit_Limit__c: '50000.00' }, new Date('2025-01-15T10:00:50Z'))];
    expect(isEcho(notice, prints, { integrationUsers: [] })).toEqual({ echo: true, reason: 'own_write_back' });
  });

  it('refuses events without a ChangeEventHeader', () => {
    expect(() => parseSalesforceChangeEvent('{"Name":"x"}')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});

describe('Salesforce client against the sandbox', () => {
  let sandbox: SalesforceSandbox;
  const secrets = secretsFrom({ 'riskbridge/salesforce/test-salesforce/client-id': SALESFORCE_SANDBOX_CLIENT_ID, 'riskbridge/salesforce/test-salesforce/client-secret': 'sandbox-secret' });
  beforeAll(async () => {
    sandbox = await startSalesforceSandbox();
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  const config = () => connection('salesforce', { apiBaseUrl: sandbox.url });

  it('gets a client-credentials token, fetches an Account and maps it', async () => {
    const client = createSalesforceClient({ secrets, outbound: loopbackFetch });
    const native = await client.fetchRecord(config(), 'Account', '001000000000004AAA');
    expect(mapRecord(config(), 'Account', native)).toMatchObject({ objectType: 'customer', fields: { legalName: 'Example Widgets GmbH', country: 'DE' } });
    await expect(client.fetchRecord(config(), 'Account', '001000000000099AAA')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('PATCHes the Account and maps 429/503 to TransientError', async () => {
    const writeBack = createSalesforceWriteBack(createSalesforceClient({ secrets, outbound: loopbackFetch }));
    const result = await writeBack.update(config(), '001000000000001AAA', { Risk_Grade__c: 'BBB' });
    expect(result).toMatchObject({ status: 'updated', objectName: 'Account', fields: ['Risk_Grade__c'] });
    expect(sandbox.writes.at(-1)).toMatchObject({ id: '001000000000001AAA', fields: { Risk_Grade__c: 'BBB' } });
    sandbox.failNext({ kind: 'http', status: 503, retryAfterSeconds: 2 }, '/services/data');
    await expect(writeBack.update(config(), '001000000000001AAA', { Risk_Grade__c: 'BBB' })).rejects.toMatchObject({ code: 'crm_unavailable', retryAfterMs: 2000 });
    sandbox.failNext({ kind: 'http', status: 429 }, '/services/data');
    await expect(writeBack.update(config(), '001000000000001AAA', { Risk_Grade__c: 'BBB' })).rejects.toBeInstanceOf(TransientError);
  });

  it('emits CDC events directly and through the EventBridge envelope, both readable by the hub', async () => {
    const hub = await startReceiver();
    try {
      await sandbox.emit(hub.url, { entityName: 'Account', recordIds: ['001000000000002AAA'], changeType: 'UPDATE', fields: { Phone: '+44 20 0000 0099' } });
      await sandbox.emit(hub.url, { entityName: 'Account', recordIds: ['001000000000002AAA'], changeType: 'UPDATE', fields: { Phone: '+44 20 0000 0099' }, envelope: 'eventbridge' });
      const notices = hub.received.map((r) => salesforceEventToNotice(parseSalesforceChangeEvent(r.rawBody), 'sf'));
      expect(notices.map((n) => n.values)).toEqual([{ Phone: '+44 20 0000 0099', LastModifiedDate: expect.any(String) }, { Phone: '+44 20 0000 0099', LastModifiedDate: expect.any(String) }]);
    } finally {
      await hub.stop();
    }
  });
});
