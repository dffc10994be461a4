import { describe, expect, it } from 'vitest';
import { deleteFields } from '../../../shared/domain/customers/patch-customer.js';
import { newProfile } from '../../../shared/domain/profile/customer-profile.js';
import { applyCustomerRecord, mergeProfiles, unmerge } from '../../../shared/domain/profile/merge.js';

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

  describe('through merge and unmerge', () => {
    const other = (phone = '+4930111111') => {
      const profile = newProfile('c-2', 'business', at);
      profile.fields.city = { value: 'Potsdam', source: 'crm:hubspot:h1', observedAt: '2026-01-10T00:00:00Z', recordId: 'B' };
      profile.fields.phone = { value: phone, source: 'crm:hubspot:h1', observedAt: '2026-01-10T00:00:00Z', recordId: 'B' };
      return profile;
    };

    it('keeps a field the survivor removed from coming back from the absorbed record', () => {
      const survivor = withCity();
      deleteFields(survivor, ['city'], { source: 'api:admin', observedAt: '2026-02-01T00:00:00Z' });
      const merged = mergeProfiles(survivor, other(), at).survivor;
      expect(merged.fields.city).toBeUndefined();
      expect(merged.tombstones?.city).toEqual({ source: 'api:admin', observedAt: '2026-02-01T00:00:00Z' });
      expect(merged.fields.phone?.value).toBe('+4930111111');
    });

    it('carries the absorbed record\'s removal over an older survivor value, and a newer value still wins', () => {
      const absorbed = other();
      deleteFields(absorbed, ['city'], { source: 'api:admin', observedAt: '2026-02-01T00:00:00Z' });
      const merged = mergeProfiles(withCity(), absorbed, at).survivor;
      expect(merged.fields.city).toBeUndefined();
      expect(merged.tombstones?.city?.observedAt).toBe('2026-02-01T00:00:00Z');

      const fresh = withCity();
      fresh.fields.city = { value: 'Hamburg', source: 'crm:zoho:z1', observedAt: '2026-02-05T00:00:00Z', recordId: 'A' };
      expect(mergeProfiles(fresh, absorbed, at).survivor.fields.city?.value).toBe('Hamburg');
    });

    it('does not bring a field removed on the merged record back on either side at unmerge', () => {
      const { survivor: merged, mergeRecord } = mergeProfiles(withCity(), other(), at);
      // After the merge, the merged record's phone (the absorbed origin's) and city (the survivor's) are removed.
      deleteFields(merged, ['phone', 'city'], { source: 'api:admin', observedAt: '2026-02-10T00:00:00Z' });
      const split = unmerge(mergeRecord, merged, new Date('2026-03-02T00:00:00Z'));
      expect(split.survivor.fields.city).toBeUndefined();
      expect(split.survivor.fields.phone).toBeUndefined();
      expect(split.absorbed.fields.phone).toBeUndefined();
      expect(split.absorbed.fields.city).toBeUndefined();
      expect(split.absorbed.tombstones?.phone).toEqual({ source: 'api:admin', observedAt: '2026-02-10T00:00:00Z' });
    });
  });
});
