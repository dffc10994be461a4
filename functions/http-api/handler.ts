import { manageSubscriptions } from '../../shared/domain/admin/manage-subscriptions.js';
import { runtimeClock } from '../../shared/lambda/clock.js';
import { listAlerts } from '../../shared/domain/console/alerts.js';
import { listPortfolio } from '../../shared/domain/console/portfolio.js';
import { assertMayUpsert, customerAccessOf, visibleProfile } from '../../shared/domain/auth/tenancy.js';
import { patchCustomer } from '../../shared/domain/customers/patch-customer.js';
import { upsertCustomer, type UpsertCustomer } from '../../shared/domain/customers/upsert-customer.js';
import { DEFAULT_WRITE_BUDGET, type WriteBudget } from '../../shared/domain/customers/write-budget.js';
import type { CustomerProfile } from '../../shared/domain/profile/customer-profile.js';
import { customAttributeStore } from '../../shared/adapters/dynamodb/custom-attribute-store.js';
import { redactPiiAttributes } from '../../shared/domain/profile/custom-attributes.js';
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
import { outboundUrlGuard } from '../../shared/adapters/http/outbound-url-guard.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { auditAnchoring, auditTrail } from '../../shared/lambda/audit-trail.js';
import { env, outboundPolicy, queueUrl } from '../../shared/lambda/env.js';
import { httpFunction } from '../../shared/lambda/http.js';
import { serialiseByKey } from '../../shared/lambda/serialise-by-key.js';
import { hubSigningKey } from '../../shared/lambda/signing-key.js';
import { trustServices } from '../../shared/lambda/trust.js';
import { httpRoutes } from './routes.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = runtimeClock;
const audit = auditTrail(table, clock);
const anchoring = auditAnchoring(audit, clock);
const profiles = profileStore(table);
const events = eventStore(table);
const sqs = queueSender(createSqsClient());
const enqueueTo = (queue: 'QUEUE_URL_DELIVERIES' | 'QUEUE_URL_WRITEBACKS') => (messages: object[]) => sqs.sendAll(queueUrl(queue), messages.map((body) => ({ body })));
const portfolio = listPortfolio({ customers: customerList(table) });
const alerts = listAlerts({ events, clock });
const customAttributes = customAttributeStore(table);
// A hot customer's writes queue in this container instead of racing; each answers within its budget.
const customerLanes = serialiseByKey();
const writeBudget: WriteBudget = { ...DEFAULT_WRITE_BUDGET, serialise: (key, work) => customerLanes.run(key, work) };
const upsert = upsertCustomer({ profiles, clock, identities: identityIndex(table), customAttributes, budget: writeBudget });
const patch = patchCustomer({ profiles, clock, budget: writeBudget });
/** Non-admin callers (CRM keys) never see custom attributes flagged as personal data. */
const forCaller = async <P extends { custom?: Record<string, unknown> }>(profile: P, role: string): Promise<P> =>
  role === 'admin' ? profile : redactPiiAttributes(profile, await customAttributes.list());
const { keys } = trustServices({ table, clock, audit });
const subscriptionRecords = subscriptionStore(table);
const deliveryLog = subscriptionDeliveries({ subscriptions: subscriptionRecords, deliveries: deliveryStore(table), events, enqueue: enqueueTo('QUEUE_URL_DELIVERIES'), audit, clock });
const writeBacks = customerWriteBacks({ profiles, events, log: writeBackStore(table), enqueue: enqueueTo('QUEUE_URL_WRITEBACKS'), audit });
const subscriptions = manageSubscriptions({ subscriptions: subscriptionRecords, audit, clock, guardUrl: outboundUrlGuard(outboundPolicy()) });


const isPosition = (after: unknown): after is Record<string, string> =>
  typeof after === 'object' && after !== null && !Array.isArray(after) && Object.values(after).every((v) => typeof v === 'string');

/** The stores' positions are their own opaque strings. */
const positionOf = (page: { after: unknown }): string | undefined => (typeof page.after === 'string' ? page.after : undefined);

export const handler = httpFunction(httpRoutes, {
  upsertCustomer: async ({ params, body, principal }) => {
    const authorise = (stored: CustomerProfile | undefined, input: UpsertCustomer) => assertMayUpsert(principal, params.customerId, stored, input);
    const result = await upsert({ customerId: params.customerId, input: body, source: `api:${principal.principalId}`, authorise, reveals: customerAccessOf(principal).sees });
    return { status: result.created ? 201 : 200, body: { profile: await forCaller(result.profile, principal.role), changedFields: result.changedFields } };
  },
  patchCustomer: async ({ params, body, principal }) => {
    if (principal.role !== 'admin') visibleProfile(params.customerId, await profiles.get(params.customerId), customerAccessOf(principal));
    const result = await patch({ customerId: params.customerId, patch: body, source: `api:${principal.principalId}` });
    return { status: 200, body: { profile: await forCaller(result.profile, principal.role), changedFields: result.changedFields } };
  },
  listCustomers: async ({ query, page, principal }) => {
    const { customers, cursor } = await portfolio({ ...query, limit: page.limit, cursor: positionOf(page) }, customerAccessOf(principal).sees);
    return { status: 200, body: { customers, nextCursor: null, next: null }, next: cursor };
  },
  listAlerts: async ({ query }) => ({ status: 200, body: await alerts(query) }),
  getCustomer: async ({ params, principal }) => ({
    status: 200,
    body: { profile: await forCaller(visibleProfile(params.customerId, await profiles.get(params.customerId), customerAccessOf(principal)), principal.role) },
  }),
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
