import { profilePortfolio } from '../../shared/adapters/dynamodb/portfolio-scan.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { AlertPagePositionSchema } from '../../shared/adapters/dynamodb/alert-store.js';
import type { AlertAction } from '../../shared/domain/alerts/alert-lifecycle.js';
import { listReviewsDue } from '../../shared/domain/alerts/reviews-due.js';
import { actorRef } from '../../shared/domain/auth/principal.js';
import { alertServices } from '../../shared/lambda/alert-services.js';
import { auditTrail } from '../../shared/lambda/audit-trail.js';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { env } from '../../shared/lambda/env.js';
import { httpFunction } from '../../shared/lambda/http.js';
import { hubSigningKey } from '../../shared/lambda/signing-key.js';
import { caseServices } from '../../shared/lambda/case-services.js';
import { DisputePagePositionSchema } from '../../shared/adapters/dynamodb/dispute-store.js';
import { IncidentPagePositionSchema } from '../../shared/adapters/dynamodb/incident-store.js';
import { incidentMarkdown } from '../../shared/domain/incidents/incident.js';
import { disputeRoutes } from './dispute-routes.js';
import { incidentRoutes } from './incident-routes.js';
import { trustServices } from '../../shared/lambda/trust.js';
import { alertRoutes } from './routes.js';
import type { AlertTransitionRequest } from './schema.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = runtimeClock;
const audit = auditTrail(table, clock);
const { store, alerts, activePolicy } = alertServices({ table, clock, audit });
const { disputes, incidents } = caseServices({ table, clock, audit });
// Lifting a policy or default measure goes through the approval primitive (measure.lift).
const { measures } = trustServices({ table, clock, audit });
const reviewsDue = listReviewsDue({ portfolio: profilePortfolio(table, { segments: 2 }), alerts: store, cadence: async () => (await activePolicy()).cadence, clock });

const ACTIONS = { acknowledged: 'acknowledge', snoozed: 'snooze', resolved: 'resolve', false_positive: 'false_positive' } as const;
/** `{ to, until?, note? }` as the lifecycle's action. */
const actionOf = ({ to, ...rest }: AlertTransitionRequest): AlertAction => ({ action: ACTIONS[to], ...rest }) as AlertAction;

export const handler = httpFunction({ ...alertRoutes, ...disputeRoutes, ...incidentRoutes }, {
  listLifecycleAlerts: async ({ query, page }) => {
    const after = page.after === undefined ? undefined : AlertPagePositionSchema.parse(page.after);
    const { alerts: rows, next } = await store.page(query, page.limit, after);
    return { status: 200, body: { alerts: rows, nextCursor: null, next: null }, ...(next ? { next } : {}) };
  },
  getAlert: async ({ params }) => ({ status: 200, body: { alert: await alerts.get(params.alertId) } }),
  assignAlert: async ({ params, body, principal }) => ({ status: 200, body: { alert: await alerts.assign(params.alertId, `person:${body.assignee}`, actorRef(principal)) } }),
  commentAlert: async ({ params, body, principal }) => ({ status: 200, body: { alert: await alerts.comment(params.alertId, body.text, actorRef(principal)) } }),
  transitionAlert: async ({ params, body, principal }) => ({ status: 200, body: { alert: await alerts.transition(params.alertId, actionOf(body), actorRef(principal)) } }),
  takeMeasure: async ({ params, body, principal }) => {
    const { measure, profile } = await measures.take(params.customerId, { ...body, origin: 'manual', takenBy: actorRef(principal) });
    return { status: 201, body: { measure, ...(profile.restrictions ? { restrictions: profile.restrictions } : {}) } };
  },
  listCustomerMeasures: async ({ params }) => {
    const list = await measures.list(params.customerId);
    return { status: 200, body: { measures: list, restrictions: (await measures.profile(params.customerId)).restrictions ?? null } };
  },
  getMeasure: async ({ params }) => ({ status: 200, body: { measure: await measures.get(params.measureId) } }),
  liftMeasure: async ({ params, body, principal }) => {
    const outcome = await measures.lift(params.measureId, body.reason, principal);
    return outcome.executed ? { status: 200, body: { measure: outcome.measure } } : { status: 202, body: { approval: outcome.approval } };
  },
  listReviewsDue: async ({ query, page }) => {
    const offset = typeof page.after === 'number' ? page.after : 0;
    const due = await reviewsDue(query.graceHours);
    const end = offset + page.limit;
    return { status: 200, body: { reviews: due.slice(offset, end), nextCursor: null, next: null }, ...(end < due.length ? { next: end } : {}) };
  },
  openDispute: async ({ body, principal }) => ({ status: 201, body: { dispute: (await disputes.open(body, { ref: actorRef(principal), principal })).dispute } }),
  listDisputes: async ({ query, page }) => {
    const { overdue, ...filter } = query;
    const after = page.after === undefined ? undefined : DisputePagePositionSchema.parse(page.after);
    const { disputes: rows, next } = await disputes.page({ ...filter, ...(overdue === 'true' ? { overdueAt: clock.now().toISOString() } : {}) }, page.limit, after);
    return { status: 200, body: { disputes: rows, nextCursor: null, next: null }, ...(next ? { next } : {}) };
  },
  getDispute: async ({ params }) => ({ status: 200, body: { dispute: await disputes.get(params.disputeId) } }),
  transitionDispute: async ({ params, body, principal }) => {
    const { note, ...command } = body;
    const outcome = await disputes.transition(params.disputeId, command, principal, note);
    return outcome.executed || !outcome.approval ? { status: 200, body: { dispute: outcome.dispute } } : { status: 202, body: { dispute: outcome.dispute, approval: outcome.approval } };
  },
  commentDispute: async ({ params, body, principal }) => ({ status: 200, body: { dispute: await disputes.comment(params.disputeId, body.text, actorRef(principal)) } }),
  openIncident: async ({ body, principal }) => ({ status: 201, body: { incident: await incidents.open(body, principal) } }),
  listIncidents: async ({ query, page }) => {
    const after = page.after === undefined ? undefined : IncidentPagePositionSchema.parse(page.after);
    const { incidents: rows, next } = await incidents.page(query, page.limit, after);
    return { status: 200, body: { incidents: rows, nextCursor: null, next: null }, ...(next ? { next } : {}) };
  },
  getIncident: async ({ params }) => ({ status: 200, body: { incident: await incidents.get(params.incidentId) } }),
  updateIncident: async ({ params, body, principal }) => ({ status: 200, body: { incident: await incidents.update(params.incidentId, body, principal) } }),
  transitionIncident: async ({ params, body, principal }) => {
    const outcome = await incidents.transition(params.incidentId, body.to, principal);
    return outcome.executed || !outcome.approval ? { status: 200, body: { incident: outcome.incident } } : { status: 202, body: { incident: outcome.incident, approval: outcome.approval } };
  },
  exportIncident: async ({ params }) => ({ status: 200, body: incidentMarkdown(await incidents.get(params.incidentId)) }),
}, { signingKey: hubSigningKey });
