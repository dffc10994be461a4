import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { ProfileRepository } from '../customers/ports.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { newEvent } from '../events/new-event.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { AuditPort } from './ports.js';
import type { Approval } from '../approvals/approval.js';
import type { ManageApprovals } from '../approvals/manage-approvals.js';
import { actorRef, type Principal } from '../auth/principal.js';

/** A freeze the policy imposed (default definition met), not a person: lifting it takes two people. */
export const isPolicyFreeze = (profile: CustomerProfile): boolean => profile.freeze?.by.startsWith('policy:') === true;

/** An unfreeze: done, or waiting for a second person (policy-imposed freezes). */
export type UnfreezeOutcome = { executed: true; profile: CustomerProfile; changed: boolean } | { executed: false; approval: Approval };

/** Body of `POST /v1/customers/{id}/freeze|unfreeze`. The reason is free text for the risk team: no personal data. */
export const FreezeCommandSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });

const MAX_ATTEMPTS = 8;

/**
 * Manual freeze and unfreeze by an admin: sets or clears `profile.freeze` and emits
 * `customer.frozen` / `customer.unfrozen` in the same transaction; the relay then asks for a
 * recompute, which sets the limit to 0 (or restores it). Audited. Freezing a frozen customer
 * (or unfreezing an unfrozen one) changes nothing and answers `changed: false`.
 */
export const customerFreeze = ({ profiles, audit, clock, approvals }: { profiles: ProfileRepository; audit: AuditPort; clock: Clock; approvals: ManageApprovals }) => {
  const apply = async (customerId: string, freeze: boolean, reason: string, actor: string): Promise<{ profile: CustomerProfile; changed: boolean }> => {
    for (let attempt = 1; ; attempt++) {
      const profile = await profiles.get(customerId);
      if (!profile) throw new NotFoundError(`Customer ${customerId}`);
      if (profile.status === 'merged') throw new ConflictError(`Customer ${customerId} was merged into ${profile.mergedInto ?? 'another customer'}`, { retryable: false });
      if ((profile.freeze !== undefined) === freeze) return { profile, changed: false };
      const now = clock.now();
      const at = now.toISOString();
      const { freeze: _previous, ...rest } = profile;
      const next: CustomerProfile = {
        ...rest,
        ...(freeze ? { freeze: { reason, frozenAt: at, by: actor } } : {}),
        version: profile.version + 1,
        sequence: profile.sequence + 1,
        updatedAt: at,
      };
      const event = freeze
        ? newEvent('customer.frozen', { reason, frozenAt: at, by: actor }, { customerId, sequence: next.sequence, at: now })
        : newEvent('customer.unfrozen', { reason, unfrozenAt: at, by: actor }, { customerId, sequence: next.sequence, at: now });
      try {
        await profiles.commit({ profile: next, expectedVersion: profile.version, events: [event] });
      } catch (error) {
        if (error instanceof ConflictError && error.retryable && attempt < MAX_ATTEMPTS) continue;
        throw error;
      }
      await audit.append({ actor, action: freeze ? 'customer.frozen' : 'customer.unfrozen', target: `customer:${customerId}`, details: { eventId: event.id }, personal: { reason } });
      return { profile: next, changed: true };
    }
  };
  return {
    freeze: (customerId: string, reason: string, principal: Principal) => apply(customerId, true, reason, actorRef(principal)),
    /**
     * Lifts a freeze. A manual freeze is lifted at once; a policy-imposed one (default definition)
     * through the approval primitive: the first person asks, a second person's call lifts it.
     */
    async unfreeze(customerId: string, reason: string, principal: Principal): Promise<UnfreezeOutcome> {
      const profile = await profiles.get(customerId);
      if (!profile) throw new NotFoundError(`Customer ${customerId}`);
      if (!isPolicyFreeze(profile)) return { executed: true, ...(await apply(customerId, false, reason, actorRef(principal))) };
      const outcome = await approvals.requestOrApprove(
        { action: 'freeze.lift', target: `customer:${customerId}`, summary: `Lift the policy-imposed freeze of customer ${customerId}`, payload: { customerId, reason } },
        principal,
      );
      return outcome.executed ? { executed: true, ...(outcome.result as { profile: CustomerProfile; changed: boolean }) } : { executed: false, approval: outcome.approval };
    },
    /** Executor of a granted `freeze.lift`. */
    executeLift: (approval: Approval) => apply(String(approval.payload['customerId']), false, String(approval.payload['reason']), approval.checkers.at(-1)?.by ?? approval.maker),
  };
};
