import { z } from 'zod';
import { BureauIdSchema, BureauSummarySchema } from '../credit/credit-summary.js';
import { MeasureRecordSchema, RestrictionsSchema } from '../measures/measures.js';
import { MoneySchema } from '../money.js';
import { CustomerProfileSchema, FreezeSchema, PartnerAssessmentSummarySchema } from '../profile/customer-profile.js';
import { LimitFactorSchema, ReasonCodeSchema, RatingResultSchema } from '../rating/rating-result.js';
import { EventEnvelopeSchema } from './envelope.js';
import { AssessmentConflictSchema } from '../partners/assessment-conflict.js';

/**
 * Versioned event types. Each entry is the schema of `data` for one (type, version).
 * Subscriptions name event types from this list; anything else is refused.
 * Capabilities add their types here; docs/events/*.json is generated from it
 * (`npx tsx scripts/export-event-schemas.ts`). A breaking change to `data` is a new version.
 */
const profileShape = CustomerProfileSchema.shape;
export const CustomerUpdatedV1Schema = z.object({
  profile: z.object({
    customerId: profileShape.customerId,
    kind: profileShape.kind,
    /** Pending stubs publish nothing, so an event never carries `pending`. */
    status: z.enum(['active', 'merged']),
    fields: profileShape.fields,
    identifiers: profileShape.identifiers,
    version: profileShape.version,
    updatedAt: profileShape.updatedAt,
  }),
  changedFields: z.array(z.string()),
});

/** The rating as published: the decision and its reasons, not the inputs. */
export const RatingSnapshotSchema = RatingResultSchema.pick({
  status: true,
  policyVersion: true,
  score: true,
  grade: true,
  pd: true,
  reasons: true,
  ratedAt: true,
});

export const RatingChangedV1Schema = z.object({
  /** Absent for a customer's first rating. */
  previous: RatingSnapshotSchema.optional(),
  current: RatingSnapshotSchema,
  /** Which of score, grade, pd, status, policyVersion differ from `previous`. */
  changed: z.array(z.enum(['status', 'score', 'grade', 'pd', 'policyVersion'])),
});

export const LimitSnapshotSchema = z.object({
  recommended: MoneySchema,
  factors: z.array(LimitFactorSchema),
  policyVersion: z.number().int().positive(),
});

export const LimitChangedV1Schema = z.object({
  previous: LimitSnapshotSchema.optional(),
  current: LimitSnapshotSchema,
  /** Why the limit moved, most important first. */
  reasons: z.array(ReasonCodeSchema).max(4),
});

export const AlertRaisedV1Schema = z.object({
  alertId: z.string(),
  rule: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  /** Human-readable, free of personal data. */
  message: z.string(),
  /** Emergency measures the policy applied, e.g. `freeze_new_orders`, `reduce_limit`. */
  measures: z.array(z.string()),
  policyVersion: z.number().int().positive().optional(),
  raisedAt: z.iso.datetime({ offset: true }),
});

/** An alert moved in its lifecycle (acknowledged, snoozed, woken, resolved, false positive), was assigned or commented. */
export const AlertTransitionedV1Schema = z.object({
  alertId: z.string(),
  rule: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  change: z.enum(['acknowledge', 'snooze', 'wake', 'resolve', 'false_positive', 'assign', 'comment']),
  from: z.string(),
  to: z.string(),
  by: z.string(),
  assignee: z.string().optional(),
  at: z.iso.datetime({ offset: true }),
});

/** An alert passed an SLA due time (level 1: not acknowledged in time; level 2: not resolved in time). */
export const AlertEscalatedV1Schema = z.object({
  alertId: z.string(),
  rule: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  level: z.number().int().min(1).max(2),
  status: z.string(),
  assignee: z.string().optional(),
  dueAt: z.iso.datetime({ offset: true }),
  at: z.iso.datetime({ offset: true }),
});

export const CustomerFrozenV1Schema = FreezeSchema.extend({
  alertId: z.string().optional(),
});

/**
 * An emergency measure was taken, lifted or expired (docs/operations.md#emergency-measures): the measure
 * as it now stands and the customer's combined restrictions after the change. Reasons are free text for
 * the risk team, without personal data.
 */
export const MeasureEventV1Schema = MeasureRecordSchema.omit({ version: true, drill: true, incidentId: true }).extend({
  restrictions: RestrictionsSchema.describe('The combined effect of all active measures after this change'),
});

export const CustomerUnfrozenV1Schema = z.object({
  reason: z.string(),
  unfrozenAt: z.iso.datetime({ offset: true }),
  by: z.string(),
});

