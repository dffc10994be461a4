import { createHmac, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import type { Principal } from '../../shared/domain/auth/principal.js';
import { systemClock } from '../../shared/domain/clock.js';
import type { CrmChangeNotice } from '../../shared/domain/crm/change-notice.js';
import { nextChannelExpiry } from '../../shared/domain/crm/channel-rearm.js';
import { defaultConnectionConfig } from '../../shared/domain/crm/default-mappings.js';
import { mapRecord, parseConnectionConfig, type ConnectionConfig } from '../../shared/domain/crm/field-mapping.js';
import { importChunk, resolveMapping } from '../../shared/domain/customers/bulk-import-job.js';
import type { CrmIngestMessage } from '../../shared/domain/customers/ingest-message.js';
import { mergeCustomers, MergeCommandSchema } from '../../shared/domain/customers/merge-customers.js';
import { dismissReview, DismissReviewSchema } from '../../shared/domain/customers/dismiss-review.js';
import { NotFoundError, UnauthorizedError, ValidationError } from '../../shared/domain/errors.js';
import { parseOrThrow } from '../../shared/domain/validation.js';
import { safeEqual } from '../../shared/adapters/crm/http.js';
import { hubSpotEventsToNotices, parseHubSpotWebhookBatch, verifyHubSpotSignatureV3 } from '../../shared/adapters/crm/hubspot/webhook.js';
import { parseSalesforceChangeEvent, salesforceEventToNotice } from '../../shared/adapters/crm/salesforce/cdc.js';
import { createZohoClient } from '../../shared/adapters/crm/zoho/client.js';
import { parseZohoNotification, verifyZohoNotification, zohoNotificationToNotices } from '../../shared/adapters/crm/zoho/notification.js';
import { auditLog } from '../../shared/adapters/dynamodb/audit-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { connectionStore } from '../../shared/adapters/dynamodb/connection-store.js';
import { crmStateStore, importJobStore, mergeRecordStore, reviewQueue } from '../../shared/adapters/dynamodb/crm-store.js';
import { identityIndex } from '../../shared/adapters/dynamodb/identity-index.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { secretSourceFrom } from '../../shared/adapters/secrets/secret-source.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { env, queueUrl } from '../../shared/lambda/env.js';
import { httpFunction, type HttpRequest } from '../../shared/lambda/http.js';
import { crmRoutes } from './routes.js';
import {
  ArmChannelSchema,
  ConnectionPathSchema,
  CreateImportSchema,
  ImportPathSchema,
  ImportQuerySchema,
  IngestRecordsSchema,
  PutConnectionSchema,
  ReviewPathSchema,
  SalesforceAuthHeaders,
} from './schema.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = systemClock;
const secrets = secretSourceFrom(env().LOCAL_SECRETS);
const connections = connectionStore(table, 5_000);
const state = crmStateStore(table);
const jobs = importJobStore(table);
const reviews = reviewQueue(table);
const audit = auditLog(table, clock);
const sender = queueSender(createSqsClient());
const zoho = createZohoClient({ secrets });
const dismiss = dismissReview({ reviews, audit, clock });
const merges = mergeCustomers({ profiles: profileStore(table), identities: identityIndex(table), merges: mergeRecordStore(table), reviews, audit, clock });

const who = (request: HttpRequest): Principal => {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
};

const enqueue = async (messages: CrmIngestMessage[]): Promise<void> => {
  await sender.sendAll(queueUrl('QUEUE_URL_CRM_INGEST'), messages.map((body) => ({ body })));
};

/** The URL the caller used (HubSpot signs it; Zoho must be told it): API Gateway's domain, or the local host. */
const publicUrl = (request: HttpRequest, path = request.path): string => {
  const host = request.headers['x-forwarded-host'] ?? request.headers['host'] ?? 'localhost';
  const proto = request.headers['x-forwarded-proto'] ?? (/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host) ? 'http' : 'https');
  const query = new URLSearchParams(request.query).toString();
  return `${proto}://${host}${path}${query && path === request.path ? `?${query}` : ''}`;
};

/** The connection of a signed route, or 401 (never reveal whether a connection exists). */
const signedConnection = async (request: HttpRequest, crm: ConnectionConfig['crm']): Promise<ConnectionConfig> => {
  const { connectionId } = parseOrThrow(ConnectionPathSchema, request.params, 'path');
  const config = await connections.get(connectionId);
  if (!config || config.crm !== crm) throw new UnauthorizedError('The request signature could not be verified');
  return config;
};

const notices = (list: CrmChangeNotice[]): CrmIngestMessage[] => list.map((notice) => ({ kind: 'notice', notice }));

const connectionBody = (connectionId: string, body: unknown): ConnectionConfig => {
  const { template, ...rest } = parseOrThrow(PutConnectionSchema, body, 'connection');
  const base = template ? defaultConnectionConfig(template, connectionId) : {};
  return parseConnectionConfig({ ...base, ...rest, connectionId });
};

