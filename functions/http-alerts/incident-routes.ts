import { z } from 'zod';
import { defineRoutes } from '../../shared/lambda/http-route.js';
import {
  IncidentCloseAskedSchema,
  IncidentListQuerySchema,
  IncidentPageSchema,
  IncidentPathSchema,
  IncidentResponseSchema,
  IncidentTransitionRequestSchema,
  OpenIncidentSchema,
  UpdateIncidentSchema,
} from './incident-schema.js';

// The alert scopes cover post-incident reviews: analysts and approvers act (alerts:manage), auditors read.
const read = { auth: 'apiKey', roles: ['admin'], scope: 'alerts:read', tag: 'Post-incident reviews' } as const;
const act = { auth: 'apiKey', roles: ['admin'], scope: 'alerts:manage', tag: 'Post-incident reviews' } as const;
const changed = { 200: { description: 'The review as it now stands', body: IncidentResponseSchema } } as const;

/** Routes of post-incident reviews (served by the `http-alerts` function). */
export const incidentRoutes = defineRoutes({
  openIncident: {
    ...act, method: 'POST', path: '/v1/incidents',
    summary: 'Open a post-incident review from alerts or a drill customer',
    description: 'A draft with impact (customers, open and overdue exposure per currency) and a timeline assembled from the events of the customers and the audit entries of the alerts and customers, oldest first. Each alert then carries the review\'s `incidentId`. An unknown alert or customer is 422 at its path.',
    body: OpenIncidentSchema,
    responses: { 201: { description: 'The new review', body: IncidentResponseSchema } },
  },
  listIncidents: {
    ...read, method: 'GET', path: '/v1/incidents', list: true,
    summary: 'Post-incident reviews, newest first, optionally in one state',
    query: IncidentListQuerySchema,
    responses: { 200: { description: 'One page of reviews', body: IncidentPageSchema } },
  },
  getIncident: {
    ...read, method: 'GET', path: '/v1/incidents/{incidentId}',
    summary: 'Read a post-incident review',
    params: IncidentPathSchema,
    responses: { 200: { description: 'The review', body: IncidentResponseSchema } },
    errors: [404],
  },
  updateIncident: {
    ...act, method: 'PATCH', path: '/v1/incidents/{incidentId}',
    summary: 'Change impact, root cause, contributing factors, actions, lessons (not once closed)',
    description: 'Each field given replaces the stored one. A closed review is 409 `incident_transition_refused`.',
    params: IncidentPathSchema, body: UpdateIncidentSchema,
    responses: changed,
    errors: [404, 409],
  },
  transitionIncident: {
    ...act, method: 'POST', path: '/v1/incidents/{incidentId}/transitions',
    summary: 'Move a review: in_review, back to draft, or closed (two people)',
    description: 'Allowed: `draft → in_review → closed`, `in_review → draft`. Closing takes two people: the first call asks (202 with the pending `incident.close` approval), a second person closes (200); the asker again is 409 `second_person_required`. Any other move is 409 `incident_transition_refused` with `current`.',
    params: IncidentPathSchema, body: IncidentTransitionRequestSchema,
    responses: { ...changed, 202: { description: 'Closing asked for: waiting for a second person', body: IncidentCloseAskedSchema } },
    errors: [404, 409],
  },
  exportIncident: {
    ...read, method: 'GET', path: '/v1/incidents/{incidentId}/export.md',
    summary: 'The review as a Markdown document',
    params: IncidentPathSchema,
    responses: { 200: { description: 'Markdown', body: z.string(), mediaType: 'text/markdown' } },
    errors: [404],
  },
});
