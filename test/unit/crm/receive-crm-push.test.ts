import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crmPushVerifiers } from '../../../shared/adapters/crm/inbound-verifiers.js';
import { fixedClock } from '../../../shared/domain/clock.js';
import type { WatchChannel } from '../../../shared/domain/crm/channel-rearm.js';
import { receiveCrmPush } from '../../../shared/domain/crm/inbound/receive-crm-push.js';
import type { CrmIngestMessage } from '../../../shared/domain/customers/ingest-message.js';
import { connection, rawFixture, secretsFrom } from './support.js';

const SF_SECRET = 'sf-inbound-secret';
const SF_SECRET_NAME = 'riskbridge/salesforce/acme-sf/inbound-secret';
const salesforce = connection('salesforce', { connectionId: 'acme-sf', credentials: { inboundSecret: SF_SECRET_NAME } });
/** Names acme-sf's inbound secret as its own: must not verify with it. */
const borrowing = connection('salesforce', { connectionId: 'beta-sf', credentials: { inboundSecret: SF_SECRET_NAME } });
const zoho = connection('zoho', { connectionId: 'acme-zoho' });

const setup = (channel?: { channel: WatchChannel; token: string }) => {
  const queued: CrmIngestMessage[] = [];
  const configs = new Map([salesforce, borrowing, zoho].map((c) => [c.connectionId, c]));
  const asked: string[] = [];
  const secrets = secretsFrom({ [SF_SECRET_NAME]: SF_SECRET });
  const receive = receiveCrmPush({
    connections: { get: async (id) => configs.get(id) },
    secrets: { get: (name) => (asked.push(name), secrets.get(name)) },
    channels: { getChannel: async () => channel },
    verifiers: crmPushVerifiers,
    enqueue: async (messages) => void queued.push(...messages),
    clock: fixedClock('2025-01-15T10:00:00Z'),
  });
  return { receive, queued, asked };
};

const sfBody = rawFixture('salesforce/account-change-update.json');
const sfSigned = (body: string, secret = SF_SECRET) => ({ 'x-riskbridge-signature': `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}` });
const url = 'http://localhost/v1/inbound/x';

describe('receiveCrmPush', () => {
  it('queues one notice per Salesforce change when the HMAC of the raw body matches, stamped with the receive time', async () => {
    const { receive, queued } = setup();
    const result = await receive('salesforce', 'acme-sf', { rawBody: sfBody, headers: sfSigned(sfBody), url });
    expect(result).toEqual({ accepted: 1 });
    expect(queued).toEqual([{ kind: 'notice', notice: expect.objectContaining({ connectionId: 'acme-sf', externalIds: ['001000000000001AAA'] }), receivedAt: '2025-01-15T10:00:00.000Z' }]);
  });

  it('accepts the shared token instead of an HMAC', async () => {
    const { receive } = setup();
    await expect(receive('salesforce', 'acme-sf', { rawBody: sfBody, headers: { 'x-riskbridge-token': SF_SECRET }, url })).resolves.toEqual({ accepted: 1 });
  });

  it('refuses a wrong signature, an unknown connection and a connection of another CRM with 401, queueing nothing', async () => {
    const { receive, queued } = setup();
    await expect(receive('salesforce', 'acme-sf', { rawBody: sfBody, headers: sfSigned(sfBody, 'wrong'), url })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(receive('salesforce', 'nobody', { rawBody: sfBody, headers: sfSigned(sfBody), url })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(receive('hubspot', 'acme-sf', { rawBody: sfBody, headers: sfSigned(sfBody), url })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(queued).toEqual([]);
  });

  it('refuses a push to a connection that names another connection’s secret, without reading that secret', async () => {
    // Prepare
    const { receive, queued, asked } = setup();

    // Act
    const error = await receive('salesforce', 'beta-sf', { rawBody: sfBody, headers: sfSigned(sfBody), url }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'unauthorized' });
    expect(asked).toEqual([]);
    expect(queued).toEqual([]);
  });

  it('checks a Zoho notification against the armed channel and its token', async () => {
    const body = rawFixture('zoho/notification-update.json');
    const channel = { channel: { connectionId: 'acme-zoho', channelId: '1000000068001', events: ['Accounts.all'], expiresAt: '2025-01-20T10:00:00Z' }, token: 'TOKEN_FOR_VERIFICATION_OF_1000000068001' };
    const armed = setup(channel);
    await expect(armed.receive('zoho', 'acme-zoho', { rawBody: body, headers: {}, url })).resolves.toEqual({ accepted: 1 });
    expect(armed.queued).toHaveLength(1);
    const unarmed = setup();
    await expect(unarmed.receive('zoho', 'acme-zoho', { rawBody: body, headers: {}, url })).rejects.toMatchObject({ code: 'unauthorized' });
    const otherToken = setup({ ...channel, token: 'another' });
    await expect(otherToken.receive('zoho', 'acme-zoho', { rawBody: body, headers: {}, url })).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
