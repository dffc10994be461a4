import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyCustomerRecord, mergeProfiles, unmerge, type ProfileObservation } from '../../../shared/domain/profile/merge.js';
import { DEFAULT_SURVIVORSHIP, SurvivorshipConfigSchema } from '../../../shared/domain/profile/survivorship.js';
import { applyOrder } from '../../../shared/domain/profile/aggregate-updates.js';
import { CustomerProfileSchema, type CustomerProfile } from '../../../shared/domain/profile/customer-profile.js';
import type { CrmCustomerRecord, CrmOrderRecord } from '../../../shared/domain/crm/crm-record.js';

const AT = new Date('2025-03-01T00:00:00.000Z');
const crmRecord = (o: Partial<CrmCustomerRecord> = {}): CrmCustomerRecord => ({
  crm: 'hubspot', connectionId: 'hs1', externalId: '101', modifiedAt: '2025-01-01T00:00:00.000Z', deleted: false,
  objectType: 'customer', kind: 'business', fields: { legalName: 'Acme Ltd', email: 'ap@acme.com' }, identifiers: [], custom: {}, ...o,
});
const obs = (source: string, observedAt: string, fields: ProfileObservation['fields'], identifiers: ProfileObservation['identifiers'] = [], recordId = 'r1'): ProfileObservation =>
  ({ source, observedAt, recordId, fields, identifiers });

describe('applyCustomerRecord', () => {
  it('creates a profile with field provenance and the record id as identifier', () => {
    const r = applyCustomerRecord(undefined, crmRecord({ identifiers: [{ scheme: 'lei', value: '5493 001K JTII GC8Y 1R12' }, { scheme: 'ein', value: '00-1234567' }] }), DEFAULT_SURVIVORSHIP, AT, { customerId: 'cus-1' });
    expect(CustomerProfileSchema.safeParse(r.profile).success).toBe(true);
    expect(r.profile.fields.legalName).toEqual({ value: 'Acme Ltd', source: 'crm:hubspot:hs1', observedAt: '2025-01-01T00:00:00.000Z', recordId: '101' });
    expect(r.profile.identifiers.map((i) => `${i.scheme}#${i.value}`)).toEqual(['lei#5493001KJTIIGC8Y1R12', 'crm_record#hubspot:hs1:101']);
    expect(r.rejectedIdentifiers).toEqual([{ scheme: 'ein', reason: expect.any(String) }]);
    expect(r.profile).toMatchObject({ version: 1, sequence: 1, customerId: 'cus-1' });
  });

  it('never lets an older observation overwrite a newer one, and leaves version alone when nothing changed', () => {
    const first = applyCustomerRecord(undefined, crmRecord({ modifiedAt: '2025-02-01T00:00:00.000Z', fields: { legalName: 'Acme New Ltd' } }), DEFAULT_SURVIVORSHIP, AT, { customerId: 'c' });
    const stale = applyCustomerRecord(first.profile, crmRecord({ modifiedAt: '2025-01-01T00:00:00.000Z', fields: { legalName: 'Acme Old Ltd' } }), DEFAULT_SURVIVORSHIP, AT);
    expect(stale.profile.fields.legalName?.value).toBe('Acme New Ltd');
    expect(stale.ignoredFields).toEqual([{ field: 'legalName', reason: 'older' }]);
    expect(stale.changed).toBe(false);
    expect(stale.profile.version).toBe(first.profile.version);
  });

  it('converges to the same fields whatever order observations arrive in', () => {
    const observation = fc.record({
      source: fc.constantFrom('crm:zoho:z1', 'crm:hubspot:h1', 'bureau:experian', 'api:p1'),
      observedAt: fc.integer({ min: 0, max: 5 }).map((d) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString()),
      name: fc.constantFrom('A', 'B', 'C', ''),
      city: fc.constantFrom('Leeds', 'York'),
    });
    const config = SurvivorshipConfigSchema.parse({
      fields: { city: { rule: 'source_priority', sources: ['bureau:*', 'crm:zoho:*'] } },
    });
    fc.assert(
      fc.property(fc.array(observation, { minLength: 1, maxLength: 8 }), fc.func(fc.integer()), (list, key) => {
        const run = (items: typeof list) =>
          items.reduce<CustomerProfile | undefined>(
            (p, o) => applyCustomerRecord(p, obs(o.source, o.observedAt, { legalName: o.name, city: o.city }), config, AT, { customerId: 'c' }).profile,
            undefined,
          )?.fields;
        const shuffled = [...list].sort((a, b) => key(JSON.stringify(a)) - key(JSON.stringify(b)));
        expect(run(shuffled)).toEqual(run(list));
      }),
    );
  });

  it('applies per-field survivorship rules', () => {
    const config = SurvivorshipConfigSchema.parse({
      fields: {
        legalName: { rule: 'source_priority', sources: ['bureau:*', 'crm:*'] },
        industry: { rule: 'never_overwrite_non_empty' },
        phone: { rule: 'most_trusted_then_recent' },
      },
      sourceTrust: { 'crm:*': 1, 'crm:salesforce:*': 5 },
    });
    let p = applyCustomerRecord(undefined, obs('bureau:dnb', '2025-01-01T00:00:00Z', { legalName: 'ACME LIMITED', industry: 'Retail', phone: '+441' }), config, AT, { customerId: 'c' }).profile;
    p = applyCustomerRecord(p, obs('crm:salesforce:s1', '2025-02-01T00:00:00Z', { legalName: 'Acme', industry: 'Wholesale', phone: '+442' }), config, AT).profile;
    const r = applyCustomerRecord(p, obs('crm:zoho:z1', '2025-03-01T00:00:00Z', { phone: '+443' }), config, AT);
    expect(r.profile.fields.legalName?.value).toBe('ACME LIMITED');
    expect(r.profile.fields.industry?.value).toBe('Retail');
    expect(r.profile.fields.phone?.value).toBe('+442');
    expect(r.ignoredFields).toEqual([{ field: 'phone', reason: 'less_trusted' }]);
  });

  it('refreshes provenance on a repeated value without announcing a change', () => {
    const a = applyCustomerRecord(undefined, crmRecord(), DEFAULT_SURVIVORSHIP, AT, { customerId: 'c' });
    const b = applyCustomerRecord(a.profile, crmRecord({ modifiedAt: '2025-01-05T00:00:00.000Z' }), DEFAULT_SURVIVORSHIP, AT);
    expect(b.changedFields).toEqual([]);
    expect(b.refreshedFields).toEqual(['legalName', 'email']);
    expect(b.profile).toMatchObject({ version: a.profile.version + 1, sequence: a.profile.sequence });
  });
});

