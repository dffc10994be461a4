import { z } from 'zod';
import type { BureauConnector, RawBureauReport } from '../credit/bureau-connector.js';
import type { CreditReport } from '../credit/credit-report.js';
import { BureauIdSchema, type BureauId } from '../credit/credit-summary.js';
import { ConsentSchema } from '../credit/pull/consent.js';
import type { SubjectMatch } from '../credit/pull/subject-match.js';
import type { ExtraPut as ProfileExtraPut } from '../customers/ports.js';
import type { BureauPull, PullMessage } from './bureau-pull.js';

/** A consent as stored: the domain consent plus its id. */
export const StoredConsentSchema = ConsentSchema.extend({ consentId: z.string().min(1) });
export type StoredConsent = z.infer<typeof StoredConsentSchema>;

export interface ConsentRepository {
  add(consent: StoredConsent): Promise<void>;
  list(customerId: string): Promise<StoredConsent[]>;
  /** Sets `revokedAt`; NotFoundError when there is no such consent. */
  revoke(customerId: string, consentId: string, at: string): Promise<StoredConsent>;
}

/** An item the profile transaction writes along (adapter-defined key layout and condition). */
export type ExtraPut = ProfileExtraPut;

export interface PullRepository {
  get(customerId: string, pullId: string): Promise<BureauPull | undefined>;
  /**
   * Writes the pull and claims the customer+bureau pull key in one conditional transaction.
   * When the key holds an unfinished pull younger than `collapseWindowMs`, nothing is written
   * and the in-flight pull's id is returned.
   */
  start(pull: BureauPull, collapseWindowMs: number, now: Date): Promise<{ started: true } | { started: false; existingPullId: string }>;
  save(pull: BureauPull): Promise<void>;
  /** The pull as an item, to be written inside another transaction. */
  itemFor(pull: BureauPull): ExtraPut;
  /** Marks the pull key finished if this pull still holds it. */
  release(pull: BureauPull): Promise<void>;
  /** Pulls still `queued` whose last change (`updatedAt`) is before `before`, oldest first. */
  listQueuedBefore(before: string, limit: number): Promise<BureauPull[]>;
  /**
   * Writes `next` only if the stored pull is still `queued` with `updatedAt === expectedUpdatedAt`
   * (a worker that moved it on in between wins); true when written.
   */
  replaceIfUnchanged(next: BureauPull, expectedUpdatedAt: string): Promise<boolean>;
  /** A customer's pulls, newest first. */
  listForCustomer(customerId: string, limit: number): Promise<BureauPull[]>;
}

/** Finds a pull by its id alone (the read routes know no customer). */
export interface PullLookup {
  findById(pullId: string): Promise<BureauPull | undefined>;
}

/**
 * Small per-bureau state (token bucket, circuit, monthly budget) changed with optimistic
 * concurrency: `change` is re-run on a lost race.
 */
export interface BureauStateStore {
  update<S, R>(bureau: BureauId, slot: string, schema: z.ZodType<S>, change: (current: S | undefined) => { next: S | undefined; result: R }): Promise<R>;
}

export interface ReportArchive {
  /**
   * Items of an archived report: gzip'd raw + normalised report (split when large) and the
   * latest-report pointer. `pullId` names the pull it came from, `importId` the Metro 2 import.
   */
  itemsFor(input: { customerId: string; report: CreditReport; raw: RawBureauReport; pullId?: string; importId?: string; subjectMatch: SubjectMatch; archivedOnly: boolean }): ExtraPut[];
  /** A review item for a subject mismatch (listed for humans). */
  reviewItemFor(input: { customerId: string; bureau: BureauId; reportId: string; pullId: string; subjectMatch: SubjectMatch; at: string }): ExtraPut;
  /** Customers whose latest report of a bureau was pulled before `before`. */
  listPulledBefore(before: string, limit: number): Promise<Array<{ customerId: string; bureau: BureauId; pulledAt: string }>>;
}

/** A subject-mismatch review as listed for the risk team (no report content); its id is the archived report's id. */
export const StoredBureauReviewSchema = z.object({
  customerId: z.string(),
  bureau: BureauIdSchema,
  reportId: z.string(),
  pullId: z.string(),
  reasons: z.array(z.string()),
  at: z.string(),
});
export type StoredBureauReview = z.infer<typeof StoredBureauReviewSchema>;

/** A reviewer's decision on a subject-mismatch review. */
export const ReviewDecisionSchema = z.object({ decision: z.enum(['accepted', 'dismissed']), at: z.string(), by: z.string(), reason: z.string().optional() });
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

/** Subject-mismatch reviews and their decisions (adapter-defined key layout). */
export interface BureauReviewStore {
  /** The review whose id is `reviewId` (= report id), open or decided. */
  findReview(reviewId: string): Promise<{ review: StoredBureauReview; status: 'open' } | { review: StoredBureauReview; status: 'decided'; decision: ReviewDecision } | undefined>;
  /** Items closing an open review inside another transaction (the removal fails the transaction if it was already decided). */
  decisionItems(review: StoredBureauReview, decision: ReviewDecision): { put: ExtraPut; remove: { key: Record<string, unknown> } };
  /** Closes an open review on its own; ConflictError when it was decided meanwhile. */
  decideAlone(review: StoredBureauReview, decision: ReviewDecision): Promise<void>;
  /** The archived (normalised) report of a review. */
  getReport(customerId: string, bureau: BureauId, reportId: string): Promise<{ report: CreditReport } | undefined>;
  /** The latest-report pointer of a customer and bureau (staleness schedule), for a transaction. */
  latestItemFor(customerId: string, report: Pick<CreditReport, 'bureau' | 'reportId' | 'pulledAt'>): ExtraPut;
  /**
   * The archived report's record rewritten as accepted (subject `match`, merged), for the accepting
   * transaction; conditioned on it still being archived-only. Undefined when there is no such report.
   */
  acceptedReportItem(customerId: string, bureau: BureauId, reportId: string): Promise<ExtraPut | undefined>;
}

/** How an archived report came to be: what the report read route shows beside the report. */
export const ArchivedReportHeadSchema = z.object({
  customerId: z.string(),
  bureau: BureauIdSchema,
  product: z.string().optional(),
  pullId: z.string().optional(),
  importId: z.string().optional(),
  pulledAt: z.string(),
  contentType: z.string(),
  subjectMatch: z.enum(['match', 'review', 'mismatch']),
  archivedOnly: z.boolean(),
});
export type ArchivedReportHead = z.infer<typeof ArchivedReportHeadSchema>;

/** Archived reports found by id alone, with the gzip'd raw payload they were normalised from. */
export interface ArchivedReportReader {
  findReport(reportId: string): Promise<{ head: ArchivedReportHead; report: CreditReport; rawGz: Uint8Array } | undefined>;
}

export interface PullQueue {
  enqueue(message: PullMessage, delaySeconds?: number): Promise<void>;
}

export interface ConnectorRegistry {
  connector(bureau: BureauId): Promise<BureauConnector>;
}

/** Keeps what can never be processed with its reason and the exact bytes received. */
export interface PayloadQuarantine {
  put(entry: { source: string; messageId: string; code: string; reason: string; body: string; receiveCount: number }): Promise<void>;
}
