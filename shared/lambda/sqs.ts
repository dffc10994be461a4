import middy from '@middy/core';
import {
  BatchProcessor,
  EventType,
  SqsFifoPartialProcessorAsync,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { DomainError, PermanentError, isRetryable } from '../domain/errors.js';
import { toFieldIssues } from '../domain/validation.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { flushMetrics, metricsFor } from './metrics.js';
import { logger } from './powertools.js';

/** Where messages that can never succeed go, with the reason and the exact bytes received. */
export interface Quarantine {
  put(entry: { source: string; messageId: string; code: string; reason: string; body: string; receiveCount: number }): Promise<void>;
}

export interface SqsConsumerOptions<S extends z.ZodType> {
  /** Name used in quarantine entries and logs, e.g. the queue id. */
  source: string;
  schema: S;
  fifo?: boolean;
  quarantine: Quarantine;
  handle: (message: z.output<S>, record: SQSRecord) => Promise<void>;
}

const parseBody = <S extends z.ZodType>(schema: S, body: string): z.output<S> => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new PermanentError('malformed_message', 'Message body is not JSON', { cause: error });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const paths = toFieldIssues(result.error).map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new PermanentError('invalid_message', `Message does not match its schema (${paths})`);
  }
  return result.data;
};

/**
 * A queue consumer with partial batch responses. Each message is parsed with zod and handled;
 * a non-retryable failure (bad message, refused request) is quarantined with its reason and
 * acknowledged; a retryable one is reported as a batch item failure so SQS redelivers it and,
 * after maxReceiveCount, moves it to the DLQ. Nothing is dropped silently.
 */
export const sqsConsumer = <S extends z.ZodType>(options: SqsConsumerOptions<S>) => {
  const metrics = metricsFor({ source: options.source });
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    try {
      await options.handle(parseBody(options.schema, record.body), record);
      metrics.addMetric('MessagesHandled', MetricUnit.Count, 1);
    } catch (error) {
      if (isRetryable(error)) {
        metrics.addMetric('MessagesRetried', MetricUnit.Count, 1);
        logger.warn('message will be retried', {
          source: options.source,
          messageId: record.messageId,
          code: error instanceof DomainError ? error.code : 'unexpected',
          error: error instanceof DomainError ? undefined : (error as Error),
        });
        throw error;
      }
      const domainError = error as DomainError;
      await options.quarantine.put({
        source: options.source,
        messageId: record.messageId,
        code: domainError.code,
        reason: domainError.message,
        body: record.body,
        receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 1),
      });
      metrics.addMetric('MessagesQuarantined', MetricUnit.Count, 1);
      logger.warn('message quarantined', { source: options.source, messageId: record.messageId, code: domainError.code });
    }
  };
  return middy<SQSEvent, SQSBatchResponse, Error, Context>()
    .use(flushMetrics(metrics))
    .handler(async (event, context) => {
    if (options.fifo) {
      const processor = new SqsFifoPartialProcessorAsync();
      return processPartialResponse(event, recordHandler, processor, { context, skipGroupOnError: true, throwOnFullBatchFailure: false });
    }
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
  });
};
