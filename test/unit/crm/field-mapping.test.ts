import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ValidationError } from '../../../shared/domain/errors.js';
import { buildWriteBackFields, getPath, mapRecord, parseConnectionConfig, toE164, toIsoDate, UnknownObjectTypeError } from '../../../shared/domain/crm/field-mapping.js';
import { connection, fixture } from './support.js';

const first = (response: unknown): unknown => (response as { data: unknown[] }).data[0];
const list = (response: unknown): unknown[] => (response as { data: { dataList: unknown[] } }).data.dataList;

describe('mapRecord', () => {
  it('maps a Zoho account with trimmed name, E.164 phone, USCC identifier and crm_record id', () => {
    // Prepare
    const config = connection('zoho');
    // Act
    const record = mapRecord(config, 'Accounts', first(fixture('zoho/account.json')));
    // Assess
    expect(record).toMatchObject({
      crm: 'zoho',
      connectionId: 'test-zoho',
      objectType: 'customer',
      externalId: '5725767000000500001',
      modifiedAt: '2025-01-15T10:00:00.000Z',
      fields: { legalName: '杭州示例数据科技有限公司', phone: '+8657188880001', website: 'example-hz.cn', city: '杭州', postalCode: '310000' },
    });
    if (record.objectType !== 'customer') throw new Error('expected customer');
    expect(record.identifiers).toEqual([
      { scheme: 'cn_uscc', value: '91330100MA2XXXXXX1' },
      { scheme: 'crm_record', value: 'zoho:test-zoho:5725767000000500001' },
    ]);
    expect(record.custom).toEqual({});
    expect(record.attributes).toBeUndefined();
  });

  it('maps CRM custom fields to declared custom attributes (`custom.<name>`), apart from the raw custom bag', () => {
    const base = connection('salesforce');
    const account = base.objects['Account']!;
    const config = { ...base, objects: { ...base.objects, Account: { ...account, fields: [...account.fields, { from: 'Risk_Tier__c', to: 'custom.riskTier', transforms: [] }, { from: 'Employees__c', to: 'custom.employees', transforms: [] }] } } };
    const record = mapRecord(config, 'Account', { Id: '001000000000001AAA', Name: 'Example Widgets GmbH', LastModifiedDate: '2025-01-15T10:00:00.000+0000', Risk_Tier__c: 'gold', Employees__c: '42' });
    if (record.objectType !== 'customer') throw new Error('expected customer');
    expect(record.attributes).toEqual({ riskTier: 'gold', employees: '42' });
    expect(record.custom).toMatchObject({ Risk_Tier__c: 'gold', Employees__c: '42' });
  });

  it('maps a Zoho sales order through the lookup id, money at currency precision and the enum map', () => {
    const record = mapRecord(connection('zoho'), 'Sales_Orders', first(fixture('zoho/sales-order.json')));
    expect(record).toMatchObject({ objectType: 'order', customerExternalId: '5725767000000500001', amount: { amountMinor: 1234568, currency: 'CNY' }, status: 'cancelled', orderedAt: '2025-01-10T02:00:00.000Z' });
  });

  it('keeps Fxiaoke __c custom fields and maps epoch-millisecond times', () => {
    const [account, order] = list(fixture('fxiaoke/query-accounts.json'));
    const customer = mapRecord(connection('fxiaoke'), 'AccountObj', account);
    const mappedOrder = mapRecord(connection('fxiaoke'), 'SalesOrderObj', order);
    expect(customer).toMatchObject({ modifiedAt: '2025-01-15T10:00:00.000Z', fields: { email: 'finance@sample-sh.cn', phone: '+862160000002' }, custom: { credit_level__c: 'B', annual_revenue__c: '50000000.00' } });
    expect(mappedOrder).toMatchObject({ objectType: 'order', amount: { amountMinor: 8800050, currency: 'CNY' }, status: 'cancelled', customerExternalId: '65a000000000000000000000001' });
  });

  it('maps a HubSpot company and a Salesforce account with their default mappings', () => {
    const company = mapRecord(connection('hubspot'), 'companies', fixture('hubspot/company.json'));
    const account = mapRecord(connection('salesforce'), 'Account', { Id: '001000000000001AAA', Name: 'Example Widgets GmbH', BillingCountry: 'DE', LastModifiedDate: '2025-01-15T10:00:00.000+0000', Risk_Grade__c: 'A', DunsNumber: '150483782' });
    expect(company).toMatchObject({ externalId: '9100000006', fields: { legalName: 'Demo Foods Inc.', phone: '+15125550106', website: 'demofoods.example' }, deleted: false });
    expect(account).toMatchObject({ modifiedAt: '2025-01-15T10:00:00.000Z', custom: { Risk_Grade__c: 'A' } });
    if (account.objectType !== 'customer') throw new Error('expected customer');
    expect(account.identifiers[0]).toEqual({ scheme: 'duns', value: '150483782' });
  });

  it('rejects unmapped objects with UnknownObjectTypeError (code unknown_object_type)', () => {
    const act = () => mapRecord(connection('zoho'), 'Leads', { id: '1' });
    expect(act).toThrow(UnknownObjectTypeError);
    expect(act).toThrow(expect.objectContaining({ code: 'unknown_object_type', retryable: false }));
  });

  it('rejects a record missing required canonical fields with ValidationError naming the paths', () => {
    const act = () => mapRecord(connection('zoho'), 'Sales_Orders', { id: '9', Modified_Time: '2025-01-01T00:00:00Z', Grand_Total: 'n/a' });
    expect(act).toThrow(ValidationError);
    try {
      act();
    } catch (error) {
      const paths = (error as ValidationError).issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['customerExternalId', 'orderedAt', 'amount']));
    }
  });

  it('never throws anything but ValidationError on arbitrary native input', () => {
    fc.assert(
      fc.property(fc.anything(), (native) => {
        try {
          mapRecord(connection('fxiaoke'), 'AccountObj', native);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseConnectionConfig', () => {
  it('refuses targets outside the canonical record and secret values that are not names', () => {
    const act = () => parseConnectionConfig({ connectionId: 'x', crm: 'zoho', objects: { Accounts: { objectType: 'customer', idPath: 'id', modifiedAtPath: 'm', fields: [{ from: 'a', to: 'score' }] } }, credentials: { clientSecret: 'has spaces in it' } });
    expect(act).toThrow(ValidationError);
  });
});

describe('transforms', () => {
  it('toE164 yields either undefined or a valid E.164 number, and is stable on its own output', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^(\+|00)?[0-9 ()-]{6,20}$/)), fc.constantFrom(undefined, '86', '1', '49'), (raw, cc) => {
        const out = toE164(raw, cc);
        if (out !== undefined) {
          expect(out).toMatch(/^\+[1-9]\d{6,14}$/);
          expect(toE164(out, cc)).toBe(out);
        }
      }),
    );
  });

  it('toIsoDate agrees for epoch millis, their ISO form and offset forms of the same instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.integer({ min: -12, max: 14 }), (ms, offsetHours) => {
        const iso = new Date(ms).toISOString();
        const shifted = new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 23);
        const sign = offsetHours < 0 ? '-' : '+';
        const offset = `${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
        expect(toIsoDate(ms)).toBe(iso);
        expect(toIsoDate(iso)).toBe(iso);
        expect(toIsoDate(`${shifted}${offset}`)).toBe(iso);
      }),
    );
  });

  it('getPath walks dots and array indices and stops on missing steps', () => {
    const native = { a: { b: [{ c: 1 }] } };
    expect(getPath(native, 'a.b[0].c')).toBe(1);
    expect(getPath(native, 'a.b.0.c')).toBe(1);
    expect(getPath(native, 'a.x.c')).toBeUndefined();
  });
});

describe('buildWriteBackFields', () => {
  it('names CRM fields from the write-back map and writes limits in major units', () => {
    const fields = buildWriteBackFields(connection('fxiaoke'), {
      status: 'rated', policyVersion: 3, grade: 'BBB', score: 612, reasons: [{ code: 'R1', text: 'Late payments' }],
      limit: { recommended: { amountMinor: 5_000_050, currency: 'CNY' }, factors: [] }, inputsHash: 'h', ratedAt: '2025-01-15T10:00:00.000Z',
    });
    expect(fields).toEqual({ risk_grade__c: 'BBB', risk_score__c: 612, credit_limit__c: 50000.5, risk_reasons__c: 'R1: Late payments' });
  });
});
