import type { Principal } from '../../shared/domain/auth/principal.js';
import { parseBureauPullConfig, RequestPullSchema } from '../../shared/domain/bureau-pulls/bureau-pull.js';
import { manageConsents, RecordConsentSchema } from '../../shared/domain/bureau-pulls/manage-consents.js';
import { requestBureauPull } from '../../shared/domain/bureau-pulls/request-pull.js';
import { systemClock } from '../../shared/domain/clock.js';
import { NotFoundError, UnauthorizedError } from '../../shared/domain/errors.js';
import { parseOrThrow } from '../../shared/domain/validation.js';
import { auditLog } from '../../shared/adapters/dynamodb/audit-log.js';
import { bureauPullStore } from '../../shared/adapters/dynamodb/bureau-pull-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { consentStore } from '../../shared/adapters/dynamodb/consent-store.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { sqsPullQueue } from '../../shared/adapters/sqs/pull-queue.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { env, queueUrl } from '../../shared/lambda/env.js';
import { httpFunction, type HttpRequest } from '../../shared/lambda/http.js';
import { bureauRoutes } from './routes.js';
import { ConsentPathSchema, CustomerPathSchema, PullPathSchema } from './schema.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = systemClock;
const consents = consentStore(table);
const pulls = bureauPullStore(table);
const manage = manageConsents({ consents, audit: auditLog(table, clock), clock });
const request = requestBureauPull({
  profiles: profileStore(table),
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
});
