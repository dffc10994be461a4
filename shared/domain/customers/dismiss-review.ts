import { z } from 'zod';
import type { AuditInput } from '../audit/audit-chain.js';
import type { Clock } from '../clock.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { ReviewItem, ReviewLookup } from './crm-ports.js';

/** Body of `POST /v1/reviews/{reviewId}/dismiss`. */
export const DismissReviewSchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export type DismissReview = z.infer<typeof DismissReviewSchema>;

/**
 * Dismisses an entity-resolution review: the two customers stay as they are (no profile write),
 * the review leaves the open queue and a resolved copy keeps who decided, when and why.
 * Unknown review → NotFoundError (404); already merged or dismissed → ConflictError (409).
 * Audited (`customer.review_dismiss`: review id, both customer ids and the reason).
 */
export const dismissReview =
  ({ reviews, audit, clock }: { reviews: ReviewLookup; audit: { append(input: AuditInput): Promise<unknown> }; clock: Clock }) =>
  async (reviewId: string, input: DismissReview, actor: string): Promise<ReviewItem> => {
    const item = await reviews.find(reviewId);
    if (!item) throw new NotFoundError(`Review ${reviewId}`);
    if (item.status !== 'open') throw new ConflictError(`Review ${reviewId} was already ${item.resolution?.decision ?? 'resolved'}`);
    const resolved = await reviews.resolveAlone(item, { decision: 'dismissed', at: clock.now().toISOString(), by: actor, reason: input.reason });
    await audit.append({ actor, action: 'customer.review_dismiss', target: `customer:${item.customerId}`, details: { reviewId, candidateId: item.candidateId }, personal: { reason: input.reason } });
    return resolved;
  };
