import { ulid } from 'ulid';
import type { Approval } from '../approvals/approval.js';
import type { ManageApprovals } from '../approvals/manage-approvals.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { personalReach, widenedDelivery } from '../delivery/personal-data.js';
import {
  generateSecret,
  newSubscription,
  rotateSecret,
  SubscriptionPatchSchema,
  type CreateSubscription,
  type Subscription,
  type SubscriptionPatch,
} from '../delivery/subscription.js';
import { ConflictError, DomainError, NotFoundError } from '../errors.js';
import { assertUrlsAllowed, type UrlGuard } from '../outbound/url-guard.js';
import type { AuditPort } from './manage-api-keys.js';

export type { UrlGuard } from '../outbound/url-guard.js';

export interface SubscriptionRepository {
  get(id: string): Promise<Subscription | undefined>;
  getWithRevision(id: string): Promise<{ subscription: Subscription; revision: number } | undefined>;
  list(): Promise<Subscription[]>;
  put(subscription: Subscription, expectedRevision?: number): Promise<number>;
  delete(id: string): Promise<void>;
}

/** What admins see of a subscription: secrets only as a hint, except in the create/rotate answer. */
export type SubscriptionView = Omit<Subscription, 'secrets'> & { secrets: Array<{ hint: string; createdAt: string; expiresAt?: string }> };
export const toSubscriptionView = ({ secrets, ...rest }: Subscription): SubscriptionView => ({
  ...rest,
  secrets: secrets.map((s) => ({ hint: `${s.secret.slice(0, 10)}…`, createdAt: s.createdAt, ...(s.expiresAt ? { expiresAt: s.expiresAt } : {}) })),
});

/** What a change answers: done at once, or waiting for an approval a second person must grant first. */
export type SubscriptionOutcome = { subscription: SubscriptionView; approval?: Approval };

/** The subscription still waits for its `subscription.create` approval (HTTP 409): it cannot be enabled or changed before. */
export class SubscriptionPendingApprovalError extends DomainError {
  constructor(subscription: Subscription) {
    super('subscription_pending_approval', `Subscription ${subscription.id} waits for approval ${subscription.pendingApproval ?? ''}; it cannot be enabled or changed before another person grants it`, {
      details: { current: toSubscriptionView(subscription) },
    });
  }
}

/** The subscription as a patch leaves it (merge patch: `fields: null` drops the projection). */
const patched = (subscription: Subscription, patch: SubscriptionPatch, now: Date): Subscription => {
  const { fields, enabled, ...rest } = patch;
  let next: Subscription = { ...subscription, ...rest, updatedAt: now.toISOString() };
  if (fields === null) next = (({ fields: _dropped, ...kept }) => kept)(next);
  else if (fields !== undefined) next = { ...next, fields };
  if (enabled === true) next = (({ disabledReason: _r, disabledAt: _a, failingSince: _f, ...kept }) => ({ ...kept, enabled: true, consecutiveFailures: 0, exhaustedCount: 0 }))(next);
  if (enabled === false && subscription.enabled) next = { ...next, enabled: false, disabledReason: 'admin', disabledAt: now.toISOString() };
  return next;
};

/**
 * Subscription management: URLs pass the SSRF guard before they are stored; every change is audited.
 *
 * Four eyes: a subscription whose events carry personal data (see `personalReach`) is stored
 * disabled with the `subscription.create` approval it waits for; it delivers nothing until another
 * person grants it (`executeCreate`). A change that widens what a personal subscription delivers
 * (event types or fields it did not have) asks for `subscription.widen` and changes nothing until
 * granted (`executeWiden`); narrowing, descriptions and switching on or off apply at once.
 */
