import { z } from 'zod';
import { DomainError, ForbiddenError, type ErrorOptions } from '../errors.js';

/**
 * The four-eyes primitive: a maker asks for an action, checkers (other people) approve it until
 * the quorum is met, or one rejects it, or it expires. Parties are compared by `actorRef`
 * (`person:<id>`): a person's second key, rotated key or signed-in session is the same person;
 * service accounts and keys without a person never count as checkers.
 */
export const ApprovalActionSchema = z.enum(['policy.approve', 'policy.activate', 'policy.rollback', 'freeze.lift', 'role.grant', 'key.issue', 'agreement.create', 'agreement.widen', 'subscription.create', 'dispute.resolve', 'incident.close', 'measure.lift', 'subscription.widen', 'crm_connection.create', 'crm_connection.widen']);
export type ApprovalAction = z.infer<typeof ApprovalActionSchema>;

export const ApprovalStatusSchema = z.enum(['pending', 'granted', 'rejected', 'expired']);
export type ApprovalStatus = z.infer<typeof ApprovalStatusSchema>;

const Decision = z.object({ by: z.string().min(1), principalId: z.string().min(1), at: z.iso.datetime({ offset: true }) });

export const ApprovalSchema = z.object({
  approvalId: z.string().regex(/^apr_[0-9A-Z]{26}$/),
  action: ApprovalActionSchema,
  /** What the action is about: `policy:2`, `customer:acme-001`, `person:li-wei`, `api_key:<id>`. */
  target: z.string().min(1),
  /** For the people deciding: ids and versions only, no personal data. */
  summary: z.string().max(500),
  maker: z.string().min(1).describe('The party who asked: person:<id> (or key:<id> for a key without a person)'),
  makerPrincipalId: z.string().min(1),
  quorum: z.number().int().min(1).max(5).describe('Distinct people, other than the maker, who must approve'),
  checkers: z.array(Decision).describe('Approvals so far, one per person'),
  rejection: Decision.extend({ reason: z.string().max(500).optional() }).optional(),
  status: ApprovalStatusSchema,
  requestedAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }),
  decidedAt: z.iso.datetime({ offset: true }).optional(),
  /** What the action needs to run once granted (ids, versions, codes). */
  payload: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  executedAt: z.iso.datetime({ offset: true }).optional(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

/** A party deciding: its actor ref, principal and whether it is a person (only people can approve). */
export interface Checker {
  ref: string;
  principalId: string;
  isPerson: boolean;
}

/** The step is not allowed in the approval's current state (HTTP 409); `details.approval` carries that state. */
export class ApprovalTransitionError extends DomainError {
  constructor(approval: Approval, why: string, options: ErrorOptions = {}) {
    super('approval_transition_refused', `Approval ${approval.approvalId} is ${approval.status}: ${why}`, { ...options, details: { ...options.details, current: approval } });
  }
}

/** The maker tried to approve their own request (HTTP 403). */
export class SelfApprovalError extends DomainError {
  constructor(what: string, options: ErrorOptions = {}) {
    super('self_approval', `${what} cannot be approved by the person who asked for it`, options);
  }
}

/** Service accounts and keys without a person cannot approve (HTTP 403). */
export class NotAPersonError extends ForbiddenError {
  constructor(options: ErrorOptions = {}) {
    super('Only a person can approve: this key belongs to a service account or to no person', options);
  }
}

export const DEFAULT_APPROVAL_TTL_MS = 72 * 3_600_000;

export interface ApprovalRequest {
  approvalId: string;
  action: ApprovalAction;
  target: string;
  summary: string;
  payload: Approval['payload'];
  quorum?: number;
  ttlMs?: number;
}

/** A new pending approval asked for by `maker`. */
export const requestApproval = (request: ApprovalRequest, maker: { ref: string; principalId: string }, now: Date): Approval => ({
  approvalId: request.approvalId,
  action: request.action,
  target: request.target,
  summary: request.summary,
  maker: maker.ref,
  makerPrincipalId: maker.principalId,
  quorum: request.quorum ?? 1,
  checkers: [],
  status: 'pending',
  requestedAt: now.toISOString(),
  expiresAt: new Date(now.getTime() + (request.ttlMs ?? DEFAULT_APPROVAL_TTL_MS)).toISOString(),
  payload: request.payload,
});

/** The approval as it stands at `now`: a pending one past its expiry is expired. */
export const expireIfDue = (approval: Approval, now: Date): Approval =>
  approval.status === 'pending' && Date.parse(approval.expiresAt) <= now.getTime() ? { ...approval, status: 'expired', decidedAt: now.toISOString() } : approval;

/**
 * One checker's approval. Refused: a party that is not a person (403), the maker (403
 * `self_approval`), a person who already approved or an approval that is no longer pending (409).
 * Granted once `quorum` distinct people approved.
 */
export const approve = (approval: Approval, checker: Checker, now: Date): Approval => {
  if (!checker.isPerson) throw new NotAPersonError();
  const current = expireIfDue(approval, now);
  if (current.status !== 'pending') throw new ApprovalTransitionError(current, 'only a pending approval can be approved');
  if (checker.ref === current.maker) throw new SelfApprovalError(`${current.action} of ${current.target}`);
  if (current.checkers.some((c) => c.by === checker.ref)) throw new ApprovalTransitionError(current, 'this person already approved it');
  const at = now.toISOString();
  const checkers = [...current.checkers, { by: checker.ref, principalId: checker.principalId, at }];
  const granted = checkers.length >= current.quorum;
  return { ...current, checkers, ...(granted ? { status: 'granted' as const, decidedAt: at } : {}) };
};

/** A rejection by a person (the maker may withdraw their own request this way); 409 unless pending. */
export const reject = (approval: Approval, checker: Checker, reason: string | undefined, now: Date): Approval => {
  if (!checker.isPerson && checker.ref !== approval.maker) throw new NotAPersonError();
  const current = expireIfDue(approval, now);
  if (current.status !== 'pending') throw new ApprovalTransitionError(current, 'only a pending approval can be rejected');
  const at = now.toISOString();
  return { ...current, status: 'rejected', decidedAt: at, rejection: { by: checker.ref, principalId: checker.principalId, at, ...(reason ? { reason } : {}) } };
};
