import type { HttpRouteSpec } from '../../shared/lambda/http-route.js';

/** Routes of the `http-partners` function: partner agencies (engagements, assessments) and consultants (agreements, datasets). */
export const partnerRoutes: HttpRouteSpec[] = [
  { method: 'POST', path: '/v1/partners/{partnerId}/engagements', operation: 'engagePartner', auth: 'apiKey', roles: ['admin'], scope: 'customers:write', summary: 'Engage a partner agency on a customer (audited)' },
  { method: 'GET', path: '/v1/partners/{partnerId}/engagements', operation: 'listEngagements', auth: 'apiKey', roles: ['admin'], scope: 'customers:read', summary: "List a partner's engagements" },
  { method: 'DELETE', path: '/v1/partners/{partnerId}/engagements/{customerId}', operation: 'endEngagement', auth: 'apiKey', roles: ['admin'], scope: 'customers:write', summary: 'End an engagement (audited)' },
  { method: 'POST', path: '/v1/partners/{partnerId}/assessment-requests', operation: 'requestAssessment', auth: 'apiKey', roles: ['admin'], scope: 'customers:write', summary: 'Ask a partner for an assessment (engages it; audited)' },
  { method: 'POST', path: '/v1/partner/assessments', operation: 'submitAssessment', auth: 'apiKey', roles: ['partner'], scope: 'assessments:submit', summary: 'Submit an assessment for an engaged customer (idempotent by externalRef; triggers re-rating)' },
  { method: 'GET', path: '/v1/partner/assessments', operation: 'listOwnAssessments', auth: 'apiKey', roles: ['partner'], scope: 'assessments:read', summary: "The calling partner's own submissions (paginated)" },
  { method: 'GET', path: '/v1/partner/assessment-requests', operation: 'listAssessmentRequests', auth: 'apiKey', roles: ['partner'], scope: 'assessments:read', summary: 'Assessment requests addressed to the calling partner' },
  { method: 'GET', path: '/v1/partner/customers/{customerId}', operation: 'viewEngagedCustomer', auth: 'apiKey', roles: ['partner'], scope: 'customers:read', summary: 'Reduced view of an engaged customer (no rating, no contact data)' },
  { method: 'POST', path: '/v1/admin/agreements', operation: 'createAgreement', auth: 'apiKey', roles: ['admin'], scope: 'keys:manage', summary: 'Create a data-sharing agreement with a consultant (audited)' },
  { method: 'GET', path: '/v1/admin/agreements', operation: 'listAgreements', auth: 'apiKey', roles: ['admin'], scope: 'keys:manage', summary: 'List data-sharing agreements' },
  { method: 'GET', path: '/v1/admin/agreements/{agreementId}', operation: 'getAgreement', auth: 'apiKey', roles: ['admin'], scope: 'keys:manage', summary: 'Read a data-sharing agreement' },
  { method: 'PATCH', path: '/v1/admin/agreements/{agreementId}', operation: 'updateAgreement', auth: 'apiKey', roles: ['admin'], scope: 'keys:manage', summary: 'Change field rules, validUntil or purpose (audited)' },
  { method: 'DELETE', path: '/v1/admin/agreements/{agreementId}', operation: 'revokeAgreement', auth: 'apiKey', roles: ['admin'], scope: 'keys:manage', summary: 'Revoke a data-sharing agreement (audited)' },
  { method: 'GET', path: '/v1/datasets/{dataset}', operation: 'readDataset', auth: 'apiKey', roles: ['consultant'], scope: 'datasets:read', summary: 'A page of a dataset under an active agreement, redacted per field (audited)' },
];
