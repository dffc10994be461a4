import { systemClock } from '../../shared/domain/clock.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { recomputeQueue } from '../../shared/adapters/sqs/recompute-queue.js';
import { auditAnchoring, auditTrail } from '../../shared/lambda/audit-trail.js';
import { env, queueUrl } from '../../shared/lambda/env.js';
import { httpFunction } from '../../shared/lambda/http.js';
import { trustServices } from '../../shared/lambda/trust.js';
import { peopleRoutes } from './routes.js';

// Composition root: built once per cold start. Granting an approval here runs its action, so this
// function composes every executor (policy activation queues recomputes).
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = systemClock;
const log = auditTrail(table, clock);
const audit = auditAnchoring(log, clock).anchored(log);
const sender = queueSender(createSqsClient());
const { people, personRecords, approvals } = trustServices({
  table,
  clock,
  audit,
  recompute: { enqueue: (requests) => recomputeQueue(sender, queueUrl('QUEUE_URL_RECOMPUTE')).enqueue(requests) },
});

export const handler = httpFunction(peopleRoutes, {
  whoAmI: async ({ principal }) => {
    const person = principal.personId ? (await personRecords.get(principal.personId))?.person : undefined;
    return { status: 200, body: { principal, ...(person ? { person } : {}) } };
  },
  createPerson: async ({ body, principal }) => ({ status: 201, body: await people.create(body, principal) }),
  listPeople: async () => ({ status: 200, body: { people: await people.list() } }),
  getPerson: async ({ params }) => ({ status: 200, body: { person: await people.get(params.personId) } }),
  grantRole: async ({ params, body, principal }) => {
    const { person, approval } = await people.grant(params.personId, body.role, principal);
    return approval ? { status: 202, body: { person, approval } } : { status: 200, body: { person } };
  },
  revokeRole: async ({ params, principal }) => ({ status: 200, body: { person: await people.revoke(params.personId, params.role, principal) } }),
  listApprovals: async ({ query }) => ({ status: 200, body: { approvals: await approvals.list(query.status) } }),
  getApproval: async ({ params }) => ({ status: 200, body: { approval: await approvals.get(params.approvalId) } }),
  approveApproval: async ({ params, principal }) => {
    const { approval, executed } = await approvals.approve(params.approvalId, principal);
    return { status: 200, body: { approval, executed } };
  },
  rejectApproval: async ({ params, body, principal }) => ({ status: 200, body: { approval: await approvals.reject(params.approvalId, principal, body.reason) } }),
});
