import { z } from 'zod';
import { DomainError } from '../errors.js';

/**
 * The one dispute model (issue 12): a customer (or the risk team on its behalf) contests an
 * invoice, a bureau item, a rating or a partner assessment. Lifecycle `open → under_review →
 * resolved`; resolving names an outcome and takes a second person (the approval primitive).
 */
export const DisputeSubjectTypeSchema = z.enum(['invoice', 'bureau_item', 'rating', 'assessment']);
export type DisputeSubjectType = z.infer<typeof DisputeSubjectTypeSchema>;

export const DisputeSubjectSchema = z.strictObject({
  type: DisputeSubjectTypeSchema,
  /** invoice: `<crm>:<connectionId>:<externalId>`; bureau_item: the item's id in the report; rating: the rating's `ratedAt` or inputs hash; assessment: the assessment id. */
  id: z.string().trim().min(1).max(300),
  customerId: z.string().trim().min(1).max(300),
});
export type DisputeSubject = z.infer<typeof DisputeSubjectSchema>;

export const DisputeStatusSchema = z.enum(['open', 'under_review', 'resolved']);
export type DisputeStatus = z.infer<typeof DisputeStatusSchema>;

/**
 * How a dispute ended, read from the creditor's side:
 * - `upheld`: the customer was right, the item does not stand (a disputed invoice stays out of the rating);
 * - `rejected`: the dispute fails, the debt or item stands (a disputed invoice counts again);
 * - `withdrawn`: the customer withdrew it, the debt stands (counts again);
 * - `corrected`: the source was corrected; the corrected record counts (counts again).
 */
export const DisputeOutcomeSchema = z.enum(['upheld', 'rejected', 'withdrawn', 'corrected']);
export type DisputeOutcome = z.infer<typeof DisputeOutcomeSchema>;

/** Outcomes after which a disputed invoice still stays out of the delinquency features. */
export const OUTCOMES_EXCLUDING_INVOICE: ReadonlySet<DisputeOutcome> = new Set(['upheld']);

const at = z.iso.datetime({ offset: true });
export const DisputeCommentSchema = z.strictObject({ at, by: z.string(), text: z.string().min(1).max(2000) });
export const DisputeTransitionSchema = z.strictObject({
  from: DisputeStatusSchema.optional(),
  to: DisputeStatusSchema,
  at,
  by: z.string(),
  outcome: DisputeOutcomeSchema.optional(),
  /** The person whose approval completed a resolution. */
  approvedBy: z.string().optional(),
  note: z.string().max(2000).optional(),
});

export const DisputeRecordSchema = z.strictObject({
  disputeId: z.string().regex(/^dsp_[0-9A-Za-z_-]{1,100}$/),
  subject: DisputeSubjectSchema,
  reason: z.string().min(1).max(2000),
  /** `person:<id>`, `key:<id>`, `service:<id>` or `crm:<crm>:<connectionId>`. */
  openedBy: z.string(),
  status: DisputeStatusSchema,
  outcome: DisputeOutcomeSchema.optional(),
  openedAt: at,
  /** SLA: when the dispute must be resolved (`disputes.slaHours` of the active policy). */
  dueAt: at,
  resolvedAt: at.optional(),
  /** A resolution asked for and waiting for a second person. */
  pendingResolution: z.strictObject({ approvalId: z.string(), outcome: DisputeOutcomeSchema, by: z.string(), at }).optional(),
  comments: z.array(DisputeCommentSchema).max(200),
  history: z.array(DisputeTransitionSchema),
  /** For a bureau item: its Metro 2 compliance condition code (e.g. `XB` = disputed, under investigation) for display and furnisher export. */
  complianceConditionCode: z.string().regex(/^X[A-J]$/).optional(),
  version: z.number().int().positive(),
});
export type DisputeRecord = z.infer<typeof DisputeRecordSchema>;

/** Allowed moves. Resolving always takes a second person (see manageDisputes). */
export const DISPUTE_ALLOWED: Record<DisputeStatus, readonly DisputeStatus[]> = {
  open: ['under_review'],
  under_review: ['resolved'],
  resolved: [],
};

/** A move the dispute's state does not allow (HTTP 409 `dispute_transition_refused`, `current`: its state and allowed moves). */
export class DisputeTransitionError extends DomainError {
  constructor(dispute: DisputeRecord, why: string) {
    const current = { disputeId: dispute.disputeId, status: dispute.status, allowed: DISPUTE_ALLOWED[dispute.status], ...(dispute.pendingResolution ? { pendingResolution: dispute.pendingResolution } : {}) };
    super('dispute_transition_refused', `A dispute that is ${dispute.status} cannot ${why}`, { retryable: false, details: { current } });
  }
}

