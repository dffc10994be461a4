import { identityKeys, isUniqueKey, selfConflictingSchemes } from '../identity/matching.js';
import type { CustomerProfile } from '../profile/customer-profile.js';

/** What `identityHealth` finds in a set of profiles (ids and schemes only, never identifier values). */
export interface IdentityHealth {
  active: number;
  pending: number;
  merged: number;
  /** Unique identifiers (`scheme`) held by more than one live (active or pending) profile, with the holders. */
  sharedUniqueIdentifiers: Array<{ scheme: string; customerIds: string[] }>;
  /** Active profiles without a single field: created by activity alone, never by their account. */
  fieldlessActive: string[];
  /** Active profiles carrying two values of a scheme a company has one of (two USCCs). */
  selfConflicting: string[];
  /** Pending stubs that carry a rating (they must never be rated). */
  ratedPending: string[];
}

/**
 * Checks the identity invariants over profiles (a whole table scan, or a test's store): no
 * unique identifier (USCC, VAT, DUNS, LEI, EIN, resident id, CRM record id, bureau subject) on
 * two live profiles, no field-less active profile, no active profile with two USCCs (or LEIs…),
 * no rated pending stub. Pure; the check script
 * and the tests feed it.
 * @example identityHealth(profiles).sharedUniqueIdentifiers.length === 0
 */
export const identityHealth = (profiles: Iterable<CustomerProfile>): IdentityHealth => {
  const holders = new Map<string, string[]>();
  const health: IdentityHealth = { active: 0, pending: 0, merged: 0, sharedUniqueIdentifiers: [], fieldlessActive: [], selfConflicting: [], ratedPending: [] };
  for (const profile of profiles) {
    health[profile.status] += 1;
    if (profile.status === 'merged') continue;
    if (profile.status === 'active' && Object.keys(profile.fields).length === 0) health.fieldlessActive.push(profile.customerId);
    if (profile.status === 'pending' && profile.rating) health.ratedPending.push(profile.customerId);
    if (profile.status === 'active' && selfConflictingSchemes(profile).length > 0) health.selfConflicting.push(profile.customerId);
    for (const key of identityKeys(profile).filter(isUniqueKey)) holders.set(key, [...(holders.get(key) ?? []), profile.customerId]);
  }
  for (const [key, customerIds] of holders) {
    if (customerIds.length > 1) health.sharedUniqueIdentifiers.push({ scheme: key.slice(0, key.indexOf('#')), customerIds });
  }
  return health;
};
