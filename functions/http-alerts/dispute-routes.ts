import { defineRoutes, UNEXERCISED } from '../../shared/lambda/http-route.js';
import {
  DisputeCommentSchema,
  DisputeListQuerySchema,
  DisputePageSchema,
  DisputePathSchema,
  DisputeResolutionAskedSchema,
  DisputeResponseSchema,
  DisputeTransitionRequestSchema,
  OpenDisputeSchema,
} from './dispute-schema.js';

// The alert scopes cover disputes: analysts and approvers act (alerts:manage), auditors read.
const read = { auth: 'apiKey', roles: ['admin'], scope: 'alerts:read', tag: 'Disputes' } as const;
const act = { auth: 'apiKey', roles: ['admin'], scope: 'alerts:manage', tag: 'Disputes' } as const;

/** Routes of disputes (served by the `http-alerts` function): open, list, read, transitions, comments. */
export const disputeRoutes = defineRoutes({
  openDispute: {
    ...act, method: 'POST', path: '/v1/disputes',
    summary: 'Open a dispute on an invoice, a bureau item, a rating or a partner assessment',
    description: 'Due `disputes.slaHours` (default 720) after opening. A disputed invoice leaves the delinquency features while the dispute is open (policy `disputes.excludeDisputedInvoices`) and the customer is re-rated. A subject with a dispute still open is 409 `dispute_already_open`; an unknown customer or assessment 422.',
    body: OpenDisputeSchema,
    responses: { 201: { description: 'The new dispute', body: DisputeResponseSchema } },
    errors: [409],
  },
  listDisputes: {
    ...read, method: 'GET', path: '/v1/disputes', list: true,
    summary: 'Disputes, newest first, filtered by status, subject type, customer, overdue',
    query: DisputeListQuerySchema,
    responses: { 200: { description: 'One page of disputes', body: DisputePageSchema } },
  },
  getDispute: {
    ...read, method: 'GET', path: '/v1/disputes/{disputeId}',
    summary: 'Read a dispute: subject, state, outcome, due time, comments, history',
    params: DisputePathSchema,
    responses: { 200: { description: 'The dispute', body: DisputeResponseSchema } },
    errors: [404],
  },
  transitionDispute: {
    ...act, method: 'POST', path: '/v1/disputes/{disputeId}/transitions',
    summary: 'Move a dispute: under_review, or resolved with an outcome (two people)',
    description: 'Allowed: `open → under_review → resolved`. Resolving takes two people: the first call asks (202 with the pending `dispute.resolve` approval), a second person calling with the same outcome resolves it (200). The person who asked, again: 409 `second_person_required`. A key that belongs to no person cannot be the second: 403. Any other move (or another outcome than the one asked for) is 409 `dispute_transition_refused` with `current`.',
    params: DisputePathSchema, body: DisputeTransitionRequestSchema,
    responses: {
      200: { description: 'The dispute as it now stands', body: DisputeResponseSchema },
      202: { description: 'Resolution asked for: waiting for a second person', body: DisputeResolutionAskedSchema },
    },
    errors: [403, 404, 409],
  },
  commentDispute: {
    ...act, method: 'POST', path: '/v1/disputes/{disputeId}/comments',
    summary: 'Add a comment to a dispute',
    params: DisputePathSchema, body: DisputeCommentSchema,
    responses: { 200: { description: 'The dispute as it now stands', body: DisputeResponseSchema } },
    errors: [404, 409],
    unexercised: { 409: UNEXERCISED.versionConflict },
  },
});
