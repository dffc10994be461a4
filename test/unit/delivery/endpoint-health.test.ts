import { describe, expect, it } from 'vitest';
import { disableByAdmin, recordAttempt, reenableEndpoint } from '../../../shared/domain/delivery/endpoint-health.js';
import { SubscriptionSchema, newSubscription, type Subscription } from '../../../shared/domain/delivery/subscription.js';

const t0 = new Date('2025-01-01T00:00:00Z');
const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);
const fresh = (): Subscription =>
  newSubscription({ url: 'https://crm.example.com/hook', eventTypes: ['customer.updated'] }, { id: 'sub_01J00000000000000000000000', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, t0);

describe('recordAttempt', () => {
  it('tracks a failure run and resets it on success', () => {
    // Act
    const one = recordAttempt(fresh(), { classification: 'retry', exhausted: false }, hours(1));
    const two = recordAttempt(one.subscription, { classification: 'retry', exhausted: false }, hours(2));
    const ok = recordAttempt(two.subscription, { classification: 'delivered', exhausted: false }, hours(3));

    // Assess
    expect(two.subscription).toMatchObject({ failingSince: hours(1).toISOString(), consecutiveFailures: 2, lastFailureAt: hours(2).toISOString(), enabled: true });
    expect(two.intent).toBeUndefined();
    expect(ok.subscription.failingSince).toBeUndefined();
    expect(ok.subscription).toMatchObject({ consecutiveFailures: 0, exhaustedCount: 0, lastSuccessAt: hours(3).toISOString() });
    expect(SubscriptionSchema.safeParse(ok.subscription).success).toBe(true);
  });

  it('disables after failing continuously for 5 days and says so once', () => {
    // Prepare
    let sub = recordAttempt(fresh(), { classification: 'retry', exhausted: false }, hours(0)).subscription;
    sub = recordAttempt(sub, { classification: 'retry', exhausted: false }, hours(119)).subscription;

    // Act
    const crossing = recordAttempt(sub, { classification: 'retry', exhausted: false }, hours(120));
    const after = recordAttempt(crossing.subscription, { classification: 'retry', exhausted: false }, hours(121));

    // Assess
    expect(sub.enabled).toBe(true);
    expect(crossing.subscription).toMatchObject({ enabled: false, disabledReason: 'sustained_failure', disabledAt: hours(120).toISOString() });
    expect(crossing.intent).toEqual({
      type: 'endpoint.disabled',
      data: {
        subscriptionId: 'sub_01J00000000000000000000000',
        reason: 'sustained_failure',
        disabledAt: hours(120).toISOString(),
        failingSince: hours(0).toISOString(),
        consecutiveFailures: 3,
        exhaustedCount: 0,
      },
    });
    expect(after.intent).toBeUndefined();
  });

  it('disables after the schedule is exhausted three times without a success in between', () => {
    // Prepare
    let sub = fresh();

    // Act
    const results = [1, 2, 3].map((h) => {
      const step = recordAttempt(sub, { classification: 'retry', exhausted: true }, hours(h));
      sub = step.subscription;
      return step.intent?.data.reason;
    });

    // Assess
    expect(results).toEqual([undefined, undefined, 'sustained_failure']);
    expect(sub.exhaustedCount).toBe(3);
  });

  it('disables at once on 410 Gone', () => {
    // Act
    const gone = recordAttempt(fresh(), { classification: 'disable_endpoint', exhausted: false }, hours(1));

    // Assess
    expect(gone.subscription).toMatchObject({ enabled: false, disabledReason: 'gone' });
    expect(gone.intent?.data.reason).toBe('gone');
  });
});

describe('reenableEndpoint', () => {
  it('re-enables with a clean health record after an automatic or admin disable', () => {
    // Prepare
    const gone = recordAttempt(fresh(), { classification: 'disable_endpoint', exhausted: false }, hours(1)).subscription;
    const byAdmin = disableByAdmin(fresh(), hours(1));

    // Act
    const revived = reenableEndpoint(gone, hours(2));
    const revivedAdmin = reenableEndpoint(byAdmin, hours(2));

    // Assess
    expect(byAdmin).toMatchObject({ enabled: false, disabledReason: 'admin' });
    for (const sub of [revived, revivedAdmin]) {
      expect(sub).toMatchObject({ enabled: true, consecutiveFailures: 0, exhaustedCount: 0 });
      expect(sub.disabledReason).toBeUndefined();
      expect(sub.failingSince).toBeUndefined();
      expect(SubscriptionSchema.safeParse(sub).success).toBe(true);
    }
  });
});
