import { ulid } from 'ulid';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import {
  generateSecret,
  newSubscription,
  rotateSecret,
  type CreateSubscription,
  type Subscription,
} from '../delivery/subscription.js';
import { NotFoundError } from '../errors.js';
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

/** Subscription management: URLs pass the SSRF guard before they are stored; every change is audited. */
export const manageSubscriptions = ({
  subscriptions,
  audit,
  clock,
  guardUrl,
}: {
  subscriptions: SubscriptionRepository;
  audit: AuditPort;
  clock: Clock;
  guardUrl: UrlGuard;
}) => {
  const checkUrl = (url: string): Promise<void> => assertUrlsAllowed(guardUrl, { url });
  const mustGet = async (id: string) => {
    const found = await subscriptions.getWithRevision(id);
    if (!found) throw new NotFoundError(`Subscription ${id}`);
    return found;
  };
  return {
    async create(input: CreateSubscription, actor: Principal): Promise<{ subscription: SubscriptionView; secret: string }> {
      await checkUrl(input.url);
      const secret = generateSecret();
      const subscription = newSubscription(input, { id: `sub_${ulid()}`, secret, ownerId: actor.principalId }, clock.now());
      await subscriptions.put(subscription);
      await audit.append({ actor: actor.principalId, action: 'subscription.created', target: `subscription:${subscription.id}`, details: { eventTypes: subscription.eventTypes }, personal: { url: subscription.url } });
      return { subscription: toSubscriptionView(subscription), secret };
    },
    async list(): Promise<SubscriptionView[]> {
      return (await subscriptions.list()).map(toSubscriptionView);
    },
    async get(id: string): Promise<SubscriptionView> {
      return toSubscriptionView((await mustGet(id)).subscription);
    },
    async setEnabled(id: string, enabled: boolean, actor: Principal): Promise<SubscriptionView> {
      const { subscription, revision } = await mustGet(id);
      const now = clock.now().toISOString();
      const next: Subscription = enabled
        ? (({ disabledReason: _r, disabledAt: _a, failingSince: _f, ...rest }) => ({ ...rest, enabled: true, consecutiveFailures: 0, exhaustedCount: 0, updatedAt: now }))(subscription)
        : { ...subscription, enabled: false, disabledReason: 'admin', disabledAt: now, updatedAt: now };
      await subscriptions.put(next, revision);
      await audit.append({ actor: actor.principalId, action: enabled ? 'subscription.enabled' : 'subscription.disabled', target: `subscription:${id}`, details: {} });
      return toSubscriptionView(next);
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
