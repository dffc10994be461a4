import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, TransientError, UnauthorizedError } from '../../../shared/domain/errors.js';
import { channelsToRearm, nextChannelExpiry } from '../../../shared/domain/crm/channel-rearm.js';
import { mapRecord } from '../../../shared/domain/crm/field-mapping.js';
import { fingerprintWriteBack, isEcho } from '../../../shared/domain/crm/loop-guard.js';
import { createZohoClient, createZohoWriteBack } from '../../../shared/adapters/crm/zoho/client.js';
import { parseZohoNotification, verifyZohoNotification, zohoNotificationToNotices } from '../../../shared/adapters/crm/zoho/notification.js';
import { createRateLimiter } from '../../../shared/adapters/crm/http.js';
import { startZohoSandbox, ZOHO_SANDBOX_INTEGRATION_USER, type ZohoSandbox } from '../../../infra/local/sandboxes/crm/zoho.js';
import { connection, rawFixture, secretsFrom, startReceiver } from './support.js';
import { loopbackFetch } from '../../support/outbound.js';

const TOKEN = 'TOKEN_FOR_VERIFICATION_OF_1000000068001';

describe('Zoho notifications', () => {
  it('parses the callback body and verifies the channel token', () => {
    const notification = parseZohoNotification(rawFixture('zoho/notification-update.json'));
    expect(() => verifyZohoNotification(notification, { channelId: '1000000068001', token: TOKEN })).not.toThrow();
    expect(zohoNotificationToNotices(notification, 'c1', new Date())).toEqual([
      expect.objectContaining({ objectName: 'Accounts', externalIds: ['5725767000000500001'], operation: 'update', changedFields: ['Phone', 'Billing_City'], occurredAt: '2025-01-15T10:00:00.000Z' }),
    ]);
  });

  it('rejects a wrong token or a foreign channel with UnauthorizedError', () => {
    const notification = parseZohoNotification(rawFixture('zoho/notification-update.json'));
    expect(() => verifyZohoNotification(notification, { channelId: '1000000068001', token: `${TOKEN}x` })).toThrow(UnauthorizedError);
    expect(() => verifyZohoNotification(notification, { channelId: '999', token: TOKEN })).toThrow(UnauthorizedError);
    expect(() => verifyZohoNotification({ ...notification, token: undefined }, { channelId: '1000000068001', token: TOKEN })).toThrow(UnauthorizedError);
  });

  it('refuses bodies that are not JSON or miss ids', () => {
    expect(() => parseZohoNotification('{not json')).toThrow(expect.objectContaining({ code: 'malformed_input' }));
    expect(() => parseZohoNotification(JSON.stringify({ channel_id: '1', module: 'Accounts', operation: 'update', ids: [] }))).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});

describe('channelsToRearm', () => {
  it('returns channels expiring within the margin, soonest first', () => {
    const now = new Date('2025-01-15T10:00:00Z');
    const channels = [
      { connectionId: 'c', channelId: '1', events: ['Accounts.all'], expiresAt: '2025-01-15T10:20:00Z' },
      { connectionId: 'c', channelId: '2', events: ['Accounts.all'], expiresAt: '2025-01-16T10:00:00Z' },
      { connectionId: 'c', channelId: '3', events: ['Accounts.all'], expiresAt: '2025-01-15T09:00:00Z' },
    ];
    expect(channelsToRearm(channels, now, 30).map((c) => c.channelId)).toEqual(['3', '1']);
    expect(Date.parse(nextChannelExpiry(now)) - now.getTime()).toBeLessThanOrEqual(7 * 24 * 3_600_000);
  });
});

describe('Zoho client against the sandbox', () => {
  let sandbox: ZohoSandbox;
  const secrets = secretsFrom({ 'riskbridge/zoho/test-zoho/client-id': 'id', 'riskbridge/zoho/test-zoho/client-secret': 'secret', 'riskbridge/zoho/test-zoho/refresh-token': 'refresh' });
  beforeAll(async () => {
    sandbox = await startZohoSandbox();
  });
  afterAll(async () => {
    await sandbox.stop();
  });
  const config = () => connection('zoho', { apiBaseUrl: sandbox.url, authBaseUrl: sandbox.url, integrationUsers: [ZOHO_SANDBOX_INTEGRATION_USER] });

  it('refreshes a token, fetches an account and maps it', async () => {
    const client = createZohoClient({ secrets, outbound: loopbackFetch });
    const native = await client.fetchRecord(config(), 'Accounts', '5725767000000500001');
    const record = mapRecord(config(), 'Accounts', native);
    expect(record).toMatchObject({ objectType: 'customer', fields: { legalName: '杭州示例数据科技有限公司' } });
    await expect(client.fetchRecord(config(), 'Accounts', '1')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('writes back with trigger [] and the write echoes back as our own change', async () => {
    const writeBack = createZohoWriteBack(createZohoClient({ secrets, outbound: loopbackFetch }));
    const result = await writeBack.update(config(), '5725767000000500002', { Risk_Grade: 'BBB', Credit_Limit: 50000 });
    expect(result).toMatchObject({ status: 'updated', objectName: 'Accounts', crmStatus: 'SUCCESS' });
    expect(sandbox.writes.at(-1)).toMatchObject({ objectName: 'Accounts', id: '5725767000000500002', fields: { Risk_Grade: 'BBB', Credit_Limit: 50000 } });
    const echoed = await createZohoClient({ secrets, outbound: loopbackFetch }).fetchRecord(config(), 'Accounts', '5725767000000500002');
    const notice = { crm: 'zoho' as const, connectionId: 'test-zoho', objectName: 'Accounts', externalIds: ['5725767000000500002'], operation: 'update' as const, modifiedBy: (echoed.Modified_By as { id: string }).id, occurredAt: new Date().toISOString() };
    expect(isEcho(notice, [fingerprintWriteBack('test-zoho', '5725767000000500002', { Risk_Grade: 'BBB' }, new Date())], { integrationUsers: [ZOHO_SANDBOX_INTEGRATION_USER] }).echo).toBe(true);
  });

  it('turns 429 into TransientError with retryAfterMs from Retry-After, and 503 into a retryable error', async () => {
    const writeBack = createZohoWriteBack(createZohoClient({ secrets, outbound: loopbackFetch, limiter: createRateLimiter({ capacity: 100, refillPerSecond: 100 }) }));
    await writeBack.update(config(), '5725767000000500003', { Risk_Grade: 'A' }); // token cached
    sandbox.failNext({ kind: 'http', status: 429, retryAfterSeconds: 7 }, '/crm/v8/Accounts');
    const throttled = await writeBack.update(config(), '5725767000000500003', { Risk_Grade: 'A' }).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(TransientError);
    expect(throttled).toMatchObject({ code: 'crm_rate_limited', retryAfterMs: 7000, retryable: true });
    sandbox.failNext({ kind: 'http', status: 503 }, '/crm/v8/Accounts');
    await expect(writeBack.update(config(), '5725767000000500003', { Risk_Grade: 'A' })).rejects.toMatchObject({ code: 'crm_unavailable', retryable: true });
  });

  it('arms a channel and the sandbox emits a verifiable notification to the hub', async () => {
    const hub = await startReceiver();
    try {
      const client = createZohoClient({ secrets, outbound: loopbackFetch });
      const channel = { connectionId: 'test-zoho', channelId: '1000000068001', events: ['Accounts.all'], expiresAt: nextChannelExpiry(new Date()) };
      await client.watch(config(), channel, { notifyUrl: `${hub.url}/crm/zoho/test-zoho`, token: TOKEN });
      await client.watch(config(), channel, { notifyUrl: `${hub.url}/crm/zoho/test-zoho`, token: TOKEN, rearm: true });
      const statuses = await sandbox.emit({ module: 'Accounts', ids: ['5725767000000500001'], operation: 'update', affectedFields: ['Phone'] });
      expect(statuses).toEqual([200]);
      const body = hub.received[0]?.rawBody ?? '';
      const notification = parseZohoNotification(body);
      expect(() => verifyZohoNotification(notification, { channelId: channel.channelId, token: TOKEN })).not.toThrow();
      expect(sandbox.watchBodies).toHaveLength(2);
    } finally {
      await hub.stop();
    }
  });
});