/** A bureau report arrived and was normalised. Summary only: the raw bureau payload is never published. */
export const CreditReportReceivedV1Schema = z.object({
  bureau: BureauIdSchema,
  reportId: z.string(),
  summary: BureauSummarySchema,
});

/** A webhook endpoint was switched off automatically. Carries no URL or secret. */
export const EndpointDisabledV1Schema = z.object({
  subscriptionId: z.string(),
  reason: z.enum(['gone', 'sustained_failure']),
  disabledAt: z.iso.datetime({ offset: true }),
  failingSince: z.iso.datetime({ offset: true }).optional(),
  consecutiveFailures: z.number().int().nonnegative(),
  exhaustedCount: z.number().int().nonnegative(),
});

export const AssessmentSubmittedV1Schema = PartnerAssessmentSummarySchema;

/** A partner assessment disagrees with another partner's or the hub's own rating beyond the policy's threshold (ids and PDs only). */
export const AssessmentConflictDetectedV1Schema = AssessmentConflictSchema;

/** Orders, invoices or payments from a CRM changed a customer's aggregates (ids only, no amounts of other records). */
export const CustomerActivityV1Schema = z.object({
  source: z.string(),
  objectType: z.enum(['order', 'invoice', 'payment']),
  externalId: z.string(),
  aggregates: CustomerProfileSchema.shape.aggregates,
});

/** A four-eyes approval changed state (ids and refs only: `person:<id>`, never names). */
export const ApprovalEventV1Schema = z.object({
  approvalId: z.string(),
  action: z.string().describe('policy.approve, policy.activate, policy.rollback, freeze.lift, role.grant, key.issue, agreement.create, agreement.widen, subscription.create, dispute.resolve, incident.close, measure.lift, subscription.widen, crm_connection.create, crm_connection.widen'),
  target: z.string().describe('What the action is about, e.g. policy:2, customer:acme-001'),
  status: z.enum(['pending', 'granted', 'rejected', 'expired']),
  maker: z.string(),
  checkers: z.array(z.string()),
  quorum: z.number().int().min(1),
  expiresAt: z.iso.datetime({ offset: true }),
});

export const BreakGlassUsedV1Schema = z.object({
  incident: z.string().describe('The incident id the operator named (`rb keys create-admin --break-glass <incident>`)'),
  keyId: z.string().describe('The break-glass key: every step made with it is audited under this id'),
  expiresAt: z.iso.datetime({ offset: true }),
  usedAt: z.iso.datetime({ offset: true }),
});

/** Live scores of a policy drifted from its training (or backtest) distribution: PSI above the threshold. */
export const RatingDriftDetectedV1Schema = z.object({
  policyVersion: z.number().int().positive(),
  psi: z.number(),
  threshold: z.number(),
  customers: z.number().int().nonnegative(),
  baselineSource: z.enum(['training', 'backtest']).describe('training: the distribution stored by training; backtest: no training distribution, the backtest baseline'),
  checkedAt: z.iso.datetime({ offset: true }),
});

/** A dispute changed (ids and codes only: never the reason or comments, which may carry personal data). */
export const DisputeEventV1Schema = z.object({
  disputeId: z.string(),
  subject: z.object({ type: z.enum(['invoice', 'bureau_item', 'rating', 'assessment']), id: z.string(), customerId: z.string() }),
  status: z.enum(['open', 'under_review', 'resolved']),
  from: z.enum(['open', 'under_review', 'resolved']).optional(),
  outcome: z.enum(['upheld', 'rejected', 'withdrawn', 'corrected']).optional().describe('upheld: the item does not stand; rejected / withdrawn: the debt stands; corrected: the corrected record counts'),
  by: z.string().describe('person:<id>, key:<id>, service:<id> or crm:<crm>:<connectionId>'),
  approvedBy: z.string().optional().describe('The second person who completed a resolution'),
  dueAt: z.iso.datetime({ offset: true }),
  complianceConditionCode: z.string().optional().describe('Metro 2 compliance condition code of a disputed bureau item'),
  at: z.iso.datetime({ offset: true }),
});

