import { randomBytes } from 'node:crypto';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { channelsToRearm, nextChannelExpiry } from '../../shared/domain/crm/channel-rearm.js';
import { createZohoClient } from '../../shared/adapters/crm/zoho/client.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { connectionStore } from '../../shared/adapters/dynamodb/connection-store.js';
import { crmStateStore } from '../../shared/adapters/dynamodb/crm-store.js';
import { secretSourceFrom } from '../../shared/adapters/secrets/secret-source.js';
import { env } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const connections = connectionStore(table);
const state = crmStateStore(table);
const zoho = createZohoClient({ secrets: secretSourceFrom(env().LOCAL_SECRETS) });

/**
 * Zoho channels live at most a week: re-arms those expiring within 12 hours with a fresh
 * token and expiry, keeping the notify URL (ZOHO_NOTIFY_BASE_URL, the API's public URL).
 */
export const handler = middy<ScheduledEvent, { rearmed: number }, Error, Context>().handler(async () => {
  const now = new Date();
  const stored = await state.listChannels();
  const due = channelsToRearm(stored.map((s) => s.channel), now, 12 * 60);
  let rearmed = 0;
  for (const channel of due) {
    const config = await connections.get(channel.connectionId);
    const base = env().PUBLIC_API_URL;
    if (!config || !base) continue;
    const next = { ...channel, expiresAt: nextChannelExpiry(now) };
    const token = randomBytes(24).toString('base64url');
    try {
      await zoho.watch(config, next, { notifyUrl: `${base.replace(/\/$/, '')}/v1/inbound/zoho/${channel.connectionId}`, token, rearm: true });
      await state.putChannel(next, token);
      rearmed++;
    } catch (error) {
      logger.warn('zoho channel re-arm failed', { connectionId: channel.connectionId, code: (error as { code?: string }).code ?? 'unexpected' });
    }
  }
  return { rearmed };
});
