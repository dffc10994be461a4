import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { driftStore } from '../../shared/adapters/dynamodb/drift-store.js';
import { policyStore } from '../../shared/adapters/dynamodb/policy-store.js';
import { profilePortfolio } from '../../shared/adapters/dynamodb/portfolio-scan.js';
import { DEFAULT_POLICY } from '../../shared/domain/rating/default-policy.js';
import { runDriftJob, type DriftJobOutcome } from '../../shared/domain/rating/drift.js';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { env } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const policies = policyStore(table, { defaultPolicy: DEFAULT_POLICY });
const run = runDriftJob({
  activePolicy: async () => (await policies.active()).record.policy,
  portfolio: profilePortfolio(table, { segments: 2 }),
  series: driftStore(table),
  clock: runtimeClock,
});

/**
 * The daily score drift check (scheduled; locally the hub's clock drives it): one PSI point per
 * active policy version and day, `rating.drift_detected` above the policy's threshold. A retried
 * tick on the same day writes nothing. Logs the version, PSI and counts only.
 */
export const handler = middy<ScheduledEvent, DriftJobOutcome>().handler(async () => {
  const outcome = await run();
  if (outcome.outcome === 'recorded') logger.info('score drift recorded', { policyVersion: outcome.point.policyVersion, psi: outcome.point.psi, customers: outcome.point.customers, drifted: outcome.point.drifted });
  else logger.info('score drift not recorded', { outcome: outcome.outcome, policyVersion: outcome.policyVersion });
  return outcome;
});
