import { z } from 'zod';
import { CreateApiKeySchema } from '../../shared/domain/auth/api-key.js';
import { AlertsQuerySchema } from '../../shared/domain/console/alerts.js';
import { PatchCustomerSchema } from '../../shared/domain/customers/patch-customer.js';
import { UpsertCustomerSchema } from '../../shared/domain/customers/upsert-customer.js';
import { CreateSubscriptionSchema } from '../../shared/domain/delivery/subscription.js';
import { DeliveryLogQuerySchema, ReplayRequestSchema } from '../../shared/domain/outbound/replay-deliveries.js';
import { WriteBackLogQuerySchema, WriteBackReplayRequestSchema } from '../../shared/domain/outbound/write-back-log.js';
import { defineRoutes, UNEXERCISED } from '../../shared/lambda/http-route.js';
import {
  AlertsResponseSchema,
  AuditEntriesPageSchema,
  AuditEntriesQuerySchema,
  ApiKeyViewSchema,
  AuditVerdictSchema,
  CustomerPathSchema,
  DeliveryRecordSchema,
  EventsQuerySchema,
  EventsResponseSchema,
  IssuedKeySchema,
  KeyPathSchema,
  PendingKeySchema,
  PendingSubscriptionChangeSchema,
  PendingSubscriptionSchema,
  PortfolioFilterSchema,
  PortfolioPageSchema,
  ProfileResponseSchema,
  ReplayResultSchema,
  RotateSecretSchema,
  SubscriptionPathSchema,
  SubscriptionViewSchema,
  SubscriptionWithSecretSchema,
  UpdateSubscriptionSchema,
  UpsertResponseSchema,
  WriteBackRecordSchema,
  WriteBackReplayResultSchema,
} from './schema.js';

const admin = { auth: 'apiKey', roles: ['admin'] } as const;
const PageLinks = {
  nextCursor: z.string().nullable().describe('Cursor of the next page; null on the last page'),
  next: z.string().nullable().describe('Absolute URL of the next page; null on the last page'),
};

