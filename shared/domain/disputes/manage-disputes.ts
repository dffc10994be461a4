import { ulid } from 'ulid';
import type { Approval } from '../approvals/approval.js';
import type { ManageApprovals } from '../approvals/manage-approvals.js';
import type { AuditInput } from '../audit/audit-chain.js';
import type { Principal } from '../auth/principal.js';
import { actorRef } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { ProfileChange } from '../customers/ports.js';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../errors.js';
import type { EventEnvelope } from '../events/envelope.js';
import { newEvent } from '../events/new-event.js';
import type { CrmInvoiceRecord } from '../crm/crm-record.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { sha256Canonical } from '../rating/canonical-json.js';
import {
  askResolution,
  DisputeTransitionError,
  excludesInvoice,
  openDispute,
  resolveDispute,
  SecondPersonRequiredError,
  startReview,
  type DisputeOutcome,
  type DisputeRecord,
  type DisputeStatus,
  type DisputeSubject,
  type DisputeSubjectType,
} from './dispute.js';

/** One write of a dispute: the record (conditioned on `expectedVersion`, 0 = new), its events and, for an invoice, the profile change. */
export interface DisputeWrite {
  dispute: DisputeRecord;
  expectedVersion: number;
  events: EventEnvelope[];
  /** The customer's profile change (its `disputedInvoices`), committed in the same transaction; carries the events then. */
  profile?: ProfileChange;
}

export interface DisputeListFilter {
  status?: DisputeStatus;
  subjectType?: DisputeSubjectType;
  customerId?: string;
  /** Only disputes past their due time at `now` that are not resolved. */
  overdueAt?: string;
}

/** Port of the dispute store (shared/adapters/dynamodb/dispute-store.ts). */
export interface DisputeRepository {
  get(disputeId: string): Promise<DisputeRecord | undefined>;
  /** The dispute that is open (not resolved) on this subject, if any. */
  openOn(subject: DisputeSubject): Promise<DisputeRecord | undefined>;
  /** One transaction; ConflictError when the version moved or the subject already has an open dispute. */
  write(change: DisputeWrite): Promise<void>;
  /** Newest first. */
  page(filter: DisputeListFilter, limit: number, after?: Record<string, string>): Promise<{ disputes: DisputeRecord[]; next?: Record<string, string> }>;
  /** Every dispute of a customer, newest first. */
  ofCustomer(customerId: string): Promise<DisputeRecord[]>;
}

export interface DisputeDeps {
  disputes: DisputeRepository;
  profiles: { get(customerId: string): Promise<CustomerProfile | undefined> };
  approvals: Pick<ManageApprovals, 'request' | 'approve' | 'get'>;
  audit: { append(input: AuditInput): Promise<unknown> };
  clock: Clock;
  /** The active policy's `disputes` section. */
  settings: () => Promise<{ slaHours: number }>;
}

/** A subject already has an open dispute (HTTP 409 `dispute_already_open`, `current`: that dispute). */
export class DisputeAlreadyOpenError extends DomainError {
  constructor(existing: DisputeRecord) {
    super('dispute_already_open', `Subject ${existing.subject.type} ${existing.subject.id} already has open dispute ${existing.disputeId}`, { retryable: false, details: { current: { disputeId: existing.disputeId, status: existing.status } } });
  }
}

const MAX_ATTEMPTS = 4;
type Actor = { ref: string; principal?: Principal };

const eventOf = (type: 'dispute.opened' | 'dispute.transitioned' | 'dispute.resolved', d: DisputeRecord, by: string, now: Date, extra: { from?: DisputeStatus; approvedBy?: string; sequence?: number } = {}) =>
  newEvent(
    type,
    {
      disputeId: d.disputeId,
      subject: d.subject,
      status: d.status,
      ...(extra.from ? { from: extra.from } : {}),
      ...(d.outcome ? { outcome: d.outcome } : {}),
      by,
      ...(extra.approvedBy ? { approvedBy: extra.approvedBy } : {}),
      dueAt: d.dueAt,
      ...(d.complianceConditionCode ? { complianceConditionCode: d.complianceConditionCode } : {}),
      at: now.toISOString(),
    },
    { customerId: d.subject.customerId, at: now, ...(extra.sequence !== undefined ? { sequence: extra.sequence } : {}) },
  );

/**
 * Disputes over a store (issue 12): open (validating the subject; one open dispute per subject),
 * review, resolve with a second person through the approval primitive, comment, list. A dispute
 * on an invoice writes the customer's `disputedInvoices` in the same transaction, and its
 * `dispute.opened` / `dispute.resolved` events trigger a recompute, so the rating leaves the
 * invoice out while it is disputed (and takes it back unless the outcome is `upheld`).
 */
