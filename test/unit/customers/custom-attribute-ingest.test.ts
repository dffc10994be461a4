import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/domain/clock.js';
import type { CrmCustomerRecord } from '../../../shared/domain/crm/crm-record.js';
import { ingestCrmRecord, InvalidCustomAttributesError } from '../../../shared/domain/customers/ingest-crm-record.js';
import type { CustomAttribute } from '../../../shared/domain/profile/custom-attributes.js';
import { memoryCustomerStores } from '../../support/memory-customer-stores.js';

const ATTRS: CustomAttribute[] = [
  { name: 'employees', type: 'integer', min: 0, pii: false, status: 'active', declaredAt: '2026-01-01T00:00:00Z', declaredBy: 'key:a' },
  { name: 'riskTier', type: 'category', values: ['gold', 'silver'], pii: false, status: 'active', declaredAt: '2026-01-01T00:00:00Z', declaredBy: 'key:a' },
];

const account = (externalId: string, attributes: Record<string, string | number | boolean>): CrmCustomerRecord => ({
  crm: 'zoho', connectionId: 'z1', externalId, modifiedAt: '2026-01-10T00:00:00.000Z', deleted: false, objectType: 'customer', kind: 'business', custom: {}, fields: { legalName: `Account ${externalId}` }, identifiers: [], attributes,
});

const setup = () => {
  const stores = memoryCustomerStores();
  const ingest = ingestCrmRecord({ ...stores, clock: fixedClock('2026-02-01T00:00:00Z'), backoff: async () => undefined, customAttributes: { list: async () => ATTRS } });
  return { stores, ingest };
};

describe('ingestCrmRecord: custom attributes', () => {
  it('keeps declared values in canonical form with the record provenance and names them as changed', async () => {
    const { stores, ingest } = setup();
    const outcome = await ingest(account('a-1', { employees: '12', riskTier: 'gold' }));
    expect(outcome).toMatchObject({ status: 'applied' });
    const [profile] = stores.all();
    expect(profile?.custom).toEqual({
      employees: { value: 12, source: 'crm:zoho:z1', observedAt: '2026-01-10T00:00:00.000Z', recordId: 'a-1' },
      riskTier: { value: 'gold', source: 'crm:zoho:z1', observedAt: '2026-01-10T00:00:00.000Z', recordId: 'a-1' },
    });
  });

  it('quarantines a record with an undeclared attribute or a value outside its declaration, naming the attributes only, and writes nothing', async () => {
    const { stores, ingest } = setup();
    const error = await ingest(account('a-2', { employees: -3, shoeSize: 44 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCustomAttributesError);
    expect(error).toMatchObject({ code: 'invalid_custom_attributes', retryable: false });
    expect((error as Error).message).toContain('custom.employees');
    expect((error as Error).message).toContain('custom.shoeSize');
    expect((error as Error).message).not.toContain('44');
    expect(stores.all()).toEqual([]);
  });
});
