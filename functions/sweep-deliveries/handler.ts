import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { SQS_MAX_DELAY_SECONDS, sqsDelaySeconds, sweepHorizon } from '../../shared/domain/delivery/retry-schedule.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { deliveryStore } from '../../shared/adapters/dynamodb/delivery-store.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { env, queueUrl } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';

const deliveries = deliveryStore({ client: createDocumentClient(), tableName: env().TABLE_NAME });
const queues = queueSender(createSqsClient());
const maxQueueDelay = env().DELIVERY_QUEUE_DELAY_MAX_SECONDS ?? SQS_MAX_DELAY_SECONDS;

/**
 * Moves parked webhook retries onto the deliveries queue once they are within SQS's delay
 * range. A message is enqueued before it is unparked, so a crash in between only duplicates
 * (the delivery record makes the duplicate a no-op), never loses a retry.
 */
export const handler = middy<ScheduledEvent, { moved: number }>().handler(async () => {
  const now = runtimeClock.now();
  const due = await deliveries.due(sweepHorizon(now, maxQueueDelay));
  for (const entry of due) {
    await queues.send(queueUrl('QUEUE_URL_DELIVERIES'), { body: entry.message, delaySeconds: sqsDelaySeconds(entry.dueAt, now, maxQueueDelay) });
    await deliveries.unpark(entry.shardKey);
  }
  if (due.length > 0) logger.info('parked retries moved to the queue', { moved: due.length });
  return { moved: due.length };
});
