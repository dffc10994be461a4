import { z } from 'zod';
import { BureauReviewIdSchema } from '../../shared/domain/bureau-pulls/decide-review.js';
import { CustomerIdSchema } from '../../shared/domain/profile/customer-profile.js';

export const CustomerPathSchema = z.object({ customerId: CustomerIdSchema });
export const ConsentPathSchema = CustomerPathSchema.extend({ consentId: z.string().regex(/^cns_[0-9A-Z]{26}$/) });
export const PullPathSchema = CustomerPathSchema.extend({ pullId: z.string().regex(/^pull_[0-9A-Z]{26}$/) });
export const LimitQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });
export const QuarantinePathSchema = z.object({ source: z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/) });
export const QuarantinePayloadPathSchema = QuarantinePathSchema.extend({ messageId: z.string().regex(/^[A-Za-z0-9:_.-]{1,128}$/) });
export const ReviewPathSchema = z.object({ reviewId: BureauReviewIdSchema });
