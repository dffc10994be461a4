import { CreateApiKeySchema } from '../../shared/domain/auth/api-key.js';
import type { Principal } from '../../shared/domain/auth/principal.js';
import { manageApiKeys } from '../../shared/domain/admin/manage-api-keys.js';
import { manageSubscriptions } from '../../shared/domain/admin/manage-subscriptions.js';
import { systemClock } from '../../shared/domain/clock.js';
import { AlertsQuerySchema, listAlerts } from '../../shared/domain/console/alerts.js';
import { listPortfolio, PortfolioQuerySchema } from '../../shared/domain/console/portfolio.js';
import { upsertCustomer, UpsertCustomerSchema } from '../../shared/domain/customers/upsert-customer.js';
import { CreateSubscriptionSchema } from '../../shared/domain/delivery/subscription.js';
import { NotFoundError, UnauthorizedError } from '../../shared/domain/errors.js';
import { DeliveryLogQuerySchema, ReplayRequestSchema, subscriptionDeliveries } from '../../shared/domain/outbound/replay-deliveries.js';
import { customerWriteBacks, WriteBackLogQuerySchema, WriteBackReplayRequestSchema } from '../../shared/domain/outbound/write-back-log.js';
import { parseOrThrow } from '../../shared/domain/validation.js';
import { apiKeyStore } from '../../shared/adapters/dynamodb/api-key-store.js';
import { auditLog } from '../../shared/adapters/dynamodb/audit-log.js';
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
import { env, outboundPolicy, queueUrl } from '../../shared/lambda/env.js';
import { httpFunction, type HttpRequest } from '../../shared/lambda/http.js';
import { httpRoutes } from './routes.js';
import {
  CustomerPathSchema,
  EventsQuerySchema,
  KeyPathSchema,
  RotateSecretSchema,
  SubscriptionPathSchema,
  UpdateSubscriptionSchema,
} from './schema.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = systemClock;
const audit = auditLog(table, clock);
const profiles = profileStore(table);
const events = eventStore(table);
const portfolio = listPortfolio({ customers: customerList(table) });
const alerts = listAlerts({ events, clock });
const upsert = upsertCustomer({ profiles, clock, identities: identityIndex(table) });
const keys = manageApiKeys({ keys: apiKeyStore(table), audit, clock });
const sqs = queueSender(createSqsClient());
const subscriptionStoreRef = subscriptionStore(table);
const deliveryLog = subscriptionDeliveries({
  subscriptions: subscriptionStoreRef,
  deliveries: deliveryStore(table),
  events,
  enqueue: (messages) => sqs.sendAll(queueUrl('QUEUE_URL_DELIVERIES'), messages.map((body) => ({ body }))),
  audit,
  clock,
});
const writeBacks = customerWriteBacks({
  profiles,
  events,
  log: writeBackStore(table),
  enqueue: (messages) => sqs.sendAll(queueUrl('QUEUE_URL_WRITEBACKS'), messages.map((body) => ({ body }))),
  audit,
});
const subscriptions = manageSubscriptions({
  subscriptions: subscriptionStoreRef,
  audit,
  clock,
  guardUrl: outboundUrlGuard(outboundPolicy()),
});

const who = (request: HttpRequest): Principal => {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
};

