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
