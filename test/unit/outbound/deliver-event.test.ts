import { describe, expect, it } from 'vitest';
import { sendWebhook, type FetchLike } from '../../../shared/adapters/webhooks/webhook-sender.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import type { EndpointDisabledIntent } from '../../../shared/domain/delivery/endpoint-health.js';
import { generateSecret, newSubscription, type Subscription } from '../../../shared/domain/delivery/subscription.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';
import { newEvent } from '../../../shared/domain/events/new-event.js';
import { deliverEvent, type DeliveryPorts } from '../../../shared/domain/outbound/deliver-event.js';
import type { DeliveryMessage, DeliveryRecord } from '../../../shared/domain/outbound/delivery-record.js';

const T0 = new Date('2025-03-01T10:00:00.000Z');
const SUB = 'sub_01JKQ7Y5W3N8X4B2C6D9E0F1G2';

const ratingChanged = (): EventEnvelope =>
  newEvent(
    'rating.changed',
    {
      current: { status: 'rated', policyVersion: 1, score: 612, grade: 'B', pd: 0.031, reasons: [{ code: 'R01', text: 'Short trading history' }], ratedAt: T0.toISOString() },
      changed: ['grade'],
    },
    { customerId: 'de-cust-1', sequence: 3, at: T0 },
  );

/** In-memory subscription and delivery stores with the revision checks of the DynamoDB ones. */
const setup = (respond: FetchLike) => {
  const clock = fixedClock(T0);
  const event = ratingChanged();
  let stored: { subscription: Subscription; revision: number } = {
    subscription: newSubscription({ url: 'https://hooks.example.com/rb', eventTypes: ['rating.changed'] }, { id: SUB, secret: generateSecret() }, T0),
    revision: 1,
  };
  const deliveries = new Map<string, { record: DeliveryRecord; revision: number }>();
  const retries: Array<{ message: DeliveryMessage; dueAt: Date }> = [];
  const disabled: EndpointDisabledIntent[] = [];
  const requests: Array<{ url: string; headers: Record<string, string> }> = [];
  const fetchImpl: FetchLike = async (url, init) => {
    requests.push({ url: String(url), headers: init?.headers ?? {} });
    return respond(url, init);
  };
  const ports: DeliveryPorts = {
    subscriptions: {
      getWithRevision: async (id) => (id === stored.subscription.id ? stored : undefined),
      put: async (subscription, expectedRevision) => {
        if (expectedRevision !== stored.revision) throw new ConflictError('subscription changed');
        stored = { subscription, revision: stored.revision + 1 };
        return stored.revision;
      },
    },
    deliveries: {
      get: async (subscriptionId, eventId) => deliveries.get(`${subscriptionId}|${eventId}`),
      put: async (record, expectedRevision) => {
        const key = `${record.subscriptionId}|${record.eventId}`;
        if (deliveries.get(key)?.revision !== expectedRevision) throw new ConflictError('delivery changed');
        deliveries.set(key, { record, revision: (expectedRevision ?? 0) + 1 });
      },
    },
    events: { get: async (id) => (id === event.id ? event : undefined) },
    send: ({ url, secrets, envelope, messageId, attempt }) => sendWebhook({ url, secrets, envelope, messageId, attempt, fetchImpl, now: () => clock.now() }),
    scheduleRetry: async (message, dueAt) => void retries.push({ message, dueAt }),
    endpointDisabled: async (intent) => void disabled.push(intent),
    clock,
    random: () => 0.5,
  };
  const deliver = deliverEvent(ports);
  const message: DeliveryMessage = { eventId: event.id, subscriptionId: SUB, replay: false };
  return {
    deliver,
    message,
    event,
    clock,
    retries,
    disabled,
    requests,
    subscription: () => stored.subscription,
    record: () => deliveries.get(`${SUB}|${event.id}`)?.record,
  };
};

