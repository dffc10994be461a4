import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { requestPortfolioRecompute } from '../../shared/domain/risk/manage-policies.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { profilePortfolio } from '../../shared/adapters/dynamodb/portfolio-scan.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { recomputeQueue } from '../../shared/adapters/sqs/recompute-queue.js';
import { env, queueUrl } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const portfolio = profilePortfolio(table, { segments: 2 });
const sender = queueSender(createSqsClient());

/**
 * Periodic re-evaluation: ratings depend on time (days past due, recency), so every active
 * customer gets a recompute request once per schedule tick. The cause carries the tick time,
 * so a retried invocation of the same tick is deduplicated by SQS (within 5 minutes); the
 * worker writes nothing for customers whose rating did not change.
 */
export const handler = middy<ScheduledEvent, { enqueued: number }>().handler(async (event) => {
  const request = requestPortfolioRecompute({ portfolio, recompute: recomputeQueue(sender, queueUrl('QUEUE_URL_RECOMPUTE')) });
  const enqueued = await request(`schedule:${event.time}`);
  logger.info('portfolio re-evaluation requested', { enqueued });
  return { enqueued };
});
