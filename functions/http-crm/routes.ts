import { ArmChannelSchema, ArmedChannelSchema, PutConnectionSchema } from '../../shared/domain/crm/manage-connections.js';
import { PushReceiptSchema } from '../../shared/domain/crm/inbound/receive-crm-push.js';
import { CreateImportQuerySchema, CreateImportSchema, ImportChunkQuerySchema } from '../../shared/domain/customers/bulk-import-job.js';
import { DismissReviewSchema } from '../../shared/domain/customers/dismiss-review.js';
import { IngestReceiptSchema, IngestRecordsSchema } from '../../shared/domain/customers/ingest-records.js';
import { MergeCommandSchema, MergeResultSchema } from '../../shared/domain/customers/merge-customers.js';
import { FieldSetupReportSchema } from '../../shared/domain/crm/crm-fields.js';
import { defineRoutes, UNEXERCISED } from '../../shared/lambda/http-route.js';
import {
  ConnectionPathSchema,
  ConnectionResponseSchema,
  ConnectionsResponseSchema,
  ImportPathSchema,
  ImportResponseSchema,
  PendingConnectionSchema,
  ReviewPathSchema,
  ReviewResponseSchema,
  ReviewsResponseSchema,
} from './schema.js';

/**
 * A signed CRM push: a foreign protocol (the CRM's own signature, unknown query parameters
 * tolerated), the body and headers reach the verifier untouched (no body schema: never parsed
 * before the signature is checked). An unknown connection answers like a bad signature.
 */
const signedPush = {
  auth: 'signature', roles: [], tag: 'CRM inbound', convention: 'foreign',
  accepts: ['application/json'], params: ConnectionPathSchema,
  responses: { 202: { description: 'Verified; the changes are queued for ingest', body: PushReceiptSchema } },
  errors: [401],
} as const;
const admin = { auth: 'apiKey', roles: ['admin'], scope: 'crm:ingest' } as const;
const ingest = { auth: 'apiKey', roles: ['admin', 'crm'], scope: 'crm:ingest' } as const;
const reviewer = { auth: 'apiKey', roles: ['admin'], scope: 'customers:write' } as const;
const Import = (description: string) => ({ description, body: ImportResponseSchema, headers: { Location: { description: 'The import job (`/v1/imports/{importId}`)' } } });

