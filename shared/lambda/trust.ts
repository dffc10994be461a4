import type { AuditInput } from '../domain/audit/audit-chain.js';
import { manageApiKeys } from '../domain/admin/manage-api-keys.js';
import { manageSubscriptions } from '../domain/admin/manage-subscriptions.js';
import { connectionFourEyes } from '../domain/crm/connection-four-eyes.js';
import type { ApprovalAction } from '../domain/approvals/approval.js';
import { manageApprovals, type ApprovalExecutor } from '../domain/approvals/manage-approvals.js';
import type { Clock } from '../domain/clock.js';
import { managePeople } from '../domain/people/manage-people.js';
import { DEFAULT_POLICY } from '../domain/rating/default-policy.js';
import { customerFreeze } from '../domain/risk/customer-freeze.js';
import { manageMeasures } from '../domain/measures/manage-measures.js';
import { measureStore } from '../adapters/dynamodb/measure-store.js';
import { managePolicies } from '../domain/risk/manage-policies.js';
import { manageAgreements } from '../domain/sharing/manage-agreements.js';
import { agreementStore } from '../adapters/dynamodb/agreement-store.js';
import type { RecomputeQueue } from '../domain/risk/ports.js';
import { customAttributeStore } from '../adapters/dynamodb/custom-attribute-store.js';
import { apiKeyStore } from '../adapters/dynamodb/api-key-store.js';
import { approvalStore } from '../adapters/dynamodb/approval-store.js';
import type { TableRef } from '../adapters/dynamodb/client.js';
import { eventWriter } from '../adapters/dynamodb/event-writer.js';
import { personStore } from '../adapters/dynamodb/person-store.js';
import { policyStore } from '../adapters/dynamodb/policy-store.js';
import { profilePortfolio } from '../adapters/dynamodb/portfolio-scan.js';
import { profileStore } from '../adapters/dynamodb/profile-store.js';
import { tenantDirectory } from '../adapters/dynamodb/tenant-directory.js';
import { connectionStore } from '../adapters/dynamodb/connection-store.js';
import { subscriptionStore } from '../adapters/dynamodb/subscription-store.js';
import { outboundUrlGuard } from '../adapters/http/outbound-url-guard.js';
import { outboundPolicy } from './env.js';

/**
 * People, keys and approvals of one composition root, with the executors of every four-eyes
 * action (policy approve/activate/rollback, freeze and measure lifts, role grant, key issuance, agreement, subscription and CRM
 * connection creation and widening), so that
 * whichever function grants an approval runs its action. `recompute` is needed only by functions
 * that may activate a policy (the others leave it out and cannot run policy activations).
 */
export const trustServices = ({ table, clock, audit, recompute }: { table: TableRef; clock: Clock; audit: { append(input: AuditInput): Promise<unknown> }; recompute?: RecomputeQueue }) => {
  const executors: Partial<Record<ApprovalAction, ApprovalExecutor>> = {};
  const approvals = manageApprovals({ approvals: approvalStore(table), audit, events: eventWriter(table), clock, executors });
  const keyRecords = apiKeyStore(table);
  const people = personStore(table);
  const peopleAdmin = managePeople({ people, bootstrapKeys: keyRecords, approvals, audit, clock });
  const tenants = tenantDirectory(table);
  const keys = manageApiKeys({ keys: keyRecords, audit, clock, people, tenants, approvals });
  const measures = manageMeasures({ profiles: profileStore(table), measures: measureStore(table), clock, approvals, audit });
  const freezes = customerFreeze({ measures, approvals });
  const lifecycle = managePolicies({
    policies: policyStore(table, { defaultPolicy: DEFAULT_POLICY }),
    portfolio: profilePortfolio(table, { segments: 2 }),
    recompute: recompute ?? { enqueue: () => Promise.reject(new Error('This function cannot queue recomputes')) },
    audit,
    clock,
    approvals,
    customAttributes: customAttributeStore(table),
    partners: { knows: (partnerId) => tenants.exists('partner', partnerId) },
  });
  const sharing = manageAgreements({ agreements: agreementStore(table), audit, clock, approvals });
  const subscriptions = manageSubscriptions({ subscriptions: subscriptionStore(table), audit, clock, guardUrl: outboundUrlGuard(outboundPolicy()), approvals });
  const connections = connectionFourEyes({ connections: connectionStore(table, 0), audit, approvals, customAttributes: customAttributeStore(table) });
  executors['role.grant'] = peopleAdmin.executeGrant;
  executors['subscription.create'] = subscriptions.executeCreate;
  executors['subscription.widen'] = subscriptions.executeWiden;
  executors['crm_connection.create'] = connections.executeCreate;
  executors['crm_connection.widen'] = connections.executeWiden;
  executors['agreement.create'] = sharing.executeCreate;
  executors['agreement.widen'] = sharing.executeWiden;
  executors['key.issue'] = keys.executeIssue;
  executors['freeze.lift'] = freezes.executeLift;
  executors['measure.lift'] = measures.executeLift;
  executors['policy.approve'] = lifecycle.executeApprove;
  if (recompute) {
    executors['policy.activate'] = lifecycle.executeActivate;
    executors['policy.rollback'] = lifecycle.executeRollback;
  }
  return { approvals, people: peopleAdmin, personRecords: people, keys, freezes, measures, lifecycle, sharing, subscriptions, connections };
};
