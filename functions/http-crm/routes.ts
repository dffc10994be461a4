import type { HttpRouteSpec } from '../../shared/lambda/http-route.js';

/** Routes of the `http-crm` function: signed CRM pushes, connections, record ingest, bulk import, review and merge. */
export const crmRoutes: HttpRouteSpec[] = [
  { method: 'POST', path: '/v1/inbound/zoho/{connectionId}', operation: 'zohoNotification', auth: 'signature', roles: [], summary: 'Zoho CRM notification (channel token echo)' },
  { method: 'POST', path: '/v1/inbound/hubspot/{connectionId}', operation: 'hubspotWebhook', auth: 'signature', roles: [], summary: 'HubSpot webhook batch (signature v3)' },
  { method: 'POST', path: '/v1/inbound/salesforce/{connectionId}', operation: 'salesforceChange', auth: 'signature', roles: [], summary: 'Salesforce change event (direct or EventBridge; HMAC or shared-secret header)' },
  { method: 'GET', path: '/v1/crm/connections', operation: 'listConnections', auth: 'apiKey', roles: ['admin'], scope: 'crm:ingest', summary: 'List CRM connections' },
  { method: 'GET', path: '/v1/crm/connections/{connectionId}', operation: 'getConnection', auth: 'apiKey', roles: ['admin'], scope: 'crm:ingest', summary: 'Read a CRM connection' },
  { method: 'PUT', path: '/v1/crm/connections/{connectionId}', operation: 'putConnection', auth: 'apiKey', roles: ['admin'], scope: 'crm:ingest', summary: 'Create or replace a CRM connection (optionally from a template)' },
  { method: 'POST', path: '/v1/crm/connections/{connectionId}/channel', operation: 'armZohoChannel', auth: 'apiKey', roles: ['admin'], scope: 'crm:ingest', summary: 'Arm (or re-arm) the Zoho notification channel of a connection' },
  { method: 'POST', path: '/v1/crm/{connectionId}/records', operation: 'ingestRecords', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'crm:ingest', summary: 'Ingest native records of a mapped object, or canonical CrmRecords' },
  { method: 'POST', path: '/v1/imports', operation: 'createImport', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'crm:ingest', summary: 'Start a bulk import (CSV or NDJSON) with a named or inline mapping' },
  { method: 'POST', path: '/v1/imports/{importId}/chunks', operation: 'addImportChunk', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'crm:ingest', summary: 'Add one chunk (< 1 MB, with header row) to a bulk import' },
  { method: 'GET', path: '/v1/imports/{importId}', operation: 'getImport', auth: 'apiKey', roles: ['admin', 'crm'], scope: 'crm:ingest', summary: 'Progress and row errors of a bulk import' },
  { method: 'GET', path: '/v1/reviews', operation: 'listReviews', auth: 'apiKey', roles: ['admin'], scope: 'customers:write', summary: 'Candidate matches waiting for review' },
  { method: 'POST', path: '/v1/reviews/{reviewId}/dismiss', operation: 'dismissReview', auth: 'apiKey', roles: ['admin'], scope: 'customers:write', summary: 'Dismiss a candidate match with a reason; both customers stay as they are (audited; 409 when decided)' },
  { method: 'POST', path: '/v1/customers/merge', operation: 'mergeCustomers', auth: 'apiKey', roles: ['admin'], scope: 'customers:write', summary: 'Merge one customer into another (audited)' },
  { method: 'POST', path: '/v1/customers/unmerge', operation: 'unmergeCustomers', auth: 'apiKey', roles: ['admin'], scope: 'customers:write', summary: 'Undo a merge, restoring both profiles (audited)' },
];
