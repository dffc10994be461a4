import middy from '@middy/core';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DomainError, isRetryable } from '../domain/errors.js';
import { flushMetrics, metricsFor } from './metrics.js';
import { logger } from './powertools.js';
import type { Quarantine } from './sqs.js';

export interface StreamConsumerOptions {
  /** Name used in quarantine entries, logs and the metrics' `source` dimension. */
  source: string;
  handle: (record: DynamoDBRecord) => Promise<void>;
  /** Where records that can never succeed go, with the reason and the record's image. */
  quarantine: Quarantine;
  /** Runs once per batch (e.g. to load configuration that every record of the batch needs). */
  beforeBatch?: () => Promise<void>;
  /** Id of a record in quarantine entries and logs (default: its sequence number). */
  identify?: (record: DynamoDBRecord) => string;
  /** Metrics instance the handler also records on (default: one with the `source` dimension). */
  metrics?: Metrics;
}

/**
 * A DynamoDB stream consumer with partial batch responses (`ReportBatchItemFailures`).
 * Records are handled strictly in order. The first retryable failure stops the batch and is
 * reported as the only batch item failure, so Lambda checkpoints just before it and retries
 * from it: the records before it are never handled again, the ones after it not yet (the
 * order per shard holds). A non-retryable failure (a poison record) is quarantined with its
 * reason and the consumer moves on, so it never blocks the shard.
 */
export const streamConsumer = (options: StreamConsumerOptions) => {
  const metrics = options.metrics ?? metricsFor({ source: options.source });
  const identify = options.identify ?? ((record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? record.eventID ?? '');
  const failAt = (record: DynamoDBRecord): DynamoDBBatchResponse => ({
    batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }],
  });

  return middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>()
    .use(flushMetrics(metrics))
    .handler(async (event) => {
      if (event.Records.length === 0) return { batchItemFailures: [] };
      await options.beforeBatch?.();
      for (const record of event.Records) {
        try {
          await options.handle(record);
        } catch (error) {
          const code = error instanceof DomainError ? error.code : 'unexpected';
          if (isRetryable(error)) {
            metrics.addMetric('RecordsRetried', MetricUnit.Count, 1);
            logger.warn('stream record will be retried', { source: options.source, record: identify(record), code, error: error instanceof DomainError ? undefined : (error as Error) });
            return failAt(record);
          }
          try {
            await options.quarantine.put({
              source: options.source,
              messageId: identify(record),
              code,
              reason: (error as Error).message,
              body: JSON.stringify(record.dynamodb?.NewImage ?? record.dynamodb?.Keys ?? {}),
              receiveCount: 1,
            });
          } catch (quarantineError) {
            logger.warn('stream record could not be quarantined; it will be retried', { source: options.source, record: identify(record), error: quarantineError as Error });
            return failAt(record);
          }
          metrics.addMetric('MessagesQuarantined', MetricUnit.Count, 1);
          logger.warn('stream record quarantined', { source: options.source, record: identify(record), code });
        }
      }
      return { batchItemFailures: [] };
    });
};