/** Routes of the `http-crm` function: signed CRM pushes, connections, record ingest, bulk import, review and merge. */
export const crmRoutes = defineRoutes({
  zohoNotification: {
    ...signedPush, method: 'POST', path: '/v1/inbound/zoho/{connectionId}',
    summary: 'Zoho CRM notification (channel token echo)',
    description: 'Zoho signs nothing: the notification echoes the `channel_id` and `token` the hub armed the channel with (`POST /v1/crm/connections/{connectionId}/channel`); both are compared in constant time.',
  },
  hubspotWebhook: {
    ...signedPush, method: 'POST', path: '/v1/inbound/hubspot/{connectionId}',
    summary: 'HubSpot webhook batch (signature v3)',
    description: '`X-HubSpot-Signature-v3` over method, public URL, raw body and `X-HubSpot-Request-Timestamp` (at most 5 minutes old), keyed with the connection\'s `clientSecret`.',
  },
  salesforceChange: {
    ...signedPush, method: 'POST', path: '/v1/inbound/salesforce/{connectionId}',
    summary: 'Salesforce change event (direct or EventBridge; HMAC or shared-secret header)',
    description: '`x-riskbridge-signature: sha256=<hex HMAC-SHA256 of the raw body>`, or else `x-riskbridge-token: <secret>`, keyed with the connection\'s `inboundSecret`.',
  },
  listConnections: {
    ...admin, method: 'GET', path: '/v1/crm/connections', tag: 'CRM',
    summary: 'List CRM connections',
    responses: { 200: { description: 'Every connection (secret names, never secrets)', body: ConnectionsResponseSchema } },
  },
  getConnection: {
    ...admin, method: 'GET', path: '/v1/crm/connections/{connectionId}', tag: 'CRM',
    summary: 'Read a CRM connection',
    params: ConnectionPathSchema,
    responses: { 200: { description: 'The connection configuration', body: ConnectionResponseSchema } },
    errors: [404],
  },
  putConnection: {
    ...admin, method: 'PUT', path: '/v1/crm/connections/{connectionId}', tag: 'CRM',
    summary: 'Create or replace a CRM connection (optionally from a template)',
    description: 'A whole configuration, or `template` (the CRM\'s default mapping) with top-level fields that replace the template\'s. Strict at every level; open are only the names the CRM owns (object names, `enum` transform values). `credentials` may name only the connection\'s own secrets (`riskbridge/<crm>/<connectionId>/<name>`), and `apiBaseUrl` / `authBaseUrl` must pass the outbound rules (https, allowed port, public addresses): 422 at their paths otherwise; a DNS outage while checking them is a 503 (`dns_unavailable`). Nothing is stored on a refusal. Audited. Four eyes: a new connection whose mapping takes in personal data (contact fields such as `fields.email`, `fields.phone`, `fields.legalName`, address fields; custom attributes flagged `pii`; `email`/`phone`/`cn_resident_id` identifiers; a `customKeyPattern`) answers 202 with a `crm_connection.create` approval, and a replacement that maps personal data the stored connection did not answers 202 with `crm_connection.widen`; nothing is stored until another person approves. Narrowing and other changes apply at once.',
    params: ConnectionPathSchema, body: PutConnectionSchema,
    responses: {
      200: { description: 'Replaced', body: ConnectionResponseSchema },
      201: { description: 'Created', body: ConnectionResponseSchema },
      202: { description: 'Takes in personal data (new, or more than before): waits for another person to approve; nothing stored yet', body: PendingConnectionSchema },
    },
    errors: [503],
    unexercised: { 503: 'dns_unavailable needs a resolver that cannot answer right now; covered by the ssrf-guard and manage-connections unit tests' },
  },
  armZohoChannel: {
    ...admin, method: 'POST', path: '/v1/crm/connections/{connectionId}/channel', tag: 'CRM',
    summary: 'Arm (or re-arm) the Zoho notification channel of a connection',
    description: 'Calls Zoho `actions/watch` with a fresh token; keeps the previous channel id and events unless given. 422 for a connection that is not Zoho; 503 when Zoho cannot be reached. Audited.',
    params: ConnectionPathSchema, body: ArmChannelSchema, bodyRequired: false,
    responses: { 200: { description: 'Armed', body: ArmedChannelSchema } },
    errors: [404, 503],
  },
  setupConnectionFields: {
    ...admin, method: 'POST', path: '/v1/crm/connections/{connectionId}/setup', tag: 'CRM',
    summary: 'Check and create the CRM fields the write-back needs (credit hold, reason, limit, rating fields)',
    description: 'Reads the write-back object\'s fields through the CRM\'s metadata API (Zoho `settings/fields`, HubSpot CRM v3 properties, Salesforce describe; Fxiaoke object describe) and creates the missing ones (Zoho, HubSpot in the `riskbridge` group, Salesforce through the Tooling API `CustomField`; Fxiaoke has no create call: its missing fields are reported failed). One line per field: `present`, `created` or `failed` with the reason. 422 for a connection without a write-back map or a CRM without field setup. Audited.',
    params: ConnectionPathSchema, bodyRequired: false,
    responses: { 200: { description: 'The per-field report', body: FieldSetupReportSchema } },
    errors: [404],
  },
  ingestRecords: {
    ...ingest, method: 'POST', path: '/v1/crm/{connectionId}/records', tag: 'CRM',
    idempotent: true,
    summary: 'Ingest native records of a mapped object, or canonical CrmRecords',
    params: ConnectionPathSchema, body: IngestRecordsSchema,
    responses: { 202: { description: 'Queued for ingest', body: IngestReceiptSchema } },
    errors: [404],
  },
  createImport: {
    ...ingest, method: 'POST', path: '/v1/imports', tag: 'Imports',
    idempotent: true, rateClass: 'bulk',
    summary: 'Start a bulk import (CSV or NDJSON) with a named or inline mapping',
    description: 'JSON (`mapping`, optional first chunk as `data`), or the first chunk itself as `text/csv` / `application/x-ndjson` with `mapping`, `connectionId` and `complete` as query parameters.',
    query: CreateImportQuerySchema, body: CreateImportSchema, accepts: ['application/json', 'text/csv', 'application/x-ndjson'],
    responses: { 202: Import('Started; rows of the first chunk are queued') },
  },
  addImportChunk: {
    ...ingest, method: 'POST', path: '/v1/imports/{importId}/chunks', tag: 'Imports',
    idempotent: true,
    summary: 'Add one chunk (< 1 MB, with header row) to a bulk import',
    description: 'The chunk is read in the format the import was started with; an empty chunk with `complete=true` ends the import.',
    params: ImportPathSchema, query: ImportChunkQuerySchema, accepts: ['text/csv', 'application/x-ndjson'], bodyRequired: false,
    responses: { 202: { description: 'Rows of the chunk are queued', body: ImportResponseSchema } },
    errors: [404],
  },
  getImport: {
    ...ingest, method: 'GET', path: '/v1/imports/{importId}', tag: 'Imports',
    summary: 'Progress and row errors of a bulk import',
    params: ImportPathSchema,
    responses: { 200: { description: 'Counters, row errors (line and reason) and `done`', body: ImportResponseSchema } },
    errors: [404],
  },
  listReviews: {
    ...reviewer, method: 'GET', path: '/v1/reviews', tag: 'Reviews',
    summary: 'Candidate matches waiting for review',
    responses: { 200: { description: 'Open reviews, newest first (at most 50)', body: ReviewsResponseSchema } },
  },
  dismissReview: {
    ...reviewer, method: 'POST', path: '/v1/reviews/{reviewId}/dismiss', tag: 'Reviews',
    summary: 'Dismiss a candidate match with a reason; both customers stay as they are (audited; 409 when decided)',
    params: ReviewPathSchema, body: DismissReviewSchema,
    responses: { 200: { description: 'The resolved review', body: ReviewResponseSchema } },
    errors: [404, 409],
  },
  mergeCustomers: {
    ...reviewer, method: 'POST', path: '/v1/customers/merge', tag: 'Reviews',
    summary: 'Merge one customer into another (audited)',
    description: 'With `reviewId`, the open review naming both customers is resolved in the same transaction.',
    body: MergeCommandSchema,
    responses: { 200: { description: 'Both profiles as written', body: MergeResultSchema } },
    errors: [404, 409, 503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  unmergeCustomers: {
    ...reviewer, method: 'POST', path: '/v1/customers/unmerge', tag: 'Reviews',
    summary: 'Undo a merge, restoring both profiles (audited)',
    body: MergeCommandSchema,
    responses: { 200: { description: 'Both profiles as restored', body: MergeResultSchema } },
    errors: [404, 409, 503],
    unexercised: { 409: UNEXERCISED.versionConflict, 503: UNEXERCISED.storageBusy },
  },
});
