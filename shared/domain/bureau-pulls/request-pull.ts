import { ulid } from 'ulid';
import { customerAccessOf, visibleProfile } from '../auth/tenancy.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { NotFoundError } from '../errors.js';
import { checkConsent } from '../credit/pull/consent.js';
import type { BureauId } from '../credit/credit-summary.js';
import type { PermissiblePurpose } from '../credit/pull/consent.js';
import type { ProfileRepository } from '../customers/ports.js';
import type { BureauPull, BureauPullConfig, PullTrigger } from './bureau-pull.js';
import type { ConsentRepository, PullQueue, PullRepository } from './ports.js';

export interface RequestPullCommand {
  customerId: string;
  bureau: BureauId;
  purpose?: PermissiblePurpose | undefined;
  trigger: PullTrigger;
  requestedBy: string;
  /** The caller of an on-demand pull: a CRM key pulls only for customers linked to its connection (else 404, like an unknown customer). */
  by?: Pick<Principal, 'role' | 'tenantRef'>;
}

export interface RequestPullResult {
  pull: BureauPull;
  /** True when the request joined a pull already in flight for this customer and bureau. */
  collapsed: boolean;
}

/**
 * Starts a bureau pull: the customer must exist (and be visible to `by`) and a valid consent (of `purpose`, when given)
 * must cover the bureau, else `ConsentRequiredError` (422 consent_required with its reason).
 * Concurrent requests for the same customer+bureau collapse into the pull in flight (one
 * conditional write on the pull key); a started pull is put on the bureauPulls queue.
 */
export const requestBureauPull =
  ({ profiles, consents, pulls, queue, clock, config }: { profiles: ProfileRepository; consents: ConsentRepository; pulls: PullRepository; queue: PullQueue; clock: Clock; config: BureauPullConfig }) =>
  async (command: RequestPullCommand): Promise<RequestPullResult> => {
    const now = clock.now();
    const profile = await profiles.get(command.customerId);
    if (!profile) throw new NotFoundError(`Customer ${command.customerId}`);
    if (command.by) visibleProfile(command.customerId, profile, customerAccessOf(command.by));
    const all = await consents.list(command.customerId);
    const candidates = command.purpose === undefined ? all : all.filter((c) => c.purpose === command.purpose);
    const check = checkConsent(candidates, { customerId: command.customerId, bureau: command.bureau, at: now });
    if (!check.ok) throw check.error;
    const pull: BureauPull = {
      pullId: `pull_${ulid(now.getTime())}`,
      customerId: command.customerId,
      bureau: command.bureau,
      purpose: check.consent.purpose,
      trigger: command.trigger,
      requestedBy: command.requestedBy,
      status: 'queued',
      charged: false,
      attempts: 0,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const started = await pulls.start(pull, config.collapseWindowMs, now);
    if (!started.started) {
      const existing = await pulls.get(command.customerId, started.existingPullId);
      if (existing) return { pull: existing, collapsed: true };
      throw new NotFoundError(`Pull ${started.existingPullId}`);
    }
    await queue.enqueue({ pullId: pull.pullId, customerId: pull.customerId, bureau: pull.bureau, attempt: 0, failures: 0 });
    return { pull, collapsed: false };
  };
