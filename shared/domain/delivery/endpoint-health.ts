import type { DeliveryClassification } from './delivery-outcome.js';
import type { Subscription } from './subscription.js';

/**
 * When an endpoint is switched off automatically. Either condition suffices:
 * - it has failed every attempt for `disableAfterFailingMs` (default 5 days) — a success resets it;
 * - `disableAfterExhausted` deliveries (default 3) ran out of retries since the last success.
 * A 410 Gone disables at once.
 */
export interface EndpointHealthPolicy {
  disableAfterFailingMs: number;
  disableAfterExhausted: number;
}

export const DEFAULT_ENDPOINT_HEALTH_POLICY: EndpointHealthPolicy = {
  disableAfterFailingMs: 5 * 24 * 3_600_000,
  disableAfterExhausted: 3,
};

type HealthFields = Pick<
  Subscription,
  | 'id'
  | 'enabled'
  | 'disabledReason'
  | 'disabledAt'
  | 'failingSince'
  | 'consecutiveFailures'
  | 'exhaustedCount'
  | 'lastSuccessAt'
  | 'lastFailureAt'
  | 'updatedAt'
>;

/**
 * Data for the `endpoint.disabled` event and the admin alert the caller raises. Carries no URL or
 * secrets: admins look the subscription up by id.
 */
export interface EndpointDisabledIntent {
  type: 'endpoint.disabled';
  data: {
    subscriptionId: string;
    reason: 'gone' | 'sustained_failure';
    disabledAt: string;
    failingSince?: string;
    consecutiveFailures: number;
    exhaustedCount: number;
  };
}

/** One finished attempt as endpoint health sees it. `exhausted`: it was the last scheduled attempt. */
export interface AttemptResult {
  classification: DeliveryClassification;
  exhausted: boolean;
}

const disable = <S extends HealthFields>(
  subscription: S,
  reason: 'gone' | 'sustained_failure',
  now: Date,
): { subscription: S; intent: EndpointDisabledIntent } => {
  const disabledAt = now.toISOString();
  const next: S = { ...subscription, enabled: false, disabledReason: reason, disabledAt, updatedAt: disabledAt };
  return {
    subscription: next,
    intent: {
      type: 'endpoint.disabled',
      data: {
        subscriptionId: subscription.id,
        reason,
        disabledAt,
        ...(next.failingSince === undefined ? {} : { failingSince: next.failingSince }),
        consecutiveFailures: next.consecutiveFailures,
        exhaustedCount: next.exhaustedCount,
      },
    },
  };
};

/**
 * Folds one attempt into the subscription's health. A delivery resets the failure run; a failure
 * extends it; crossing the policy (or a 410) disables the endpoint and returns an intent the
 * caller turns into an `endpoint.disabled` event + admin alert, once (an already disabled
 * subscription yields no new intent). `failed_permanent` (e.g. URL refused) counts as a failure.
 * Persist with an optimistic version check: concurrent attempts update the same subscription.
 * @example const { subscription, intent } = recordAttempt(sub, { classification: 'retry', exhausted: true }, clock.now());
 */
export const recordAttempt = <S extends HealthFields>(
  subscription: S,
  result: AttemptResult,
  now: Date,
  policy: EndpointHealthPolicy = DEFAULT_ENDPOINT_HEALTH_POLICY,
): { subscription: S; intent?: EndpointDisabledIntent } => {
  const at = now.toISOString();
  if (result.classification === 'delivered') {
    const { failingSince: _failingSince, ...rest } = subscription;
    return { subscription: { ...rest, consecutiveFailures: 0, exhaustedCount: 0, lastSuccessAt: at, updatedAt: at } as S };
  }
  const failing: S = {
    ...subscription,
    failingSince: subscription.failingSince ?? at,
    consecutiveFailures: subscription.consecutiveFailures + 1,
    exhaustedCount: subscription.exhaustedCount + (result.exhausted ? 1 : 0),
    lastFailureAt: at,
    updatedAt: at,
  };
  if (!subscription.enabled) return { subscription: failing };
  if (result.classification === 'disable_endpoint') return disable(failing, 'gone', now);
  const failingFor = now.getTime() - Date.parse(failing.failingSince ?? at);
  if (failingFor >= policy.disableAfterFailingMs || failing.exhaustedCount >= policy.disableAfterExhausted) {
    return disable(failing, 'sustained_failure', now);
  }
  return { subscription: failing };
};

/** Admin switch-off; no event intent (the admin action is audited instead). */
export const disableByAdmin = <S extends HealthFields>(subscription: S, now: Date): S => ({
  ...subscription,
  enabled: false,
  disabledReason: 'admin',
  disabledAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

/**
 * Admin re-enable: clears the disable reason and the failure run so the endpoint starts healthy.
 * Deliveries that were exhausted or skipped while disabled are not resent; replay them explicitly.
 */
export const reenableEndpoint = <S extends HealthFields>(subscription: S, now: Date): S => {
  const { disabledReason: _r, disabledAt: _d, failingSince: _f, ...rest } = subscription;
  return { ...rest, enabled: true, consecutiveFailures: 0, exhaustedCount: 0, updatedAt: now.toISOString() } as S;
};
