import { sqsAttributesFor } from '../../shared/domain/delivery/sqs-attributes.js';
import type { Subscription } from '../../shared/domain/delivery/subscription.js';
import { routeEvent } from '../../shared/domain/outbound/route-event.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { envelopeFromStreamRecord } from '../../shared/adapters/dynamodb/stream-records.js';
import { subscriptionStore } from '../../shared/adapters/dynamodb/subscription-store.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { env, queueUrl } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';
import { streamConsumer } from '../../shared/lambda/stream.js';

const subscriptions = subscriptionStore({ client: createDocumentClient(), tableName: env().TABLE_NAME });
const queues = queueSender(createSqsClient());
/** Subscriptions are read once per stream batch, so a new subscription gets every event of the next batch. */
let batchSubscriptions: Subscription[] = [];
const loadSubscriptions = async (): Promise<void> => {
  batchSubscriptions = await subscriptions.list();
};

/**
 * Outbox relay: each new event item on the table stream is routed to the result queues, to one
 * delivery per matching subscription, to the per-customer recompute queue and to CRM
 * write-back. Sends are idempotent downstream (FIFO dedup ids, delivery records), so a retried
 * batch is safe.
 */
export const handler = streamConsumer(async (record) => {
  const envelope = envelopeFromStreamRecord(record);
  if (!envelope) return;
  const plan = routeEvent(envelope, batchSubscriptions);
  const attributes = sqsAttributesFor(envelope);
  const group = envelope.customerId ?? 'global';
  await Promise.all([
    plan.results ? queues.send(queueUrl('QUEUE_URL_RESULTS'), { body: envelope, attributes }) : undefined,
    plan.results
      ? queues.send(queueUrl('QUEUE_URL_RESULTS_FIFO'), { body: envelope, attributes, groupId: group, deduplicationId: envelope.id })
      : undefined,
    plan.deliveries.length > 0
      ? queues.sendAll(queueUrl('QUEUE_URL_DELIVERIES'), plan.deliveries.map((subscriptionId) => ({ body: { eventId: envelope.id, subscriptionId } })))
      : undefined,
    plan.recompute
      ? queues.send(queueUrl('QUEUE_URL_RECOMPUTE'), { body: { customerId: envelope.customerId, causedBy: envelope.id }, groupId: group, deduplicationId: envelope.id })
      : undefined,
    plan.writeback ? queues.send(queueUrl('QUEUE_URL_WRITEBACKS'), { body: { eventId: envelope.id, customerId: envelope.customerId } }) : undefined,
    plan.firstSeenPull ? queues.send(queueUrl('QUEUE_URL_BUREAU_PULLS'), { body: { firstSeen: true, customerId: envelope.customerId } }) : undefined,
  ]);
  logger.debug('event routed', { eventId: envelope.id, type: envelope.type, deliveries: plan.deliveries.length, recompute: plan.recompute });
}, { beforeBatch: loadSubscriptions });
