import type { EventEnvelope } from '../events/envelope.js';
import type { CustomerProfile } from '../profile/customer-profile.js';

/**
 * Profiles are written with optimistic locking: `commit` succeeds only if the stored
 * version still equals `expectedVersion` (0 = must not exist), and writes the profile, its
 * events (the outbox) and any extra items in one transaction. It throws ConflictError
 * when another writer got there first.
 */
export interface ProfileRepository {
  get(customerId: string): Promise<CustomerProfile | undefined>;
  commit(change: ProfileChange): Promise<void>;
}

export interface ProfileChange {
  profile: CustomerProfile;
  expectedVersion: number;
  events: EventEnvelope[];
  /** Further puts in the same transaction (identity index, source records); adapter-defined. */
  extraPuts?: Array<{ item: Record<string, unknown>; condition?: 'not_exists' }>;
  /** Items removed in the same transaction; each must still exist (else the change conflicts). Adapter-defined keys. */
  extraDeletes?: Array<{ key: Record<string, unknown> }>;
}

/** One further item written in a profile transaction (built by a store; layout private to it). */
export type ExtraPut = NonNullable<ProfileChange['extraPuts']>[number];
/** One item removed in a profile transaction (built by a store). */
export type ExtraDelete = NonNullable<ProfileChange['extraDeletes']>[number];

/**
 * Identity index: `scheme#value` keys (see identity/matching.ts `identityKeys`/`blockingKeys`)
 * pointing at customers. Several customers may share a key (review cases, unmerged profiles):
 * callers confirm a candidate by reading its profile.
 */
export interface IdentityIndex {
  /** Customer ids under any of `keys`, distinct, in key order (at most `limit`). */
  find(keys: readonly string[], limit?: number): Promise<string[]>;
  /** Items that point `keys` at `customerId`, for the profile transaction. */
  entries(customerId: string, keys: readonly string[]): ExtraPut[];
}
