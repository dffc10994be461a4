import { afterEach, describe, expect, it } from 'vitest';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { fixedClock } from '../../../shared/domain/clock.js';
import { sendWebhook } from '../../../shared/adapters/webhooks/webhook-sender.js';
import { planAfterAttempt } from '../../../shared/domain/delivery/delivery-plan.js';
import { recordAttempt } from '../../../shared/domain/delivery/endpoint-health.js';
import { activeSecrets, generateSecret, newSubscription, projectEnvelope } from '../../../shared/domain/delivery/subscription.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../infra/local/sandboxes/receiver/webhook-receiver.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';
import { loopbackFetch } from '../../support/outbound.js';

const event: EventEnvelope = {
  id: 'evt_01J0000000000000000000000B',
  type: 'rating.changed',
  version: 1,
  occurredAt: '2025-02-01T10:00:00.000Z',
  customerId: 'cust-42',
  sequence: 5,
  data: { current: { status: 'rated', policyVersion: 2, grade: 'B', score: 600, reasons: [], ratedAt: '2025-02-01T10:00:00.000Z' }, changed: ['grade'] },
};

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

describe('webhook delivery engine (sender + retry plan + endpoint health + receiver)', () => {
  it('retries a receiver that fails 3 times on the documented schedule and yields exactly one effective delivery', async () => {
    // Prepare
    const clock = fixedClock('2025-02-01T10:00:00Z');
    const start = clock.now().getTime();
    const secret = generateSecret();
    let subscription = newSubscription({ url: 'https://crm.example.com/h', eventTypes: ['rating.changed'], fields: ['current.grade'] }, { id: 'sub_01J00000000000000000000000', secret }, clock.now());
    receiver = await startWebhookReceiver({ secret, failFirst: 3 });
    const dueOffsets: number[] = [];
    const body = projectEnvelope(event, subscription.fields);

    // Act
    let attempt = 1;
    for (;;) {
      const outcome = await sendWebhook({ url: `${receiver.url}/hooks/crm-a`, secrets: activeSecrets(subscription, clock.now()), envelope: body, messageId: 'msg_01J0000000000000000000000B', attempt, fetchImpl: loopbackFetch });
      const plan = planAfterAttempt(outcome, attempt, clock.now(), () => 0.5);
      subscription = recordAttempt(subscription, { classification: outcome.classification, exhausted: plan.action === 'exhausted' }, clock.now()).subscription;
      if (plan.action !== 'retry') break;
      dueOffsets.push(plan.dueAt.getTime() - start);
      clock.set(plan.dueAt);
      attempt = plan.nextAttempt;
    }
    // at-least-once: a duplicate send of the same message (e.g. an SQS redelivery) after success
    await sendWebhook({ url: `${receiver.url}/hooks/crm-a`, secrets: [secret], envelope: body, messageId: 'msg_01J0000000000000000000000B', attempt: attempt + 1, fetchImpl: loopbackFetch });

    // Assess
    expect(attempt).toBe(4);
    expect(dueOffsets).toEqual([5_000, 5_000 + 300_000, 5_000 + 300_000 + 1_800_000]);
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 500, 200, 200]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(receiver.effective('/hooks/crm-a')).toHaveLength(1);
    expect(JSON.parse(receiver.effective()[0]?.body ?? '{}')).toEqual({ ...event, data: { current: { grade: 'B' } } });
    expect(subscription).toMatchObject({ enabled: true, consecutiveFailures: 0 });
  });

  it('serves several simulated subscribers on separate paths, each verifiable with standardwebhooks and svix', async () => {
    // Prepare
    const secretA = generateSecret();
    const secretB = generateSecret();
    receiver = await startWebhookReceiver({ secrets: [secretA, secretB] });
    receiver.setMode('gone', '/hooks/retired');

    // Act
    const a = await sendWebhook({ url: `${receiver.url}/hooks/a`, secrets: [secretA], envelope: event, messageId: 'msg_a', attempt: 1, fetchImpl: loopbackFetch });
    const b = await sendWebhook({ url: `${receiver.url}/hooks/b`, secrets: [secretB], envelope: event, messageId: 'msg_b', attempt: 1, fetchImpl: loopbackFetch });
    const retired = await sendWebhook({ url: `${receiver.url}/hooks/retired`, secrets: [secretA], envelope: event, messageId: 'msg_c', attempt: 1, fetchImpl: loopbackFetch });
    await receiver.waitFor((all) => all.length === 3, 2_000);

    // Assess
    expect([a.classification, b.classification, retired.classification]).toEqual(['delivered', 'delivered', 'disable_endpoint']);
    const [gotA, gotB] = receiver.received;
    expect(new StandardWebhook(secretA).verify(gotA?.body ?? '', gotA?.headers ?? {})).toEqual(event);
    expect(new SvixWebhook(secretB).verify(gotB?.body ?? '', gotB?.headers ?? {})).toEqual(event);
    expect(() => new SvixWebhook(secretA).verify(gotB?.body ?? '', gotB?.headers ?? {})).toThrow();
    expect(receiver.effective('/hooks/a')).toHaveLength(1);
    expect(receiver.effective('/hooks/retired')).toHaveLength(0);
  });

  it('throttling with Retry-After pushes the next attempt out by at least that long', async () => {
    // Prepare
    const clock = fixedClock('2025-02-01T10:00:00Z');
    const secret = generateSecret();
    receiver = await startWebhookReceiver({ secret, mode: 'throttle', retryAfterSeconds: 90 });

    // Act
    const outcome = await sendWebhook({ url: `${receiver.url}/hooks/a`, secrets: [secret], envelope: event, messageId: 'msg_t', attempt: 1, fetchImpl: loopbackFetch });
    const plan = planAfterAttempt(outcome, 1, clock.now(), () => 0.5);

    // Assess
    expect(plan).toMatchObject({ action: 'retry', nextAttempt: 2, delaySeconds: 90, park: false });
  });
});
