import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { parseBureauPullConfig } from '../../shared/domain/bureau-pulls/bureau-pull.js';
import { failDeadLetteredPulls } from '../../shared/domain/bureau-pulls/fail-dead-lettered.js';
import { refreshStaleReports } from '../../shared/domain/bureau-pulls/refresh-stale.js';
import { requestBureauPull } from '../../shared/domain/bureau-pulls/request-pull.js';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { bureauPullStore } from '../../shared/adapters/dynamodb/bureau-pull-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { consentStore } from '../../shared/adapters/dynamodb/consent-store.js';
import { creditReportStore } from '../../shared/adapters/dynamodb/credit-report-store.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { sqsPullQueue } from '../../shared/adapters/sqs/pull-queue.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { env, queueUrl } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = runtimeClock;
const config = parseBureauPullConfig(env().BUREAU_PULL_CONFIG);
const profiles = profileStore(table);
const pulls = bureauPullStore(table);
const request = requestBureauPull({
  profiles,
  consents: consentStore(table),
  pulls,
  queue: sqsPullQueue(queueSender(createSqsClient()), queueUrl('QUEUE_URL_BUREAU_PULLS')),
  clock,
  config,
});
const refresh = refreshStaleReports({ archive: creditReportStore(table), profiles, request, clock, config });
const sweep = failDeadLetteredPulls({ pulls, clock, config });

/**
 * Hourly: first fails pulls stuck `queued` past `deadLetterAfterMs` (their message was
 * dead-lettered; frees the collapse key), then requests pulls for bureau reports older than the
 * staleness policy allows.
 */
export const handler = middy<ScheduledEvent, { examined: number; requested: number; refused: number; deadLettered: number }>().handler(async () => {
  const swept = await sweep();
  const result = await refresh();
  logger.info('stale report refresh', { ...result, deadLettered: swept.failed.length });
  return { ...result, deadLettered: swept.failed.length };
});
