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
  /**
   * Records with the same key are handled in stream order; records of different keys may run
   * side by side, up to `concurrency` keys at once. Default: one key, strictly in order.
   */
  orderKey?: (record: DynamoDBRecord) => string;
  concurrency?: number;
}

/**
 * A DynamoDB stream consumer with partial batch responses (`ReportBatchItemFailures`).
 * Records of one order key are handled strictly in order; a retryable failure stops that key.
 * The response reports the earliest record (in batch order) that did not succeed, so Lambda
 * checkpoints just before it and retries from it: every record before it has succeeded and is
 * never handled again, no record of a failed key runs ahead of its failure. (Records of other
 * keys after it may already have run; they come again and must be idempotent.) A non-retryable
 * failure (a poison record) is quarantined with its reason and the consumer moves on, so it
 * never blocks the shard.
 */
export const streamConsumer = (options: StreamConsumerOptions) => {
  const metrics = options.metrics ?? metricsFor({ source: options.source });
  const identify = options.identify ?? ((record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? record.eventID ?? '');

  /** Handles one record; answers false when it must be retried. */
  const settle = async (record: DynamoDBRecord): Promise<boolean> => {
    try {
      await options.handle(record);
      return true;
    } catch (error) {
      const code = error instanceof DomainError ? error.code : 'unexpected';
      if (isRetryable(error)) {
        metrics.addMetric('RecordsRetried', MetricUnit.Count, 1);
        logger.warn('stream record will be retried', { source: options.source, record: identify(record), code, error: error instanceof DomainError ? undefined : (error as Error) });
        return false;
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
        return false;
      }
      metrics.addMetric('MessagesQuarantined', MetricUnit.Count, 1);
      logger.warn('stream record quarantined', { source: options.source, record: identify(record), code });
      return true;
    }
  };

  return middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>()
    .use(flushMetrics(metrics))
    .handler(async (event) => {
      const records = event.Records;
      if (records.length === 0) return { batchItemFailures: [] };
      await options.beforeBatch?.();
      const chains = new Map<string, number[]>();
      records.forEach((record, i) => {
        const key = options.orderKey?.(record) ?? '';
        chains.set(key, [...(chains.get(key) ?? []), i]);
      });
      const pending = [...chains.values()];
      const done = records.map(() => false);
      let firstFailure = Number.POSITIVE_INFINITY;
      const work = async (): Promise<void> => {
        for (let chain = pending.shift(); chain; chain = pending.shift()) {
          for (const i of chain) {
            // Records after a failure come again anyway: do not run them now.
            if (i > firstFailure) break;
            const record = records[i];
            if (record && (await settle(record))) {
              done[i] = true;
            } else {
              firstFailure = Math.min(firstFailure, i);
              break;
            }
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 1, pending.length) }, work));
      const retryFrom = records[done.indexOf(false)];
      return { batchItemFailures: retryFrom ? [{ itemIdentifier: retryFrom.dynamodb?.SequenceNumber ?? '' }] : [] };
    });
};
