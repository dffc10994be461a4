import { ulid } from 'ulid';
import type { Principal } from '../../shared/domain/auth/principal.js';
import { systemClock } from '../../shared/domain/clock.js';
import { receiveCrmPush, type PushingCrm } from '../../shared/domain/crm/inbound/receive-crm-push.js';
import { manageConnections } from '../../shared/domain/crm/manage-connections.js';
import { bulkImportJobs } from '../../shared/domain/customers/bulk-import-job.js';
import type { CrmIngestMessage } from '../../shared/domain/customers/ingest-message.js';
import { ingestRecords } from '../../shared/domain/customers/ingest-records.js';
import { mergeCustomers, MergeCommandSchema } from '../../shared/domain/customers/merge-customers.js';
import { dismissReview, DismissReviewSchema } from '../../shared/domain/customers/dismiss-review.js';
import { UnauthorizedError } from '../../shared/domain/errors.js';
import { parseOrThrow } from '../../shared/domain/validation.js';
import { crmPushVerifiers } from '../../shared/adapters/crm/inbound-verifiers.js';
import { createZohoClient } from '../../shared/adapters/crm/zoho/client.js';
import { zohoChannelSecrets } from '../../shared/adapters/crm/zoho/notification.js';
import { createGuardedFetch, outboundUrlGuard } from '../../shared/adapters/http/guarded-fetch.js';
import { auditLog } from '../../shared/adapters/dynamodb/audit-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { connectionStore } from '../../shared/adapters/dynamodb/connection-store.js';
import { crmStateStore, importJobStore, mergeRecordStore, reviewQueue } from '../../shared/adapters/dynamodb/crm-store.js';
import { identityIndex } from '../../shared/adapters/dynamodb/identity-index.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { secretSourceFrom } from '../../shared/adapters/secrets/secret-source.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { env, outboundPolicy, queueUrl } from '../../shared/lambda/env.js';
import { httpFunction, type HttpRequest, type RouteHandler } from '../../shared/lambda/http.js';
import { publicOrigin, publicUrl } from '../../shared/lambda/public-url.js';
import { crmRoutes } from './routes.js';
import {
  ArmChannelSchema,
  ConnectionPathSchema,
  ImportPathSchema,
  ImportQuerySchema,
  IngestRecordsSchema,
  parseCreateImport,
  PutConnectionSchema,
  ReviewPathSchema,
} from './schema.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = systemClock;
const secrets = secretSourceFrom(env().LOCAL_SECRETS);
const connections = connectionStore(table, 5_000);
const channels = crmStateStore(table);
const reviews = reviewQueue(table);
const audit = auditLog(table, clock);
const sender = queueSender(createSqsClient());
const enqueue = async (messages: CrmIngestMessage[]): Promise<void> => {
  await sender.sendAll(queueUrl('QUEUE_URL_CRM_INGEST'), messages.map((body) => ({ body })));
};
const receivePush = receiveCrmPush({ connections, secrets, channels, verifiers: crmPushVerifiers, enqueue, clock });
const manage = manageConnections({
  connections,
  channels,
  watcher: createZohoClient({ secrets, outbound: createGuardedFetch(outboundPolicy()) }),
  audit,
  clock,
  secrets: zohoChannelSecrets,
  guardUrl: outboundUrlGuard(outboundPolicy()),
});
const ingest = ingestRecords({ connections, enqueue });
const imports = bulkImportJobs({ jobs: importJobStore(table), audit, enqueue, clock, newJobId: () => `imp_${ulid()}` });
const dismiss = dismissReview({ reviews, audit, clock });
const merges = mergeCustomers({ profiles: profileStore(table), identities: identityIndex(table), merges: mergeRecordStore(table), reviews, audit, clock });

const who = (request: HttpRequest): Principal => {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
};

/** A signed inbound route: the path names the connection; the body and headers go to the CRM's verifier untouched. */
const inboundPush = (crm: PushingCrm): RouteHandler => async (request) => {
  const { connectionId } = parseOrThrow(ConnectionPathSchema, request.params, 'path');
  const result = await receivePush(crm, connectionId, { rawBody: request.rawBody, headers: request.headers, url: publicUrl(request) });
  return { status: 202, body: result };
};

export const handler = httpFunction(crmRoutes, {
  zohoNotification: inboundPush('zoho'),
  hubspotWebhook: inboundPush('hubspot'),
  salesforceChange: inboundPush('salesforce'),
  listConnections: async () => ({ status: 200, body: { connections: await manage.list() } }),
  getConnection: async (request) => {
    const { connectionId } = parseOrThrow(ConnectionPathSchema, request.params, 'path');
    return { status: 200, body: { connection: await manage.get(connectionId) } };
  },
  putConnection: async (request) => {
    const { connectionId } = parseOrThrow(ConnectionPathSchema, request.params, 'path');
    const input = parseOrThrow(PutConnectionSchema, request.json(), 'connection');
    const { connection, created } = await manage.put(connectionId, input, who(request).principalId);
    return { status: created ? 201 : 200, body: { connection } };
  },
  armZohoChannel: async (request) => {
    const { connectionId } = parseOrThrow(ConnectionPathSchema, request.params, 'path');
    const input = parseOrThrow(ArmChannelSchema, request.rawBody.trim() ? request.json() : {}, 'channel');
    return { status: 200, body: await manage.armChannel(connectionId, input, publicOrigin(request), who(request).principalId) };
  },
  ingestRecords: async (request) => {
    const { connectionId } = parseOrThrow(ConnectionPathSchema, request.params, 'path');
    const input = parseOrThrow(IngestRecordsSchema, request.json(), 'records');
    return { status: 202, body: await ingest(connectionId, input) };
  },
  createImport: async (request) => {
    const job = await imports.create(parseCreateImport(request), who(request).principalId);
    return { status: 202, body: { import: job }, headers: { location: `/v1/imports/${job.jobId}` } };
  },
  addImportChunk: async (request) => {
    const { importId } = parseOrThrow(ImportPathSchema, request.params, 'path');
    const query = parseOrThrow(ImportQuerySchema, request.query, 'query');
    return { status: 202, body: { import: await imports.addChunk(importId, request.rawBody, query) } };
  },
  getImport: async (request) => {
    const { importId } = parseOrThrow(ImportPathSchema, request.params, 'path');
    return { status: 200, body: { import: await imports.get(importId) } };
  },
  listReviews: async () => ({ status: 200, body: { reviews: await reviews.list('open') } }),
  dismissReview: async (request) => {
    const { reviewId } = parseOrThrow(ReviewPathSchema, request.params, 'path');
    const input = parseOrThrow(DismissReviewSchema, request.json(), 'dismissal');
    return { status: 200, body: { review: await dismiss(reviewId, input, who(request).principalId) } };
  },
  mergeCustomers: async (request) => {
    const command = parseOrThrow(MergeCommandSchema, request.json(), 'merge');
    return { status: 200, body: await merges.merge(command, who(request).principalId) };
  },
  unmergeCustomers: async (request) => {
    const command = parseOrThrow(MergeCommandSchema, request.json(), 'unmerge');
    return { status: 200, body: await merges.unmerge(command, who(request).principalId) };
  },
});
