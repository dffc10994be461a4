import { QuarantineListingSchema, QuarantinedPayloadSchema } from '../../shared/domain/audit/read-quarantine.js';
import { RequestPullSchema } from '../../shared/domain/bureau-pulls/bureau-pull.js';
import { DismissBureauReviewSchema } from '../../shared/domain/bureau-pulls/decide-review.js';
import { RecordConsentSchema } from '../../shared/domain/bureau-pulls/manage-consents.js';
import { defineRoutes, UNEXERCISED } from '../../shared/lambda/http-route.js';
import {
  ConsentPathSchema,
  ConsentResponseSchema,
  ConsentsResponseSchema,
  CustomerPathSchema,
  LimitQuerySchema,
  PullPathSchema,
  PullRequestedSchema,
  PullResponseSchema,
  PullsResponseSchema,
  QuarantinePathSchema,
  QuarantinePayloadPathSchema,
  ReviewDecidedSchema,
  ReviewPathSchema,
  ReviewsResponseSchema,
} from './schema.js';

const adminOrCrm = { auth: 'apiKey', roles: ['admin', 'crm'] } as const;
const admin = { auth: 'apiKey', roles: ['admin'] } as const;

/** Routes of the `http-bureau` function: consents, bureau pulls, subject reviews, quarantine. */
export const bureauRoutes = defineRoutes({
  recordConsent: {
    ...adminOrCrm, method: 'POST', path: '/v1/customers/{customerId}/consents', scope: 'customers:write', tag: 'Bureau',
    idempotent: true,
    summary: 'Record a consent / permissible purpose for bureau pulls (audited)',
    params: CustomerPathSchema, body: RecordConsentSchema,
    responses: { 201: { description: 'Recorded', body: ConsentResponseSchema } },
  },
  listConsents: {
    ...adminOrCrm, method: 'GET', path: '/v1/customers/{customerId}/consents', scope: 'customers:read', tag: 'Bureau',
    summary: "List a customer's consents",
    params: CustomerPathSchema,
    responses: { 200: { description: 'Every consent of the customer, revoked ones included', body: ConsentsResponseSchema } },
  },
  revokeConsent: {
    ...adminOrCrm, method: 'DELETE', path: '/v1/customers/{customerId}/consents/{consentId}', scope: 'customers:write', tag: 'Bureau',
    summary: 'Revoke a consent (audited)',
    params: ConsentPathSchema,
    responses: { 200: { description: 'Revoked (revoking again keeps the first revocation time)', body: ConsentResponseSchema } },
    errors: [404],
  },
  requestBureauPull: {
    ...adminOrCrm, method: 'POST', path: '/v1/customers/{customerId}/bureau-pulls', scope: 'bureau:pull', tag: 'Bureau',
    idempotent: true,
    summary: 'Pull a bureau report (202; concurrent requests collapse)',
    description: 'Needs a valid consent covering the bureau (and the purpose, when given), else 422 `consent_required`. Poll the pull for its status.',
    params: CustomerPathSchema, body: RequestPullSchema,
    responses: { 202: { description: 'Queued, or joined the pull in flight (`collapsed`)', body: PullRequestedSchema } },
    errors: [404, 503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  getBureauPull: {
    ...adminOrCrm, method: 'GET', path: '/v1/customers/{customerId}/bureau-pulls/{pullId}', scope: 'customers:read', tag: 'Bureau',
    summary: 'Status of a bureau pull',
    params: PullPathSchema,
    responses: { 200: { description: 'The pull', body: PullResponseSchema } },
    errors: [404],
  },
  listBureauPulls: {
    ...adminOrCrm, method: 'GET', path: '/v1/customers/{customerId}/bureau-pulls', scope: 'customers:read', tag: 'Bureau',
    summary: "A customer's bureau pulls, newest first (?limit=1..100)",
    params: CustomerPathSchema, query: LimitQuerySchema,
    responses: { 200: { description: 'The newest pulls', body: PullsResponseSchema } },
  },
  listBureauReviews: {
    ...admin, method: 'GET', path: '/v1/bureau-reviews', scope: 'customers:read', tag: 'Bureau',
    summary: 'Open subject-mismatch reviews (reports archived, not merged), newest first',
    query: LimitQuerySchema,
    responses: { 200: { description: 'The newest open reviews', body: ReviewsResponseSchema } },
  },
  acceptBureauReview: {
    ...admin, method: 'POST', path: '/v1/bureau-reviews/{reviewId}/accept', scope: 'customers:write', tag: 'Bureau',
    summary: 'Accept a subject-mismatch review: merge the archived report into the profile (audited; 409 when decided)',
    params: ReviewPathSchema,
    responses: { 200: { description: 'Accepted; the report is merged into the profile', body: ReviewDecidedSchema } },
    errors: [404, 409, 503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  dismissBureauReview: {
    ...admin, method: 'POST', path: '/v1/bureau-reviews/{reviewId}/dismiss', scope: 'customers:write', tag: 'Bureau',
    summary: 'Dismiss a subject-mismatch review with a reason; the report stays archived, unmerged (audited)',
    params: ReviewPathSchema, body: DismissBureauReviewSchema,
    responses: { 200: { description: 'Dismissed', body: ReviewDecidedSchema } },
    errors: [404, 409],
  },
  listQuarantine: {
    ...admin, method: 'GET', path: '/v1/quarantine/{source}', scope: 'audit:read', tag: 'Quarantine',
    summary: 'Quarantined messages/payloads of a source (code, reason, time; never the bytes)',
    params: QuarantinePathSchema, query: LimitQuerySchema,
    responses: { 200: { description: 'The newest entries of the source', body: QuarantineListingSchema } },
  },
  getQuarantinedPayload: {
    ...admin, method: 'GET', path: '/v1/quarantine/{source}/{messageId}/payload', scope: 'audit:read', tag: 'Quarantine',
    summary: 'The exact quarantined bytes, gzip + base64 (audited)',
    params: QuarantinePayloadPathSchema,
    responses: {
      200: {
        description: 'The entry with its bytes',
        body: QuarantinedPayloadSchema,
        headers: { 'Cache-Control': { description: '`no-store`: the bytes may hold personal or bureau data' } },
      },
    },
    errors: [404],
  },
});
