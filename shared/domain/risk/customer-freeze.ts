import { z } from 'zod';
import type { ManageMeasures } from '../measures/manage-measures.js';
import { liftNeedsApproval } from '../measures/measures.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { Approval } from '../approvals/approval.js';
import type { ManageApprovals } from '../approvals/manage-approvals.js';
import { actorRef, type Principal } from '../auth/principal.js';

/** A freeze the policy imposed (default definition met), not a person: lifting it takes two people. */
export const isPolicyFreeze = (profile: CustomerProfile): boolean => profile.freeze?.by.startsWith('policy:') === true;

/** An unfreeze: done, or waiting for a second person (policy-imposed freezes). */
export type UnfreezeOutcome = { executed: true; profile: CustomerProfile; changed: boolean } | { executed: false; approval: Approval };

/** Body of `POST /v1/customers/{id}/freeze|unfreeze`. The reason is free text for the risk team: no personal data. */
export const FreezeCommandSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });
/** Body of `POST /v1/customers/{id}/freeze`: a freeze may lift by itself at `expiresAt` (`measure.expired`). */
export const FreezeRequestSchema = FreezeCommandSchema.extend({
  expiresAt: z.iso.datetime({ offset: true }).optional().describe('When the freeze lifts by itself; in the future'),
});

/**
 * Manual freeze and unfreeze, backed by the `freeze_all_credit` emergency measure so that a freeze
 * and the measures cannot disagree: freezing takes a manual `freeze_all_credit` measure (unless one
 * is in force: `changed: false`), unfreezing lifts every active one. The measure change writes
 * `profile.freeze`, the restrictions and `customer.frozen` / `customer.unfrozen` in one transaction;
 * the relay then asks for a recompute, which sets the limit to 0 (or restores it). Audited.
 */
export const customerFreeze = ({ measures, approvals }: { measures: ManageMeasures; approvals: ManageApprovals }) => {
  const freezesOf = async (customerId: string) => (await measures.active(customerId)).filter((m) => m.type === 'freeze_all_credit');
  const liftAll = async (customerId: string, reason: string, by: string): Promise<{ profile: CustomerProfile; changed: boolean }> => {
    let last: { profile: CustomerProfile; changed: boolean } | undefined;
    for (const m of await freezesOf(customerId)) last = await measures.liftNow(m.measureId, reason, by, false, customerId);
    return last ? { profile: last.profile, changed: true } : { profile: await profileOf(customerId), changed: false };
  };
  const profileOf = (customerId: string) => measures.profile(customerId);
  return {
    async freeze(customerId: string, reason: string, principal: Principal, expiresAt?: string): Promise<{ profile: CustomerProfile; changed: boolean }> {
      if ((await freezesOf(customerId)).length > 0) return { profile: await profileOf(customerId), changed: false };
      const { profile } = await measures.take(customerId, { type: 'freeze_all_credit', params: {}, reason, origin: 'manual', takenBy: actorRef(principal), ...(expiresAt ? { expiresAt } : {}) });
      return { profile, changed: true };
    },
    /**
     * Lifts a freeze. A manual freeze is lifted at once; one the policy imposed (default definition)
     * through the approval primitive (`freeze.lift`): the first person asks, a second person's call lifts it.
     */
    async unfreeze(customerId: string, reason: string, principal: Principal): Promise<UnfreezeOutcome> {
      const freezes = await freezesOf(customerId);
      if (!freezes.some(liftNeedsApproval)) return { executed: true, ...(await liftAll(customerId, reason, actorRef(principal))) };
      const outcome = await approvals.requestOrApprove(
        { action: 'freeze.lift', target: `customer:${customerId}`, summary: `Lift the policy-imposed freeze of customer ${customerId}`, payload: { customerId, reason } },
        principal,
      );
      return outcome.executed ? { executed: true, ...(outcome.result as { profile: CustomerProfile; changed: boolean }) } : { executed: false, approval: outcome.approval };
    },
    /** Executor of a granted `freeze.lift`. */
    executeLift: (approval: Approval) => liftAll(String(approval.payload['customerId']), String(approval.payload['reason']), approval.checkers.at(-1)?.by ?? approval.maker),
  };
};
