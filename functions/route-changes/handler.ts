import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Subscription } from '../../shared/domain/delivery/subscription.js';
import { PermanentError, TransientError } from '../../shared/domain/errors.js';
import { RELAY_QUARANTINE_SOURCE, relayEvent, type RelayQueue } from '../../shared/domain/outbound/relay-event.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { relayMarkStore } from '../../shared/adapters/dynamodb/event-store.js';
import { quarantineStore } from '../../shared/adapters/dynamodb/quarantine-store.js';
import { envelopeFromStreamRecord, eventIdOfStreamRecord, orderKeyOfStreamRecord } from '../../shared/adapters/dynamodb/stream-records.js';
import { subscriptionStore } from '../../shared/adapters/dynamodb/subscription-store.js';
import { relayOutlet } from '../../shared/adapters/sqs/relay-outlet.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { env, queueUrl, type QueueEnvKey } from '../../shared/lambda/env.js';
import { metricsFor } from '../../shared/lambda/metrics.js';
import { logger } from '../../shared/lambda/powertools.js';
import type { Quarantine } from '../../shared/lambda/sqs.js';
import { streamConsumer } from '../../shared/lambda/stream.js';

const QUEUE_ENV: Record<RelayQueue, QueueEnvKey> = {
  results: 'QUEUE_URL_RESULTS',
  resultsFifo: 'QUEUE_URL_RESULTS_FIFO',
  deliveries: 'QUEUE_URL_DELIVERIES',
  recompute: 'QUEUE_URL_RECOMPUTE',
  writebacks: 'QUEUE_URL_WRITEBACKS',
  bureauPulls: 'QUEUE_URL_BUREAU_PULLS',
};

const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const sqs = createSqsClient();
const subscriptions = subscriptionStore(table);
const metrics = metricsFor({ source: RELAY_QUARANTINE_SOURCE });
const relay = relayEvent({ marks: relayMarkStore(table), outlet: relayOutlet(sqs, (queue) => queueUrl(QUEUE_ENV[queue])) });

/**
 * A poison record is kept with its image in the quarantine store (`GET /v1/quarantine/relay`)
 * and announced on the relayFailures queue (code and reason, never the image), beside the
 * batches Lambda's on-failure destination puts there.
 */
const store = quarantineStore(table);
const notices = queueSender(sqs);
const quarantine: Quarantine = {
  async put(entry) {
    await store.put(entry);
    await notices.send(queueUrl('QUEUE_URL_RELAY_FAILURES'), {
      body: { condition: 'Quarantined', source: entry.source, eventId: entry.messageId, code: entry.code, reason: entry.reason },
      attributes: { code: { DataType: 'String', StringValue: entry.code }, reason: { DataType: 'String', StringValue: entry.reason.slice(0, 1000) } },
    });
  },
};

/** Customers whose events are relayed side by side within a batch (each customer's in stream order). */
const CUSTOMERS_IN_PARALLEL = 10;

/** Subscriptions are read once per stream batch, so a new subscription gets every event of the next batch. */
let batchSubscriptions: Subscription[] = [];

/**
 * Outbox relay: each new event item on the table stream goes to the result queues, to one
 * delivery per matching subscription, to the per-customer recompute queue, to CRM write-back
 * and (new customers) to the bureau worker — once per target, deduplicated by the sent-markers
 * on the event's outbox item (see relayEvent and docs/relay.md). Each customer's events go out in
 * stream order, several customers at once. A send that fails retries the record from there
 * (partial batch response); an unreadable record is quarantined.
 */
export const handler = streamConsumer({
  source: RELAY_QUARANTINE_SOURCE,
  quarantine,
  metrics,
  identify: (record) => eventIdOfStreamRecord(record) ?? record.dynamodb?.SequenceNumber ?? '',
  orderKey: orderKeyOfStreamRecord,
  concurrency: CUSTOMERS_IN_PARALLEL,
  beforeBatch: async () => {
    batchSubscriptions = await subscriptions.list();
  },
  handle: async (record) => {
    const envelope = envelopeFromStreamRecord(record);
    if (!envelope) return;
    const outcome = await relay(envelope, batchSubscriptions);
    if (outcome.missing) throw new PermanentError('event_not_in_outbox', `Event ${envelope.id} is no longer in the outbox`);
    metrics.addMetric('RelaySends', MetricUnit.Count, outcome.sent.length);
    if (outcome.skipped.length > 0) metrics.addMetric('RelaySendsSkipped', MetricUnit.Count, outcome.skipped.length);
    if (outcome.duplicates.length > 0) {
      metrics.addMetric('RelayDuplicateSends', MetricUnit.Count, outcome.duplicates.length);
      logger.warn('relay may have sent twice', { eventId: envelope.id, targets: outcome.duplicates });
    }
    if (outcome.failed.length > 0) {
      throw new TransientError('relay_send_failed', `Sending event ${envelope.id} failed for ${outcome.failed.map((f) => `${f.target} (${f.code})`).join(', ')}`);
    }
    logger.debug('event relayed', { eventId: envelope.id, type: envelope.type, sent: outcome.sent, skipped: outcome.skipped });
  },
});
