import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../../infra/local/sandboxes/receiver/webhook-receiver.js';
import { signatureHeaders } from '../../../shared/adapters/webhooks/webhook-sender.js';

describe('webhook receiver listing', () => {
  let rx: WebhookReceiver;
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  beforeAll(async () => {
    rx = await startWebhookReceiver({ secret });
  });
  afterAll(() => rx.stop());

  it('lists what arrived with ids, types and verdicts, without bodies', async () => {
    const body = JSON.stringify({ id: 'evt_1', type: 'customer.updated', customerId: 'c-1', sequence: 3, data: { secret: 'do-not-show' } });
    await fetch(`${rx.url}/hooks/a`, { method: 'POST', headers: { ...signatureHeaders([secret], 'evt_1', new Date(), body), 'content-type': 'application/json' }, body });
    await fetch(`${rx.url}/hooks/a`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const listing = (await (await fetch(`${rx.url}/__received`)).json()) as { received: unknown[] };
    expect(listing.received).toMatchObject([
      { path: '/hooks/a', webhookId: 'evt_1', type: 'customer.updated', customerId: 'c-1', sequence: 3, verified: true, status: 200 },
      { path: '/hooks/a', verified: false, status: 401 },
    ]);
    expect(JSON.stringify(listing)).not.toContain('do-not-show');
  });
});

describe('webhook receiver secrets endpoint', () => {
  it('learns a new subscription secret over HTTP and then verifies its deliveries', async () => {
    const rx = await startWebhookReceiver({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
    try {
      const other = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
      const body = '{"id":"evt_2","type":"customer.updated"}';
      const send = () => fetch(`${rx.url}/hooks/b`, { method: 'POST', headers: { ...signatureHeaders([other], 'evt_2', new Date(), body), 'content-type': 'application/json' }, body });
      expect((await send()).status).toBe(401);
      expect((await fetch(`${rx.url}/__secrets`, { method: 'POST', body: '{"secret":"nope"}' })).status).toBe(422);
      expect((await fetch(`${rx.url}/__secrets`, { method: 'POST', body: JSON.stringify({ secret: other }) })).status).toBe(204);
      expect((await send()).status).toBe(200);
    } finally {
      await rx.stop();
    }
  });
});
