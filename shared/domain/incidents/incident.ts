import { z } from 'zod';
import { DomainError } from '../errors.js';

/**
 * Post-incident reviews (issue 12): opened from alerts or a default drill, with a timeline the hub
 * assembles from the events and audit entries of the linked alerts and customers. Lifecycle
 * `draft → in_review → closed` (`in_review → draft` to rework); closing takes a second person.
 */
export const IncidentStatusSchema = z.enum(['draft', 'in_review', 'closed']);
export type IncidentStatus = z.infer<typeof IncidentStatusSchema>;

const at = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

export const IncidentActionSchema = z.strictObject({
  action: text(500),
  owner: z.string().trim().min(1).max(200).describe('Who does it, e.g. `person:li-wei` or a team name'),
  due: z.iso.date().describe('Due date (YYYY-MM-DD)'),
  status: z.enum(['open', 'done', 'dropped']).default('open'),
});

export const IncidentImpactSchema = z.strictObject({
  customers: z.array(z.string().min(1).max(300)).max(1000),
  /** Open exposure of those customers when the review was opened, per currency (minor units). */
  exposure: z.array(z.strictObject({ currency: z.string().regex(/^[A-Z]{3}$/), openMinor: z.number().int(), overdueMinor: z.number().int() })).max(50),
});

