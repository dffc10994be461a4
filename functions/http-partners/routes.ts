import { z } from 'zod';
import { ApprovalSchema } from '../../shared/domain/approvals/approval.js';
import { EngageInputSchema, RequestAssessmentInputSchema, SubmitAssessmentSchema } from '../../shared/domain/partners/partner-model.js';
import { AgreementInputSchema, AgreementPatchSchema } from '../../shared/domain/sharing/agreement.js';
import { DatasetQuerySchema } from '../../shared/domain/sharing/read-dataset.js';
import { defineRoutes, UNEXERCISED } from '../../shared/lambda/http-route.js';
import {
  AgreementPathSchema,
  AgreementResponseSchema,
  AgreementsResponseSchema,
  AssessmentRequestResponseSchema,
  AssessmentRequestsResponseSchema,
  AssessmentsPageSchema,
  CustomerPathSchema,
  DatasetPageResponseSchema,
  DatasetPathSchema,
  EngagementPathSchema,
  EngagementResponseSchema,
  EngagementsResponseSchema,
  PartnerAccuracyResponseSchema,
  PartnerCustomerResponseSchema,
  PartnerPathSchema,
  SubmittedAssessmentSchema,
} from './schema.js';

const admin = { auth: 'apiKey', roles: ['admin'] } as const;
const partner = { auth: 'apiKey', roles: ['partner'], tag: 'Partners' } as const;
const agreements = { auth: 'apiKey', roles: ['admin'], scope: 'keys:manage', tag: 'Consultants' } as const;
const pendingApproval = { description: 'Asked for: another person grants it with POST /v1/approvals/{approvalId}/approve; nothing changes until then', body: z.object({ approval: ApprovalSchema }) };