const order = (id: string, amountMinor: number): CrmOrderRecord => ({
  crm: 'generic', connectionId: 'g', externalId: id, modifiedAt: '2025-01-01T00:00:00.000Z', deleted: false, objectType: 'order',
  customerExternalId: 'x', orderedAt: '2025-01-10T00:00:00.000Z', amount: { amountMinor, currency: 'GBP' }, status: 'placed',
});

describe('mergeProfiles and unmerge', () => {
  const setup = () => {
    let survivor = applyCustomerRecord(undefined, obs('crm:zoho:z1', '2025-01-01T00:00:00Z', { legalName: 'Acme Ltd', city: 'Leeds' }, [{ scheme: 'email', value: 'ap@acme.com' }], 'S1'), DEFAULT_SURVIVORSHIP, AT, { customerId: 'surv' }).profile;
    survivor = { ...survivor, aggregates: applyOrder(survivor.aggregates, undefined, order('o1', 1000)) };
    let absorbed = applyCustomerRecord(undefined, obs('crm:hubspot:h1', '2025-02-01T00:00:00Z', { legalName: 'ACME Limited', phone: '+442079460958' }, [{ scheme: 'duns', value: '150483782' }], 'A1'), DEFAULT_SURVIVORSHIP, AT, { customerId: 'abs' }).profile;
    absorbed = { ...absorbed, aggregates: applyOrder(absorbed.aggregates, undefined, order('o2', 500)) };
    return { survivor, absorbed };
  };

  it('merges fields by survivorship, unions identifiers and adds aggregates', () => {
    const { survivor, absorbed } = setup();
    const m = mergeProfiles(survivor, absorbed, AT);
    expect(m.survivor.fields.legalName?.value).toBe('ACME Limited');
    expect(m.survivor.fields.city?.value).toBe('Leeds');
    expect(m.survivor.identifiers.map((i) => i.scheme).sort()).toEqual(['duns', 'email']);
    expect(m.survivor.aggregates.orders).toMatchObject({ count: 2, netMinor: 1500 });
    expect(m.absorbed).toMatchObject({ status: 'merged', mergedInto: 'surv', version: absorbed.version + 1 });
    expect(m.survivor.version).toBe(survivor.version + 1);
    expect(() => mergeProfiles(survivor, m.absorbed, AT)).toThrow();
  });

  it('unmerge restores both sides and keeps what the survivor gained after the merge', () => {
    const { survivor, absorbed } = setup();
    const m = mergeProfiles(survivor, absorbed, AT);
    // After the merge: the survivor's own CRM updates its city, a new order arrives, the absorbed CRM record updates its phone.
    let current = applyCustomerRecord(m.survivor, obs('crm:zoho:z1', '2025-03-05T00:00:00Z', { city: 'York' }, [], 'S1'), DEFAULT_SURVIVORSHIP, AT).profile;
    current = applyCustomerRecord(current, obs('crm:hubspot:h1', '2025-03-06T00:00:00Z', { phone: '+442079460959' }, [], 'A1'), DEFAULT_SURVIVORSHIP, AT).profile;
    current = { ...current, aggregates: applyOrder(current.aggregates, undefined, order('o3', 250)) };

    const u = unmerge(m.mergeRecord, current, AT);

    expect(u.survivor.fields.legalName?.value).toBe('Acme Ltd');
    expect(u.survivor.fields.city?.value).toBe('York');
    expect(u.survivor.fields.phone).toBeUndefined();
    expect(u.survivor.identifiers.map((i) => i.scheme)).toEqual(['email']);
    expect(u.survivor.aggregates.orders).toMatchObject({ count: 2, netMinor: 1250 });
    expect(u.absorbed).toMatchObject({ status: 'active', version: absorbed.version + 2, customerId: 'abs' });
    expect(u.absorbed.mergedInto).toBeUndefined();
    expect(u.absorbed.fields.phone?.value).toBe('+442079460959');
    expect(u.absorbed.identifiers.map((i) => i.scheme)).toEqual(['duns']);
    expect(u.absorbed.aggregates).toEqual(absorbed.aggregates);
    expect(CustomerProfileSchema.safeParse(u.survivor).success).toBe(true);
  });

  it('unmerge moves a value the absorbed origin sent after the merge even when its source time is older than the merge', () => {
    const { survivor, absorbed } = setup();
    const m = mergeProfiles(survivor, absorbed, AT);
    // Delivered after the merge, modified in the CRM before it (but after the absorbed origin's previous values).
    let current = applyCustomerRecord(m.survivor, obs('crm:hubspot:h1', '2025-02-15T00:00:00Z', { legalName: 'Acme Holdings Limited', phone: '+442079460959' }, [], 'A1'), DEFAULT_SURVIVORSHIP, AT).profile;
    current = applyCustomerRecord(current, obs('crm:zoho:z1', '2025-03-05T00:00:00Z', { email: 'finance@acme.com' }, [], 'S1'), DEFAULT_SURVIVORSHIP, AT).profile;
    expect(current.fields.phone?.value).toBe('+442079460959');

    const u = unmerge(m.mergeRecord, current, AT);

    expect(u.absorbed.fields.phone).toMatchObject({ value: '+442079460959', recordId: 'A1' });
    expect(u.absorbed.fields.legalName?.value).toBe('Acme Holdings Limited');
    expect(u.survivor.fields.legalName?.value).toBe('Acme Ltd');
    expect(u.survivor.fields.phone).toBeUndefined();
    expect(u.survivor.fields.email?.value).toBe('finance@acme.com');
    expect(u.absorbed.fields.email).toBeUndefined();
  });

  it('unmerge replays the last record of each side: values that lost on the merged profile come back on their own side', () => {
    const { survivor, absorbed } = setup();
    const m = mergeProfiles(survivor, absorbed, AT);
    // The survivor's origin renames itself with an older source time: it loses to the absorbed name on the merged profile.
    const survivorLatest = obs('crm:zoho:z1', '2025-01-15T00:00:00Z', { legalName: 'Acme Trading Ltd', city: 'Leeds' }, [{ scheme: 'email', value: 'ap@acme.com' }], 'S1');
    const current = applyCustomerRecord(m.survivor, survivorLatest, DEFAULT_SURVIVORSHIP, AT).profile;
    expect(current.fields.legalName?.value).toBe('ACME Limited');

    const withoutReplay = unmerge(m.mergeRecord, current, AT);
    const withReplay = unmerge(m.mergeRecord, current, AT, DEFAULT_SURVIVORSHIP, { survivor: [survivorLatest] });

    expect(withoutReplay.survivor.fields.legalName?.value).toBe('Acme Ltd');
    expect(withReplay.survivor.fields.legalName).toMatchObject({ value: 'Acme Trading Ltd', observedAt: '2025-01-15T00:00:00Z' });
    expect(withReplay.absorbed.fields.legalName?.value).toBe('ACME Limited');
  });

  it('a pending stub can be absorbed; unmerged without fields it stays pending', () => {
    const { survivor } = setup();
    const stub: CustomerProfile = { ...applyCustomerRecord(undefined, obs('crm:fxiaoke:f1', '2025-01-01T00:00:00Z', {}, [{ scheme: 'crm_record', value: 'fxiaoke:f1:9' }], '9'), DEFAULT_SURVIVORSHIP, AT, { customerId: 'stub' }).profile, status: 'pending', sequence: 0 };
    const m = mergeProfiles(survivor, stub, AT);
    expect(m.absorbed).toMatchObject({ status: 'merged', sequence: 0 });
    expect(() => mergeProfiles(stub, survivor, AT)).toThrow();
    expect(unmerge(m.mergeRecord, m.survivor, AT).absorbed.status).toBe('pending');
  });

  it('unmerge right after merge gives back both original profiles (except versions and timestamps)', () => {
    const { survivor, absorbed } = setup();
    const m = mergeProfiles(survivor, absorbed, AT);
    const u = unmerge(m.mergeRecord, m.survivor, AT);
    const strip = (p: CustomerProfile) => ({ ...p, version: 0, sequence: 0, updatedAt: '' });
    expect(strip(u.survivor)).toEqual(strip(survivor));
    expect(strip(u.absorbed)).toEqual(strip(absorbed));
  });
});
