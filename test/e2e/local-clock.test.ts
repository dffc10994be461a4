import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { eventWriter } from '../../shared/adapters/dynamodb/event-writer.js';
import { DEFAULT_RETRY_DELAYS_MS } from '../../shared/domain/delivery/retry-schedule.js';
import { newEvent } from '../../shared/domain/events/new-event.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';
import { E2E_WAIT_MS } from '../support/e2e-helpers.js';

/** The local-only clock routes are not part of the API contract (the fixture checks none of them). */
const advance = async (t: TestHub, body: { seconds: number } | { to: string }) => {
  const response = await t.api('POST', '/__local/clock/advance', { body, key: null });
  return { status: response.status, type: response.headers.get('content-type'), json: response.json };
};

/** Polls `condition` until it holds; `nudge` runs between polls (e.g. one more clock step). */
const until = async (condition: () => Promise<boolean> | boolean, options: { timeoutMs?: number; nudge?: () => Promise<unknown> } = {}): Promise<void> => {
  const deadline = Date.now() + (options.timeoutMs ?? E2E_WAIT_MS);
  let polls = 0;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
    if (options.nudge && ++polls % 25 === 0) await options.nudge();
  }
};

describe('local clock', () => {
  let t: TestHub;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestHub();
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.stop();
    await t?.stop();
  });

  it('reads, moves only forward, refuses bad input as problem+json and runs the schedules that became due, once each, in order', async () => {
    const before = (await t.api('GET', '/__local/clock', { key: null })).json as { now: string; offsetSeconds: number };
    expect(Math.abs(Date.parse(before.now) - Date.now())).toBeLessThan(5_000 + before.offsetSeconds * 1000);

    const moved = await advance(t, { seconds: 2 * 3600 });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.json.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(2 * 3600 * 1000);
    const ran = moved.json.ran as Array<{ functionId: string; dueAt: string }>;
    // Every schedule of the topology with a period ≤ 2 h became due; each runs once, in due-time order.
    expect(ran.map((r) => r.functionId).sort()).toEqual(['checkpointAudit', 'pollFxiaoke', 'rearmZohoChannels', 'scheduleRefresh', 'sweepAlerts', 'sweepDeliveries']);
    expect(ran.map((r) => r.dueAt)).toEqual([...ran.map((r) => r.dueAt)].sort());
    // The same due times do not run again.
    expect((await advance(t, { seconds: 1 })).json.ran).toEqual([]);
    // Functions see the moved clock: an API key expiring in one hour (real time) no longer authenticates.
    const created = await t.api('POST', '/v1/admin/api-keys', { body: { name: 'short-lived', role: 'admin', expiresAt: new Date(Date.parse(moved.json.now) + 3600_000).toISOString() } });
    expect(created.status, created.text).toBe(201);
    expect((await t.api('GET', '/v1/subscriptions', { key: created.json.key })).status).toBe(200);
    await advance(t, { seconds: 3601 });
    expect((await t.api('GET', '/v1/subscriptions', { key: created.json.key })).status).toBe(401);

    const back = await advance(t, { to: before.now });
    expect(back.status).toBe(422);
    expect(back.type).toContain('application/problem+json');
    expect(back.json.errors[0].path).toBe('to');
    const bad = await advance(t, { seconds: -5 });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toBe('seconds');
    const malformed = await t.api('POST', '/__local/clock/advance', { rawBody: '{', key: null });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
  });

  it('disables a webhook endpoint that fails through the whole retry schedule (~27 h) and emits endpoint.disabled', async () => {
    // Prepare: /hooks/down answers 400 to everything; /hooks/admin is healthy and hears endpoint.disabled.
    receiver.setMode('reject', '/hooks/down');
    const down = await t.api('POST', '/v1/subscriptions', { body: { url: `${receiver.url}/hooks/down`, eventTypes: ['rating.changed'] } });
    const admin = await t.api('POST', '/v1/subscriptions', { body: { url: `${receiver.url}/hooks/admin`, eventTypes: ['endpoint.disabled'] } });
    expect(down.status, down.text).toBe(201);
    expect(admin.status, admin.text).toBe(201);
    receiver.setSecrets([down.json.secret, admin.json.secret]);
    const subscriptionId: string = down.json.subscription.id;
    const events = eventWriter({ client: createDocumentClient(), tableName: t.hub.resources.tableName });
    const clockNow = () => t.hub.clock.now();
    // Three deliveries run out of retries: the documented threshold for a sustained failure.
    for (const [i, customerId] of ['clock-c1', 'clock-c2', 'clock-c3'].entries()) {
      await events.put(
        newEvent('rating.changed', { current: { status: 'rated', policyVersion: 1, score: 600 + i, grade: 'BB', pd: 0.03, reasons: [], ratedAt: clockNow().toISOString() }, changed: ['grade'] }, { customerId, sequence: 1, at: clockNow() }),
      );
    }
    const attemptsAtDown = () => receiver.received.filter((r) => r.path === '/hooks/down').length;

    // Act: attempts 1 and 2 (5 s) run in real time; each later one after the clock passes its delay (+20 % jitter).
    await until(() => attemptsAtDown() >= 6);
    for (const [index, delayMs] of DEFAULT_RETRY_DELAYS_MS.entries()) {
      if (index < 2) continue;
      const attempts = 3 * (index + 1);
      await advance(t, { seconds: Math.ceil((delayMs * 1.2) / 1000) + 60 });
      await until(() => attemptsAtDown() >= attempts, { nudge: () => advance(t, { seconds: 60 }) });
    }

    // Assess: 8 attempts per delivery, all exhausted, the subscription disabled, the event delivered to the admin endpoint.
    expect(attemptsAtDown()).toBe(3 * DEFAULT_RETRY_DELAYS_MS.length);
    await until(async () => (await t.api('GET', `/v1/subscriptions/${subscriptionId}`)).json?.subscription?.enabled === false);
    const sub = (await t.api('GET', `/v1/subscriptions/${subscriptionId}`)).json.subscription;
    expect(sub.disabledReason).toBe('sustained_failure');
    const log = await t.api('GET', `/v1/subscriptions/${subscriptionId}/deliveries?status=exhausted`);
    expect(log.json.deliveries).toHaveLength(3);
    const span = log.json.deliveries.map((d: { attempts: Array<{ at: string }> }) => Date.parse(d.attempts.at(-1)!.at) - Date.parse(d.attempts[0]!.at));
    for (const ms of span) expect(ms).toBeGreaterThan(0.8 * DEFAULT_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0));
    await receiver.waitFor((all) => all.some((r) => r.path === '/hooks/admin' && r.verified && r.body.includes('"endpoint.disabled"') && r.body.includes(subscriptionId)), E2E_WAIT_MS);
  }, 180_000);
});
