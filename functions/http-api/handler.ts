import { manageSubscriptions } from '../../shared/domain/admin/manage-subscriptions.js';
import { systemClock } from '../../shared/domain/clock.js';
import { listAlerts } from '../../shared/domain/console/alerts.js';
import { listPortfolio } from '../../shared/domain/console/portfolio.js';
import { upsertCustomer } from '../../shared/domain/customers/upsert-customer.js';
import { NotFoundError } from '../../shared/domain/errors.js';
import { subscriptionDeliveries } from '../../shared/domain/outbound/replay-deliveries.js';
import { customerWriteBacks } from '../../shared/domain/outbound/write-back-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { customerList } from '../../shared/adapters/dynamodb/customer-list.js';
import { deliveryStore } from '../../shared/adapters/dynamodb/delivery-store.js';
import { eventStore } from '../../shared/adapters/dynamodb/event-store.js';
import { identityIndex } from '../../shared/adapters/dynamodb/identity-index.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { subscriptionStore } from '../../shared/adapters/dynamodb/subscription-store.js';
import { writeBackStore } from '../../shared/adapters/dynamodb/writeback-store.js';
import { outboundUrlGuard } from '../../shared/adapters/http/guarded-fetch.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { auditAnchoring, auditTrail } from '../../shared/lambda/audit-trail.js';
import { env, outboundPolicy, queueUrl } from '../../shared/lambda/env.js';
import { httpFunction } from '../../shared/lambda/http.js';
import { hubSigningKey } from '../../shared/lambda/signing-key.js';
import { trustServices } from '../../shared/lambda/trust.js';
import { httpRoutes } from './routes.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = systemClock;
const audit = auditTrail(table, clock);
const anchoring = auditAnchoring(audit, clock);
const profiles = profileStore(table);
const events = eventStore(table);
const sqs = queueSender(createSqsClient());
const enqueueTo = (queue: 'QUEUE_URL_DELIVERIES' | 'QUEUE_URL_WRITEBACKS') => (messages: object[]) => sqs.sendAll(queueUrl(queue), messages.map((body) => ({ body })));
const portfolio = listPortfolio({ customers: customerList(table) });
const alerts = listAlerts({ events, clock });
const upsert = upsertCustomer({ profiles, clock, identities: identityIndex(table) });
const { keys } = trustServices({ table, clock, audit });
const subscriptionRecords = subscriptionStore(table);
const deliveryLog = subscriptionDeliveries({ subscriptions: subscriptionRecords, deliveries: deliveryStore(table), events, enqueue: enqueueTo('QUEUE_URL_DELIVERIES'), audit, clock });
const writeBacks = customerWriteBacks({ profiles, events, log: writeBackStore(table), enqueue: enqueueTo('QUEUE_URL_WRITEBACKS'), audit });
const subscriptions = manageSubscriptions({ subscriptions: subscriptionRecords, audit, clock, guardUrl: outboundUrlGuard(outboundPolicy()) });

const existingProfile = async (customerId: string) => {
  const profile = await profiles.get(customerId);
  if (!profile) throw new NotFoundError(`Customer ${customerId}`);
  return profile;
};

const isPosition = (after: unknown): after is Record<string, string> =>
  typeof after === 'object' && after !== null && !Array.isArray(after) && Object.values(after).every((v) => typeof v === 'string');

/** The stores' positions are their own opaque strings. */
const positionOf = (page: { after: unknown }): string | undefined => (typeof page.after === 'string' ? page.after : undefined);

export const handler = httpFunction(httpRoutes, {
  upsertCustomer: async ({ params, body, principal }) => {
    const result = await upsert({ customerId: params.customerId, input: body, source: `api:${principal.principalId}` });
    return { status: result.created ? 201 : 200, body: { profile: result.profile, changedFields: result.changedFields } };
  },
  listCustomers: async ({ query, page }) => {
    const { customers, cursor } = await portfolio({ ...query, limit: page.limit, cursor: positionOf(page) });
    return { status: 200, body: { customers, nextCursor: null, next: null }, next: cursor };
  },
  listAlerts: async ({ query }) => ({ status: 200, body: await alerts(query) }),
  getCustomer: async ({ params }) => ({ status: 200, body: { profile: await existingProfile(params.customerId) } }),
  listCustomerEvents: async ({ params, query }) => ({ status: 200, body: { events: await events.listForCustomer(params.customerId, query) } }),
  createApiKey: async ({ body, principal }) => {
    const issued = await keys.create(body, principal);
    return issued.approval ? { status: 202, body: { ...issued, approval: issued.approval } } : { status: 201, body: issued };
  },
  listApiKeys: async () => ({ status: 200, body: { keys: await keys.list() } }),
  rotateApiKey: async ({ params, principal }) => ({ status: 201, body: await keys.rotate(params.keyId, principal) }),
  revokeApiKey: async ({ params, principal }) => ({ status: 200, body: { record: await keys.revoke(params.keyId, principal) } }),
  createSubscription: async ({ body, principal }) => ({ status: 201, body: await subscriptions.create(body, principal) }),
  listSubscriptions: async () => ({ status: 200, body: { subscriptions: await subscriptions.list() } }),
  getSubscription: async ({ params }) => ({ status: 200, body: { subscription: await subscriptions.get(params.subscriptionId) } }),
  updateSubscription: async ({ params, body, principal }) => ({ status: 200, body: { subscription: await subscriptions.setEnabled(params.subscriptionId, body.enabled, principal) } }),
  rotateSubscriptionSecret: async ({ params, body, principal }) => ({ status: 200, body: await subscriptions.rotate(params.subscriptionId, body.overlapHours, principal) }),
  deleteSubscription: async ({ params, principal }) => {
    await subscriptions.remove(params.subscriptionId, principal);
    return { status: 204 };
  },
  listDeliveries: async ({ params, query, page }) => {
    const { records, next } = await deliveryLog.log(params.subscriptionId, { ...query, limit: page.limit, after: positionOf(page) });
    return { status: 200, body: { deliveries: records, nextCursor: null, next: null }, next };
  },
  replayDeliveries: async ({ params, body, principal }) => ({ status: 202, body: await deliveryLog.replay(params.subscriptionId, body, principal) }),
  listWriteBacks: async ({ params, query }) => ({ status: 200, body: { writeBacks: await writeBacks.list(params.customerId, query) } }),
  replayWriteBack: async ({ body, principal }) => ({ status: 202, body: await writeBacks.replay(body, principal) }),
  verifyAudit: async () => ({ status: 200, body: await anchoring.verify() }),
  listAuditEntries: async ({ query, page }) => {
    const { entries, next } = await audit.list(query, { limit: page.limit, ...(isPosition(page.after) ? { after: page.after } : {}) });
    return { status: 200, body: { entries, nextCursor: null, next: null }, ...(next ? { next } : {}) };
  },
}, { signingKey: hubSigningKey });
