import type { Principal } from '../../shared/domain/auth/principal.js';
import { parseBureauPullConfig, RequestPullSchema } from '../../shared/domain/bureau-pulls/bureau-pull.js';
import { decideBureauReview, DismissBureauReviewSchema } from '../../shared/domain/bureau-pulls/decide-review.js';
import { manageConsents, RecordConsentSchema } from '../../shared/domain/bureau-pulls/manage-consents.js';
import { requestBureauPull } from '../../shared/domain/bureau-pulls/request-pull.js';
import { systemClock } from '../../shared/domain/clock.js';
import { NotFoundError, UnauthorizedError } from '../../shared/domain/errors.js';
import { parseOrThrow } from '../../shared/domain/validation.js';
import { auditLog } from '../../shared/adapters/dynamodb/audit-log.js';
import { bureauPullStore } from '../../shared/adapters/dynamodb/bureau-pull-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { consentStore } from '../../shared/adapters/dynamodb/consent-store.js';
import { creditReportStore } from '../../shared/adapters/dynamodb/credit-report-store.js';
import { quarantineStore } from '../../shared/adapters/dynamodb/quarantine-store.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { sqsPullQueue } from '../../shared/adapters/sqs/pull-queue.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { env, queueUrl } from '../../shared/lambda/env.js';
import { httpFunction, type HttpRequest } from '../../shared/lambda/http.js';
import { bureauRoutes } from './routes.js';
import { ConsentPathSchema, CustomerPathSchema, LimitQuerySchema, PullPathSchema, QuarantinePathSchema, QuarantinePayloadPathSchema, ReviewPathSchema } from './schema.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = systemClock;
const consents = consentStore(table);
const pulls = bureauPullStore(table);
const audit = auditLog(table, clock);
const manage = manageConsents({ consents, audit, clock });
const reports = creditReportStore(table);
const quarantine = quarantineStore(table, clock);
const profiles = profileStore(table);
const decide = decideBureauReview({ profiles, reviews: reports, audit, clock });
const request = requestBureauPull({
  profiles,
  consents,
  pulls,
  queue: sqsPullQueue(queueSender(createSqsClient()), queueUrl('QUEUE_URL_BUREAU_PULLS')),
  clock,
  config: parseBureauPullConfig(env().BUREAU_PULL_CONFIG),
});

const who = (request: HttpRequest): Principal => {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
};

export const handler = httpFunction(bureauRoutes, {
  recordConsent: async (req) => {
    const { customerId } = parseOrThrow(CustomerPathSchema, req.params, 'path');
    const input = parseOrThrow(RecordConsentSchema, req.json(), 'consent');
    return { status: 201, body: { consent: await manage.record(customerId, input, who(req)) } };
  },
  listConsents: async (req) => {
    const { customerId } = parseOrThrow(CustomerPathSchema, req.params, 'path');
    return { status: 200, body: { consents: await manage.list(customerId) } };
  },
  revokeConsent: async (req) => {
    const { customerId, consentId } = parseOrThrow(ConsentPathSchema, req.params, 'path');
    return { status: 200, body: { consent: await manage.revoke(customerId, consentId, who(req)) } };
  },
  requestBureauPull: async (req) => {
    const { customerId } = parseOrThrow(CustomerPathSchema, req.params, 'path');
    const input = parseOrThrow(RequestPullSchema, req.json(), 'bureau pull');
    const result = await request({ customerId, bureau: input.bureau, purpose: input.purpose, trigger: 'on_demand', requestedBy: who(req).principalId });
    return { status: 202, body: { pull: result.pull, collapsed: result.collapsed } };
  },
  getBureauPull: async (req) => {
    const { customerId, pullId } = parseOrThrow(PullPathSchema, req.params, 'path');
    const pull = await pulls.get(customerId, pullId);
    if (!pull) throw new NotFoundError(`Pull ${pullId}`);
    return { status: 200, body: { pull } };
  },
  listBureauPulls: async (req) => {
    const { customerId } = parseOrThrow(CustomerPathSchema, req.params, 'path');
    const { limit } = parseOrThrow(LimitQuerySchema, req.query, 'query');
    return { status: 200, body: { pulls: await pulls.listForCustomer(customerId, limit) } };
  },
  listBureauReviews: async (req) => {
    const { limit } = parseOrThrow(LimitQuerySchema, req.query, 'query');
    return { status: 200, body: { reviews: await reports.listOpenReviews(limit) } };
  },
  acceptBureauReview: async (req) => {
    const { reviewId } = parseOrThrow(ReviewPathSchema, req.params, 'path');
    return { status: 200, body: await decide.accept(reviewId, who(req).principalId) };
  },
  dismissBureauReview: async (req) => {
    const { reviewId } = parseOrThrow(ReviewPathSchema, req.params, 'path');
    const input = parseOrThrow(DismissBureauReviewSchema, req.json(), 'dismissal');
    return { status: 200, body: await decide.dismiss(reviewId, input, who(req).principalId) };
  },
  listQuarantine: async (req) => {
    const { source } = parseOrThrow(QuarantinePathSchema, req.params, 'path');
    const { limit } = parseOrThrow(LimitQuerySchema, req.query, 'query');
    return { status: 200, body: { source, entries: await quarantine.list(source, limit) } };
  },
  getQuarantinedPayload: async (req) => {
    const { source, messageId } = parseOrThrow(QuarantinePayloadPathSchema, req.params, 'path');
    const found = await quarantine.getPayload(source, messageId);
    if (!found) throw new NotFoundError(`Quarantined message ${messageId} of ${source}`);
    const { bodyGz, ...entry } = found;
    await audit.append({ actor: who(req).principalId, action: 'quarantine.payload_read', target: `quarantine:${source}/${messageId}`, details: { code: entry.code, bytes: bodyGz.length } });
    return { status: 200, headers: { 'cache-control': 'no-store' }, body: { source, ...entry, encoding: 'gzip+base64', payload: bodyGz.toString('base64') } };
  },
});
