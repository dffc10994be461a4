import { ulid } from 'ulid';
import type { AlertRecord } from '../alerts/alert-lifecycle.js';
import type { Approval } from '../approvals/approval.js';
import type { ManageApprovals } from '../approvals/manage-approvals.js';
import type { AuditEntry, AuditInput } from '../audit/audit-chain.js';
import { actorRef, type Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { EventEnvelope } from '../events/envelope.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { SecondPersonRequiredError } from '../disputes/dispute.js';
import { assembleTimeline, closeIncident, IncidentTransitionError, moveIncident, type IncidentRecord, type IncidentStatus } from './incident.js';

/** Port of the incident store (shared/adapters/dynamodb/incident-store.ts). */
export interface IncidentRepository {
  get(incidentId: string): Promise<IncidentRecord | undefined>;
  /** Writes `next` if the stored version is `expectedVersion` (0 = new); ConflictError otherwise. */
  save(next: IncidentRecord, expectedVersion: number): Promise<void>;
  page(filter: { status?: IncidentStatus }, limit: number, after?: Record<string, string>): Promise<{ incidents: IncidentRecord[]; next?: Record<string, string> }>;
}

export interface IncidentDeps {
  incidents: IncidentRepository;
  alerts: { get(alertId: string): Promise<AlertRecord | undefined>; save(next: AlertRecord): Promise<void> };
  profiles: { get(customerId: string): Promise<CustomerProfile | undefined> };
  events: { listForCustomer(customerId: string, options?: { limit?: number }): Promise<EventEnvelope[]> };
  auditLog: { list(query: { since?: string; object?: string }, page: { limit: number }): Promise<{ entries: AuditEntry[] }> };
  approvals: Pick<ManageApprovals, 'request' | 'approve' | 'get'>;
  audit: { append(input: AuditInput): Promise<unknown> };
  clock: Clock;
}

export type IncidentChanges = Partial<Pick<IncidentRecord, 'title' | 'impact' | 'rootCause' | 'contributingFactors' | 'actions' | 'lessons'>>;

/** How far before the first alert the timeline starts. */
const LEAD_MS = 7 * 86_400_000;

/**
 * Post-incident reviews over a store: open from alerts (each alert then names the review) or a
 * drill customer, with impact and timeline assembled from the customers' events and the audit
 * entries of the alerts and customers; edit (not once closed), move, and close with a second person.
 */
export const manageIncidents = ({ incidents, alerts, profiles, events, auditLog, approvals, audit, clock }: IncidentDeps) => {
  const load = async (incidentId: string) => {
    const i = await incidents.get(incidentId);
    if (!i) throw new NotFoundError(`Incident ${incidentId}`);
    return i;
  };

  const timelineOf = async (linked: AlertRecord[], customers: string[], since: string) => {
    const targets = [...linked.map((a) => `alert:${a.alertId}`), ...customers.map((c) => `customer:${c}`)];
    const [eventLists, auditLists] = await Promise.all([
      Promise.all(customers.map((c) => events.listForCustomer(c, { limit: 500 }))),
      Promise.all(targets.map(async (object) => (await auditLog.list({ since, object }, { limit: 500 })).entries)),
    ]);
    const recent = eventLists.flat().filter((e) => e.occurredAt >= since);
    return assembleTimeline(recent, auditLists.flat());
  };

  const impactOf = async (customers: string[]) => {
    const byCurrency = new Map<string, { openMinor: number; overdueMinor: number }>();
    for (const c of customers) {
      const p = await profiles.get(c);
      const currency = p?.aggregates.currency;
      if (!p || !currency) continue;
      const sum = byCurrency.get(currency) ?? { openMinor: 0, overdueMinor: 0 };
      sum.openMinor += p.aggregates.exposure.openMinor;
      sum.overdueMinor += p.aggregates.exposure.overdueMinor;
      byCurrency.set(currency, sum);
    }
    return { customers, exposure: [...byCurrency].map(([currency, s]) => ({ currency, ...s })) };
  };

  return {
    /** Opens a review (draft) from alerts and/or a drill customer; unknown alerts or customers are 422 at their path. */
    async open(input: { title: string; alertIds: string[]; drillCustomerId?: string }, principal: Principal): Promise<IncidentRecord> {
      const linked: AlertRecord[] = [];
      for (const [i, alertId] of input.alertIds.entries()) {
        const alert = await alerts.get(alertId);
        if (!alert) throw new ValidationError('The review names an unknown alert', [{ path: `alertIds[${i}]`, message: 'no alert with this id', code: 'unknown_alert' }]);
        linked.push(alert);
      }
      if (input.drillCustomerId !== undefined && !(await profiles.get(input.drillCustomerId))) {
        throw new ValidationError('The review names an unknown drill customer', [{ path: 'drillCustomerId', message: 'no customer with this id', code: 'unknown_customer' }]);
      }
      const now = clock.now();
      const customers = [...new Set([...linked.map((a) => a.customerId), ...(input.drillCustomerId ? [input.drillCustomerId] : [])])];
      const first = Math.min(now.getTime(), ...linked.map((a) => Date.parse(a.raisedAt)));
      const by = actorRef(principal);
      const incident: IncidentRecord = {
        incidentId: `inc_${ulid(now.getTime())}`,
        title: input.title,
        alertIds: linked.map((a) => a.alertId),
        ...(input.drillCustomerId ? { drillCustomerId: input.drillCustomerId } : {}),
        status: 'draft',
        impact: await impactOf(customers),
        contributingFactors: [],
        actions: [],
        timeline: await timelineOf(linked, customers, new Date(first - LEAD_MS).toISOString()),
        createdBy: by,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        history: [{ to: 'draft', at: now.toISOString(), by }],
        version: 1,
      };
      await incidents.save(incident, 0);
      for (const alert of linked) await alerts.save({ ...alert, incidentId: incident.incidentId, version: alert.version + 1 });
      await audit.append({ actor: by, action: 'incident.opened', target: `incident:${incident.incidentId}`, details: { alertIds: incident.alertIds, customers: customers.length } });
      return incident;
    },

    get: load,
    page: (filter: { status?: IncidentStatus }, limit: number, after?: Record<string, string>) => incidents.page(filter, limit, after),

    /** Changes the review's fields (draft or in review); `refreshTimeline` assembles the timeline again. */
    async update(incidentId: string, changes: IncidentChanges & { refreshTimeline?: boolean }, principal: Principal): Promise<IncidentRecord> {
      const prev = await load(incidentId);
      if (prev.status === 'closed') throw new IncidentTransitionError(prev, 'be changed');
      const { refreshTimeline, ...fields } = changes;
      let timeline = prev.timeline;
      if (refreshTimeline) {
        const linked = (await Promise.all(prev.alertIds.map((id) => alerts.get(id)))).filter((a): a is AlertRecord => a !== undefined);
        const first = Math.min(Date.parse(prev.createdAt), ...linked.map((a) => Date.parse(a.raisedAt)));
        timeline = await timelineOf(linked, prev.impact.customers, new Date(first - LEAD_MS).toISOString());
      }
      const next = { ...prev, ...fields, timeline, updatedAt: clock.now().toISOString(), version: prev.version + 1 };
      await incidents.save(next, prev.version);
      await audit.append({ actor: actorRef(principal), action: 'incident.updated', target: `incident:${incidentId}`, details: { fields: Object.keys(changes) } });
      return next;
    },

    /**
     * Moves a review. `closed` takes two people: the first call asks (approval `incident.close`;
     * `executed: false`), a different person calling again closes it; the asker again is
     * SecondPersonRequiredError (409).
     */
    async transition(incidentId: string, to: IncidentStatus, principal: Principal): Promise<{ incident: IncidentRecord; executed: boolean; approval?: Approval }> {
      const prev = await load(incidentId);
      const by = actorRef(principal);
      const now = clock.now();
      if (to !== 'closed') {
        const next = moveIncident(prev, to, by, now);
        await incidents.save(next, prev.version);
        await audit.append({ actor: by, action: `incident.${to}`, target: `incident:${incidentId}`, details: { from: prev.status } });
        return { incident: next, executed: true };
      }
      if (prev.status !== 'in_review') throw new IncidentTransitionError(prev, 'be closed');
      const pending = prev.pendingClose;
      const asked = pending ? await approvals.get(pending.approvalId) : undefined;
      if (pending && asked && (asked.status === 'pending' || asked.status === 'granted')) {
        let approvedBy = asked.checkers.at(-1)?.by;
        if (asked.status === 'pending') {
          if (pending.by === by) throw new SecondPersonRequiredError(`Closing review ${incidentId}`, { incidentId, status: prev.status, pendingClose: pending });
          const outcome = await approvals.approve(pending.approvalId, principal);
          if (outcome.approval.status !== 'granted') return { incident: prev, executed: false, approval: outcome.approval };
          approvedBy = by;
        }
        const next = closeIncident(prev, pending.by, approvedBy ?? by, now);
        await incidents.save(next, prev.version);
        await audit.append({ actor: approvedBy ?? by, action: 'incident.closed', target: `incident:${incidentId}`, details: { askedBy: pending.by } });
        return { incident: next, executed: true };
      }
      const approval = await approvals.request({ action: 'incident.close', target: `incident:${incidentId}`, summary: `Close post-incident review ${incidentId}`, payload: { incidentId } }, principal);
      const next = { ...prev, pendingClose: { approvalId: approval.approvalId, by, at: now.toISOString() }, version: prev.version + 1 };
      await incidents.save(next, prev.version);
      await audit.append({ actor: by, action: 'incident.close_requested', target: `incident:${incidentId}`, details: { approvalId: approval.approvalId } });
      return { incident: next, executed: false, approval };
    },
  };
};
export type ManageIncidents = ReturnType<typeof manageIncidents>;