describe('deliverEvent', () => {
  it('signs with the event id as webhook-id, so receivers deduplicate across retries, replays and subscriptions', async () => {
    // Prepare
    const t = setup(async () => new Response(null, { status: 204 }));

    // Act
    const result = await t.deliver(t.message);

    // Assess
    expect(result).toEqual({ outcome: 'delivered', attempt: 1 });
    expect(t.requests[0]?.headers['webhook-id']).toBe(t.event.id);
    expect(t.requests[0]?.headers['webhook-id']).toMatch(/^evt_[0-9A-Z]{26}$/);
  });

  it('disables the endpoint at once on 410 Gone and raises endpoint.disabled exactly once', async () => {
    // Prepare
    const t = setup(async () => new Response('gone', { status: 410 }));

    // Act
    const first = await t.deliver(t.message);
    const afterwards = await t.deliver({ ...t.message, replay: true });

    // Assess
    expect(first).toEqual({ outcome: 'failed', attempt: 1 });
    expect(t.retries).toEqual([]);
    expect(t.subscription()).toMatchObject({ enabled: false, disabledReason: 'gone', disabledAt: T0.toISOString() });
    expect(t.disabled).toEqual([{ type: 'endpoint.disabled', data: expect.objectContaining({ subscriptionId: SUB, reason: 'gone' }) }]);
    expect(afterwards).toEqual({ outcome: 'skipped', reason: 'endpoint_disabled' });
    expect(t.requests).toHaveLength(1);
    expect(t.record()).toMatchObject({ status: 'skipped', skippedReason: 'endpoint_disabled:gone' });
  });

  it('marks the delivery exhausted after the 8th failure and counts it against the endpoint’s health', async () => {
    // Prepare
    const t = setup(async () => new Response('boom', { status: 500 }));

    // Act
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const result = await t.deliver(t.message);
      outcomes.push(result.outcome);
      const due = t.retries.at(-1)?.dueAt;
      if (due) t.clock.set(due);
    }

    // Assess
    expect(outcomes).toEqual([...Array<string>(7).fill('scheduled'), 'exhausted']);
    expect(t.retries).toHaveLength(7);
    expect(t.record()).toMatchObject({ status: 'exhausted' });
    expect(t.record()?.attempts.map((a) => a.status)).toEqual(Array<number>(8).fill(500));
    expect(t.record()?.nextAttemptAt).toBeUndefined();
    expect(t.subscription()).toMatchObject({ enabled: true, exhaustedCount: 1, consecutiveFailures: 8, failingSince: expect.any(String) });
    expect(t.disabled).toEqual([]);
  });

  it('treats a 3xx as a failed attempt (redirects are never followed) and retries it', async () => {
    // Prepare
    const t = setup(async () => new Response(null, { status: 302, headers: { location: 'https://169.254.169.254/latest' } }));

    // Act
    const result = await t.deliver(t.message);

    // Assess
    expect(result).toEqual({ outcome: 'scheduled', attempt: 1 });
    expect(t.requests.map((r) => r.url)).toEqual(['https://hooks.example.com/rb']);
    expect(t.record()?.attempts).toEqual([expect.objectContaining({ n: 1, status: 302, classification: 'retry', error: 'redirect' })]);
    expect(t.retries[0]?.dueAt).toEqual(new Date(T0.getTime() + 5_000));
  });

  it('retries a garbage answer: a broken connection, and an unreadable body whose excerpt is capped at 512 characters', async () => {
    // Prepare
    const broken = setup(async () => {
      throw new TypeError('fetch failed: invalid HTTP response');
    });
    const noise = setup(async () => new Response(`\u0000\u00ff${'x'.repeat(5_000)}`, { status: 502, headers: { 'content-type': 'application/octet-stream' } }));

    // Act
    const a = await broken.deliver(broken.message);
    const b = await noise.deliver(noise.message);

    // Assess
    expect([a.outcome, b.outcome]).toEqual(['scheduled', 'scheduled']);
    expect(broken.record()?.attempts[0]).toMatchObject({ classification: 'retry', error: 'connection_error' });
    expect(broken.record()?.attempts[0]?.status).toBeUndefined();
    expect(noise.record()?.attempts[0]).toMatchObject({ classification: 'retry', status: 502 });
    expect(noise.record()?.attempts[0]?.responseExcerpt?.length).toBe(512);
  });
});
