import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { initialCursor } from '../../shared/domain/crm/poll-cursor.js';
import type { CrmIngestMessage } from '../../shared/domain/customers/ingest-message.js';
import { createFxiaokeClient } from '../../shared/adapters/crm/fxiaoke/client.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { connectionStore } from '../../shared/adapters/dynamodb/connection-store.js';
import { crmStateStore } from '../../shared/adapters/dynamodb/crm-store.js';
import { createGuardedFetch } from '../../shared/adapters/http/guarded-fetch.js';
import { secretSourceFrom } from '../../shared/adapters/secrets/secret-source.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { env, outboundPolicy, queueUrl } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const connections = connectionStore(table);
const state = crmStateStore(table);
const sender = queueSender(createSqsClient());
const fxiaoke = createFxiaokeClient({ secrets: secretSourceFrom(env().LOCAL_SECRETS), outbound: createGuardedFetch(outboundPolicy()) });

/**
 * Fxiaoke has no push: every few minutes, per Fxiaoke connection and mapped object, reads the
 * rows changed after the stored cursor and queues each as a notice carrying the row (the worker
 * maps it without a second read). The cursor is stored only after the rows are queued
 * (at-least-once; the worker's replay check makes repeats no-ops).
 */
export const handler = middy<ScheduledEvent, { polled: number }, Error, Context>().handler(async () => {
  let polled = 0;
  for (const config of (await connections.list()).filter((c) => c.crm === 'fxiaoke')) {
    for (const objectName of Object.keys(config.objects)) {
      try {
        const cursor = (await state.getCursor(config.connectionId, objectName)) ?? initialCursor();
        const result = await fxiaoke.pollChanges(config, objectName, cursor);
        const messages: CrmIngestMessage[] = result.records.map((row) => ({
          kind: 'notice',
          notice: { crm: 'fxiaoke', connectionId: config.connectionId, objectName, externalIds: [row._id], operation: 'update', occurredAt: new Date(row.last_modified_time).toISOString(), modifiedBy: Array.isArray(row['last_modified_by']) ? String(row['last_modified_by'][0]) : undefined },
          native: row,
        }));
        await sender.sendAll(queueUrl('QUEUE_URL_CRM_INGEST'), messages.map((body) => ({ body })));
        await state.putCursor(config.connectionId, objectName, result.cursor);
        polled += messages.length;
      } catch (error) {
        logger.warn('fxiaoke poll failed', { connectionId: config.connectionId, objectName, code: (error as { code?: string }).code ?? 'unexpected' });
      }
    }
  }
  return { polled };
});
