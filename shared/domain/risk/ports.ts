import type { AuditInput } from '../audit/audit-chain.js';
import type { PolicyRecord } from '../rating/lifecycle.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { RatingResult } from '../rating/rating-result.js';

/** A policy record as stored, with the revision its next write is conditioned on. */
export interface StoredPolicy {
  rev: number;
  record: PolicyRecord;
}

/**
 * Risk policy versions and the one active pointer. `active()` seeds the default policy as
 * version 1 when none was ever activated. Writes are conditioned on `rev` and throw
 * ConflictError when another writer got there first; `activate` moves the pointer and
 * rewrites the target (and the retired record) atomically, so at most one policy is active.
 */
export interface PolicyRepository {
  get(version: number): Promise<StoredPolicy | undefined>;
  list(): Promise<StoredPolicy[]>;
  active(): Promise<StoredPolicy>;
  ensureDefault(): Promise<void>;
  create(record: PolicyRecord): Promise<StoredPolicy>;
  save(stored: StoredPolicy): Promise<StoredPolicy>;
  activate(change: { target: StoredPolicy; retired?: StoredPolicy }): Promise<void>;
}

/** Every customer profile, page by page (a paginated scan); for backtests and re-evaluation. */
export interface Portfolio {
  profiles(): AsyncIterable<CustomerProfile>;
}

/** Rating history: an extra item written in the same transaction as the profile (key layout is the adapter's). */
export interface RatingHistory {
  entry(customerId: string, sequence: number, rating: RatingResult): { item: Record<string, unknown>; condition?: 'not_exists' };
  list(customerId: string, limit?: number): Promise<RatingResult[]>;
}

/** Sends a per-customer recompute request to the FIFO recompute queue. */
export interface RecomputeQueue {
  enqueue(requests: Array<{ customerId: string; causedBy: string }>): Promise<void>;
}

export interface AuditPort {
  append(input: AuditInput): Promise<unknown>;
}
