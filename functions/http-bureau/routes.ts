import type { HttpRouteSpec } from '../../shared/lambda/http-route.js';

/** Routes of the `http-bureau` function: consents and bureau pulls. */
export const bureauRoutes: HttpRouteSpec[] = [
  { method: 'POST', path: '/v1/customers/{customerId}/consents', operation: 'recordConsent', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:write', summary: 'Record a consent / permissible purpose for bureau pulls (audited)' },
  { method: 'GET', path: '/v1/customers/{customerId}/consents', operation: 'listConsents', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:read', summary: "List a customer's consents" },
  { method: 'DELETE', path: '/v1/customers/{customerId}/consents/{consentId}', operation: 'revokeConsent', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:write', summary: 'Revoke a consent (audited)' },
  { method: 'POST', path: '/v1/customers/{customerId}/bureau-pulls', operation: 'requestBureauPull', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'bureau:pull', summary: 'Pull a bureau report (202; concurrent requests collapse)' },
  { method: 'GET', path: '/v1/customers/{customerId}/bureau-pulls/{pullId}', operation: 'getBureauPull', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:read', summary: 'Status of a bureau pull' },
];