export const manageDisputes = ({ disputes, profiles, approvals, audit, clock, settings }: DisputeDeps) => {
  const load = async (disputeId: string) => {
    const d = await disputes.get(disputeId);
    if (!d) throw new NotFoundError(`Dispute ${disputeId}`);
    return d;
  };

  /** Writes a dispute change; an invoice dispute updates the profile's `disputedInvoices` in the same transaction (retried on a profile race). */
  const commit = async (prev: DisputeRecord | undefined, next: DisputeRecord, event: (sequence?: number) => EventEnvelope): Promise<void> => {
    const expectedVersion = prev?.version ?? 0;
    const touchesProfile = next.subject.type === 'invoice' && (prev === undefined || excludesInvoice(prev) !== excludesInvoice(next));
    if (!touchesProfile) return disputes.write({ dispute: next, expectedVersion, events: [event()] });
    for (let attempt = 1; ; attempt++) {
      const profile = await profiles.get(next.subject.customerId);
      if (!profile) throw new NotFoundError(`Customer ${next.subject.customerId}`);
      const others = (profile.disputedInvoices ?? []).filter((d) => d.disputeId !== next.disputeId);
      const disputedInvoices = excludesInvoice(next) ? [...others, { invoiceId: next.subject.id, disputeId: next.disputeId }] : others;
      const { disputedInvoices: _d, ...rest } = profile;
      const updated: CustomerProfile = { ...rest, ...(disputedInvoices.length > 0 ? { disputedInvoices } : {}), version: profile.version + 1, sequence: profile.sequence + 1, updatedAt: clock.now().toISOString() };
      try {
        return await disputes.write({ dispute: next, expectedVersion, events: [], profile: { profile: updated, expectedVersion: profile.version, events: [event(updated.sequence)] } });
      } catch (error) {
        if (error instanceof ConflictError && error.message.startsWith('Customer') && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
    }
  };

  const validateSubject = async (subject: DisputeSubject): Promise<void> => {
    const profile = await profiles.get(subject.customerId);
    if (!profile || profile.status !== 'active') throw new ValidationError('The subject names no known customer', [{ path: 'subject.customerId', message: 'no active customer with this id', code: 'unknown_customer' }]);
    if (subject.type === 'assessment' && !profile.assessments.some((a) => a.assessmentId === subject.id)) {
      throw new ValidationError('The subject names no assessment of this customer', [{ path: 'subject.id', message: 'no assessment with this id for the customer', code: 'unknown_assessment' }]);
    }
    if (subject.type === 'invoice' && subject.id.split(':').length < 3) {
      throw new ValidationError('An invoice subject is named <crm>:<connectionId>:<externalId>', [{ path: 'subject.id', message: 'expected <crm>:<connectionId>:<externalId>', code: 'invalid_invoice_id' }]);
    }
  };

  const finish = async (dispute: DisputeRecord, outcome: DisputeOutcome, askedBy: string, approvedBy: string, note?: string) => {
    const now = clock.now();
    const next = resolveDispute(dispute, outcome, askedBy, approvedBy, now, note);
    await commit(dispute, next, (sequence) => eventOf('dispute.resolved', next, askedBy, now, { from: dispute.status, approvedBy, ...(sequence !== undefined ? { sequence } : {}) }));
    await audit.append({ actor: approvedBy, action: 'dispute.resolved', target: `dispute:${next.disputeId}`, details: { customerId: next.subject.customerId, subjectType: next.subject.type, outcome, askedBy } });
    return next;
  };

  return {
    /**
     * Opens a dispute. The same subject with a dispute still open is a DisputeAlreadyOpenError (409),
     * or, with `ifOpen: 'return'` (a CRM redelivering its `disputed` invoice), answers that dispute.
     */
    async open(input: { subject: DisputeSubject; reason: string; disputeId?: string }, by: Actor, options: { ifOpen?: 'refuse' | 'return' } = {}): Promise<{ dispute: DisputeRecord; created: boolean }> {
      // A given id (a CRM record version's) makes a redelivery answer the stored dispute, open or resolved.
      const stored = input.disputeId === undefined ? undefined : await disputes.get(input.disputeId);
      if (stored) return { dispute: stored, created: false };
      await validateSubject(input.subject);
      const existing = await disputes.openOn(input.subject);
      if (existing) {
        if (options.ifOpen === 'return') return { dispute: existing, created: false };
        throw new DisputeAlreadyOpenError(existing);
      }
      const now = clock.now();
      const dispute = openDispute({ disputeId: input.disputeId ?? `dsp_${ulid(now.getTime())}`, subject: input.subject, reason: input.reason, openedBy: by.ref }, now, (await settings()).slaHours);
      try {
        await commit(undefined, dispute, (sequence) => eventOf('dispute.opened', dispute, by.ref, now, sequence !== undefined ? { sequence } : {}));
      } catch (error) {
        // Another open on the same subject won the race: answer or refuse as for an existing one.
        const winner = error instanceof ConflictError ? await disputes.openOn(input.subject) : undefined;
        if (!winner) throw error;
        if (options.ifOpen === 'return') return { dispute: winner, created: false };
        throw new DisputeAlreadyOpenError(winner);
      }
      await audit.append({ actor: by.ref, action: 'dispute.opened', target: `dispute:${dispute.disputeId}`, details: { customerId: dispute.subject.customerId, subjectType: dispute.subject.type, subjectId: dispute.subject.id } });
      return { dispute, created: true };
    },

    /**
     * Opens the dispute a CRM's `disputed` invoice stands for (opened by `crm:<crm>:<connectionId>`).
     * Idempotent: the dispute id is derived from the invoice version, so a redelivery (or a replay
     * after the dispute was resolved) answers the stored dispute; a subject with another dispute
     * still open answers that one. Invoices in another state open nothing.
     */
    async openFromCrm(invoice: CrmInvoiceRecord, customerId: string): Promise<{ dispute: DisputeRecord; created: boolean } | undefined> {
      if (invoice.status !== 'disputed' || invoice.deleted) return undefined;
      const id = `${invoice.crm}:${invoice.connectionId}:${invoice.externalId}`;
      const disputeId = `dsp_crm_${sha256Canonical({ id, modifiedAt: invoice.modifiedAt }).slice(0, 32)}`;
      return this.open({ subject: { type: 'invoice', id, customerId }, reason: 'The CRM marked the invoice disputed', disputeId }, { ref: `crm:${invoice.crm}:${invoice.connectionId}` }, { ifOpen: 'return' });
    },

    get: load,
    page: (filter: DisputeListFilter, limit: number, after?: Record<string, string>) => disputes.page(filter, limit, after),

    /**
     * The hook for ratings and assessments (partners issue): a customer's disputes that are not
     * resolved, optionally of one subject type, newest first.
     */
    async openForCustomer(customerId: string, subjectType?: DisputeSubjectType): Promise<DisputeRecord[]> {
      return (await disputes.ofCustomer(customerId)).filter((d) => d.status !== 'resolved' && (subjectType === undefined || d.subject.type === subjectType));
    },

    /**
     * Moves a dispute. `under_review` is one step. `resolved` takes two people: the first call
     * asks (an approval `dispute.resolve`; answers `executed: false` with it), a different person
     * calling with the same outcome completes it; the asker again is SecondPersonRequiredError (409).
     */
    async transition(disputeId: string, command: { to: 'under_review' } | { to: 'resolved'; outcome: DisputeOutcome }, principal: Principal, note?: string): Promise<{ dispute: DisputeRecord; executed: boolean; approval?: Approval }> {
      const dispute = await load(disputeId);
      const by = actorRef(principal);
      const now = clock.now();
      if (command.to === 'under_review') {
        const next = startReview(dispute, by, now, note);
        await commit(dispute, next, () => eventOf('dispute.transitioned', next, by, now, { from: dispute.status }));
        await audit.append({ actor: by, action: 'dispute.under_review', target: `dispute:${disputeId}`, details: { customerId: dispute.subject.customerId } });
        return { dispute: next, executed: true };
      }
      if (dispute.status !== 'under_review') throw new DisputeTransitionError(dispute, 'be resolved');
      const pending = dispute.pendingResolution;
      const asked = pending ? await approvals.get(pending.approvalId) : undefined;
      if (pending && asked && (asked.status === 'pending' || asked.status === 'granted')) {
        if (command.outcome !== pending.outcome) throw new DisputeTransitionError(dispute, `be resolved as ${command.outcome}: ${pending.outcome} was asked for`);
        if (asked.status === 'granted') return { dispute: await finish(dispute, pending.outcome, pending.by, asked.checkers.at(-1)?.by ?? by, note), executed: true, approval: asked };
        if (pending.by === by) throw new SecondPersonRequiredError(`Resolving dispute ${disputeId}`, { disputeId, status: dispute.status, pendingResolution: pending });
        const outcome = await approvals.approve(pending.approvalId, principal);
        if (outcome.approval.status !== 'granted') return { dispute, executed: false, approval: outcome.approval };
        return { dispute: await finish(dispute, pending.outcome, pending.by, by, note), executed: true, approval: outcome.approval };
      }
      const approval = await approvals.request(
        { action: 'dispute.resolve', target: `dispute:${disputeId}`, summary: `Resolve dispute ${disputeId} as ${command.outcome}`, payload: { disputeId, outcome: command.outcome } },
        principal,
      );
      const next = askResolution(dispute, command.outcome, approval.approvalId, by, now);
      await disputes.write({ dispute: next, expectedVersion: dispute.version, events: [] });
      await audit.append({ actor: by, action: 'dispute.resolution_requested', target: `dispute:${disputeId}`, details: { approvalId: approval.approvalId, outcome: command.outcome } });
      return { dispute: next, executed: false, approval };
    },

    async comment(disputeId: string, text: string, by: string): Promise<DisputeRecord> {
      const dispute = await load(disputeId);
      if (dispute.comments.length >= 200) throw new DisputeTransitionError(dispute, 'take more than 200 comments');
      const next = { ...dispute, comments: [...dispute.comments, { at: clock.now().toISOString(), by, text }], version: dispute.version + 1 };
      await disputes.write({ dispute: next, expectedVersion: dispute.version, events: [] });
      await audit.append({ actor: by, action: 'dispute.comment', target: `dispute:${disputeId}`, details: { customerId: dispute.subject.customerId } });
      return next;
    },
  };
};
export type ManageDisputes = ReturnType<typeof manageDisputes>;
