import { parseBureauPullConfig } from '../../shared/domain/bureau-pulls/bureau-pull.js';
import { NORMALISERS } from '../../shared/domain/bureau-pulls/normalisers.js';
import { processBureauPull } from '../../shared/domain/bureau-pulls/process-pull.js';
import { pullFirstSeen } from '../../shared/domain/bureau-pulls/refresh-stale.js';
import { requestBureauPull } from '../../shared/domain/bureau-pulls/request-pull.js';
import type { BureauId } from '../../shared/domain/credit/credit-summary.js';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { bureauConnectorRegistry } from '../../shared/adapters/bureaus/registry.js';
import { bureauPullStore } from '../../shared/adapters/dynamodb/bureau-pull-store.js';
import { bureauStateStore } from '../../shared/adapters/dynamodb/bureau-state-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { consentStore } from '../../shared/adapters/dynamodb/consent-store.js';
import { creditReportStore } from '../../shared/adapters/dynamodb/credit-report-store.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { quarantineStore } from '../../shared/adapters/dynamodb/quarantine-store.js';
import { createGuardedFetch } from '../../shared/adapters/http/guarded-fetch.js';
import { secretSourceFrom } from '../../shared/adapters/secrets/secret-source.js';
import { sqsPullQueue } from '../../shared/adapters/sqs/pull-queue.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { env, outboundPolicy, queueUrl } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';
import { sqsConsumer } from '../../shared/lambda/sqs.js';
import { BureauPullsMessageSchema } from './schema.js';

// Composition root: built once per cold start.
const e = env();
const table = { client: createDocumentClient(), tableName: e.TABLE_NAME };
const clock = runtimeClock;
const config = parseBureauPullConfig(e.BUREAU_PULL_CONFIG);
const profiles = profileStore(table);
const consents = consentStore(table);
const pulls = bureauPullStore(table);
const queue = sqsPullQueue(queueSender(createSqsClient()), queueUrl('QUEUE_URL_BUREAU_PULLS'));
const quarantine = quarantineStore(table, clock);
const baseUrls: Partial<Record<BureauId, string>> = {
  experian: e.BUREAU_EXPERIAN_URL,
  equifax: e.BUREAU_EQUIFAX_URL,
  transunion: e.BUREAU_TRANSUNION_URL,
  dnb: e.BUREAU_DNB_URL,
  creditsafe: e.BUREAU_CREDITSAFE_URL,
  pboc: e.BUREAU_PBOC_URL,
};
const runPull = processBureauPull({
  profiles,
  consents,
  pulls,
  state: bureauStateStore(table),
  archive: creditReportStore(table),
  connectors: bureauConnectorRegistry({ baseUrls, secrets: secretSourceFrom(e.LOCAL_SECRETS), outbound: createGuardedFetch(outboundPolicy()), ...(e.BUREAU_TIMEOUT_MS ? { timeoutMs: e.BUREAU_TIMEOUT_MS } : {}) }),
  normalisers: NORMALISERS,
  quarantine,
  queue,
  clock,
  config,
});
const firstSeen = pullFirstSeen({ profiles, consents, request: requestBureauPull({ profiles, consents, pulls, queue, clock, config }), clock, config });

/** Bureau pull worker: runs one pull per message (or fans out a first-seen customer). */
export const handler = sqsConsumer({
  source: 'bureauPulls',
  schema: BureauPullsMessageSchema,
  quarantine,
  handle: async (message) => {
    if ('firstSeen' in message) {
      const { requested } = await firstSeen(message.customerId);
      logger.info('first-seen pulls', { requested: requested.length });
      return;
    }
    const result = await runPull(message);
    logger.info('bureau pull processed', { pullId: message.pullId, bureau: message.bureau, outcome: result.outcome, ...(result.outcome === 'deferred' ? { reason: result.reason, delaySeconds: result.delaySeconds } : { reason: result.pull?.reason }) });
  },
});
