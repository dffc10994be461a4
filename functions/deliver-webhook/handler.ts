import { runtimeClock } from '../../shared/lambda/clock.js';
import { SQS_MAX_DELAY_SECONDS, sqsDelaySeconds, needsSweep } from '../../shared/domain/delivery/retry-schedule.js';
import { newEvent } from '../../shared/domain/events/new-event.js';
import { deliverEvent } from '../../shared/domain/outbound/deliver-event.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { deliveryStore } from '../../shared/adapters/dynamodb/delivery-store.js';
import { eventStore } from '../../shared/adapters/dynamodb/event-store.js';
import { eventWriter } from '../../shared/adapters/dynamodb/event-writer.js';
import { quarantineStore } from '../../shared/adapters/dynamodb/quarantine-store.js';
import { subscriptionStore } from '../../shared/adapters/dynamodb/subscription-store.js';
import { createGuardedFetch } from '../../shared/adapters/http/guarded-fetch.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { sendWebhook } from '../../shared/adapters/webhooks/webhook-sender.js';
import { env, outboundPolicy, queueUrl } from '../../shared/lambda/env.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metricsFor } from '../../shared/lambda/metrics.js';
import { logger } from '../../shared/lambda/powertools.js';
import { sqsConsumer } from '../../shared/lambda/sqs.js';
import { DeliveryMessageSchema } from './schema.js';

const metrics = metricsFor();
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const queues = queueSender(createSqsClient());
const deliveries = deliveryStore(table);
const events = eventWriter(table);
const outbound = createGuardedFetch(outboundPolicy());
const maxQueueDelay = env().DELIVERY_QUEUE_DELAY_MAX_SECONDS ?? SQS_MAX_DELAY_SECONDS;

const deliver = deliverEvent({
  subscriptions: subscriptionStore(table),
  deliveries,
  events: eventStore(table),
  send: (input) => sendWebhook({ ...input, fetchImpl: outbound }),
  scheduleRetry: async (message, dueAt) => {
    const now = runtimeClock.now();
    if (needsSweep(dueAt, now, maxQueueDelay)) {
      await deliveries.park(message.subscriptionId, message.eventId, dueAt);
      return;
    }
    await queues.send(queueUrl('QUEUE_URL_DELIVERIES'), { body: message, delaySeconds: sqsDelaySeconds(dueAt, now, maxQueueDelay) });
  },
  endpointDisabled: async (intent) => {
    logger.warn('webhook endpoint disabled', { subscriptionId: intent.data.subscriptionId, reason: intent.data.reason });
    await events.put(newEvent('endpoint.disabled', intent.data, { at: runtimeClock.now() }));
  },
  clock: runtimeClock,
  random: Math.random,
});

/** Delivers queued (event, subscription) pairs; see deliverEvent for the guarantees. */
export const handler = sqsConsumer({
  source: 'deliveries',
  schema: DeliveryMessageSchema,
  quarantine: quarantineStore(table),
  handle: async (message) => {
    const result = await deliver(message);
    metrics.addMetric(`Webhook${result.outcome[0]?.toUpperCase()}${result.outcome.slice(1)}`, MetricUnit.Count, 1);
    logger.info('delivery handled', { eventId: message.eventId, subscriptionId: message.subscriptionId, ...result });
  },
});
