import { z } from 'zod';
import { ApprovalSchema } from '../../shared/domain/approvals/approval.js';
import { DisputeOutcomeSchema, DisputeRecordSchema, DisputeStatusSchema, DisputeSubjectSchema, DisputeSubjectTypeSchema } from '../../shared/domain/disputes/dispute.js';

/** Inputs and answers of the disputes API (docs/operations.md#disputes). */
export const DisputePathSchema = z.strictObject({ disputeId: z.string().regex(/^dsp_[0-9A-Za-z_-]{1,100}$/, 'a dispute id (dsp_…)') });

export const OpenDisputeSchema = z.strictObject({
  subject: DisputeSubjectSchema.describe('What is disputed: an invoice (`<crm>:<connectionId>:<externalId>`), a bureau item, a rating or a partner assessment (an existing assessment id of the customer)'),
  reason: z.string().trim().min(1).max(2000).describe('Why (kept on the dispute; never put in events or the audit)'),
});

export const DisputeListQuerySchema = z.strictObject({
  status: DisputeStatusSchema.optional(),
  subjectType: DisputeSubjectTypeSchema.optional(),
  customerId: z.string().trim().min(1).max(300).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('`true`: only disputes past their due time that are not resolved'),
});

const note = z.string().trim().min(1).max(2000).optional();
export const DisputeTransitionRequestSchema = z.discriminatedUnion('to', [
  z.strictObject({ to: z.literal('under_review'), note }),
  z.strictObject({ to: z.literal('resolved'), outcome: DisputeOutcomeSchema.describe('upheld: the item does not stand; rejected: the dispute fails, the debt stands; withdrawn; corrected'), note }),
]);
export type DisputeTransitionRequest = z.infer<typeof DisputeTransitionRequestSchema>;

export const DisputeCommentSchema = z.strictObject({ text: z.string().trim().min(1).max(2000) });

export const DisputeResponseSchema = z.object({ dispute: DisputeRecordSchema });
export const DisputeResolutionAskedSchema = z.object({ dispute: DisputeRecordSchema, approval: ApprovalSchema.describe('The pending `dispute.resolve` approval: a second person calls the same route with the same outcome') });
export const DisputePageSchema = z.object({
  disputes: z.array(DisputeRecordSchema),
  nextCursor: z.string().nullable(),
  next: z.string().nullable().describe('Absolute URL of the next page; null on the last page'),
});
