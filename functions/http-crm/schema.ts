import { z } from 'zod';
import { ApprovalSchema } from '../../shared/domain/approvals/approval.js';
import { ConnectionConfigSchema } from '../../shared/domain/crm/field-mapping.js';
import { ConnectionIdSchema } from '../../shared/domain/crm/manage-connections.js';
import { ImportJobViewSchema } from '../../shared/domain/customers/bulk-import-job.js';
import { ReviewItemSchema } from '../../shared/domain/customers/crm-ports.js';

/** Path inputs of the CRM routes; bodies and queries use the domain's command schemas. */
export const ConnectionPathSchema = z.strictObject({ connectionId: ConnectionIdSchema });
export const ReviewPathSchema = z.strictObject({ reviewId: z.string().regex(/^rev_[0-9A-Za-z-]{1,64}$/, 'a review id (rev_…)') });
export const ImportPathSchema = z.strictObject({ importId: z.string().regex(/^imp_[0-9A-Z]{26}$/, 'an import id (imp_…)') });

/** Responses. */
export const ConnectionResponseSchema = z.object({ connection: ConnectionConfigSchema });
/** A connection change that waits for four eyes. */
export const PendingConnectionSchema = z.object({ approval: ApprovalSchema.describe('Nothing is stored until another person approves this (POST /v1/approvals/{approvalId}/approve)') });
export const ConnectionsResponseSchema = z.object({ connections: z.array(ConnectionConfigSchema) });
export const ImportResponseSchema = z.object({ import: ImportJobViewSchema });
export const ReviewResponseSchema = z.object({ review: ReviewItemSchema });
export const ReviewsResponseSchema = z.object({ reviews: z.array(ReviewItemSchema) });
