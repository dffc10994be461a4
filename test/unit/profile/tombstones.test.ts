import { describe, expect, it } from 'vitest';
import { deleteFields } from '../../../shared/domain/customers/patch-customer.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';
import { applyCustomerRecord } from '../../../shared/domain/profile/merge.js';

const at = new Date('2026-03-01T00:00:00Z');
const withCity = () => {
  const profile = newProfile('c-1', 'business', at);
  profile.fields.city = { value: 'Berlin', source: 'crm:zoho:z1', observedAt: '2026-01-01T00:00:00Z', recordId: 'A' };
  return profile;
};
const crmCity = (city: string, observedAt: string) => ({ source: 'crm:zoho:z1', observedAt, recordId: 'A', fields: { city }, identifiers: [] });

describe('field tombstones', () => {
  it('deletes a field with its provenance and keeps an older CRM observation from bringing it back', () => {
    // Prepare
    const profile = withCity();

    // Act
    const removed = deleteFields(profile, ['city'], { source: 'api:admin', observedAt: '2026-02-01T00:00:00Z' });
    const replayed = applyCustomerRecord(profile, crmCity('Berlin', '2026-01-15T00:00:00Z'), undefined, at);

    // Assess
    expect(removed).toEqual(['city']);
    expect(replayed.profile.fields.city).toBeUndefined();
    expect(replayed.ignoredFields).toEqual([{ field: 'city', reason: 'tombstoned' }]);
    expect(replayed.profile.tombstones?.city).toEqual({ source: 'api:admin', observedAt: '2026-02-01T00:00:00Z' });
  });

  it('lets a newer observation set the field again and clears the tombstone', () => {
    const profile = withCity();
    deleteFields(profile, ['city'], { source: 'api:admin', observedAt: '2026-02-01T00:00:00Z' });
    const newer = applyCustomerRecord(profile, crmCity('Hamburg', '2026-02-02T00:00:00Z'), undefined, at);
    expect(newer.profile.fields.city?.value).toBe('Hamburg');
    expect(newer.profile.tombstones).toBeUndefined();
  });

  it('does not delete a value observed after the deletion time', () => {
    const profile = withCity();
    expect(deleteFields(profile, ['city'], { source: 'api:admin', observedAt: '2025-12-01T00:00:00Z' })).toEqual([]);
    expect(profile.fields.city?.value).toBe('Berlin');
  });
});
