import type { HttpRouteSpec } from '../../shared/lambda/http-route.js';

/** Routes of the `http-policies` function: risk policy lifecycle, freezes, drills, rating history. */
export const policyRoutes: HttpRouteSpec[] = [
  { method: 'POST', path: '/v1/policies', operation: 'createPolicy', auth: 'apiKey', roles: ['admin'], scope: 'policies:manage', summary: 'Create a draft risk policy (validated; 422 with field paths)' },
  { method: 'GET', path: '/v1/policies', operation: 'listPolicies', auth: 'apiKey', roles: ['admin'], scope: 'policies:manage', summary: 'List policy versions with their lifecycle status' },
  { method: 'GET', path: '/v1/policies/active', operation: 'getActivePolicy', auth: 'apiKey', roles: ['admin'], scope: 'policies:manage', summary: 'The active policy record' },
  { method: 'GET', path: '/v1/policies/training-data', operation: 'exportTrainingData', auth: 'apiKey', roles: ['admin'], scope: 'policies:manage', summary: 'Labelled training rows from the rating history (NDJSON, or JSON with ?format=json; paged by cursor)' },
  { method: 'GET', path: '/v1/policies/{version}', operation: 'getPolicy', auth: 'apiKey', roles: ['admin'], scope: 'policies:manage', summary: 'One policy record (policy, status, approvals, backtest report)' },
  { method: 'POST', path: '/v1/policies/{version}/backtest', operation: 'backtestPolicy', auth: 'apiKey', roles: ['admin'], scope: 'policies:manage', summary: 'Backtest a draft on the current portfolio against the active policy' },
  { method: 'POST', path: '/v1/policies/{version}/approve', operation: 'approvePolicy', auth: 'apiKey', roles: ['admin'], scope: 'policies:approve', summary: 'Approve a backtested policy (not by its author)' },
  { method: 'POST', path: '/v1/policies/{version}/activate', operation: 'activatePolicy', auth: 'apiKey', roles: ['admin'], scope: 'policies:approve', summary: 'Activate an approved policy and re-rate the portfolio' },
  { method: 'POST', path: '/v1/policies/{version}/rollback', operation: 'rollbackPolicy', auth: 'apiKey', roles: ['admin'], scope: 'policies:approve', summary: 'Re-activate an earlier approved (retired) version' },
  { method: 'POST', path: '/v1/customers/{customerId}/freeze', operation: 'freezeCustomer', auth: 'apiKey', roles: ['admin'], scope: 'policies:approve', summary: 'Freeze a customer (limit 0), audited' },
  { method: 'POST', path: '/v1/customers/{customerId}/unfreeze', operation: 'unfreezeCustomer', auth: 'apiKey', roles: ['admin'], scope: 'policies:approve', summary: 'Lift a freeze, audited' },
  { method: 'GET', path: '/v1/customers/{customerId}/ratings', operation: 'listRatings', auth: 'apiKey', roles: ['admin'], scope: 'customers:read', summary: 'Rating history of a customer, newest first' },
  { method: 'POST', path: '/v1/customers/{customerId}/outcomes', operation: 'recordOutcome', auth: 'apiKey', roles: ['admin'], scope: 'policies:manage', summary: 'Record a credit outcome (defaulted or not, at a date) as a training label, audited' },
  { method: 'POST', path: '/v1/drills/default', operation: 'defaultDrill', auth: 'apiKey', roles: ['admin'], scope: 'policies:manage', summary: 'Simulate the default path for a customer (writes nothing)' },
];
