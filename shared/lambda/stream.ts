import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/**
 * A DynamoDB stream consumer that handles records strictly in order and reports the first
 * failure as a batch item failure, so Lambda retries from there (bisecting, then the on-failure
 * destination) and nothing after it is lost. `beforeBatch` runs once per batch (e.g. to load
 * configuration that every record of the batch needs).
 */
export const streamConsumer = (handle: (record: DynamoDBRecord) => Promise<void>, options: { beforeBatch?: () => Promise<void> } = {}) =>
  middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>().handler(async (event, context) => {
    await options.beforeBatch?.();
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    return processPartialResponse(event, handle, processor, { context, processInParallel: false, throwOnFullBatchFailure: false });
  });
