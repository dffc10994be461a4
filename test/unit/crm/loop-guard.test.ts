import { describe, expect, it } from 'vitest';
import type { CrmChangeNotice } from '../../../shared/domain/crm/change-notice.js';
import { fingerprintWriteBack, hashFieldValue, isEcho } from '../../../shared/domain/crm/loop-guard.js';

const notice = (overrides: Partial<CrmChangeNotice> = {}): CrmChangeNotice => ({
  crm: 'zoho', connectionId: 'c1', objectName: 'Accounts', externalIds: ['42'], operation: 'update', occurredAt: '2025-01-15T10:01:00.000Z', ...overrides,
});
const written = [fingerprintWriteBack('c1', '42', { Risk_Grade: 'BBB', Credit_Limit: 50000 }, new Date('2025-01-15T10:00:00.000Z'))];
const config = { integrationUsers: ['5725767000000411001', '3MVG9sandboxclientid'] };

describe('isEcho', () => {
  it('drops a change whose only fields are our write-back fields with equal values', () => {
    const verdict = isEcho(notice({ changedFields: ['Risk_Grade', 'Credit_Limit', 'Modified_Time'], values: { Risk_Grade: 'BBB', Credit_Limit: '50000.00' } }), written, config);
    expect(verdict).toEqual({ echo: true, reason: 'own_write_back' });
  });

  it('keeps a change that touches a field we never write', () => {
    expect(isEcho(notice({ changedFields: ['Risk_Grade', 'Phone'] }), written, config)).toEqual({ echo: false, reason: 'not_only_write_back_fields' });
  });

  it('keeps a change where a user overrode our value', () => {
    expect(isEcho(notice({ changedFields: ['Risk_Grade'], values: { Risk_Grade: 'AAA' } }), written, config)).toEqual({ echo: false, reason: 'values_differ' });
  });

  it('keeps a change outside the echo window or on another record', () => {
    expect(isEcho(notice({ changedFields: ['Risk_Grade'], occurredAt: '2025-01-15T11:00:00.000Z' }), written, config).echo).toBe(false);
    expect(isEcho(notice({ changedFields: ['Risk_Grade'], externalIds: ['43'] }), written, config).echo).toBe(false);
  });

  it('drops anything made by the integration user: Zoho Modified_By, Salesforce changeOrigin client id', () => {
    expect(isEcho(notice({ modifiedBy: '5725767000000411001', changedFields: ['Phone'] }), [], config)).toEqual({ echo: true, reason: 'integration_user' });
    expect(isEcho(notice({ crm: 'salesforce', changeSource: 'com/salesforce/api/rest/62.0;client=3MVG9sandboxclientid' }), [], config).echo).toBe(true);
  });

  it('hashes equal values alike across CRM representations and differently otherwise', () => {
    expect(hashFieldValue('50000.00')).toBe(hashFieldValue(50000));
    expect(hashFieldValue(' BBB ')).toBe(hashFieldValue('BBB'));
    expect(hashFieldValue('BBB')).not.toBe(hashFieldValue('BB'));
  });
});
