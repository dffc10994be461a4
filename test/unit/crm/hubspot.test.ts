import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransientError, UnauthorizedError } from '../../../shared/domain/errors.js';
import { mapRecord } from '../../../shared/domain/crm/field-mapping.js';
import { isEcho } from '../../../shared/domain/crm/loop-guard.js';
import { createHubSpotClient, createHubSpotWriteBack } from '../../../shared/adapters/crm/hubspot/client.js';
import { hubSpotEventsToNotices, parseHubSpotWebhookBatch, signHubSpotV3, verifyHubSpotSignatureV3 } from '../../../shared/adapters/crm/hubspot/webhook.js';
import { createRateLimiter } from '../../../shared/adapters/crm/http.js';
import { HUBSPOT_SANDBOX_APP_ID, startHubSpotSandbox, type HubSpotSandbox } from '../../../infra/local/sandboxes/crm/hubspot.js';
import { connection, rawFixture, secretsFrom, startReceiver } from './support.js';
import { loopbackFetch } from '../../support/outbound.js';

const SECRET = 'sandbox-client-secret';
const URI = 'https://hub.example/crm/hubspot/acme?connection=acme';

const signed = (rawBody: string, timestamp: number) => ({
  'X-HubSpot-Signature-v3': signHubSpotV3(SECRET, 'POST', URI, rawBody, String(timestamp)),
  'X-HubSpot-Request-Timestamp': String(timestamp),
});

describe('HubSpot webhook signature v3', () => {
  const rawBody = rawFixture('hubspot/webhook-batch.json');
  const now = new Date('2025-01-15T10:00:30Z');

  it('accepts a batch signed over method + URI + raw body + timestamp', () => {
    expect(() => verifyHubSpotSignatureV3({ method: 'POST', uri: URI, rawBody, headers: signed(rawBody, now.getTime() - 1000), clientSecret: SECRET, now })).not.toThrow();
  });

  it('rejects a bad signature, a re-serialised body and a stale timestamp with UnauthorizedError', () => {
    const headers = signed(rawBody, now.getTime());
    expect(() => verifyHubSpotSignatureV3({ method: 'POST', uri: URI, rawBody, headers, clientSecret: 'other', now })).toThrow(UnauthorizedError);
    expect(() => verifyHubSpotSignatureV3({ method: 'POST', uri: URI, rawBody: JSON.stringify(JSON.parse(rawBody)), headers, clientSecret: SECRET, now })).toThrow(UnauthorizedError);
    const stale = signed(rawBody, now.getTime() - 5 * 60_000 - 1);
    expect(() => verifyHubSpotSignatureV3({ method: 'POST', uri: URI, rawBody, headers: stale, clientSecret: SECRET, now })).toThrow(/stale/);
    expect(() => verifyHubSpotSignatureV3({ method: 'POST', uri: URI, rawBody, headers: {}, clientSecret: SECRET, now })).toThrow(UnauthorizedError);
  });

  it('parses the batch into change notices per event', () => {
    const notices = hubSpotEventsToNotices(parseHubSpotWebhookBatch(rawBody), 'acme');
    expect(notices).toEqual([
      expect.objectContaining({ objectName: 'companies', externalIds: ['9100000001'], operation: 'update', changedFields: ['phone'], changeSource: 'CRM_UI', eventId: '1001' }),
      expect.objectContaining({ objectName: 'companies', externalIds: ['9100000007'], operation: 'create' }),
    ]);
  });

  it('treats INTEGRATION changes from our own app id as echoes', () => {
    const [event] = parseHubSpotWebhookBatch(rawFixture('hubspot/webhook-batch.json'));
    if (!event) throw new Error('fixture empty');
    const [notice] = hubSpotEventsToNotices([{ ...event, changeSource: 'INTEGRATION', sourceId: HUBSPOT_SANDBOX_APP_ID }], 'acme');
    if (!notice) throw new Error('no notice');
    expect(isEcho(notice, [], { integrationUsers: [HUBSPOT_SANDBOX_APP_ID] })).toEqual({ echo: true, reason: 'integration_user' });
  });
});

describe('HubSpot client against the sandbox', () => {
  let sandbox: HubSpotSandbox;
  const secrets = secretsFrom({ 'riskbridge/hubspot/test-hubspot/private-app-token': 'pat-sandbox-token' });
  beforeAll(async () => {
    sandbox = await startHubSpotSandbox();
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  const config = () => connection('hubspot', { apiBaseUrl: sandbox.url });
  const fast = () => createRateLimiter({ capacity: 100, refillPerSecond: 100 });

  it('fetches a deal with its company association and maps it to an order', async () => {
    const client = createHubSpotClient({ secrets, outbound: loopbackFetch, limiter: fast() });
    const deal = await client.fetchObject(config(), 'deals', '18000000002', { associations: ['companies'] });
    expect(mapRecord(config(), 'deals', deal)).toMatchObject({ objectType: 'order', customerExternalId: '9100000002', status: 'cancelled' });
  });

  it('PATCHes properties as strings and surfaces 429 as TransientError (10 s window when no Retry-After)', async () => {
    const writeBack = createHubSpotWriteBack(createHubSpotClient({ secrets, outbound: loopbackFetch, limiter: fast() }));
    await writeBack.update(config(), '9100000003', { riskbridge_grade: 'A', riskbridge_credit_limit: 25000.5 });
    expect(sandbox.writes.at(-1)).toMatchObject({ objectName: 'companies', id: '9100000003', fields: { riskbridge_grade: 'A', riskbridge_credit_limit: '25000.5' } });
    sandbox.failNext({ kind: 'http', status: 429 }, '/crm/v3');
    const error = await writeBack.update(config(), '9100000003', { riskbridge_grade: 'A' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ retryAfterMs: 10_000 });
  });

  it('emits signed batches the hub can verify, and tampered ones it cannot', async () => {
    const hub = await startReceiver();
    try {
      const url = `${hub.url}/crm/hubspot/test-hubspot`;
      await sandbox.emit(url, [{ subscriptionType: 'company.propertyChange', objectId: '9100000001', propertyName: 'name', propertyValue: 'Renamed Ltd' }]);
      await sandbox.emit(url, [{ subscriptionType: 'company.creation', objectId: '9100000002' }], { tamper: true });
      const [good, bad] = hub.received;
      const verify = (r: typeof good) => verifyHubSpotSignatureV3({ method: 'POST', uri: `${hub.url}${r?.url ?? ''}`, rawBody: r?.rawBody ?? '', headers: r?.headers ?? {}, clientSecret: sandbox.clientSecret, now: new Date() });
      expect(() => verify(good)).not.toThrow();
      expect(() => verify(bad)).toThrow(UnauthorizedError);
    } finally {
      await hub.stop();
    }
  });
});
