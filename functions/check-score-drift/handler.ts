import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { alertStore } from '../../shared/adapters/dynamodb/alert-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { driftStore } from '../../shared/adapters/dynamodb/drift-store.js';
import { eventWriter } from '../../shared/adapters/dynamodb/event-writer.js';
import { policyStore } from '../../shared/adapters/dynamodb/policy-store.js';
import { profilePortfolio } from '../../shared/adapters/dynamodb/portfolio-scan.js';
import { manageAlerts } from '../../shared/domain/alerts/manage-alerts.js';
import { DEFAULT_POLICY } from '../../shared/domain/rating/default-policy.js';
import { raiseDriftAlerts } from '../../shared/domain/rating/drift-alerts.js';
import { runDriftJob, type DriftJobOutcome } from '../../shared/domain/rating/drift.js';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { env } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';

// Composition root: built once per cold start. Raising an alert audits nothing (the drift event
// is the record), so the job has no audit trail; anything else that would audit fails loudly.
const noAudit = { append: () => Promise.reject(new Error('The drift job only raises alerts; it has no audit trail')) };
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const policies = policyStore(table, { defaultPolicy: DEFAULT_POLICY });
const alerts = alertStore(table);
const run = runDriftJob({
  activePolicy: async () => (await policies.active()).record.policy,
  portfolio: profilePortfolio(table, { segments: 2 }),
  series: driftStore(table),
  clock: runtimeClock,
  alerts: raiseDriftAlerts({
    lifecycle: manageAlerts({ alerts, audit: noAudit, events: eventWriter(table), clock: runtimeClock, sla: async () => (await policies.active()).record.policy.alerts.sla }),
    lastFired: alerts.lastFired,
  }),
});

/**
 * The daily score drift check (scheduled; locally the hub's clock drives it): one PSI point per
 * active policy version and day, `rating.drift_detected` above the policy's threshold, and the
 * policy's event rules for it raised as portfolio alerts. A retried tick on the same day writes
 * nothing twice. Logs the version, PSI, counts and alert ids only.
 */
export const handler = middy<ScheduledEvent, DriftJobOutcome>().handler(async () => {
  const outcome = await run();
  if (outcome.outcome === 'recorded') logger.info('score drift recorded', { policyVersion: outcome.point.policyVersion, psi: outcome.point.psi, customers: outcome.point.customers, drifted: outcome.point.drifted, alertIds: outcome.alertIds });
  else logger.info('score drift not recorded', { outcome: outcome.outcome, policyVersion: outcome.policyVersion, ...(outcome.outcome === 'already_recorded' ? { alertIds: outcome.alertIds } : {}) });
  return outcome;
});