/** Routes of the `http-api` function: customers, API keys, subscriptions, audit. */
export const httpRoutes = defineRoutes({
  upsertCustomer: {
    method: 'PUT', path: '/v1/customers/{customerId}', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:write', tag: 'Customers',
    summary: 'Create or update a customer',
    description: 'Create-or-merge: name only what changes; identifiers are added. Older observations never overwrite newer ones. To delete a field use PATCH. Answers within its time budget: committed (200/201), or 409/503 with `Retry-After` and nothing committed. A CRM key writes only customers linked to its connection and creates one only with a `crm_record` identifier of its connection; any other customer answers 404, like an unknown one.',
    params: CustomerPathSchema, body: UpsertCustomerSchema,
    responses: { 200: { description: 'Updated', body: UpsertResponseSchema }, 201: { description: 'Created', body: UpsertResponseSchema } },
    errors: [404, 409, 503],
    unexercised: { 409: UNEXERCISED.versionConflict, 503: UNEXERCISED.storageBusy },
  },
  patchCustomer: {
    method: 'PATCH', path: '/v1/customers/{customerId}', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:write', tag: 'Customers',
    summary: 'Change or delete fields of an existing customer (JSON merge patch)',
    description: 'RFC 7396 merge patch: a value sets a field (survivorship as on PUT), `null` deletes it. A deletion keeps its provenance (a tombstone with source and time in `profile.tombstones`), so an older observation from any source does not bring the value back; a newer one does. Identifiers are added with PUT. Answers within its time budget like PUT.',
    params: CustomerPathSchema, body: PatchCustomerSchema, accepts: ['application/merge-patch+json', 'application/json'],
    responses: { 200: { description: 'Patched (or unchanged)', body: UpsertResponseSchema } },
    errors: [404, 409, 503],
    unexercised: { 409: UNEXERCISED.versionConflict, 503: UNEXERCISED.storageBusy },
  },
  listCustomers: {
    method: 'GET', path: '/v1/customers', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:read', tag: 'Customers', list: true,
    summary: 'Portfolio: active customers with grade, PD, limit, segment, freeze',
    description: 'A CRM key lists only the customers linked to its connection: a page may then hold fewer rows (even none) while `next` leads on.',
    query: PortfolioFilterSchema,
    responses: { 200: { description: 'One page of the portfolio', body: PortfolioPageSchema } },
  },
  listAlerts: {
    ...admin, method: 'GET', path: '/v1/alerts', scope: 'customers:read', tag: 'Alerts',
    summary: 'Raised risk alerts, newest first (at most 72 h; default the last 24 h)',
    query: AlertsQuerySchema,
    responses: { 200: { description: 'Alerts in the window', body: AlertsResponseSchema } },
  },
  getCustomer: {
    method: 'GET', path: '/v1/customers/{customerId}', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:read', tag: 'Customers',
    summary: 'Read a golden customer profile',
    description: 'A CRM key reads only customers linked to its connection (by their CRM record ids or by values its connection supplied); any other customer answers 404, like an unknown one.',
    params: CustomerPathSchema,
    responses: { 200: { description: 'The profile with field-level provenance', body: ProfileResponseSchema } },
    errors: [404],
  },
  listCustomerEvents: {
    ...admin, method: 'GET', path: '/v1/customers/{customerId}/events', scope: 'customers:read', tag: 'Customers',
    summary: 'Events emitted for a customer, by sequence',
    params: CustomerPathSchema, query: EventsQuerySchema,
    responses: { 200: { description: 'Events in sequence order', body: EventsResponseSchema } },
  },
  createApiKey: {
    ...admin, method: 'POST', path: '/v1/admin/api-keys', scope: 'keys:manage', tag: 'Access',
    idempotent: true,
    summary: 'Issue an API key',
    description:
      'Admin keys belong to a person (default: the caller) and carry at most that person\'s role scopes; a key for another person is stored `pending` and answers 202 with the approval a second person must grant. crm, partner and consultant keys need `tenantRef` naming an existing CRM connection, partner (with an engagement) or agreement holder, and belong to a service account owned by the caller. `expiresAt` must lie in the future.',
    body: CreateApiKeySchema,
    responses: { 201: { description: 'Issued; the plaintext key is shown once', body: IssuedKeySchema }, 202: { description: 'Issued for another person, pending approval; the plaintext key is shown once', body: PendingKeySchema } },
  },
  listApiKeys: {
    ...admin, method: 'GET', path: '/v1/admin/api-keys', scope: 'keys:manage', tag: 'Access',
    summary: 'List API keys (no secrets)',
    responses: { 200: { description: 'Every key', body: z.object({ keys: z.array(ApiKeyViewSchema) }) } },
  },
  rotateApiKey: {
    ...admin, method: 'POST', path: '/v1/admin/api-keys/{keyId}/rotate', scope: 'keys:manage', tag: 'Access',
    idempotent: true,
    summary: 'Replace a key by a new one and revoke the old',
    params: KeyPathSchema,
    responses: { 201: { description: 'The replacement key, shown once', body: IssuedKeySchema } },
    errors: [404],
  },
  revokeApiKey: {
    ...admin, method: 'DELETE', path: '/v1/admin/api-keys/{keyId}', scope: 'keys:manage', tag: 'Access',
    summary: 'Revoke an API key',
    params: KeyPathSchema,
    responses: { 200: { description: 'Revoked', body: z.object({ record: ApiKeyViewSchema }) } },
    errors: [404],
  },
  createSubscription: {
    ...admin, method: 'POST', path: '/v1/subscriptions', scope: 'subscriptions:manage', tag: 'Webhooks',
    idempotent: true,
    summary: 'Create a webhook subscription',
    description: 'The `url` must pass the outbound rules (https, allowed port, a host resolving to public addresses only): a refused URL is a 422 at `url`; a DNS outage while checking it is a 503 (`dns_unavailable`), nothing stored. Four eyes: a subscription whose events carry personal data (`customer.updated` without `fields`, or with fields reaching `profile.fields.<legalName|tradingName|email|phone|addressLine|city|postalCode>` or `profile.identifiers`) answers 202 with a `subscription.create` approval: it is stored disabled (`disabledReason: pending_approval`, `pendingApproval`) and delivers nothing until another person approves it.',
    body: CreateSubscriptionSchema,
    responses: {
      201: { description: 'Created; the signing secret is shown once', body: SubscriptionWithSecretSchema },
      202: { description: 'Carries personal data: stored disabled until another person approves; the signing secret is shown once', body: PendingSubscriptionSchema },
    },
    errors: [503],
    unexercised: { 503: 'dns_unavailable needs a resolver that cannot answer right now; covered by the ssrf-guard and url-guard unit tests' },
  },
  listSubscriptions: {
    ...admin, method: 'GET', path: '/v1/subscriptions', scope: 'subscriptions:manage', tag: 'Webhooks',
    summary: 'List webhook subscriptions',
    responses: { 200: { description: 'Every subscription', body: z.object({ subscriptions: z.array(SubscriptionViewSchema) }) } },
  },
  getSubscription: {
    ...admin, method: 'GET', path: '/v1/subscriptions/{subscriptionId}', scope: 'subscriptions:manage', tag: 'Webhooks',
    summary: 'Read a webhook subscription',
    params: SubscriptionPathSchema,
    responses: { 200: { description: 'The subscription and its endpoint health', body: z.object({ subscription: SubscriptionViewSchema }) } },
    errors: [404],
  },
  updateSubscription: {
    ...admin, method: 'PATCH', path: '/v1/subscriptions/{subscriptionId}', scope: 'subscriptions:manage', tag: 'Webhooks',
    summary: 'Enable or disable a subscription, or change its event types, fields or description',
    description: 'JSON merge patch (`fields: null` drops the projection). Narrowing, descriptions and switching on or off apply at once (200). A change that widens what a subscription carrying personal data delivers (event types or fields it did not have) answers 202 with a `subscription.widen` approval and changes nothing until another person approves it. A subscription waiting for its `subscription.create` approval cannot be changed or enabled: 409 `subscription_pending_approval`.',
    params: SubscriptionPathSchema, body: UpdateSubscriptionSchema, accepts: ['application/json', 'application/merge-patch+json'],
    responses: {
      200: { description: 'Updated', body: z.object({ subscription: SubscriptionViewSchema }) },
      202: { description: 'Widens what a subscription carrying personal data delivers: unchanged until another person approves', body: PendingSubscriptionChangeSchema },
    },
    errors: [404, 409],
  },
  rotateSubscriptionSecret: {
    ...admin, method: 'POST', path: '/v1/subscriptions/{subscriptionId}/rotate-secret', scope: 'subscriptions:manage', tag: 'Webhooks',
    idempotent: true,
    summary: 'Add a new signing secret; old ones keep signing during the overlap',
    params: SubscriptionPathSchema, body: RotateSecretSchema, bodyRequired: false,
    responses: { 200: { description: 'The new secret, shown once', body: SubscriptionWithSecretSchema } },
    errors: [404],
  },
  deleteSubscription: {
    ...admin, method: 'DELETE', path: '/v1/subscriptions/{subscriptionId}', scope: 'subscriptions:manage', tag: 'Webhooks',
    summary: 'Delete a webhook subscription',
    params: SubscriptionPathSchema,
    responses: { 204: { description: 'Deleted' } },
    errors: [404],
  },
  listDeliveries: {
    ...admin, method: 'GET', path: '/v1/subscriptions/{subscriptionId}/deliveries', scope: 'subscriptions:manage', tag: 'Webhooks', list: true,
    summary: 'Delivery log of a subscription (newest first, with attempts)',
    params: SubscriptionPathSchema, query: DeliveryLogQuerySchema,
    responses: { 200: { description: 'One page of delivery records', body: z.object({ deliveries: z.array(DeliveryRecordSchema), ...PageLinks }) } },
    errors: [404],
  },
  replayDeliveries: {
    ...admin, method: 'POST', path: '/v1/subscriptions/{subscriptionId}/replay', scope: 'subscriptions:manage', tag: 'Webhooks',
    idempotent: true, rateClass: 'bulk',
    summary: 'Send one event ({ eventId }) or a time window ({ from, to }) again',
    params: SubscriptionPathSchema, body: ReplayRequestSchema,
    responses: { 202: { description: 'Queued', body: ReplayResultSchema } },
    errors: [404, 409],
  },
  listWriteBacks: {
    ...admin, method: 'GET', path: '/v1/customers/{customerId}/write-backs', scope: 'customers:read', tag: 'CRM write-back',
    summary: 'CRM write-back log of a customer (newest event first, with attempts)',
    params: CustomerPathSchema, query: WriteBackLogQuerySchema,
    responses: { 200: { description: 'Write-back records', body: z.object({ writeBacks: z.array(WriteBackRecordSchema) }) } },
    errors: [404],
  },
  replayWriteBack: {
    ...admin, method: 'POST', path: '/v1/write-backs/replay', scope: 'customers:write', tag: 'CRM write-back',
    idempotent: true,
    summary: 'Write one rating/limit event ({ eventId, target? }) back to the CRM records again',
    body: WriteBackReplayRequestSchema,
    responses: { 202: { description: 'Queued', body: WriteBackReplayResultSchema } },
    errors: [404],
  },
  verifyAudit: {
    ...admin, method: 'GET', path: '/v1/audit/verify', scope: 'audit:read', tag: 'Audit',
    summary: 'Verify the audit hash chains against the latest signed checkpoint',
    description: 'Checks every chain (links, hashes, head), each chain against the latest signed checkpoint (head seq and hash, length, the set of chains) and the checkpoint itself (Ed25519 signature, link to its predecessor). Entries after the checkpoint are counted as `unanchored`. See docs/audit.md.',
    responses: { 200: { description: 'The verdict per chain and for the checkpoint', body: AuditVerdictSchema } },
  },
  listAuditEntries: {
    ...admin, method: 'GET', path: '/v1/audit/entries', scope: 'audit:read', tag: 'Audit', list: true,
    summary: 'Read audit entries in time order, filtered by actor, action, object and time',
    description: 'Entries hold ids, codes and keyed digests (`hmac-sha256:…`), never personal data. `since` is inclusive, `until` exclusive.',
    query: AuditEntriesQuerySchema,
    responses: { 200: { description: 'One page of audit entries', body: AuditEntriesPageSchema } },
  },
});
