import { z } from 'zod';
import { ApprovalSchema } from '../../shared/domain/approvals/approval.js';
import { LiftMeasureRequestSchema, TakeMeasureRequestSchema } from '../../shared/domain/measures/manage-measures.js';
import { defineRoutes, UNEXERCISED } from '../../shared/lambda/http-route.js';
import {
  AlertListQuerySchema,
  AlertPageSchema,
  AlertPathSchema,
  AlertResponseSchema,
  AlertTransitionRequestSchema,
  AssignAlertSchema,
  CommentAlertSchema,
  CustomerMeasuresPathSchema,
  MeasureListSchema,
  MeasurePathSchema,
  MeasureResponseSchema,
  ReviewsDuePageSchema,
  ReviewsDueQuerySchema,
} from './schema.js';

// Person keys and sessions carry role `admin` with their person's scopes: analysts and approvers
// hold alerts:manage, auditors alerts:read only (shared/domain/people/person.ts).
const read = { auth: 'apiKey', roles: ['admin'], scope: 'alerts:read', tag: 'Alert lifecycle' } as const;
const act = { auth: 'apiKey', roles: ['admin'], scope: 'alerts:manage', tag: 'Alert lifecycle' } as const;
const changed = { 200: { description: 'The alert as it now stands', body: AlertResponseSchema } } as const;
const measures = { tag: 'Emergency measures' } as const;

/** Routes of the `http-alerts` function: lifecycle alerts (list, read, assign, comment, transitions), emergency measures and reviews due. */
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
  takeMeasure: {
    ...act, ...measures, method: 'POST', path: '/v1/customers/{customerId}/measures',
    summary: 'Take an emergency measure on a customer (origin manual)',
    description: 'Writes the measure, the profile\'s combined `restrictions` and `measure.taken` (with `customer.frozen` when the credit hold starts) in one transaction; the recompute then applies the restricted limit. `reduce_limit` takes `params.keepPercent` and/or `params.capMinor`, the other types no params. Confirmed orders are never touched.',
    params: CustomerMeasuresPathSchema, body: TakeMeasureRequestSchema,
    responses: { 201: { description: 'Taken', body: MeasureResponseSchema } },
    errors: [404, 409, 503],
    unexercised: { 409: 'A merged customer or a version conflict after the retries: needs a merge or a concurrent writer mid-request', 503: UNEXERCISED.storageBusy },
  },
  listCustomerMeasures: {
    ...read, ...measures, method: 'GET', path: '/v1/customers/{customerId}/measures',
    summary: 'A customer\'s emergency measures (active, lifted, expired) and the combined restrictions',
    params: CustomerMeasuresPathSchema,
    responses: { 200: { description: 'The measures, newest first', body: MeasureListSchema } },
    errors: [404],
  },
  getMeasure: {
    ...read, ...measures, method: 'GET', path: '/v1/measures/{measureId}',
    summary: 'Read an emergency measure',
    params: MeasurePathSchema,
    responses: { 200: { description: 'The measure', body: MeasureResponseSchema } },
    errors: [404],
  },
  liftMeasure: {
    ...act, ...measures, method: 'POST', path: '/v1/measures/{measureId}/lift',
    summary: 'Lift an emergency measure (one the policy or the default definition took: four eyes)',
    description: 'A manual measure is lifted at once (200). One with origin `policy` or `default` needs two people: the first call answers 202 with the pending `measure.lift` approval; a second person calling the same route (or `POST /v1/approvals/{approvalId}/approve`) lifts it. The maker again: 403 `self_approval`. A measure that is not active: 409 `measure_transition_refused` with `current`.',
    params: MeasurePathSchema, body: LiftMeasureRequestSchema,
    responses: {
      200: { description: 'Lifted', body: MeasureResponseSchema },
      202: { description: 'Asked for: a second person confirms by calling the same route or POST /v1/approvals/{approvalId}/approve', body: z.object({ approval: ApprovalSchema }) },
    },
    errors: [404, 409, 503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  listReviewsDue: {
    ...read, method: 'GET', path: '/v1/reviews-due', list: true,
    summary: 'Customers whose re-rating is late under the active policy\'s cadence, most late first',
    query: ReviewsDueQuerySchema,
    responses: { 200: { description: 'One page of reviews due', body: ReviewsDuePageSchema } },
  },
});
