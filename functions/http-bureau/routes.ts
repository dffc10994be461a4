import { QuarantineListingSchema, QuarantinedPayloadSchema } from '../../shared/domain/audit/read-quarantine.js';
import { RequestPullSchema } from '../../shared/domain/bureau-pulls/bureau-pull.js';
import { DismissBureauReviewSchema } from '../../shared/domain/bureau-pulls/decide-review.js';
import { RecordConsentSchema } from '../../shared/domain/bureau-pulls/manage-consents.js';
import { METRO2_MAX_BYTES, Metro2ImportQuerySchema } from '../../shared/domain/bureau-pulls/import-metro2.js';
import { BureauReportReadSchema, RawPullPayloadSchema } from '../../shared/domain/bureau-pulls/read-reports.js';
import { defineRoutes, UNEXERCISED } from '../../shared/lambda/http-route.js';
import {
  ConsentPathSchema,
  ConsentResponseSchema,
  ConsentsResponseSchema,
  CustomerPathSchema,
  LimitQuerySchema,
  Metro2ImportPathSchema,
  Metro2ImportResponseSchema,
  PullIdPathSchema,
  PullPathSchema,
  PullRequestedSchema,
  PullResponseSchema,
  PullsResponseSchema,
  QuarantinePathSchema,
  QuarantinePayloadPathSchema,
  ReportPathSchema,
  ReviewDecidedSchema,
  ReviewPathSchema,
  ReviewsResponseSchema,
} from './schema.js';

const adminOrCrm = { auth: 'apiKey', roles: ['admin', 'crm'] } as const;
const admin = { auth: 'apiKey', roles: ['admin'] } as const;
const noStore = { 'Cache-Control': { description: '`no-store`: the body holds bureau data' } };

/** Routes of the `http-bureau` function: consents, bureau pulls, subject reviews, quarantine. */
export const bureauRoutes = defineRoutes({
  recordConsent: {
    ...adminOrCrm, method: 'POST', path: '/v1/customers/{customerId}/consents', scope: 'customers:write', tag: 'Bureau',
    idempotent: true,
    summary: 'Record a consent / permissible purpose for bureau pulls (audited)',
    params: CustomerPathSchema, body: RecordConsentSchema,
    responses: { 201: { description: 'Recorded', body: ConsentResponseSchema } },
    errors: [404],
  },
  listConsents: {
    ...adminOrCrm, method: 'GET', path: '/v1/customers/{customerId}/consents', scope: 'customers:read', tag: 'Bureau',
    summary: "List a customer's consents",
    params: CustomerPathSchema,
    responses: { 200: { description: 'Every consent of the customer, revoked ones included', body: ConsentsResponseSchema } },
    errors: [404],
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
    description: 'Needs a valid consent covering the bureau (and the purpose, when given), else 422 `consent_required`. Poll the pull for its status. A CRM key reaches consents and pulls only of customers linked to its connection; any other customer answers 404, like an unknown one.',
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
    errors: [404],
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
  getBureauReport: {
    ...admin, method: 'GET', path: '/v1/bureau/reports/{reportId}', scope: 'audit:read', tag: 'Bureau',
    summary: 'A normalised bureau report with its lineage (audited)',
    description:
      'The canonical report as archived — every coded value keeps its raw code and scheme, every tradeline, inquiry and public record its `source` path into the raw payload — ' +
      'and its lineage: the pull (or Metro 2 import) it came from, the subject match, whether it was merged into the profile, the reviewer decision, and the digest of the raw payload. ' +
      'Reports held for review (subject mismatch) are readable too. Each read is audited (ids and digest, never content).',
    params: ReportPathSchema,
    responses: { 200: { description: 'The report and its lineage', body: BureauReportReadSchema, headers: noStore } },
    errors: [404],
  },
  getBureauPullRaw: {
    ...admin, method: 'GET', path: '/v1/bureau/pulls/{pullId}/raw', scope: 'audit:read', tag: 'Bureau',
    summary: 'The raw bureau answer of any pull, gzip + base64 (audited)',
    description:
      'Completed and reviewed pulls: the answer the report was normalised from. Failed pulls whose answer could not be normalised: the quarantined bytes. ' +
      'A pull that never got an answer (queued, refused, subject not found) is a 404. Each read is audited (ids and digest, never content).',
    params: PullIdPathSchema,
    responses: { 200: { description: 'The raw payload with its digest', body: RawPullPayloadSchema, headers: noStore } },
    errors: [404],
  },
  importMetro2: {
    ...admin, method: 'POST', path: '/v1/bureau/metro2/imports', scope: 'customers:write', tag: 'Bureau',
    summary: 'Import a Metro 2 file: matched consumers get the report on their profile, the others are held for review (audited)',
    description:
      'The body is the Metro 2 character file itself (426-byte HEADER, Base Segments, TRAILER; with or without line breaks), as `text/plain` or `application/octet-stream`, up to 1 MiB. ' +
      'One canonical report per consumer; a consumer that matches exactly one active customer (name and postal code or date of birth) lands in `profile.credit[bureau]` with `credit_report.received`, ' +
      'as a pull would; the others are held with a reason (`no_matching_customer`, `ambiguous`, `weak_match`). A broken file is quarantined with its reason (status `quarantined`), nothing merged. ' +
      'The file is kept with the import.',
    query: Metro2ImportQuerySchema, accepts: ['text/plain', 'application/octet-stream'], maxBodyBytes: METRO2_MAX_BYTES,
    responses: { 201: { description: 'Imported (or quarantined); the outcome of every consumer', body: Metro2ImportResponseSchema } },
  },
  getMetro2Import: {
    ...admin, method: 'GET', path: '/v1/bureau/metro2/imports/{importId}', scope: 'customers:read', tag: 'Bureau',
    summary: 'A Metro 2 import: status and the outcome of every consumer (ids and reasons)',
    params: Metro2ImportPathSchema,
    responses: { 200: { description: 'The import', body: Metro2ImportResponseSchema } },
    errors: [404],
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
