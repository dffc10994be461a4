import { ulid } from 'ulid';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { receiveCrmPush, type PushingCrm } from '../../shared/domain/crm/inbound/receive-crm-push.js';
import { connectionFourEyes } from '../../shared/domain/crm/connection-four-eyes.js';
import { manageConnections } from '../../shared/domain/crm/manage-connections.js';
import { bulkImportJobs, toCreateImport } from '../../shared/domain/customers/bulk-import-job.js';
import type { CrmIngestMessage } from '../../shared/domain/customers/ingest-message.js';
import { ingestRecords } from '../../shared/domain/customers/ingest-records.js';
import { mergeCustomers } from '../../shared/domain/customers/merge-customers.js';
import { dismissReview } from '../../shared/domain/customers/dismiss-review.js';
import { crmPushVerifiers } from '../../shared/adapters/crm/inbound-verifiers.js';
import { createZohoClient } from '../../shared/adapters/crm/zoho/client.js';
import { createCrmFieldMetadata } from '../../shared/adapters/crm/write-backs.js';
import { setupCrmFields } from '../../shared/domain/crm/crm-fields.js';
import { zohoChannelSecrets } from '../../shared/adapters/crm/zoho/notification.js';
import { createGuardedFetch, outboundUrlGuard } from '../../shared/adapters/http/guarded-fetch.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { connectionStore } from '../../shared/adapters/dynamodb/connection-store.js';
import { crmStateStore, importJobStore, mergeRecordStore, reviewQueue } from '../../shared/adapters/dynamodb/crm-store.js';
import { identityIndex } from '../../shared/adapters/dynamodb/identity-index.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { secretSourceFrom } from '../../shared/adapters/secrets/secret-source.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { auditTrail } from '../../shared/lambda/audit-trail.js';
import { env, outboundPolicy, queueUrl } from '../../shared/lambda/env.js';
import { httpFunction } from '../../shared/lambda/http.js';
import type { HttpRequestInfo } from '../../shared/lambda/http-route.js';
import { publicOrigin, publicUrl } from '../../shared/lambda/public-url.js';
import { trustServices } from '../../shared/lambda/trust.js';
import { crmRoutes } from './routes.js';
import { customAttributeStore } from '../../shared/adapters/dynamodb/custom-attribute-store.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = runtimeClock;
const secrets = secretSourceFrom(env().LOCAL_SECRETS);
const connections = connectionStore(table, 5_000);
const channels = crmStateStore(table);
const reviews = reviewQueue(table);
const audit = auditTrail(table, clock);
const sender = queueSender(createSqsClient());
const enqueue = async (messages: CrmIngestMessage[]): Promise<void> => {
  await sender.sendAll(queueUrl('QUEUE_URL_CRM_INGEST'), messages.map((body) => ({ body })));
};
const receivePush = receiveCrmPush({ connections, secrets, channels, verifiers: crmPushVerifiers, enqueue, clock });
// Admin reads and writes see the table as it is (an approval granted in http-people stores connections too).
const adminConnections = connectionStore(table, 0);
const manage = manageConnections({
  connections: adminConnections,
  channels,
  watcher: createZohoClient({ secrets, outbound: createGuardedFetch(outboundPolicy()) }),
  audit,
  clock,
  secrets: zohoChannelSecrets,
  guardUrl: outboundUrlGuard(outboundPolicy()),
});
// Four eyes: a connection taking in personal data waits for a second person (crm_connection.create / .widen).
const { approvals } = trustServices({ table, clock, audit });
const connectionGate = connectionFourEyes({ connections: adminConnections, audit, approvals, customAttributes: customAttributeStore(table) });
const setupFields = setupCrmFields({ connections, metadata: createCrmFieldMetadata({ secrets, outbound: createGuardedFetch(outboundPolicy()) }), audit, clock });
const ingest = ingestRecords({ connections, enqueue, clock, customAttributes: customAttributeStore(table) });
const imports = bulkImportJobs({ jobs: importJobStore(table), audit, enqueue, clock, newJobId: () => `imp_${ulid()}` });
const dismiss = dismissReview({ reviews, audit, clock });
const merges = mergeCustomers({ profiles: profileStore(table), identities: identityIndex(table), merges: mergeRecordStore(table), reviews, audit, clock });

/** A signed inbound route: the path names the connection; the raw body and headers go to the CRM's verifier untouched. */
const inboundPush = (crm: PushingCrm) => async ({ params, request }: { params: { connectionId: string }; request: HttpRequestInfo }) =>
  ({ status: 202 as const, body: await receivePush(crm, params.connectionId, { rawBody: request.rawBody, headers: request.headers, url: publicUrl(request) }) });

export const handler = httpFunction(crmRoutes, {
  zohoNotification: inboundPush('zoho'),
  hubspotWebhook: inboundPush('hubspot'),
  salesforceChange: inboundPush('salesforce'),
  listConnections: async () => ({ status: 200, body: { connections: await manage.list() } }),
  getConnection: async ({ params }) => ({ status: 200, body: { connection: await manage.get(params.connectionId) } }),
  putConnection: async ({ params, body, principal }) => {
    const outcome = await connectionGate.put(await manage.prepare(params.connectionId, body), principal);
    if (outcome.approval) return { status: 202, body: { approval: outcome.approval } };
    return { status: outcome.created ? 201 : 200, body: { connection: outcome.connection } };
  },
  armZohoChannel: async ({ params, body, request, principal }) => ({ status: 200, body: await manage.armChannel(params.connectionId, body, publicOrigin(request), principal.principalId) }),
  setupConnectionFields: async ({ params, principal }) => ({ status: 200, body: await setupFields(params.connectionId, principal.principalId) }),
  ingestRecords: async ({ params, body, principal }) => ({ status: 202, body: await ingest(params.connectionId, body, principal) }),
  createImport: async (input) => {
    const job = await imports.create(toCreateImport(input), input.principal.principalId, input.principal);
    return { status: 202, body: { import: job }, headers: { location: `/v1/imports/${job.jobId}` } };
  },
  addImportChunk: async ({ params, query, text, principal }) => ({ status: 202, body: { import: await imports.addChunk(params.importId, text, query, principal) } }),
  getImport: async ({ params, principal }) => ({ status: 200, body: { import: await imports.get(params.importId, principal) } }),
  listReviews: async () => ({ status: 200, body: { reviews: await reviews.list('open') } }),
  dismissReview: async ({ params, body, principal }) => ({ status: 200, body: { review: await dismiss(params.reviewId, body, principal.principalId) } }),
  mergeCustomers: async ({ body, principal }) => ({ status: 200, body: await merges.merge(body, principal.principalId) }),
  unmergeCustomers: async ({ body, principal }) => ({ status: 200, body: await merges.unmerge(body, principal.principalId) }),
});
