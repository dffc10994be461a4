import { ulid } from 'ulid';
import type { AuditInput } from '../audit/audit-chain.js';
import { actorRef, type Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { NotFoundError } from '../errors.js';
import type { EventEnvelope } from '../events/envelope.js';
import { newEvent } from '../events/new-event.js';
import { approve, expireIfDue, NotAPersonError, SelfApprovalError, reject, requestApproval, type Approval, type ApprovalAction, type ApprovalRequest, type ApprovalStatus, type Checker } from './approval.js';

/** An approval as stored, with the revision its next write is conditioned on (ConflictError when another writer won). */
export interface StoredApproval {
  rev: number;
  approval: Approval;
}

export interface ApprovalRepository {
  get(approvalId: string): Promise<StoredApproval | undefined>;
  create(approval: Approval): Promise<StoredApproval>;
  save(stored: StoredApproval): Promise<StoredApproval>;
  list(status: ApprovalStatus): Promise<StoredApproval[]>;
}

/** Runs a granted action; returns what the caller of the deciding request should see. */
export type ApprovalExecutor = (approval: Approval) => Promise<unknown>;

export interface ApprovalDeps {
  approvals: ApprovalRepository;
  audit: { append(input: AuditInput): Promise<unknown> };
  /** Standalone events (approval.requested, .granted, .rejected, .expired) into the outbox. */
  events: { put(envelope: EventEnvelope): Promise<void> };
  clock: Clock;
  /** One executor per action this composition root can run; an action without one stays granted for the function that owns it. */
  executors: Partial<Record<ApprovalAction, ApprovalExecutor>>;
}

/** A principal as a checker: only a person counts. */
export const checkerOf = (principal: Principal): Checker => ({ ref: actorRef(principal), principalId: principal.principalId, isPerson: principal.personId !== undefined });

type Outcome = { approval: Approval; executed: boolean; result?: unknown };

/**
 * Approvals over a store: request, approve (runs the action once the quorum is met), reject,
 * expire (on read), with an audit entry and an `approval.*` event for every transition.
 */
export const manageApprovals = ({ approvals, audit, events, clock, executors }: ApprovalDeps) => {
  const emit = async (approval: Approval, type: 'approval.requested' | 'approval.granted' | 'approval.rejected' | 'approval.expired', actor: string): Promise<void> => {
    const now = clock.now();
    await audit.append({
      actor,
      action: type,
      target: `approval:${approval.approvalId}`,
      details: { action: approval.action, target: approval.target, status: approval.status, checkers: approval.checkers.length, quorum: approval.quorum },
    });
    await events.put(
      newEvent(type, { approvalId: approval.approvalId, action: approval.action, target: approval.target, status: approval.status, maker: approval.maker, checkers: approval.checkers.map((c) => c.by), quorum: approval.quorum, expiresAt: approval.expiresAt }, { at: now }),
    );
  };

  /** Reads an approval, saving it as expired (with its event) when it lapsed. */
  const load = async (approvalId: string): Promise<StoredApproval> => {
    const stored = await approvals.get(approvalId);
    if (!stored) throw new NotFoundError(`Approval ${approvalId}`);
    const current = expireIfDue(stored.approval, clock.now());
    if (current === stored.approval) return stored;
    const saved = await approvals.save({ rev: stored.rev, approval: current });
    await emit(current, 'approval.expired', 'system:approvals');
    return saved;
  };

  const execute = async (stored: StoredApproval): Promise<Outcome> => {
    const run = executors[stored.approval.action];
    if (!run) return { approval: stored.approval, executed: false };
    const result = await run(stored.approval);
    const approval = { ...stored.approval, executedAt: clock.now().toISOString() };
    await approvals.save({ rev: stored.rev, approval });
    return { approval, executed: true, result };
  };

  const decideApprove = async (stored: StoredApproval, principal: Principal): Promise<Outcome> => {
    const next = approve(stored.approval, checkerOf(principal), clock.now());
    const saved = await approvals.save({ rev: stored.rev, approval: next });
    if (next.status !== 'granted') return { approval: next, executed: false };
    await emit(next, 'approval.granted', principal.principalId);
    return execute(saved);
  };

  const pendingFor = async (action: ApprovalAction, target: string): Promise<StoredApproval | undefined> => {
    for (const stored of await approvals.list('pending')) {
      if (stored.approval.action !== action || stored.approval.target !== target) continue;
      const current = await load(stored.approval.approvalId);
      if (current.approval.status === 'pending') return current;
    }
    return undefined;
  };

  return {
    /**
     * Asks for an approval; the maker is the principal's person (or key), or a party named by its
     * ref (a policy's author, when its approval is opened by the first checker).
     */
    async request(request: Omit<ApprovalRequest, 'approvalId'>, maker: Principal | { ref: string; principalId: string }): Promise<Approval> {
      const now = clock.now();
      const party = 'ref' in maker ? maker : { ref: actorRef(maker), principalId: maker.principalId };
      const approval = requestApproval({ ...request, approvalId: `apr_${ulid(now.getTime())}` }, party, now);
      const stored = await approvals.create(approval);
      await emit(stored.approval, 'approval.requested', party.principalId);
      return stored.approval;
    },

    /** Approves the pending approval of an action on a target, opening it for `maker` first if there is none. */
    async approveFor(request: Omit<ApprovalRequest, 'approvalId'>, maker: { ref: string; principalId: string }, principal: Principal): Promise<Outcome> {
      if (!principal.personId) throw new NotAPersonError();
      if (actorRef(principal) === maker.ref) throw new SelfApprovalError(`${request.action} of ${request.target}`);
      const pending = await pendingFor(request.action, request.target);
      if (pending) return decideApprove(pending, principal);
      const opened = await this.request(request, maker);
      return this.approve(opened.approvalId, principal);
    },

    /**
     * The one call behind a four-eyes route (`activate`, `unfreeze` …): the first caller asks for the
     * approval (nothing runs yet); a different person calling the same route approves the pending
     * request, which runs the action once the quorum is met. The maker calling again gets a 409.
     */
    async requestOrApprove(request: Omit<ApprovalRequest, 'approvalId'>, principal: Principal): Promise<Outcome> {
      const pending = await pendingFor(request.action, request.target);
      if (pending) return decideApprove(pending, principal);
      return { approval: await this.request(request, principal), executed: false };
    },

    /** The pending approval of an action on a target, if any. */
    pendingFor: async (action: ApprovalAction, target: string): Promise<Approval | undefined> => (await pendingFor(action, target))?.approval,

    async approve(approvalId: string, principal: Principal): Promise<Outcome> {
      return decideApprove(await load(approvalId), principal);
    },

    async reject(approvalId: string, principal: Principal, reason?: string): Promise<Approval> {
      const stored = await load(approvalId);
      const next = reject(stored.approval, checkerOf(principal), reason, clock.now());
      await approvals.save({ rev: stored.rev, approval: next });
      await emit(next, 'approval.rejected', principal.principalId);
      return next;
    },

    async get(approvalId: string): Promise<Approval> {
      return (await load(approvalId)).approval;
    },

    /** Approvals in one state, oldest first; pending ones past their expiry are expired on the way. */
    async list(status: ApprovalStatus): Promise<Approval[]> {
      const out: Approval[] = [];
      for (const stored of await approvals.list(status)) {
        const current = status === 'pending' ? (await load(stored.approval.approvalId)).approval : stored.approval;
        if (current.status === status) out.push(current);
      }
      return out;
    },
  };
};
export type ManageApprovals = ReturnType<typeof manageApprovals>;
