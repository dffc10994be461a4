import { z } from 'zod';
import { AssessmentRequestSchema, EngagementViewSchema, PartnerAssessmentViewSchema, PartnerIdSchema } from '../../shared/domain/partners/partner-model.js';
import { PartnerCustomerViewSchema } from '../../shared/domain/partners/partner-api.js';
import { PartnerAccuracySchema } from '../../shared/domain/partners/partner-accuracy.js';
import { CustomerIdSchema } from '../../shared/domain/profile/customer-profile.js';
import { AgreementIdSchema, AgreementSchema } from '../../shared/domain/sharing/agreement.js';
import { DatasetPageSchema } from '../../shared/domain/sharing/read-dataset.js';

/** Path inputs of the partner and consultant routes; bodies and queries use the domain's schemas. */
export const PartnerPathSchema = z.strictObject({ partnerId: PartnerIdSchema });
export const EngagementPathSchema = z.strictObject({ partnerId: PartnerIdSchema, customerId: CustomerIdSchema });
export const CustomerPathSchema = z.strictObject({ customerId: CustomerIdSchema });
export const AgreementPathSchema = z.strictObject({ agreementId: AgreementIdSchema });
/** Any name: an unknown dataset is answered like one outside the caller's agreements (403), never 422. */
export const DatasetPathSchema = z.strictObject({ dataset: z.string() });

/** Responses. */
const Page = { nextCursor: z.string().nullable(), next: z.string().nullable().describe('Absolute URL of the next page; null on the last page') };
export const EngagementResponseSchema = z.object({ engagement: EngagementViewSchema });
export const EngagementsResponseSchema = z.object({ engagements: z.array(EngagementViewSchema) });
export const AssessmentRequestResponseSchema = z.object({ engagement: EngagementViewSchema, request: AssessmentRequestSchema });
export const AssessmentRequestsResponseSchema = z.object({ requests: z.array(AssessmentRequestSchema) });
export const SubmittedAssessmentSchema = z.object({ assessment: PartnerAssessmentViewSchema, replayed: z.boolean().describe('True when this externalRef was already submitted with the same content') });
export const AssessmentsPageSchema = z.object({ assessments: z.array(PartnerAssessmentViewSchema), ...Page });
export const PartnerCustomerResponseSchema = z.object({ customer: PartnerCustomerViewSchema });
export const AgreementResponseSchema = z.object({ agreement: AgreementSchema });
export const AgreementsResponseSchema = z.object({ agreements: z.array(AgreementSchema) });
export const DatasetPageResponseSchema = DatasetPageSchema.extend(Page);
export const PartnerAccuracyResponseSchema = z.object({ accuracy: PartnerAccuracySchema });
