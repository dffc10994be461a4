import { readQuarantine } from '../../shared/domain/audit/read-quarantine.js';
import { customerGate } from '../../shared/domain/auth/tenancy.js';
import { parseBureauPullConfig } from '../../shared/domain/bureau-pulls/bureau-pull.js';
import { decideBureauReview } from '../../shared/domain/bureau-pulls/decide-review.js';
import { importMetro2File } from '../../shared/domain/bureau-pulls/import-metro2.js';
import { manageConsents } from '../../shared/domain/bureau-pulls/manage-consents.js';
import { readBureauReports } from '../../shared/domain/bureau-pulls/read-reports.js';
import { requestBureauPull } from '../../shared/domain/bureau-pulls/request-pull.js';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { NotFoundError } from '../../shared/domain/errors.js';
import { bureauPullStore } from '../../shared/adapters/dynamodb/bureau-pull-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { consentStore } from '../../shared/adapters/dynamodb/consent-store.js';
import { identityIndex } from '../../shared/adapters/dynamodb/identity-index.js';
import { metro2ImportStore } from '../../shared/adapters/dynamodb/metro2-import-store.js';
import { creditReportStore } from '../../shared/adapters/dynamodb/credit-report-store.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { quarantineStore } from '../../shared/adapters/dynamodb/quarantine-store.js';
import { sqsPullQueue } from '../../shared/adapters/sqs/pull-queue.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { auditTrail } from '../../shared/lambda/audit-trail.js';
import { env, queueUrl } from '../../shared/lambda/env.js';
import { httpFunction } from '../../shared/lambda/http.js';
import { bureauRoutes } from './routes.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = runtimeClock;
const consents = consentStore(table);
const pulls = bureauPullStore(table);
const audit = auditTrail(table, clock);
const manage = manageConsents({ consents, audit, clock });
const reports = creditReportStore(table);
const quarantined = quarantineStore(table, clock);
const quarantine = readQuarantine({ quarantine: quarantined, audit });
const reads = readBureauReports({ pulls, reports, reviews: reports, quarantine: quarantined, audit });
const profiles = profileStore(table);
const visible = customerGate({ profiles });
const decide = decideBureauReview({ profiles, reviews: reports, audit, clock });
const metro2Imports = metro2ImportStore(table);
const importMetro2 = importMetro2File({ profiles, identities: identityIndex(table), archive: reports, imports: metro2Imports, quarantine: quarantined, audit, clock });
const request = requestBureauPull({
  profiles,
  consents,
  pulls,
  queue: sqsPullQueue(queueSender(createSqsClient()), queueUrl('QUEUE_URL_BUREAU_PULLS')),
  clock,
  config: parseBureauPullConfig(env().BUREAU_PULL_CONFIG),
});

export const handler = httpFunction(bureauRoutes, {
  recordConsent: async ({ params, body, principal }) => {
    await visible(params.customerId, principal);
    return { status: 201, body: { consent: await manage.record(params.customerId, body, principal) } };
  },
  listConsents: async ({ params, principal }) => {
    await visible(params.customerId, principal);
    return { status: 200, body: { consents: await manage.list(params.customerId) } };
  },
  revokeConsent: async ({ params, principal }) => {
    await visible(params.customerId, principal);
    return { status: 200, body: { consent: await manage.revoke(params.customerId, params.consentId, principal) } };
  },
  requestBureauPull: async ({ params, body, principal }) => {
    const result = await request({ customerId: params.customerId, bureau: body.bureau, purpose: body.purpose, trigger: 'on_demand', requestedBy: principal.principalId, by: principal });
    return { status: 202, body: { pull: result.pull, collapsed: result.collapsed } };
  },
  getBureauPull: async ({ params, principal }) => {
    await visible(params.customerId, principal);
    const pull = await pulls.get(params.customerId, params.pullId);
    if (!pull) throw new NotFoundError(`Pull ${params.pullId}`);
    return { status: 200, body: { pull } };
  },
  listBureauPulls: async ({ params, query, principal }) => {
    await visible(params.customerId, principal);
    return { status: 200, body: { pulls: await pulls.listForCustomer(params.customerId, query.limit) } };
  },
  listBureauReviews: async ({ query }) => ({ status: 200, body: { reviews: await reports.listOpenReviews(query.limit) } }),
  acceptBureauReview: async ({ params, principal }) => ({ status: 200, body: await decide.accept(params.reviewId, principal.principalId) }),
  dismissBureauReview: async ({ params, body, principal }) => ({ status: 200, body: await decide.dismiss(params.reviewId, body, principal.principalId) }),
  getBureauReport: async ({ params, principal }) => ({ status: 200, headers: { 'cache-control': 'no-store' }, body: await reads.report(params.reportId, principal.principalId) }),
  getBureauPullRaw: async ({ params, principal }) => ({ status: 200, headers: { 'cache-control': 'no-store' }, body: await reads.raw(params.pullId, principal.principalId) }),
  importMetro2: async ({ query, text, principal }) => {
    const record = await importMetro2(text, { bureau: query.bureau, by: principal.principalId });
    return { status: 201, headers: { location: `/v1/bureau/metro2/imports/${record.importId}` }, body: { import: record } };
  },
  getMetro2Import: async ({ params }) => {
    const record = await metro2Imports.get(params.importId);
    if (!record) throw new NotFoundError(`Metro 2 import ${params.importId}`);
    return { status: 200, body: { import: record } };
  },
  listQuarantine: async ({ params, query }) => ({ status: 200, body: await quarantine.list(params.source, query.limit) }),
  getQuarantinedPayload: async ({ params, principal }) => ({
    status: 200,
    headers: { 'cache-control': 'no-store' },
    body: await quarantine.payload(params.source, params.messageId, principal.principalId),
  }),
});
