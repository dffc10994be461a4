import type { HttpRouteSpec } from '../../shared/lambda/http-route.js';

/** Routes of the `http-bureau` function: consents, bureau pulls, subject reviews, quarantine. */
export const bureauRoutes: HttpRouteSpec[] = [
  { method: 'POST', path: '/v1/customers/{customerId}/consents', operation: 'recordConsent', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:write', summary: 'Record a consent / permissible purpose for bureau pulls (audited)' },
  { method: 'GET', path: '/v1/customers/{customerId}/consents', operation: 'listConsents', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:read', summary: "List a customer's consents" },
  { method: 'DELETE', path: '/v1/customers/{customerId}/consents/{consentId}', operation: 'revokeConsent', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:write', summary: 'Revoke a consent (audited)' },
  { method: 'POST', path: '/v1/customers/{customerId}/bureau-pulls', operation: 'requestBureauPull', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'bureau:pull', summary: 'Pull a bureau report (202; concurrent requests collapse)' },
  { method: 'GET', path: '/v1/customers/{customerId}/bureau-pulls/{pullId}', operation: 'getBureauPull', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:read', summary: 'Status of a bureau pull' },
  { method: 'GET', path: '/v1/customers/{customerId}/bureau-pulls', operation: 'listBureauPulls', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'customers:read', summary: "A customer's bureau pulls, newest first (?limit=1..100)" },
  { method: 'GET', path: '/v1/bureau-reviews', operation: 'listBureauReviews', auth: 'apiKey', roles: ['admin'], scope: 'customers:read', summary: 'Open subject-mismatch reviews (reports archived, not merged), newest first' },
  { method: 'POST', path: '/v1/bureau-reviews/{reviewId}/accept', operation: 'acceptBureauReview', auth: 'apiKey', roles: ['admin'], scope: 'customers:write', summary: 'Accept a subject-mismatch review: merge the archived report into the profile (audited; 409 when decided)' },
  { method: 'POST', path: '/v1/bureau-reviews/{reviewId}/dismiss', operation: 'dismissBureauReview', auth: 'apiKey', roles: ['admin'], scope: 'customers:write', summary: 'Dismiss a subject-mismatch review with a reason; the report stays archived, unmerged (audited)' },
  { method: 'GET', path: '/v1/quarantine/{source}', operation: 'listQuarantine', auth: 'apiKey', roles: ['admin'], scope: 'audit:read', summary: 'Quarantined messages/payloads of a source (code, reason, time; never the bytes)' },
  { method: 'GET', path: '/v1/quarantine/{source}/{messageId}/payload', operation: 'getQuarantinedPayload', auth: 'apiKey', roles: ['admin'], scope: 'audit:read', summary: 'The exact quarantined bytes, gzip + base64 (audited)' },
];
