import { z } from 'zod';
import type { AuditInput } from '../audit/audit-chain.js';
import type { Clock } from '../clock.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { ProfileRepository } from '../customers/ports.js';
import type { BureauReviewStore, ReviewDecision, StoredBureauReview } from './ports.js';
import { creditReportMerge } from './process-pull.js';

/** Path id of a subject-mismatch review: the archived report's id. */
export const BureauReviewIdSchema = z.string().regex(/^rpt_[0-9A-Z]{26}$/, 'a review id (rpt_…)');

/** Body of `POST /v1/bureau-reviews/{reviewId}/dismiss`. */
export const DismissBureauReviewSchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export type DismissBureauReview = z.infer<typeof DismissBureauReviewSchema>;

export interface DecideBureauReviewDeps {
  profiles: ProfileRepository;
  reviews: BureauReviewStore;
  audit: { append(input: AuditInput): Promise<unknown> };
  clock: Clock;
}

const MAX_ATTEMPTS = 5;

/**
 * A reviewer's decision on a bureau subject-mismatch review (the report was archived, not merged).
 * `accept` merges the archived report's summary into `profile.credit[bureau]` with
 * `credit_report.received` — the worker's own change for a matching subject (`creditReportMerge`) —
 * plus the latest-report pointer, the archived report rewritten as accepted (subject `match`,
 * merged) and the closed review, in one version-conditioned transaction;
 * a newer report already merged for that bureau wins (409). `dismiss` closes the review and keeps
 * the report archived. Unknown review → NotFoundError (404); already decided → ConflictError (409).
 * Both are audited (ids, bureau and the reviewer's reason; never report content).
 */
export const decideBureauReview = ({ profiles, reviews, audit, clock }: DecideBureauReviewDeps) => {
  const openReview = async (reviewId: string): Promise<StoredBureauReview> => {
    const found = await reviews.findReview(reviewId);
    if (!found) throw new NotFoundError(`Bureau review ${reviewId}`);
    if (found.status === 'decided') throw new ConflictError(`Bureau review ${reviewId} was already ${found.decision.decision}`);
    return found.review;
  };
  const audited = (review: StoredBureauReview, decision: ReviewDecision) =>
    audit.append({
      actor: decision.by,
      action: `bureau_review.${decision.decision === 'accepted' ? 'accept' : 'dismiss'}`,
      target: `customer:${review.customerId}`,
      details: { reviewId: review.reportId, bureau: review.bureau, pullId: review.pullId },
      personal: { reason: decision.reason ?? null },
    });

  return {
    async accept(reviewId: string, by: string): Promise<{ review: StoredBureauReview; decision: ReviewDecision }> {
      for (let attempt = 1; ; attempt += 1) {
        const review = await openReview(reviewId);
        const archived = await reviews.getReport(review.customerId, review.bureau, review.reportId);
        if (!archived) throw new NotFoundError(`Archived report ${review.reportId}`);
        const profile = await profiles.get(review.customerId);
        if (!profile) throw new NotFoundError(`Customer ${review.customerId}`);
        const merged = profile.credit[review.bureau];
        if (merged && merged.pulledAt > archived.report.pulledAt) {
          throw new ConflictError(`A newer ${review.bureau} report (${merged.reportId}) is already merged; dismiss this review instead`);
        }
        const acceptedReport = await reviews.acceptedReportItem(review.customerId, review.bureau, review.reportId);
        if (!acceptedReport) throw new NotFoundError(`Archived report ${review.reportId}`);
        const at = clock.now();
        const decision: ReviewDecision = { decision: 'accepted', at: at.toISOString(), by };
        const closed = reviews.decisionItems(review, decision);
        try {
          await profiles.commit({
            ...creditReportMerge(profile, { bureau: review.bureau, reportId: review.reportId, report: archived.report, subjectMatch: 'match', at }),
            extraPuts: [reviews.latestItemFor(review.customerId, archived.report), acceptedReport, closed.put],
            extraDeletes: [closed.remove],
          });
        } catch (error) {
          // A concurrent profile change or decision: re-read; a decided review then answers 409.
          if (error instanceof ConflictError && attempt < MAX_ATTEMPTS) continue;
          throw error;
        }
        await audited(review, decision);
        return { review, decision };
      }
    },

    async dismiss(reviewId: string, input: DismissBureauReview, by: string): Promise<{ review: StoredBureauReview; decision: ReviewDecision }> {
      const review = await openReview(reviewId);
      const decision: ReviewDecision = { decision: 'dismissed', at: clock.now().toISOString(), by, reason: input.reason };
      await reviews.decideAlone(review, decision);
      await audited(review, decision);
      return { review, decision };
    },
  };
};
