import { runtimeClock } from '../../shared/lambda/clock.js';
import { DEFAULT_POLICY } from '../../shared/domain/rating/default-policy.js';
import { recomputeRating } from '../../shared/domain/risk/recompute-rating.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { policyStore } from '../../shared/adapters/dynamodb/policy-store.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { quarantineStore } from '../../shared/adapters/dynamodb/quarantine-store.js';
import { ratingHistoryStore } from '../../shared/adapters/dynamodb/rating-history-store.js';
import { rfmFitStore } from '../../shared/adapters/dynamodb/rfm-fit-store.js';
import { alertStore } from '../../shared/adapters/dynamodb/alert-store.js';
import { eventWriter } from '../../shared/adapters/dynamodb/event-writer.js';
import { manageAlerts } from '../../shared/domain/alerts/manage-alerts.js';
import { measureStore } from '../../shared/adapters/dynamodb/measure-store.js';
import { manageMeasures } from '../../shared/domain/measures/manage-measures.js';
import { env } from '../../shared/lambda/env.js';
import { logger } from '../../shared/lambda/powertools.js';
import { sqsConsumer } from '../../shared/lambda/sqs.js';
import { RecomputeMessageSchema } from './schema.js';

// Composition root: built once per cold start. Raising an alert audits nothing (the alert.raised
// event is the record), so the worker has no audit trail; anything else that would audit fails loudly.
const noAudit = { append: () => Promise.reject(new Error('The recompute worker only raises alerts; it has no audit trail')) };
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const policies = policyStore(table, { defaultPolicy: DEFAULT_POLICY });
const profiles = profileStore(table);
const measures = measureStore(table);
// Policy measures on alerts: the measure.taken events are the record (no audit trail here either).
const { takeOnAlert } = manageMeasures({ profiles, measures, clock: runtimeClock });
const recompute = recomputeRating({
  profiles,
  policies,
  history: ratingHistoryStore(table),
  clock: runtimeClock,
  measures: { getMany: measures.getMany, entry: measures.entry, takeOnAlert },
  rfmFits: rfmFitStore(table),
  alerts: manageAlerts({ alerts: alertStore(table), audit: noAudit, events: eventWriter(table), clock: runtimeClock, sla: async () => (await policies.active()).record.policy.alerts.sla }),
});

/**
 * Re-rates one customer per message from the `recompute` FIFO queue (group = customer) under
 * the active policy; writes rating, history, events (and the emergency freeze) in one
 * transaction; a raised alert then takes the policy's `measures.onAlert`. Logs ids and outcomes only.
 */
export const handler = sqsConsumer({
  source: 'recompute',
  schema: RecomputeMessageSchema,
  fifo: true,
  quarantine: quarantineStore(table),
  handle: async (message) => {
    const result = await recompute(message);
    logger.debug('recompute done', { customerId: message.customerId, causedBy: message.causedBy, ...result });
  },
});
