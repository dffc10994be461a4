import { z } from 'zod';
import type { CrmCustomerRecord, CrmRecord } from '../crm/crm-record.js';
import type { MergeRecord } from '../profile/merge.js';
import type { ExtraDelete, ExtraPut } from './ports.js';

/** Identifies one source record (the store's key). */
export interface SourceRecordKey {
  crm: string;
  connectionId: string;
  objectType: CrmRecord['objectType'];
  externalId: string;
}

/**
 * Last applied version of every CRM record, so aggregate updates subtract the exact previous
 * contribution and a replay is recognised. Written in the profile's transaction (`entry`).
 */
export interface SourceRecordStore {
  get(key: SourceRecordKey): Promise<CrmRecord | undefined>;
  /** The stored versions of several records at once (consistent reads; absent ones left out). */
  getMany?(keys: readonly SourceRecordKey[]): Promise<CrmRecord[]>;
  customerOf(key: SourceRecordKey): Promise<string | undefined>;
  entry(record: CrmRecord, customerId: string): ExtraPut;
}

/** A candidate match that entity resolution did not dare to merge automatically. */
export const ReviewItemSchema = z.object({
  reviewId: z.string(),
  status: z.enum(['open', 'resolved']),
  createdAt: z.iso.datetime({ offset: true }),
  /** The customer created for the incoming record. */
  customerId: z.string(),
  /** The existing customer it may be. */
  candidateId: z.string(),
  score: z.number(),
  /**
   * Why it is queued: `candidate_match` (the score fell between the review and auto-merge
   * thresholds, or strong identifiers both agree and conflict), `identifier_held` (the record
   * carries a unique identifier another active customer holds; it was held back, not written).
   */
  reason: z.enum(['candidate_match', 'identifier_held']).optional(),
  /** Schemes and similarities only (never values). */
  evidence: z.array(z.record(z.string(), z.unknown())),
  source: z.string(),
  /** Set when a reviewer decided (the item then lives under `resolved`). */
  resolution: z
    .discriminatedUnion('decision', [
      z.object({ decision: z.literal('merged'), at: z.iso.datetime({ offset: true }), by: z.string(), survivorId: z.string() }),
      z.object({ decision: z.literal('dismissed'), at: z.iso.datetime({ offset: true }), by: z.string(), reason: z.string() }),
    ])
    .optional(),
});
export type ReviewItem = z.infer<typeof ReviewItemSchema>;

export interface ReviewQueue {
  entry(item: ReviewItem): ExtraPut;
}

/** Reviewer decisions: the open item leaves the queue and a resolved copy is kept, in the decision's transaction. */
export interface ReviewDecisions {
  findOpen(reviewId: string): Promise<ReviewItem | undefined>;
  resolve(item: ReviewItem, resolution: NonNullable<ReviewItem['resolution']>): { put: ExtraPut; remove: ExtraDelete };
}

/** Finds a review in any status, and decides one without a profile change (dismissal). */
export interface ReviewLookup {
  /** The review with this id, open or resolved. */
  find(reviewId: string): Promise<ReviewItem | undefined>;
  /** Writes `resolve(item, resolution)` alone; ConflictError when the open item is gone (decided concurrently). */
  resolveAlone(item: ReviewItem, resolution: NonNullable<ReviewItem['resolution']>): Promise<ReviewItem>;
}

export interface MergeRecordStore {
  entry(record: MergeRecord): ExtraPut;
  get(survivorId: string, absorbedId: string): Promise<MergeRecord | undefined>;
  /** Replaces the record by one marked undone (kept for audit). */
  undoneEntry(record: MergeRecord, at: string): ExtraPut;
  /**
   * The last applied customer record of each CRM origin (`crm_record` values `<crm>:<connectionId>:<id>`)
   * that has one, so an unmerge can replay what each side's sources sent after the merge.
   */
  originRecords(crmRecordIds: readonly string[]): Promise<CrmCustomerRecord[]>;
}
