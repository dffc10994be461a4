import { z } from 'zod';
import { BureauPullSchema } from '../../shared/domain/bureau-pulls/bureau-pull.js';
import { BureauReviewIdSchema } from '../../shared/domain/bureau-pulls/decide-review.js';
import { Metro2ImportIdSchema, Metro2ImportSchema } from '../../shared/domain/bureau-pulls/import-metro2.js';
import { ReportIdSchema } from '../../shared/domain/bureau-pulls/read-reports.js';
import { ReviewDecisionSchema, StoredBureauReviewSchema, StoredConsentSchema } from '../../shared/domain/bureau-pulls/ports.js';
import { CustomerIdSchema } from '../../shared/domain/profile/customer-profile.js';

/** Path and query inputs of the bureau API; bodies use the domain's command schemas. */
export const CustomerPathSchema = z.strictObject({ customerId: CustomerIdSchema });
export const ConsentPathSchema = CustomerPathSchema.extend({ consentId: z.string().regex(/^cns_[0-9A-Z]{26}$/, 'a consent id (cns_…)') });
export const PullPathSchema = CustomerPathSchema.extend({ pullId: z.string().regex(/^pull_[0-9A-Z]{26}$/, 'a pull id (pull_…)') });
export const LimitQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(50) });
export const QuarantinePathSchema = z.strictObject({ source: z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'a source such as bureau:experian') });
export const QuarantinePayloadPathSchema = QuarantinePathSchema.extend({ messageId: z.string().regex(/^[A-Za-z0-9:_.-]{1,128}$/, 'a message id') });
export const ReviewPathSchema = z.strictObject({ reviewId: BureauReviewIdSchema });
export const ReportPathSchema = z.strictObject({ reportId: ReportIdSchema });
export const Metro2ImportPathSchema = z.strictObject({ importId: Metro2ImportIdSchema });
export const Metro2ImportResponseSchema = z.object({ import: Metro2ImportSchema });
export const PullIdPathSchema = z.strictObject({ pullId: BureauPullSchema.shape.pullId.describe('a pull id (pull_…)') });

/** Responses. */
export const ConsentResponseSchema = z.object({ consent: StoredConsentSchema });
export const ConsentsResponseSchema = z.object({ consents: z.array(StoredConsentSchema) });
export const PullRequestedSchema = z.object({
  pull: BureauPullSchema,
  collapsed: z.boolean().describe('True when the request joined a pull already in flight for this customer and bureau'),
});
export const PullResponseSchema = z.object({ pull: BureauPullSchema });
export const PullsResponseSchema = z.object({ pulls: z.array(BureauPullSchema) });
export const ReviewsResponseSchema = z.object({ reviews: z.array(StoredBureauReviewSchema) });
export const ReviewDecidedSchema = z.object({ review: StoredBureauReviewSchema, decision: ReviewDecisionSchema });
