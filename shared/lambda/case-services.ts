import { approvalStore } from '../adapters/dynamodb/approval-store.js';
import type { TableRef } from '../adapters/dynamodb/client.js';
import { disputeStore } from '../adapters/dynamodb/dispute-store.js';
import { eventWriter } from '../adapters/dynamodb/event-writer.js';
import { policyStore } from '../adapters/dynamodb/policy-store.js';
import { profileStore } from '../adapters/dynamodb/profile-store.js';
import { manageApprovals } from '../domain/approvals/manage-approvals.js';
import { alertStore } from '../adapters/dynamodb/alert-store.js';
import type { AuditLog } from '../adapters/dynamodb/audit-log.js';
import { eventStore } from '../adapters/dynamodb/event-store.js';
import { incidentStore } from '../adapters/dynamodb/incident-store.js';
import { manageIncidents } from '../domain/incidents/manage-incidents.js';
import type { Clock } from '../domain/clock.js';
import { manageDisputes } from '../domain/disputes/manage-disputes.js';
import { DEFAULT_POLICY } from '../domain/rating/default-policy.js';

/**
 * Disputes (and post-incident reviews) of one composition root: the DynamoDB stores, the approval
 * primitive (the second person of a resolution or a closing calls the same route; no executor is
 * needed) and the active policy's `disputes` settings.
 */
export const caseServices = ({ table, clock, audit }: { table: TableRef; clock: Clock; audit: AuditLog }) => {
  const policies = policyStore(table, { defaultPolicy: DEFAULT_POLICY });
  const approvals = manageApprovals({ approvals: approvalStore(table), audit, events: eventWriter(table), clock, executors: {} });
  const profiles = profileStore(table);
  const disputes = manageDisputes({
    disputes: disputeStore(table),
    profiles,
    approvals,
    audit,
    clock,
    settings: async () => (await policies.active()).record.policy.disputes,
  });
  const incidents = manageIncidents({ incidents: incidentStore(table), alerts: alertStore(table), profiles, events: eventStore(table), auditLog: audit, approvals, audit, clock });
  return { approvals, disputes, incidents };
};