const isJson = (request: HttpRequest): boolean => /json/i.test(request.headers['content-type'] ?? '') && !/ndjson/i.test(request.headers['content-type'] ?? '');

const runChunk = async (jobId: string, body: string, format: 'csv' | 'ndjson', mappingRef: unknown, connectionId: string | undefined, lineOffset: number, complete: boolean, storedErrors: number) => {
  const mapping = resolveMapping(mappingRef, connectionId);
  const result = await importChunk(body, { format, mapping, lineOffset }, (batch) =>
    enqueue(batch.map(({ record }) => ({ kind: 'record', record, importJobId: jobId }))),
  );
  await jobs.addChunk(jobId, { ...result, complete }, storedErrors);
  return result;
};

export const handler = httpFunction(crmRoutes, {
  zohoNotification: async (request) => {
    const config = await signedConnection(request, 'zoho');
    const notification = parseZohoNotification(request.rawBody);
    const stored = await state.getChannel(config.connectionId);
    if (!stored) throw new UnauthorizedError('The Zoho notification token does not match its channel');
    verifyZohoNotification(notification, { channelId: stored.channel.channelId, token: stored.token });
    await enqueue(notices(zohoNotificationToNotices(notification, config.connectionId, clock.now())));
    return { status: 202, body: { accepted: notification.ids.length } };
  },
  hubspotWebhook: async (request) => {
    const config = await signedConnection(request, 'hubspot');
    const name = config.credentials['clientSecret'];
    if (!name) throw new UnauthorizedError('The request signature could not be verified');
    verifyHubSpotSignatureV3({ method: 'POST', uri: publicUrl(request), rawBody: request.rawBody, headers: request.headers, clientSecret: await secrets.get(name), now: clock.now() });
    const events = parseHubSpotWebhookBatch(request.rawBody);
    await enqueue(notices(hubSpotEventsToNotices(events, config.connectionId)));
    return { status: 202, body: { accepted: events.length } };
  },
  salesforceChange: async (request) => {
    const config = await signedConnection(request, 'salesforce');
    const name = config.credentials['inboundSecret'];
    if (!name) throw new UnauthorizedError('The request signature could not be verified');
    const secret = await secrets.get(name);
    const hmac = request.headers[SalesforceAuthHeaders.hmac];
    const token = request.headers[SalesforceAuthHeaders.token];
    const expected = `sha256=${createHmac('sha256', secret).update(request.rawBody, 'utf8').digest('hex')}`;
    const ok = hmac !== undefined ? safeEqual(hmac, expected) : token !== undefined && safeEqual(token, secret);
    if (!ok) throw new UnauthorizedError('The request signature could not be verified');
    const notice = salesforceEventToNotice(parseSalesforceChangeEvent(request.rawBody), config.connectionId);
    await enqueue(notices([notice]));
    return { status: 202, body: { accepted: notice.externalIds.length } };
  },
  listConnections: async () => ({ status: 200, body: { connections: await connections.list() } }),
  getConnection: async (request) => {
    const { connectionId } = parseOrThrow(ConnectionPathSchema, request.params, 'path');
    const config = await connections.get(connectionId);
    if (!config) throw new NotFoundError(`Connection ${connectionId}`);
    return { status: 200, body: { connection: config } };
  },
  putConnection: async (request) => {
    const { connectionId } = parseOrThrow(ConnectionPathSchema, request.params, 'path');
    const config = connectionBody(connectionId, request.json());
    const existed = (await connections.get(connectionId)) !== undefined;
    await connections.put(config);
    await audit.append({ actor: who(request).principalId, action: existed ? 'crm.connection.update' : 'crm.connection.create', target: `connection:${connectionId}`, details: { crm: config.crm, objects: Object.keys(config.objects) } });
    return { status: existed ? 200 : 201, body: { connection: config } };
  },
  armZohoChannel: async (request) => {
    const { connectionId } = parseOrThrow(ConnectionPathSchema, request.params, 'path');
    const input = parseOrThrow(ArmChannelSchema, request.rawBody.trim() ? request.json() : {}, 'channel');
    const config = await connections.get(connectionId);
    if (!config) throw new NotFoundError(`Connection ${connectionId}`);
    if (config.crm !== 'zoho') throw new ValidationError('Only Zoho connections have notification channels', [{ path: 'connectionId', message: 'not a Zoho connection' }]);
    const previous = await state.getChannel(connectionId);
    const channel = {
      connectionId,
      channelId: input.channelId ?? previous?.channel.channelId ?? String(Date.now()) + String(Math.floor(Math.random() * 1000)).padStart(3, '0'),
      events: input.events ?? previous?.channel.events ?? Object.keys(config.objects).map((o) => `${o}.all`),
      expiresAt: nextChannelExpiry(clock.now()),
    };
    const token = randomBytes(24).toString('base64url');
    const notifyUrl = publicUrl(request, `/v1/inbound/zoho/${connectionId}`);
    await zoho.watch(config, channel, { notifyUrl, token, rearm: previous !== undefined });
    await state.putChannel(channel, token);
    await audit.append({ actor: who(request).principalId, action: 'crm.channel.arm', target: `connection:${connectionId}`, details: { channelId: channel.channelId, events: channel.events } });
    return { status: 200, body: { channel, notifyUrl } };
  },
  ingestRecords: async (request) => {
    const { connectionId } = parseOrThrow(ConnectionPathSchema, request.params, 'path');
    const input = parseOrThrow(IngestRecordsSchema, request.json(), 'records');
    const config = await connections.get(connectionId);
    if (!config) throw new NotFoundError(`Connection ${connectionId}`);
    const records = 'objectName' in input
      ? input.records.map((native, i) => {
          try {
            return mapRecord(config, input.objectName, native);
          } catch (error) {
            if (error instanceof ValidationError) throw new ValidationError(error.message, error.issues.map((x) => ({ ...x, path: `records[${i}].${x.path}` })));
            if ((error as { code?: string }).code === 'unknown_object_type') throw new ValidationError((error as Error).message, [{ path: 'objectName', message: 'not mapped for this connection' }]);
            throw error;
          }
        })
      : input.records;
    const foreign = records.findIndex((r) => r.connectionId !== connectionId || r.crm !== config.crm);
    if (foreign >= 0) throw new ValidationError('Records must belong to this connection', [{ path: `records[${foreign}].connectionId`, message: `expected ${connectionId} (${config.crm})` }]);
    await enqueue(records.map((record) => ({ kind: 'record', record })));
    return { status: 202, body: { accepted: records.length } };
  },
  createImport: async (request) => {
    const jobId = `imp_${ulid()}`;
    let body: string;
    let format: 'csv' | 'ndjson';
    let mappingRef: unknown;
    let connectionId: string | undefined;
    let complete: boolean;
    if (isJson(request)) {
      const input = parseOrThrow(CreateImportSchema, request.json(), 'import');
      body = input.data ?? '';
      format = input.format;
      mappingRef = input.mapping;
      connectionId = input.connectionId;
      complete = input.complete;
    } else {
      const query = parseOrThrow(ImportQuerySchema, request.query, 'query');
      if (!query.mapping) throw new ValidationError('A mapping is required', [{ path: 'mapping', message: 'required' }]);
      body = request.rawBody;
      format = /ndjson/i.test(request.headers['content-type'] ?? '') ? 'ndjson' : 'csv';
      mappingRef = query.mapping;
      connectionId = query.connectionId;
      complete = query.complete;
    }
    const mapping = resolveMapping(mappingRef, connectionId);
    await jobs.create({
      jobId, mapping: mapping.name, connectionId: mapping.connectionId, format, status: 'receiving', createdAt: clock.now().toISOString(),
      chunks: 0, rowsRead: 0, recordsQueued: 0, recordsApplied: 0, recordsFailed: 0, rowErrors: 0, errors: [],
      ...(typeof mappingRef === 'string' ? {} : { inlineMapping: mapping }),
    });
    await audit.append({ actor: who(request).principalId, action: 'crm.import.create', target: `import:${jobId}`, details: { mapping: mapping.name, format } });
    const result = body.trim() ? await runChunk(jobId, body, format, typeof mappingRef === 'string' ? mappingRef : mapping, mapping.connectionId, 0, complete, 0) : undefined;
    if (!result) await jobs.addChunk(jobId, { rowsRead: 0, recordsQueued: 0, errors: [], complete }, 0);
    return { status: 202, body: { import: await jobs.get(jobId) }, headers: { location: `/v1/imports/${jobId}` } };
  },
  addImportChunk: async (request) => {
    const { importId } = parseOrThrow(ImportPathSchema, request.params, 'path');
    const query = parseOrThrow(ImportQuerySchema, request.query, 'query');
    const job = await jobs.get(importId);
    if (!job) throw new NotFoundError(`Import ${importId}`);
    await runChunk(importId, request.rawBody, job.format, job.inlineMapping ?? job.mapping, job.connectionId, query.lineOffset, query.complete, job.errors.length);
    return { status: 202, body: { import: await jobs.get(importId) } };
  },
  getImport: async (request) => {
    const { importId } = parseOrThrow(ImportPathSchema, request.params, 'path');
    const job = await jobs.get(importId);
    if (!job) throw new NotFoundError(`Import ${importId}`);
    const { inlineMapping: _m, ...rest } = job;
    return { status: 200, body: { import: { ...rest, done: job.status === 'complete' && job.recordsApplied + job.recordsFailed >= job.recordsQueued } } };
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
