import { describe, expect, it } from 'vitest';
import { widenedFields } from '../../../shared/domain/sharing/manage-agreements.js';

describe('widenedFields', () => {
  const current = { customerId: 'hash', 'fields.legalName': 'mask', 'fields.country': 'include', 'fields.email': 'drop' } as const;

  it('names rules that reveal more, and new paths that reveal anything', () => {
    expect(widenedFields(current, { 'fields.email': 'include', 'fields.legalName': 'include', 'fields.city': 'hash' })).toEqual(['fields.city', 'fields.email', 'fields.legalName']);
  });

  it('counts a different rule of the same reach as widening (a hash turned bucket shows something new)', () => {
    expect(widenedFields(current, { customerId: 'bucket' })).toEqual(['customerId']);
  });

  it('does not count narrowing, unchanged rules or dropping a path not shared', () => {
    expect(widenedFields(current, { 'fields.country': 'mask', 'fields.legalName': 'drop', customerId: 'hash', 'fields.city': 'drop' })).toEqual([]);
    expect(widenedFields(current, undefined)).toEqual([]);
  });
});
