import { alertStore } from '../adapters/dynamodb/alert-store.js';
import type { TableRef } from '../adapters/dynamodb/client.js';
import { eventWriter } from '../adapters/dynamodb/event-writer.js';
import { policyStore } from '../adapters/dynamodb/policy-store.js';
import { manageAlerts } from '../domain/alerts/manage-alerts.js';
import type { AuditInput } from '../domain/audit/audit-chain.js';
import type { Clock } from '../domain/clock.js';
import { DEFAULT_POLICY } from '../domain/rating/default-policy.js';

/**
 * The alert lifecycle of one composition root (http-alerts, the recompute worker, the timer sweep):
 * the DynamoDB alert store, events into the outbox, and the SLA timers of the active policy.
 */
export const alertServices = ({ table, clock, audit }: { table: TableRef; clock: Clock; audit: { append(input: AuditInput): Promise<unknown> } }) => {
  const store = alertStore(table);
  const policies = policyStore(table, { defaultPolicy: DEFAULT_POLICY });
  const activePolicy = async () => (await policies.active()).record.policy;
  const alerts = manageAlerts({ alerts: store, audit, events: eventWriter(table), clock, sla: async () => (await activePolicy()).alerts.sla });
  return { store, alerts, activePolicy };
};