/** Routes of the `http-partners` function: partner agencies (engagements, assessments) and consultants (agreements, datasets). */
export const partnerRoutes = defineRoutes({
  engagePartner: {
    ...admin, method: 'POST', path: '/v1/partners/{partnerId}/engagements', scope: 'customers:write', tag: 'Partners',
    idempotent: true,
    summary: 'Engage a partner agency on a customer (audited)',
    description: 'The object-level grant behind every partner call. An active engagement with the same terms is answered as it is (200). An `expiresAt` that is not in the future is a 422; an engagement past its `expiresAt` reads as `expired` and grants nothing.',
    params: PartnerPathSchema, body: EngageInputSchema,
    responses: { 200: { description: 'Already engaged on these terms', body: EngagementResponseSchema }, 201: { description: 'Engaged', body: EngagementResponseSchema } },
    errors: [404],
  },
  listEngagements: {
    ...admin, method: 'GET', path: '/v1/partners/{partnerId}/engagements', scope: 'customers:read', tag: 'Partners',
    summary: "List a partner's engagements",
    params: PartnerPathSchema,
    responses: { 200: { description: 'Active, expired and ended engagements', body: EngagementsResponseSchema } },
  },
  endEngagement: {
    ...admin, method: 'DELETE', path: '/v1/partners/{partnerId}/engagements/{customerId}', scope: 'customers:write', tag: 'Partners',
    summary: 'End an engagement (audited)',
    params: EngagementPathSchema,
    responses: { 200: { description: 'Ended (ending an ended engagement changes nothing)', body: EngagementResponseSchema } },
    errors: [404],
  },
  requestAssessment: {
    ...admin, method: 'POST', path: '/v1/partners/{partnerId}/assessment-requests', scope: 'customers:write', tag: 'Partners',
    idempotent: true,
    summary: 'Ask a partner for an assessment (engages it; audited)',
    params: PartnerPathSchema, body: RequestAssessmentInputSchema,
    responses: { 201: { description: 'The request and the engagement it runs under', body: AssessmentRequestResponseSchema } },
    errors: [404],
  },
  partnerAccuracy: {
    ...admin, method: 'GET', path: '/v1/partners/{partnerId}/accuracy', scope: 'customers:read', tag: 'Partners',
    summary: "A partner's accuracy against realised defaults: AUC, calibration, suggested weight (never applied)",
    description: 'Each customer the partner assessed with a PD and whose outcome is known (a recorded outcome, else a defaulted rating in the history) counts once, with the partner\'s latest PD submitted no later than the outcome. Fewer than 50 outcomes or 10 defaults: `status: "insufficient_outcomes"`. The suggested weight goes into `partners.weights` only through a new policy version and its approval.',
    params: PartnerPathSchema,
    responses: { 200: { description: 'The report, or insufficient outcomes', body: PartnerAccuracyResponseSchema } },
  },
  submitAssessment: {
    ...partner, method: 'POST', path: '/v1/partner/assessments', scope: 'assessments:submit',
    idempotent: true,
    summary: 'Submit an assessment for an engaged customer (idempotent by externalRef; triggers re-rating)',
    description: 'A customer that is unknown, not engaged, or whose engagement ended answers the same 403. The same `externalRef` with other content is a 409.',
    body: SubmitAssessmentSchema,
    responses: { 200: { description: 'A replay of an earlier submission', body: SubmittedAssessmentSchema }, 201: { description: 'Stored', body: SubmittedAssessmentSchema } },
    errors: [409, 503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  listOwnAssessments: {
    ...partner, method: 'GET', path: '/v1/partner/assessments', scope: 'assessments:read', list: true,
    summary: "The calling partner's own submissions (paginated)",
    responses: { 200: { description: 'One page of submissions', body: AssessmentsPageSchema } },
  },
  listAssessmentRequests: {
    ...partner, method: 'GET', path: '/v1/partner/assessment-requests', scope: 'assessments:read',
    summary: 'Assessment requests addressed to the calling partner',
    responses: { 200: { description: 'Open and answered requests', body: AssessmentRequestsResponseSchema } },
  },
  viewEngagedCustomer: {
    ...partner, method: 'GET', path: '/v1/partner/customers/{customerId}', scope: 'customers:read',
    summary: 'Reduced view of an engaged customer (no rating, no contact data)',
    params: CustomerPathSchema,
    responses: { 200: { description: 'The reduced view (audited)', body: PartnerCustomerResponseSchema } },
  },
  createAgreement: {
    ...agreements, method: 'POST', path: '/v1/admin/agreements',
    idempotent: true,
    summary: 'Ask for a data-sharing agreement with a consultant (four eyes, audited)',
    description: 'Answers 202 with an `agreement.create` approval; the agreement exists once another person approves it (its hashing salt never leaves the hub). An agreement id already taken: 409.',
    body: AgreementInputSchema,
    responses: { 202: pendingApproval },
    errors: [409],
  },
  listAgreements: {
    ...agreements, method: 'GET', path: '/v1/admin/agreements',
    summary: 'List data-sharing agreements',
    responses: { 200: { description: 'Every agreement', body: AgreementsResponseSchema } },
  },
  getAgreement: {
    ...agreements, method: 'GET', path: '/v1/admin/agreements/{agreementId}',
    summary: 'Read a data-sharing agreement',
    params: AgreementPathSchema,
    responses: { 200: { description: 'The agreement', body: AgreementResponseSchema } },
    errors: [404],
  },
  updateAgreement: {
    ...agreements, method: 'PATCH', path: '/v1/admin/agreements/{agreementId}',
    summary: 'Change field rules, validUntil or purpose (audited; widening needs four eyes)',
    description: 'Narrowing (a rule that reveals less, an earlier `validUntil`) and purpose changes apply at once (200). A patch that widens the agreement (a rule that reveals more, a later `validUntil`) answers 202 with an `agreement.widen` approval and changes nothing until another person approves it. A revoked agreement is immutable: 409 `agreement_revoked` with the agreement as it is (`current`).',
    params: AgreementPathSchema, body: AgreementPatchSchema, accepts: ['application/json', 'application/merge-patch+json'],
    responses: { 200: { description: 'Updated', body: AgreementResponseSchema }, 202: pendingApproval },
    errors: [404, 409],
  },
  revokeAgreement: {
    ...agreements, method: 'DELETE', path: '/v1/admin/agreements/{agreementId}',
    summary: 'Revoke a data-sharing agreement (audited)',
    params: AgreementPathSchema,
    responses: { 200: { description: 'Revoked', body: AgreementResponseSchema } },
    errors: [404],
  },
  readDataset: {
    auth: 'apiKey', roles: ['consultant'], scope: 'datasets:read', tag: 'Consultants', list: true,
    method: 'GET', path: '/v1/datasets/{dataset}',
    summary: 'A page of a dataset under an active agreement, redacted per field (audited)',
    description: 'An unknown dataset, one outside the caller\'s agreements and one under an expired or revoked agreement all answer the same 403. With several covering agreements, name one (`agreementId`).',
    params: DatasetPathSchema, query: DatasetQuerySchema,
    responses: { 200: { description: 'One page of redacted rows', body: DatasetPageResponseSchema } },
  },
});