/** One timeline entry: what happened, when, by whom; ids and types only (no payloads, no personal data). */
export const TimelineEntrySchema = z.strictObject({
  at,
  source: z.enum(['event', 'audit']),
  /** Event type (`alert.raised`, `rating.changed` …) or audit action (`alert.acknowledge` …). */
  type: z.string(),
  /** The event id or `<chain>:<seq>` of the audit entry. */
  ref: z.string(),
  customerId: z.string().optional(),
  target: z.string().optional(),
  actor: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const IncidentRecordSchema = z.strictObject({
  incidentId: z.string().regex(/^inc_[0-9A-Z]{26}$/),
  title: text(200),
  alertIds: z.array(z.string()).max(100),
  /** Customer of the default drill the review was opened from. */
  drillCustomerId: z.string().optional(),
  status: IncidentStatusSchema,
  impact: IncidentImpactSchema,
  rootCause: text(5000).optional(),
  contributingFactors: z.array(text(1000)).max(50),
  actions: z.array(IncidentActionSchema).max(100),
  lessons: text(5000).optional(),
  timeline: z.array(TimelineEntrySchema).max(1000),
  createdBy: z.string(),
  createdAt: at,
  updatedAt: at,
  closedAt: at.optional(),
  pendingClose: z.strictObject({ approvalId: z.string(), by: z.string(), at }).optional(),
  history: z.array(z.strictObject({ from: IncidentStatusSchema.optional(), to: IncidentStatusSchema, at, by: z.string(), approvedBy: z.string().optional() })),
  version: z.number().int().positive(),
});
export type IncidentRecord = z.infer<typeof IncidentRecordSchema>;

export const INCIDENT_ALLOWED: Record<IncidentStatus, readonly IncidentStatus[]> = {
  draft: ['in_review'],
  in_review: ['draft', 'closed'],
  closed: [],
};

/** A move or change the review's state does not allow (HTTP 409 `incident_transition_refused`). */
export class IncidentTransitionError extends DomainError {
  constructor(incident: IncidentRecord, why: string) {
    const current = { incidentId: incident.incidentId, status: incident.status, allowed: INCIDENT_ALLOWED[incident.status] };
    super('incident_transition_refused', `A review that is ${incident.status} cannot ${why}`, { retryable: false, details: { current } });
  }
}

/** Moves a review one step (pure); closing is completed by {@link closeIncident}. */
export const moveIncident = (incident: IncidentRecord, to: 'draft' | 'in_review', by: string, now: Date): IncidentRecord => {
  if (!INCIDENT_ALLOWED[incident.status].includes(to)) throw new IncidentTransitionError(incident, `move to ${to}`);
  const { pendingClose: _p, ...rest } = incident;
  return { ...rest, status: to, updatedAt: now.toISOString(), history: [...incident.history, { from: incident.status, to, at: now.toISOString(), by }], version: incident.version + 1 };
};

/** Closes a review a second person approved (pure). */
export const closeIncident = (incident: IncidentRecord, askedBy: string, approvedBy: string, now: Date): IncidentRecord => {
  if (!INCIDENT_ALLOWED[incident.status].includes('closed')) throw new IncidentTransitionError(incident, 'be closed');
  const { pendingClose: _p, ...rest } = incident;
  return { ...rest, status: 'closed', closedAt: now.toISOString(), updatedAt: now.toISOString(), history: [...incident.history, { from: incident.status, to: 'closed', at: now.toISOString(), by: askedBy, approvedBy }], version: incident.version + 1 };
};

/**
 * The timeline of a review: events and audit entries merged, oldest first (ties by source, then
 * ref, so the order is stable), each entry once.
 */
export const assembleTimeline = (
  events: ReadonlyArray<{ id: string; type: string; occurredAt: string; customerId?: string }>,
  audit: ReadonlyArray<{ chain: string; seq: number; at: string; action: string; actor: string; target: string }>,
  limit = 1000,
): TimelineEntry[] => {
  const entries = new Map<string, TimelineEntry>();
  for (const e of events) entries.set(`event:${e.id}`, { at: e.occurredAt, source: 'event', type: e.type, ref: e.id, ...(e.customerId ? { customerId: e.customerId } : {}) });
  for (const a of audit) entries.set(`audit:${a.chain}:${a.seq}`, { at: a.at, source: 'audit', type: a.action, ref: `${a.chain}:${a.seq}`, target: a.target, actor: a.actor });
  return [...entries.values()]
    .sort((x, y) => Date.parse(x.at) - Date.parse(y.at) || (x.source < y.source ? -1 : x.source > y.source ? 1 : 0) || (x.ref < y.ref ? -1 : x.ref > y.ref ? 1 : 0))
    .slice(0, limit);
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The review as a Markdown document (for the post-mortem archive). */
export const incidentMarkdown = (i: IncidentRecord): string => {
  const lines = [
    `# Post-incident review ${i.incidentId}: ${cell(i.title)}`,
    '',
    `- Status: ${i.status}${i.closedAt ? ` (closed ${i.closedAt})` : ''}`,
    `- Opened: ${i.createdAt} by ${i.createdBy}`,
    `- Alerts: ${i.alertIds.length > 0 ? i.alertIds.join(', ') : 'none'}${i.drillCustomerId ? `; drill on ${i.drillCustomerId}` : ''}`,
    '',
    '## Impact',
    '',
    `- Customers (${i.impact.customers.length}): ${i.impact.customers.join(', ') || 'none'}`,
    ...i.impact.exposure.map((x) => `- Exposure ${x.currency}: open ${(x.openMinor / 100).toFixed(2)}, overdue ${(x.overdueMinor / 100).toFixed(2)}`),
    '',
    '## Timeline',
    '',
    '| time | source | what | ref | customer / target | by |',
    '|---|---|---|---|---|---|',
    ...i.timeline.map((e) => `| ${e.at} | ${e.source} | ${cell(e.type)} | ${cell(e.ref)} | ${cell(e.customerId ?? e.target ?? '')} | ${cell(e.actor ?? '')} |`),
    '',
    '## Root cause',
    '',
    i.rootCause ?? '_not yet known_',
    '',
    '## Contributing factors',
    '',
    ...(i.contributingFactors.length > 0 ? i.contributingFactors.map((f) => `- ${f}`) : ['_none recorded_']),
    '',
    '## Actions',
    '',
    '| action | owner | due | status |',
    '|---|---|---|---|',
    ...i.actions.map((a) => `| ${cell(a.action)} | ${cell(a.owner)} | ${a.due} | ${a.status} |`),
    '',
    '## Lessons',
    '',
    i.lessons ?? '_none recorded_',
    '',
  ];
  return lines.join('\n');
};
