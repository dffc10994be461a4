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
}
