import { defineRoutes, UNEXERCISED } from '../../shared/lambda/http-route.js';
import {
  AlertListQuerySchema,
  AlertPageSchema,
  AlertPathSchema,
  AlertResponseSchema,
  AlertTransitionRequestSchema,
  AssignAlertSchema,
  CommentAlertSchema,
  ReviewsDuePageSchema,
  ReviewsDueQuerySchema,
} from './schema.js';

// Person keys and sessions carry role `admin` with their person's scopes: analysts and approvers
// hold alerts:manage, auditors alerts:read only (shared/domain/people/person.ts).
const read = { auth: 'apiKey', roles: ['admin'], scope: 'alerts:read', tag: 'Alert lifecycle' } as const;
const act = { auth: 'apiKey', roles: ['admin'], scope: 'alerts:manage', tag: 'Alert lifecycle' } as const;
const changed = { 200: { description: 'The alert as it now stands', body: AlertResponseSchema } } as const;

/** Routes of the `http-alerts` function: lifecycle alerts (list, read, assign, comment, transitions) and reviews due. */
export const alertRoutes = defineRoutes({
  listLifecycleAlerts: {
    ...read, method: 'GET', path: '/v1/alert-cases', list: true,
    summary: 'Lifecycle alerts in one state (default open), newest first, filtered by severity, assignee, rule',
    description: '`GET /v1/alerts` is the console\'s view of raised alert events in a time window; this route lists the stored alerts that are worked through the lifecycle (docs/operations.md).',
    query: AlertListQuerySchema,
    responses: { 200: { description: 'One page of alerts', body: AlertPageSchema } },
  },
  getAlert: {
    ...read, method: 'GET', path: '/v1/alerts/{alertId}',
    summary: 'Read an alert: state, assignee, comments, history, SLA due times, escalations',
    params: AlertPathSchema,
    responses: { 200: { description: 'The alert', body: AlertResponseSchema } },
    errors: [404],
  },
  assignAlert: {
    ...act, method: 'POST', path: '/v1/alerts/{alertId}/assign',
    summary: 'Assign an open alert to a person',
    description: 'A resolved or false-positive alert is 409 `alert_transition_refused` with `current`.',
    params: AlertPathSchema, body: AssignAlertSchema,
    responses: changed,
    errors: [404, 409],
  },
  commentAlert: {
    ...act, method: 'POST', path: '/v1/alerts/{alertId}/comments',
    summary: 'Add a comment to an alert',
    params: AlertPathSchema, body: CommentAlertSchema,
    responses: changed,
    errors: [404, 409],
    unexercised: { 409: UNEXERCISED.versionConflict },
  },
  transitionAlert: {
    ...act, method: 'POST', path: '/v1/alerts/{alertId}/transitions',
    summary: 'Move an alert: acknowledged, snoozed (until), resolved, false_positive (with a note)',
    description: 'Allowed: `open → acknowledged → snoozed → resolved | false_positive`, with forward shortcuts; a snooze wakes to `acknowledged`. Any other move is 409 `alert_transition_refused` with `current`: the alert\'s `status` and the moves it `allowed`.',
    params: AlertPathSchema, body: AlertTransitionRequestSchema,
    responses: changed,
    errors: [404, 409],
  },
  listReviewsDue: {
    ...read, method: 'GET', path: '/v1/reviews-due', list: true,
    summary: 'Customers whose re-rating is late under the active policy\'s cadence, most late first',
    query: ReviewsDueQuerySchema,
    responses: { 200: { description: 'One page of reviews due', body: ReviewsDuePageSchema } },
  },
});
