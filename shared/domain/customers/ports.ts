import type { EventEnvelope } from '../events/envelope.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { CallOptions } from './write-budget.js';

/**
 * Profiles are written with optimistic locking: `commit` succeeds only if the stored
 * version still equals `expectedVersion` (0 = must not exist), and writes the profile, its
 * events (the outbox) and any extra items in one transaction. It throws ConflictError
 * when another writer got there first.
 */
export interface ProfileRepository {
  get(customerId: string, options?: CallOptions): Promise<CustomerProfile | undefined>;
  /** With `options.signal`, an aborted call's outcome is unknown: read the profile back to settle it. */
  commit(change: ProfileChange, options?: CallOptions): Promise<void>;
}

export interface ProfileChange {
  profile: CustomerProfile;
  expectedVersion: number;
  events: EventEnvelope[];
  /**
   * Further puts in the same transaction (identity index, source records); adapter-defined. A
   * condition is `not_exists` or an adapter-built expression (identity claims).
   */
  extraPuts?: Array<{ item: Record<string, unknown>; condition?: 'not_exists' | ItemCondition }>;
  /**
   * Items removed in the same transaction; each must still exist (else the change conflicts), unless an
   * adapter-built condition says otherwise (releasing an identity claim). Adapter-defined keys.
   */
  extraDeletes?: Array<{ key: Record<string, unknown>; condition?: ItemCondition }>;
}

/** A condition expression on one item, built by the adapter that owns the item's layout. */
export interface ItemCondition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** One further item written in a profile transaction (built by a store; layout private to it). */
export type ExtraPut = NonNullable<ProfileChange['extraPuts']>[number];
/** One item removed in a profile transaction (built by a store). */
export type ExtraDelete = NonNullable<ProfileChange['extraDeletes']>[number];

/**
 * Identity index: `scheme#value` keys (see identity/matching.ts `identityKeys`/`blockingKeys`)
 * pointing at customers.
 * - Unique keys (`isUniqueKey`: USCC, resident id, EIN, DUNS, LEI, VAT, CRM record id, bureau
 *   subject) have exactly one holder: `entries` writes them as claims that make the profile
 *   transaction fail (ConflictError) when another customer holds the key, so two profiles can
 *   never hold one unique identifier at the same time.
 * - Other keys (e-mail, phone, website, name blocks) may point at several customers: callers
 *   confirm a candidate by reading its profile.
 */
export interface IdentityIndex {
  /** Customer ids under any of `keys`, distinct, in key order (at most `limit`). */
  find(keys: readonly string[], limit?: number): Promise<string[]>;
  /** The customer holding a unique key, if any (read consistently). */
  holderOf(key: string): Promise<string | undefined>;
  /**
   * Items that point `keys` at `customerId`, for the profile transaction. A unique key is
   * claimed: allowed when nobody holds it, `customerId` holds it, or one of `takeFrom` holds it
   * (a merge or unmerge moving it); otherwise the transaction fails.
   */
  entries(customerId: string, keys: readonly string[], options?: { takeFrom?: readonly string[] }): ExtraPut[];
  /** Removes `customerId`'s claims on unique `keys` (a source corrected its USCC); a claim someone else holds stays. */
  releases(customerId: string, keys: readonly string[]): ExtraDelete[];
}
