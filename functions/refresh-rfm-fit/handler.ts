import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { DEFAULT_POLICY } from '../../shared/domain/rating/default-policy.js';
import { refreshRfmFitOnSchedule, type RfmRefreshOutcome } from '../../shared/domain/risk/refresh-rfm-fit.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { policyStore } from '../../shared/adapters/dynamodb/policy-store.js';
import { profilePortfolio } from '../../shared/adapters/dynamodb/portfolio-scan.js';
import { rfmFitStore } from '../../shared/adapters/dynamodb/rfm-fit-store.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { recomputeQueue } from '../../shared/adapters/sqs/recompute-queue.js';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { env, queueUrl } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const sender = queueSender(createSqsClient());

/**
 * The scheduled RFM refresh (daily; locally the hub's clock drives it): fits the portfolio as of
 * the run time, stores the fit as the next version and asks for a recompute of the customers whose
 * segment the refit moved (only under a policy with `rfm.edges: 'fitted'`). Logs counts only.
 */
export const handler = middy<ScheduledEvent, RfmRefreshOutcome>().handler(async () => {
  const refresh = refreshRfmFitOnSchedule({
    portfolio: profilePortfolio(table, { segments: 2 }),
    fits: rfmFitStore(table),
    policies: policyStore(table, { defaultPolicy: DEFAULT_POLICY }),
    recompute: recomputeQueue(sender, queueUrl('QUEUE_URL_RECOMPUTE')),
    clock: runtimeClock,
  });
  const outcome = await refresh();
  logger.info('rfm fit refreshed', { ...outcome });
  return outcome;
});
