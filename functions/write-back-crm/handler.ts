import { runtimeClock } from '../../shared/lambda/clock.js';
import { sqsDelaySeconds } from '../../shared/domain/delivery/retry-schedule.js';
import { writeBackEvent } from '../../shared/domain/outbound/write-back-event.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { connectionStore } from '../../shared/adapters/dynamodb/connection-store.js';
import { eventStore } from '../../shared/adapters/dynamodb/event-store.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { quarantineStore } from '../../shared/adapters/dynamodb/quarantine-store.js';
import { writeBackFingerprintStore } from '../../shared/adapters/dynamodb/writeback-fingerprint-store.js';
import { writeBackStore } from '../../shared/adapters/dynamodb/writeback-store.js';
import { createCrmWriteBacks } from '../../shared/adapters/crm/write-backs.js';
import { createGuardedFetch } from '../../shared/adapters/http/guarded-fetch.js';
import { secretSourceFrom } from '../../shared/adapters/secrets/secret-source.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { env, outboundPolicy, queueUrl } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';
import { sqsConsumer } from '../../shared/lambda/sqs.js';
import { WriteBackMessageSchema } from './schema.js';

// Composition root: clients, token caches and per-CRM rate limiters live for the container.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const queues = queueSender(createSqsClient());

const writeBack = writeBackEvent({
  events: eventStore(table),
  profiles: profileStore(table),
  connections: connectionStore(table),
  writeBacks: createCrmWriteBacks({ secrets: secretSourceFrom(env().LOCAL_SECRETS), outbound: createGuardedFetch(outboundPolicy()) }),
  log: writeBackStore(table),
  fingerprints: writeBackFingerprintStore(table),
  // Delays beyond SQS's 15 minutes hop: the message comes back early and is re-enqueued.
  scheduleRetry: async (message, dueAt) => {
    await queues.send(queueUrl('QUEUE_URL_WRITEBACKS'), { body: message, delaySeconds: sqsDelaySeconds(dueAt, runtimeClock.now()) });
  },
  clock: runtimeClock,
  random: Math.random,
});

/** Writes rating and limit changes back into the customer's CRM records; see writeBackEvent. */
export const handler = sqsConsumer({
  source: 'writebacks',
  schema: WriteBackMessageSchema,
  quarantine: quarantineStore(table),
  handle: async (message) => {
    const result = await writeBack(message);
    logger.info('write-back handled', {
      eventId: message.eventId,
      outcome: result.outcome,
      ...(result.outcome === 'handled' ? { targets: result.targets.map((t) => ({ status: t.status, code: t.code })) } : {}),
    });
  },
});