export const handler = httpFunction(httpRoutes, {
  upsertCustomer: async (request) => {
    const { customerId } = parseOrThrow(CustomerPathSchema, request.params, 'path');
    const input = parseOrThrow(UpsertCustomerSchema, request.json(), 'customer');
    const result = await upsert({ customerId, input, source: `api:${who(request).principalId}` });
    return { status: result.created ? 201 : 200, body: { profile: result.profile, changedFields: result.changedFields } };
  },
  listCustomers: async (request) => ({ status: 200, body: await portfolio(parseOrThrow(PortfolioQuerySchema, request.query, 'query')) }),
  listAlerts: async (request) => ({ status: 200, body: await alerts(parseOrThrow(AlertsQuerySchema, request.query, 'query')) }),
  getCustomer: async (request) => {
    const { customerId } = parseOrThrow(CustomerPathSchema, request.params, 'path');
    const profile = await profiles.get(customerId);
    if (!profile) throw new NotFoundError(`Customer ${customerId}`);
    return { status: 200, body: { profile } };
  },
  listCustomerEvents: async (request) => {
    const { customerId } = parseOrThrow(CustomerPathSchema, request.params, 'path');
    const query = parseOrThrow(EventsQuerySchema, request.query, 'query');
    return { status: 200, body: { events: await events.listForCustomer(customerId, query) } };
  },
  createApiKey: async (request) => {
    const input = parseOrThrow(CreateApiKeySchema, request.json(), 'API key');
    return { status: 201, body: await keys.create(input, who(request)) };
  },
  listApiKeys: async () => ({ status: 200, body: { keys: await keys.list() } }),
  rotateApiKey: async (request) => {
    const { keyId } = parseOrThrow(KeyPathSchema, request.params, 'path');
    return { status: 201, body: await keys.rotate(keyId, who(request)) };
  },
  revokeApiKey: async (request) => {
    const { keyId } = parseOrThrow(KeyPathSchema, request.params, 'path');
    return { status: 200, body: { record: await keys.revoke(keyId, who(request)) } };
  },
  createSubscription: async (request) => {
    const input = parseOrThrow(CreateSubscriptionSchema, request.json(), 'subscription');
    return { status: 201, body: await subscriptions.create(input, who(request)) };
  },
  listSubscriptions: async () => ({ status: 200, body: { subscriptions: await subscriptions.list() } }),
  getSubscription: async (request) => {
    const { subscriptionId } = parseOrThrow(SubscriptionPathSchema, request.params, 'path');
    return { status: 200, body: { subscription: await subscriptions.get(subscriptionId) } };
  },
  updateSubscription: async (request) => {
    const { subscriptionId } = parseOrThrow(SubscriptionPathSchema, request.params, 'path');
    const { enabled } = parseOrThrow(UpdateSubscriptionSchema, request.json(), 'subscription update');
    return { status: 200, body: { subscription: await subscriptions.setEnabled(subscriptionId, enabled, who(request)) } };
  },
  rotateSubscriptionSecret: async (request) => {
    const { subscriptionId } = parseOrThrow(SubscriptionPathSchema, request.params, 'path');
    const { overlapHours } = parseOrThrow(RotateSecretSchema, request.rawBody.trim() ? request.json() : {}, 'rotation');
    return { status: 200, body: await subscriptions.rotate(subscriptionId, overlapHours, who(request)) };
  },
  deleteSubscription: async (request) => {
    const { subscriptionId } = parseOrThrow(SubscriptionPathSchema, request.params, 'path');
    await subscriptions.remove(subscriptionId, who(request));
    return { status: 204 };
  },
  listDeliveries: async (request) => {
    const { subscriptionId } = parseOrThrow(SubscriptionPathSchema, request.params, 'path');
    const query = parseOrThrow(DeliveryLogQuerySchema, request.query, 'query');
    return { status: 200, body: { deliveries: await deliveryLog.log(subscriptionId, query) } };
  },
  replayDeliveries: async (request) => {
    const { subscriptionId } = parseOrThrow(SubscriptionPathSchema, request.params, 'path');
    const input = parseOrThrow(ReplayRequestSchema, request.json(), 'replay');
    return { status: 202, body: await deliveryLog.replay(subscriptionId, input, who(request)) };
  },
  listWriteBacks: async (request) => {
    const { customerId } = parseOrThrow(CustomerPathSchema, request.params, 'path');
    const query = parseOrThrow(WriteBackLogQuerySchema, request.query, 'query');
    return { status: 200, body: { writeBacks: await writeBacks.list(customerId, query) } };
  },
  replayWriteBack: async (request) => {
    const input = parseOrThrow(WriteBackReplayRequestSchema, request.json(), 'replay');
    return { status: 202, body: await writeBacks.replay(input, who(request)) };
  },
  verifyAudit: async () => {
    const chains = await audit.verify();
    return { status: 200, body: { ok: chains.every((c) => c.ok), chains } };
  },
});