/** The second-person rule: the person who asked for a resolution cannot complete it (HTTP 409 `second_person_required`). */
export class SecondPersonRequiredError extends DomainError {
  constructor(what: string, current: Record<string, unknown>) {
    super('second_person_required', `${what} needs a second person: the one who asked for it cannot complete it`, { retryable: false, details: { current } });
  }
}

/**
 * Metro 2 compliance condition code a disputed bureau item carries (Metro 2 Base Segment field 20):
 * `XB` while the dispute is open or under review (consumer disputes, under investigation), `XH`
 * when resolved with the item standing (investigation completed, consumer disagrees), `XC` when
 * the item was upheld or corrected (investigation completed, item changed).
 */
export const complianceConditionCode = (status: DisputeStatus, outcome?: DisputeOutcome): 'XB' | 'XC' | 'XH' | undefined => {
  if (status !== 'resolved') return 'XB';
  if (outcome === 'rejected') return 'XH';
  if (outcome === 'upheld' || outcome === 'corrected') return 'XC';
  return undefined;
};

/** A new open dispute, due `slaHours` after `now`. */
export const openDispute = (input: { disputeId: string; subject: DisputeSubject; reason: string; openedBy: string }, now: Date, slaHours: number): DisputeRecord => ({
  disputeId: input.disputeId,
  subject: input.subject,
  reason: input.reason,
  openedBy: input.openedBy,
  status: 'open',
  openedAt: now.toISOString(),
  dueAt: new Date(now.getTime() + slaHours * 3_600_000).toISOString(),
  comments: [],
  history: [{ to: 'open', at: now.toISOString(), by: input.openedBy }],
  ...(input.subject.type === 'bureau_item' ? { complianceConditionCode: 'XB' } : {}),
  version: 1,
});

/** Moves `open → under_review` (pure). */
export const startReview = (dispute: DisputeRecord, by: string, now: Date, note?: string): DisputeRecord => {
  if (!DISPUTE_ALLOWED[dispute.status].includes('under_review')) throw new DisputeTransitionError(dispute, 'move to under_review');
  return { ...dispute, status: 'under_review', history: [...dispute.history, { from: dispute.status, to: 'under_review', at: now.toISOString(), by, ...(note ? { note } : {}) }], version: dispute.version + 1 };
};

/** Records that `by` asked for a resolution with `outcome` (pure); the dispute stays under review. */
export const askResolution = (dispute: DisputeRecord, outcome: DisputeOutcome, approvalId: string, by: string, now: Date): DisputeRecord => {
  if (!DISPUTE_ALLOWED[dispute.status].includes('resolved')) throw new DisputeTransitionError(dispute, 'be resolved');
  return { ...dispute, pendingResolution: { approvalId, outcome, by, at: now.toISOString() }, version: dispute.version + 1 };
};

/** Completes a resolution a second person approved (pure). */
export const resolveDispute = (dispute: DisputeRecord, outcome: DisputeOutcome, askedBy: string, approvedBy: string, now: Date, note?: string): DisputeRecord => {
  if (!DISPUTE_ALLOWED[dispute.status].includes('resolved')) throw new DisputeTransitionError(dispute, 'be resolved');
  if (askedBy === approvedBy) throw new SecondPersonRequiredError(`Resolving dispute ${dispute.disputeId}`, { disputeId: dispute.disputeId, status: dispute.status });
  const { pendingResolution: _p, ...rest } = dispute;
  const code = dispute.subject.type === 'bureau_item' ? complianceConditionCode('resolved', outcome) : undefined;
  const { complianceConditionCode: _c, ...withoutCode } = rest;
  return {
    ...withoutCode,
    ...(code ? { complianceConditionCode: code } : {}),
    status: 'resolved',
    outcome,
    resolvedAt: now.toISOString(),
    history: [...dispute.history, { from: dispute.status, to: 'resolved', at: now.toISOString(), by: askedBy, outcome, approvedBy, ...(note ? { note } : {}) }],
    version: dispute.version + 1,
  };
};

/** Whether the dispute is past its SLA at `now`. */
export const isOverdue = (dispute: DisputeRecord, now: Date): boolean => dispute.status !== 'resolved' && Date.parse(dispute.dueAt) <= now.getTime();

/** Whether a dispute keeps its invoice out of the delinquency features: open or under review, or resolved `upheld`. */
export const excludesInvoice = (dispute: Pick<DisputeRecord, 'subject' | 'status' | 'outcome'>): boolean =>
  dispute.subject.type === 'invoice' && (dispute.status !== 'resolved' || (dispute.outcome !== undefined && OUTCOMES_EXCLUDING_INVOICE.has(dispute.outcome)));