export const manageSubscriptions = ({
  subscriptions,
  audit,
  clock,
  guardUrl,
  approvals,
}: {
  subscriptions: SubscriptionRepository;
  audit: AuditPort;
  clock: Clock;
  guardUrl: UrlGuard;
  approvals: Pick<ManageApprovals, 'request'>;
}) => {
  const checkUrl = (url: string): Promise<void> => assertUrlsAllowed(guardUrl, { url });
  const mustGet = async (id: string) => {
    const found = await subscriptions.getWithRevision(id);
    if (!found) throw new NotFoundError(`Subscription ${id}`);
    return found;
  };
  /** Applies a patch to the subscription as stored now (re-read on a lost race). */
  const apply = async (id: string, patch: SubscriptionPatch, actor: string, gate?: (found: Subscription) => Promise<Approval | undefined>): Promise<SubscriptionOutcome> => {
    for (let attempt = 1; ; attempt++) {
      const { subscription, revision } = await mustGet(id);
      const approval = await gate?.(subscription);
      if (approval) return { subscription: toSubscriptionView(subscription), approval };
      const next = patched(subscription, patch, clock.now());
      try {
        await subscriptions.put(next, revision);
      } catch (error) {
        if (error instanceof ConflictError && attempt < 5) continue;
        throw error;
      }
      const action = Object.keys(patch).join() === 'enabled' ? (patch.enabled ? 'subscription.enabled' : 'subscription.disabled') : 'subscription.updated';
      await audit.append({ actor, action, target: `subscription:${id}`, details: { changed: Object.keys(patch).sort(), eventTypes: next.eventTypes, fields: next.fields ?? null, enabled: next.enabled } });
      return { subscription: toSubscriptionView(next) };
    }
  };
  return {
    async create(input: CreateSubscription, actor: Principal): Promise<{ subscription: SubscriptionView; secret: string; approval?: Approval }> {
      await checkUrl(input.url);
      const secret = generateSecret();
      const now = clock.now();
      const created = newSubscription(input, { id: `sub_${ulid()}`, secret, ownerId: actor.principalId }, now);
      const reach = personalReach(created);
      const approval = reach.length === 0
        ? undefined
        : await approvals.request(
            { action: 'subscription.create', target: `subscription:${created.id}`, summary: `Subscription ${created.id}: ${created.eventTypes.join(', ')}; personal data ${reach.join(', ')}`.slice(0, 500), payload: { subscriptionId: created.id } },
            actor,
          );
      const subscription: Subscription = approval ? { ...created, enabled: false, disabledReason: 'pending_approval', disabledAt: now.toISOString(), pendingApproval: approval.approvalId } : created;
      await subscriptions.put(subscription);
      await audit.append({ actor: actor.principalId, action: 'subscription.created', target: `subscription:${subscription.id}`, details: { eventTypes: subscription.eventTypes, fields: subscription.fields ?? null, ...(approval ? { approvalId: approval.approvalId } : {}) }, personal: { url: subscription.url } });
      return { subscription: toSubscriptionView(subscription), secret, ...(approval ? { approval } : {}) };
    },
    /** Runs a granted `subscription.create`: the subscription starts delivering (again granting changes nothing). */
    async executeCreate(approval: Approval): Promise<{ subscription: SubscriptionView }> {
      const id = String(approval.payload['subscriptionId']);
      for (let attempt = 1; ; attempt++) {
        const { subscription, revision } = await mustGet(id);
        if (subscription.pendingApproval !== approval.approvalId) return { subscription: toSubscriptionView(subscription) };
        const { pendingApproval: _p, disabledReason: _r, disabledAt: _a, ...rest } = subscription;
        const next: Subscription = { ...rest, enabled: true, updatedAt: clock.now().toISOString() };
        try {
          await subscriptions.put(next, revision);
        } catch (error) {
          if (error instanceof ConflictError && attempt < 5) continue;
          throw error;
        }
        await audit.append({ actor: `approval:${approval.approvalId}`, action: 'subscription.activated', target: `subscription:${id}`, details: { approvalId: approval.approvalId } });
        return { subscription: toSubscriptionView(next) };
      }
    },
    /**
     * Changes a subscription. 409 while it waits for its creation approval. A change that widens
     * what a subscription carrying personal data delivers asks for `subscription.widen` instead (the whole patch waits).
     */
    update: (id: string, patch: SubscriptionPatch, actor: Principal): Promise<SubscriptionOutcome> =>
      apply(id, patch, actor.principalId, async (found) => {
        if (found.pendingApproval) throw new SubscriptionPendingApprovalError(found);
        const next = patched(found, patch, clock.now());
        const added = widenedDelivery(found, next);
        const reach = personalReach(next);
        if (added.length === 0 || reach.length === 0) return undefined;
        return approvals.request(
          { action: 'subscription.widen', target: `subscription:${id}`, summary: `Subscription ${id} widened: ${added.join(', ')}; personal data ${reach.join(', ')}`.slice(0, 500), payload: { patch: JSON.stringify(patch) } },
          actor,
        );
      }),
    /** Runs a granted `subscription.widen`: the patch as asked for, on the subscription as it is then. */
    async executeWiden(approval: Approval): Promise<{ subscription: SubscriptionView }> {
      const patch = SubscriptionPatchSchema.parse(JSON.parse(String(approval.payload['patch'])));
      const { subscription } = await apply(approval.target.replace(/^subscription:/, ''), patch, `approval:${approval.approvalId}`);
      return { subscription };
    },
    async list(): Promise<SubscriptionView[]> {
      return (await subscriptions.list()).map(toSubscriptionView);
    },
    async get(id: string): Promise<SubscriptionView> {
      return toSubscriptionView((await mustGet(id)).subscription);
    },
    async rotate(id: string, overlapHours: number, actor: Principal): Promise<{ subscription: SubscriptionView; secret: string }> {
      const { subscription, revision } = await mustGet(id);
      const rotated = rotateSecret(subscription, clock.now(), overlapHours);
      await subscriptions.put(rotated.subscription, revision);
      await audit.append({ actor: actor.principalId, action: 'subscription.secret_rotated', target: `subscription:${id}`, details: { overlapHours } });
      return { subscription: toSubscriptionView(rotated.subscription), secret: rotated.secret };
    },
    async remove(id: string, actor: Principal): Promise<void> {
      await subscriptions.delete(id);
      await audit.append({ actor: actor.principalId, action: 'subscription.deleted', target: `subscription:${id}`, details: {} });
    },
  };
};
