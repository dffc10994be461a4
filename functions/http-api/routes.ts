import type { HttpRouteSpec } from '../../shared/lambda/http-route.js';

export type { HttpRouteSpec };

/** Routes of the `http-api` function: customers, API keys, subscriptions, audit. */
export const httpRoutes: HttpRouteSpec[] = [
  { method: 'PUT', path: '/v1/customers/{customerId}', operation: 'upsertCustomer', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:write', summary: 'Create or update a customer' },
  { method: 'GET', path: '/v1/customers', operation: 'listCustomers', auth: 'apiKey', roles: ['admin'], scope: 'customers:read', summary: 'Portfolio: active customers with grade, PD, limit, segment, freeze (?cursor=&limit=&grade=)' },
  { method: 'GET', path: '/v1/alerts', operation: 'listAlerts', auth: 'apiKey', roles: ['admin'], scope: 'customers:read', summary: 'Raised risk alerts, newest first (?since=&until=, at most 72 h; default the last 24 h)' },
  { method: 'GET', path: '/v1/customers/{customerId}', operation: 'getCustomer', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:read', summary: 'Read a golden customer profile' },
  { method: 'GET', path: '/v1/customers/{customerId}/events', operation: 'listCustomerEvents', auth: 'apiKey', roles: ['admin'], scope: 'customers:read', summary: 'Events emitted for a customer, by sequence' },
  { method: 'POST', path: '/v1/admin/api-keys', operation: 'createApiKey', auth: 'apiKey', roles: ['admin'], scope: 'keys:manage', summary: 'Issue an API key' },
  { method: 'GET', path: '/v1/admin/api-keys', operation: 'listApiKeys', auth: 'apiKey', roles: ['admin'], scope: 'keys:manage', summary: 'List API keys (no secrets)' },
  { method: 'POST', path: '/v1/admin/api-keys/{keyId}/rotate', operation: 'rotateApiKey', auth: 'apiKey', roles: ['admin'], scope: 'keys:manage', summary: 'Replace a key by a new one and revoke the old' },
  { method: 'DELETE', path: '/v1/admin/api-keys/{keyId}', operation: 'revokeApiKey', auth: 'apiKey', roles: ['admin'], scope: 'keys:manage', summary: 'Revoke an API key' },
  { method: 'POST', path: '/v1/subscriptions', operation: 'createSubscription', auth: 'apiKey', roles: ['admin'], scope: 'subscriptions:manage', summary: 'Create a webhook subscription' },
  { method: 'GET', path: '/v1/subscriptions', operation: 'listSubscriptions', auth: 'apiKey', roles: ['admin'], scope: 'subscriptions:manage', summary: 'List webhook subscriptions' },
  { method: 'GET', path: '/v1/subscriptions/{subscriptionId}', operation: 'getSubscription', auth: 'apiKey', roles: ['admin'], scope: 'subscriptions:manage', summary: 'Read a webhook subscription' },
  { method: 'PATCH', path: '/v1/subscriptions/{subscriptionId}', operation: 'updateSubscription', auth: 'apiKey', roles: ['admin'], scope: 'subscriptions:manage', summary: 'Enable or disable a subscription' },
  { method: 'POST', path: '/v1/subscriptions/{subscriptionId}/rotate-secret', operation: 'rotateSubscriptionSecret', auth: 'apiKey', roles: ['admin'], scope: 'subscriptions:manage', summary: 'Add a new signing secret; old ones keep signing during the overlap' },
  { method: 'DELETE', path: '/v1/subscriptions/{subscriptionId}', operation: 'deleteSubscription', auth: 'apiKey', roles: ['admin'], scope: 'subscriptions:manage', summary: 'Delete a webhook subscription' },
  { method: 'GET', path: '/v1/subscriptions/{subscriptionId}/deliveries', operation: 'listDeliveries', auth: 'apiKey', roles: ['admin'], scope: 'subscriptions:manage', summary: 'Delivery log of a subscription (newest first, with attempts)' },
  { method: 'POST', path: '/v1/subscriptions/{subscriptionId}/replay', operation: 'replayDeliveries', auth: 'apiKey', roles: ['admin'], scope: 'subscriptions:manage', summary: 'Send one event ({ eventId }) or a time window ({ from, to }) again' },
  { method: 'GET', path: '/v1/customers/{customerId}/write-backs', operation: 'listWriteBacks', auth: 'apiKey', roles: ['admin'], scope: 'customers:read', summary: 'CRM write-back log of a customer (newest event first, with attempts)' },
  { method: 'POST', path: '/v1/write-backs/replay', operation: 'replayWriteBack', auth: 'apiKey', roles: ['admin'], scope: 'customers:write', summary: 'Write one rating/limit event ({ eventId, target? }) back to the CRM records again' },
  { method: 'GET', path: '/v1/audit/verify', operation: 'verifyAudit', auth: 'apiKey', roles: ['admin'], scope: 'audit:read', summary: 'Verify the audit hash chain' },
];
