import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { manageConnections } from '../../shared/domain/crm/manage-connections.js';
import { createZohoClient } from '../../shared/adapters/crm/zoho/client.js';
import { zohoChannelSecrets } from '../../shared/adapters/crm/zoho/notification.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { connectionStore } from '../../shared/adapters/dynamodb/connection-store.js';
import { crmStateStore } from '../../shared/adapters/dynamodb/crm-store.js';
import { createGuardedFetch, outboundUrlGuard } from '../../shared/adapters/http/guarded-fetch.js';
import { secretSourceFrom } from '../../shared/adapters/secrets/secret-source.js';
import { auditTrail } from '../../shared/lambda/audit-trail.js';
import { env, outboundPolicy } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const manage = manageConnections({
  connections: connectionStore(table),
  channels: crmStateStore(table),
  watcher: createZohoClient({ secrets: secretSourceFrom(env().LOCAL_SECRETS), outbound: createGuardedFetch(outboundPolicy()) }),
  audit: auditTrail(table, runtimeClock),
  clock: runtimeClock,
  secrets: zohoChannelSecrets,
  guardUrl: outboundUrlGuard(outboundPolicy()),
});

/** Hourly: re-arms Zoho channels expiring within 12 hours, notifying the API's public URL. */
export const handler = middy<ScheduledEvent, { rearmed: number; failed: number }, Error, Context>().handler(async () => {
  const base = env().PUBLIC_API_URL;
  if (!base) {
    logger.warn('PUBLIC_API_URL is not set: Zoho channels cannot be re-armed');
    return { rearmed: 0, failed: 0 };
  }
  const { rearmed, failed } = await manage.rearmDue(base.replace(/\/$/, ''), 12 * 60, 'schedule:rearm-zoho-channels');
  for (const f of failed) logger.warn('zoho channel re-arm failed', f);
  return { rearmed: rearmed.length, failed: failed.length };
});