export const eventCatalogue = {
  'customer.updated': { version: 1, data: CustomerUpdatedV1Schema, description: 'A customer profile was created or changed.' },
  'rating.changed': { version: 1, data: RatingChangedV1Schema, description: "A customer's rating (score, grade, PD or status) changed." },
  'limit.changed': { version: 1, data: LimitChangedV1Schema, description: "A customer's recommended credit limit changed." },
  'alert.raised': { version: 1, data: AlertRaisedV1Schema, description: 'A risk alert rule fired for a customer.' },
  'alert.transitioned': { version: 1, data: AlertTransitionedV1Schema, description: 'An alert was acknowledged, snoozed, woken, resolved, marked a false positive, assigned or commented.' },
  'alert.escalated': { version: 1, data: AlertEscalatedV1Schema, description: 'An alert passed its acknowledge or resolve due time (SLA by severity).' },
  'customer.frozen': { version: 1, data: CustomerFrozenV1Schema, description: 'A customer was frozen (no new credit).' },
  'customer.unfrozen': { version: 1, data: CustomerUnfrozenV1Schema, description: 'A freeze on a customer was lifted.' },
  'measure.taken': { version: 1, data: MeasureEventV1Schema, description: 'An emergency measure was taken on a customer (by a person, an alert rule of the policy, or the default definition).' },
  'measure.lifted': { version: 1, data: MeasureEventV1Schema, description: 'An emergency measure was lifted (a policy or default one by a second person).' },
  'measure.expired': { version: 1, data: MeasureEventV1Schema, description: 'An emergency measure reached its expiry and was lifted by the sweep.' },
  'credit_report.received': { version: 1, data: CreditReportReceivedV1Schema, description: 'A bureau report was received and normalised (summary only).' },
  'endpoint.disabled': { version: 1, data: EndpointDisabledV1Schema, description: 'A webhook endpoint was disabled after sustained failure or 410 Gone (admin alert).' },
  'assessment.submitted': { version: 1, data: AssessmentSubmittedV1Schema, description: 'A partner agency submitted a risk assessment.' },
  'assessment.conflict_detected': { version: 1, data: AssessmentConflictDetectedV1Schema, description: "A partner assessment disagrees with another partner's or the hub's own rating beyond the policy's partners.conflictThreshold; the profile is flagged." },
  'customer.activity': { version: 1, data: CustomerActivityV1Schema, description: 'A CRM order, invoice or payment changed the customer\'s aggregates.' },
  'approval.requested': { version: 1, data: ApprovalEventV1Schema, description: 'A four-eyes approval was asked for.' },
  'approval.granted': { version: 1, data: ApprovalEventV1Schema, description: 'A four-eyes approval reached its quorum; the action runs.' },
  'approval.rejected': { version: 1, data: ApprovalEventV1Schema, description: 'A four-eyes approval was rejected (or withdrawn by its maker).' },
  'approval.expired': { version: 1, data: ApprovalEventV1Schema, description: 'A four-eyes approval lapsed without a decision.' },
  'security.break_glass_used': { version: 1, data: BreakGlassUsedV1Schema, description: 'A break-glass admin key was created (every admin locked out): a security alert; the key lives one hour.' },
  'rating.drift_detected': { version: 1, data: RatingDriftDetectedV1Schema, description: "The PSI of a policy's live scores against its training distribution rose above 0.25." },
  'dispute.opened': { version: 1, data: DisputeEventV1Schema, description: 'A dispute on an invoice, bureau item, rating or assessment was opened (a disputed invoice leaves the delinquency features).' },
  'dispute.transitioned': { version: 1, data: DisputeEventV1Schema, description: 'A dispute moved to under review.' },
  'dispute.resolved': { version: 1, data: DisputeEventV1Schema, description: 'A dispute was resolved by two people (upheld, rejected, withdrawn or corrected).' },
} as const satisfies Record<string, { version: number; data: z.ZodObject; description: string }>;

export type EventType = keyof typeof eventCatalogue;
export const EVENT_TYPES = Object.keys(eventCatalogue) as EventType[];
export const EventTypeSchema = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);
export type EventData<T extends EventType> = z.infer<(typeof eventCatalogue)[T]['data']>;

/**
 * The full envelope schema of one event type: type and version fixed, `data` typed. Used to
 * export JSON Schemas and to parse events of a known type.
 * @example envelopeSchemaFor('rating.changed').parse(body)
 */
export const envelopeSchemaFor = <T extends EventType>(type: T) => {
  const entry: (typeof eventCatalogue)[T] = eventCatalogue[type];
  const data: (typeof eventCatalogue)[T]['data'] = entry.data;
  return EventEnvelopeSchema.extend({ type: z.literal(type), version: z.literal(entry.version), data });
};

/** Validates an envelope's `data` against the catalogue entry its type and version name. */
export const EventEnvelopeOfCatalogueSchema = EventEnvelopeSchema.superRefine((envelope, ctx) => {
  const entry = (eventCatalogue as Record<string, { version: number; data: z.ZodType } | undefined>)[envelope.type];
  if (!entry || entry.version !== envelope.version) {
    ctx.addIssue({ code: 'custom', path: ['type'], message: `unknown event type ${envelope.type} v${envelope.version}` });
    return;
  }
  const result = entry.data.safeParse(envelope.data);
  if (!result.success) {
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', path: ['data', ...issue.path], message: issue.message });
  }
});
