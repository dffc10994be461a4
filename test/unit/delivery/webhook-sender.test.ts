import { afterEach, describe, expect, it } from 'vitest';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { sendWebhook } from '../../../shared/adapters/webhooks/webhook-sender.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { activeSecrets, generateSecret, newSubscription, rotateSecret } from '../../../shared/domain/delivery/subscription.js';
import type { EventEnvelope } from '../../../shared/domain/events/envelope.js';
import { loopbackFetch } from '../../support/outbound.js';

const envelope: EventEnvelope = {
  id: 'evt_01J0000000000000000000000A',
  type: 'customer.updated',
  version: 1,
  occurredAt: '2025-01-02T03:04:05.000Z',
  customerId: 'cust-1',
  sequence: 7,
  data: { changedFields: ['legalName'], note: 'ünïcødé ✓' },
};

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

describe('sendWebhook', () => {
  it('delivers a body that verifies with both standardwebhooks and svix', async () => {
    // Prepare
    const secret = generateSecret();
    receiver = await startWebhookReceiver({ secret });

    // Act
    const outcome = await sendWebhook({ url: `${receiver.url}/hooks/crm-a`, secrets: [secret], envelope, messageId: 'msg_1', attempt: 1, fetchImpl: loopbackFetch });

    // Assess
    expect(outcome).toMatchObject({ ok: true, status: 200, classification: 'delivered', responseExcerpt: 'ok', attempt: 1 });
    const [got] = receiver.received;
    expect(got?.verified).toBe(true);
    expect(got?.path).toBe('/hooks/crm-a');
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.headers['user-agent']).toBe('RiskBridge-Webhooks/1');
    expect(got?.headers['webhook-id']).toBe('msg_1');
    expect(got?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const headers = got?.headers ?? {};
    expect(new StandardWebhook(secret).verify(got?.body ?? '', headers)).toEqual(envelope);
    expect(new SvixWebhook(secret).verify(got?.body ?? '', headers)).toEqual(envelope);
  });

  it('signs with every active secret during rotation so old and new secrets both verify, and only the new one after expiry', async () => {
    // Prepare
    const t0 = new Date('2025-03-01T00:00:00Z');
    const oldSecret = generateSecret();
    const created = newSubscription({ url: 'https://example.com/hook', eventTypes: ['customer.updated'] }, { id: 'sub_01J00000000000000000000000', secret: oldSecret }, t0);
    const { subscription, secret: newSecret } = rotateSecret(created, new Date('2025-03-02T00:00:00Z'), 24);
    const during = activeSecrets(subscription, new Date('2025-03-02T12:00:00Z'));
    const after = activeSecrets(subscription, new Date('2025-03-03T00:00:01Z'));
    receiver = await startWebhookReceiver({ secret: newSecret });

    // Act
    await sendWebhook({ url: `${receiver.url}/hooks/a`, secrets: during, envelope, messageId: 'msg_rot_1', attempt: 1, fetchImpl: loopbackFetch });
    await sendWebhook({ url: `${receiver.url}/hooks/a`, secrets: after, envelope, messageId: 'msg_rot_2', attempt: 1, fetchImpl: loopbackFetch });

    // Assess
    expect(during).toEqual([newSecret, oldSecret]);
    expect(after).toEqual([newSecret]);
    const [first, second] = receiver.received;
    expect(first?.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    for (const secret of [oldSecret, newSecret]) {
      expect(() => new StandardWebhook(secret).verify(first?.body ?? '', first?.headers ?? {})).not.toThrow();
      expect(() => new SvixWebhook(secret).verify(first?.body ?? '', first?.headers ?? {})).not.toThrow();
    }
    expect(() => new StandardWebhook(newSecret).verify(second?.body ?? '', second?.headers ?? {})).not.toThrow();
    expect(() => new SvixWebhook(newSecret).verify(second?.body ?? '', second?.headers ?? {})).not.toThrow();
    expect(() => new StandardWebhook(oldSecret).verify(second?.body ?? '', second?.headers ?? {})).toThrow();
    expect(() => new SvixWebhook(oldSecret).verify(second?.body ?? '', second?.headers ?? {})).toThrow();
  });

  it('is refused by a receiver holding a different secret', async () => {
    // Prepare
    receiver = await startWebhookReceiver({ secret: generateSecret() });

    // Act
    const outcome = await sendWebhook({ url: `${receiver.url}/hooks/a`, secrets: [generateSecret()], envelope, messageId: 'msg_x', attempt: 1, fetchImpl: loopbackFetch });

    // Assess
    expect(receiver.received[0]?.verified).toBe(false);
    expect(outcome).toMatchObject({ ok: false, status: 401, classification: 'retry' });
  });

  it.each([
    ['gone', 410, 'disable_endpoint'],
    ['redirect', 307, 'retry'],
    ['reject', 400, 'retry'],
  ] as const)('classifies mode %s (HTTP %i) as %s without following redirects', async (mode, status, classification) => {
    // Prepare
    const secret = generateSecret();
    receiver = await startWebhookReceiver({ secret, mode });

    // Act
    const outcome = await sendWebhook({ url: `${receiver.url}/hooks/a`, secrets: [secret], envelope, messageId: 'msg_m', attempt: 2, fetchImpl: loopbackFetch });

    // Assess
    expect(outcome).toMatchObject({ ok: false, status, classification });
    expect(receiver.received).toHaveLength(1);
  });

  it('honours Retry-After seconds on 429', async () => {
    // Prepare
    const secret = generateSecret();
    receiver = await startWebhookReceiver({ secret, mode: 'throttle', retryAfterSeconds: 120 });

    // Act
    const outcome = await sendWebhook({ url: `${receiver.url}/hooks/a`, secrets: [secret], envelope, messageId: 'msg_t', attempt: 1, fetchImpl: loopbackFetch });

    // Assess
    expect(outcome).toMatchObject({ ok: false, status: 429, classification: 'retry', retryAfterMs: 120_000 });
  });

  it('honours a Retry-After HTTP date on 503', async () => {
    // Prepare
    const now = new Date('2025-05-05T10:00:00Z');
    const fetchImpl = async () =>
      new Response('maintenance', { status: 503, headers: { 'retry-after': 'Mon, 05 May 2025 10:02:00 GMT' } });

    // Act
    const outcome = await sendWebhook({ url: 'https://example.com/x', secrets: [generateSecret()], envelope, messageId: 'msg_d', attempt: 1, fetchImpl, now: () => now });

    // Assess
    expect(outcome).toMatchObject({ status: 503, classification: 'retry', retryAfterMs: 120_000, responseExcerpt: 'maintenance' });
  });

  it('classifies a garbage answer as a retryable connection error', async () => {
    // Prepare
    const secret = generateSecret();
    receiver = await startWebhookReceiver({ secret, mode: 'garbage' });

    // Act
    const outcome = await sendWebhook({ url: `${receiver.url}/hooks/a`, secrets: [secret], envelope, messageId: 'msg_g', attempt: 1, fetchImpl: loopbackFetch });

    // Assess
    expect(outcome).toMatchObject({ ok: false, classification: 'retry', error: 'connection_error' });
    expect(outcome.status).toBeUndefined();
  });

  it('gives up on a hanging receiver after the timeout and asks for a retry', async () => {
    // Prepare
    const secret = generateSecret();
    receiver = await startWebhookReceiver({ secret, mode: 'hang' });

    // Act
    const outcome = await sendWebhook({ url: `${receiver.url}/hooks/a`, secrets: [secret], envelope, messageId: 'msg_h', attempt: 1, timeoutMs: 200, fetchImpl: loopbackFetch });

    // Assess
    expect(outcome).toMatchObject({ ok: false, classification: 'retry', error: 'timeout' });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(150);
    expect(outcome.latencyMs).toBeLessThan(5_000);
  });

  it('truncates the response excerpt to 512 characters', async () => {
    // Prepare
    const fetchImpl = async () => new Response('x'.repeat(10_000), { status: 500 });

    // Act
    const outcome = await sendWebhook({ url: 'https://example.com/x', secrets: [generateSecret()], envelope, messageId: 'msg_l', attempt: 1, fetchImpl });

    // Assess
    expect(outcome.responseExcerpt).toHaveLength(512);
    expect(outcome.classification).toBe('retry');
  });

  it('refuses private and plain-http URLs through the default SSRF guard without throwing', async () => {
    // Prepare
    const secret = generateSecret();
    receiver = await startWebhookReceiver({ secret });

    // Act
    const loopbackNotAllowed = await sendWebhook({ url: `${receiver.url}/hooks/a`, secrets: [secret], envelope, messageId: 'm', attempt: 1 });
    const metadata = await sendWebhook({ url: 'https://169.254.169.254/latest/meta-data/', secrets: [secret], envelope, messageId: 'm', attempt: 1 });

    // Assess
    expect(loopbackNotAllowed).toMatchObject({ ok: false, classification: 'failed_permanent', error: 'unsafe_url' });
    expect(metadata).toMatchObject({ ok: false, classification: 'failed_permanent', error: 'unsafe_url' });
    expect(receiver.received).toHaveLength(0);
  });

  it('quarantines instead of throwing when no secret is active or a secret is unusable', async () => {
    // Act
    const none = await sendWebhook({ url: 'https://example.com/x', secrets: [], envelope, messageId: 'm', attempt: 1, fetchImpl: loopbackFetch });
    const broken = await sendWebhook({ url: 'https://example.com/x', secrets: ['whsec_%%%'], envelope, messageId: 'm', attempt: 1, fetchImpl: loopbackFetch });

    // Assess
    expect(none).toMatchObject({ classification: 'failed_permanent', error: 'no_active_secret' });
    expect(broken).toMatchObject({ classification: 'failed_permanent', error: 'invalid_secret' });
  });
});
