import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { CustomerIdSchema } from '../profile/customer-profile.js';
import { IdentifierSchemeSchema } from '../profile/identifiers.js';

export const PartnerIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'letters, digits and _ . - (at most 100)');

/** Identifier schemes a partner sees on an engaged customer unless the engagement names others (no personal ids). */
export const DEFAULT_PARTNER_SCHEMES = ['vat', 'lei', 'duns', 'ein', 'cn_uscc'] as const;

/** Body of `POST /v1/partners/{partnerId}/engagements`. */
export const EngageInputSchema = z
  .object({
    customerId: CustomerIdSchema,
    scope: z.literal('assess'),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    identifierSchemes: z.array(IdentifierSchemeSchema.exclude(['cn_resident_id', 'email', 'phone'])).max(10).optional(),
  })
  .strict();
export type EngageInput = z.infer<typeof EngageInputSchema>;

/** A partner's engagement on one customer: the object-level grant behind every partner call. */
export const EngagementSchema = z.object({
  engagementId: z.string(),
  partnerId: PartnerIdSchema,
  customerId: CustomerIdSchema,
  scope: z.literal('assess'),
  status: z.enum(['active', 'ended']),
  identifierSchemes: z.array(IdentifierSchemeSchema),
  createdAt: z.iso.datetime({ offset: true }),
  createdBy: z.string(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  endedAt: z.iso.datetime({ offset: true }).optional(),
});
export type Engagement = z.infer<typeof EngagementSchema>;

export const isEngagementActive = (e: Engagement | undefined, at: Date): e is Engagement =>
  e !== undefined && e.status === 'active' && (e.expiresAt === undefined || at.getTime() < Date.parse(e.expiresAt));

/** An engagement as the API shows it: `expired` once an active engagement is past its `expiresAt` (it then grants nothing). */
export const EngagementViewSchema = EngagementSchema.extend({
  status: z.enum(['active', 'expired', 'ended']).describe('`expired`: past `expiresAt`, grants nothing; engage again to renew'),
});
export type EngagementView = z.infer<typeof EngagementViewSchema>;

export const engagementView = (e: Engagement, at: Date): EngagementView => {
  const expired = e.status === 'active' && e.expiresAt !== undefined && at.getTime() >= Date.parse(e.expiresAt);
  return expired ? { ...e, status: 'expired' } : e;
};

/**
 * An engagement must expire in the future: one that would be born expired grants nothing and is
 * refused (422 at `expiresAt`) rather than stored as "active".
 */
export const assertExpiresInFuture = (expiresAt: string | undefined, at: Date): void => {
  if (expiresAt !== undefined && Date.parse(expiresAt) <= at.getTime()) {
    throw new ValidationError('The engagement would be expired already', [{ path: 'expiresAt', message: `must be later than now (${at.toISOString()})`, code: 'past_time' }]);
  }
};

/** Body of `POST /v1/partners/{partnerId}/assessment-requests`. */
export const RequestAssessmentInputSchema = z
  .object({
    customerId: CustomerIdSchema,
    dueBy: z.iso.datetime({ offset: true }).optional(),
    note: z.string().trim().min(1).max(1000).optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type RequestAssessmentInput = z.infer<typeof RequestAssessmentInputSchema>;

export const AssessmentRequestSchema = z.object({
  requestId: z.string().regex(/^areq_[0-9A-Z]{26}$/),
  partnerId: PartnerIdSchema,
  customerId: CustomerIdSchema,
  status: z.enum(['open', 'answered']),
  dueBy: z.iso.datetime({ offset: true }).optional(),
  note: z.string().optional(),
  requestedAt: z.iso.datetime({ offset: true }),
  requestedBy: z.string(),
  answeredBy: z.string().optional(),
  answeredAt: z.iso.datetime({ offset: true }).optional(),
});
export type AssessmentRequest = z.infer<typeof AssessmentRequestSchema>;

/** Body of `POST /v1/partner/assessments`: at least one of grade, pd, score. */
export const SubmitAssessmentSchema = z
  .object({
    customerId: CustomerIdSchema,
    grade: z.string().trim().min(1).max(20).optional(),
    pd: z.number().min(0).max(1).optional(),
    score: z.number().finite().optional(),
    scale: z.string().trim().min(1).max(50),
    rationale: z.string().trim().min(1).max(4000).optional(),
    validUntil: z.iso.datetime({ offset: true }).optional(),
    externalRef: z.string().trim().min(1).max(100),
    requestId: AssessmentRequestSchema.shape.requestId.optional(),
  })
  .strict()
  .refine((a) => a.grade !== undefined || a.pd !== undefined || a.score !== undefined, { message: 'give at least one of grade, pd, score', path: ['grade'] });
export type SubmitAssessment = z.infer<typeof SubmitAssessmentSchema>;

/** A submitted assessment as stored (and as its partner reads it back). */
export const PartnerAssessmentSchema = z.object({
  assessmentId: z.string().regex(/^asm_[0-9A-Z]{26}$/),
  partnerId: PartnerIdSchema,
  customerId: CustomerIdSchema,
  externalRef: z.string(),
  grade: z.string().optional(),
  pd: z.number().min(0).max(1).optional(),
  score: z.number().optional(),
  scale: z.string(),
  rationale: z.string().optional(),
  validUntil: z.iso.datetime({ offset: true }).optional(),
  requestId: z.string().optional(),
  submittedAt: z.iso.datetime({ offset: true }),
  submittedBy: z.string(),
  /** Hash of the submitted content: a retry with the same externalRef must match it. */
  fingerprint: z.string(),
});
export type PartnerAssessment = z.infer<typeof PartnerAssessmentSchema>;

/** A submission as its partner reads it back: without the content fingerprint. */
export const PartnerAssessmentViewSchema = PartnerAssessmentSchema.omit({ fingerprint: true });
export type PartnerAssessmentView = z.infer<typeof PartnerAssessmentViewSchema>;

/** Hides the content fingerprint (the idempotency check's, not the partner's business). */
export const assessmentView = ({ fingerprint: _f, ...view }: PartnerAssessment): PartnerAssessmentView => view;
