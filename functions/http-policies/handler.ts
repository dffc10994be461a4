import type { Principal } from '../../shared/domain/auth/principal.js';
import { systemClock } from '../../shared/domain/clock.js';
import { DomainError, UnauthorizedError } from '../../shared/domain/errors.js';
import { DEFAULT_POLICY } from '../../shared/domain/rating/default-policy.js';
import { PolicyTransitionError, SelfApprovalError } from '../../shared/domain/rating/lifecycle.js';
import { customerFreeze, FreezeCommandSchema } from '../../shared/domain/risk/customer-freeze.js';
import { defaultDrill, DefaultDrillSchema } from '../../shared/domain/risk/default-drill.js';
import { managePolicies, policySummary } from '../../shared/domain/risk/manage-policies.js';
import { exportTrainingData, OutcomeCommandSchema, recordOutcome } from '../../shared/domain/risk/training-data.js';
import { parseOrThrow } from '../../shared/domain/validation.js';
import { auditLog } from '../../shared/adapters/dynamodb/audit-log.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { policyStore } from '../../shared/adapters/dynamodb/policy-store.js';
import { outcomeStore } from '../../shared/adapters/dynamodb/outcome-store.js';
import { customerIdPage, profilePortfolio } from '../../shared/adapters/dynamodb/portfolio-scan.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { ratingHistoryStore } from '../../shared/adapters/dynamodb/rating-history-store.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { recomputeQueue } from '../../shared/adapters/sqs/recompute-queue.js';
import { env, queueUrl } from '../../shared/lambda/env.js';
import { httpFunction, type HttpRequest, type RouteHandler } from '../../shared/lambda/http.js';
import { policyRoutes } from './routes.js';
import { CustomerPathSchema, RatingsQuerySchema, TrainingDataQuerySchema, VersionPathSchema } from './schema.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = systemClock;
const audit = auditLog(table, clock);
const profiles = profileStore(table);
const policies = policyStore(table, { defaultPolicy: DEFAULT_POLICY });
const history = ratingHistoryStore(table);
const sender = queueSender(createSqsClient());
const lifecycle = managePolicies({
  policies,
  portfolio: profilePortfolio(table, { segments: 2 }),
  recompute: { enqueue: (requests) => recomputeQueue(sender, queueUrl('QUEUE_URL_RECOMPUTE')).enqueue(requests) },
  audit,
  clock,
});
const freezes = customerFreeze({ profiles, audit, clock });
const drill = defaultDrill({ profiles, policies, audit, clock });
const outcomes = outcomeStore(table);
const trainingData = exportTrainingData({ source: { customerPage: customerIdPage(table), ratings: (id) => history.all(id) }, outcomes });
const outcomeRecorder = recordOutcome({ profiles, outcomes, audit, clock });

const who = (request: HttpRequest): Principal => {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
};

/** Lifecycle refusals as problems: self-approval 403 (four-eyes rule), an illegal step 409. */
const lifecycleErrors =
  (handle: RouteHandler): RouteHandler =>
  async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      if (error instanceof SelfApprovalError) throw new DomainError(error.code, error.message, { cause: error, details: { httpStatus: 403 } });
      if (error instanceof PolicyTransitionError) throw new DomainError(error.code, error.message, { cause: error, details: { httpStatus: 409 } });
      throw error;
    }
  };

const version = (request: HttpRequest): number => parseOrThrow(VersionPathSchema, request.params, 'path').version;

export const handler = httpFunction(policyRoutes, {
  createPolicy: async (request) => ({ status: 201, body: { policy: await lifecycle.create(request.json(), who(request).principalId) } }),
  listPolicies: async () => ({ status: 200, body: { policies: await lifecycle.list() } }),
  getActivePolicy: async () => ({ status: 200, body: { policy: await lifecycle.active() } }),
  getPolicy: async (request) => ({ status: 200, body: { policy: await lifecycle.get(version(request)) } }),
  backtestPolicy: lifecycleErrors(async (request) => ({ status: 200, body: { report: await lifecycle.backtest(version(request), who(request).principalId) } })),
  approvePolicy: lifecycleErrors(async (request) => {
    const record = await lifecycle.approve(version(request), who(request).principalId);
    return { status: 200, body: { policy: policySummary({ rev: 0, record }) } };
  }),
  activatePolicy: lifecycleErrors(async (request) => ({ status: 200, body: await lifecycle.activate(version(request), who(request).principalId) })),
  rollbackPolicy: lifecycleErrors(async (request) => ({ status: 200, body: await lifecycle.rollback(version(request), who(request).principalId) })),
  freezeCustomer: async (request) => {
    const { customerId } = parseOrThrow(CustomerPathSchema, request.params, 'path');
    const { reason } = parseOrThrow(FreezeCommandSchema, request.json(), 'freeze');
    const result = await freezes.freeze(customerId, reason, who(request).principalId);
    return { status: 200, body: { customerId, changed: result.changed, freeze: result.profile.freeze } };
  },
  unfreezeCustomer: async (request) => {
    const { customerId } = parseOrThrow(CustomerPathSchema, request.params, 'path');
    const { reason } = parseOrThrow(FreezeCommandSchema, request.json(), 'unfreeze');
    const result = await freezes.unfreeze(customerId, reason, who(request).principalId);
    return { status: 200, body: { customerId, changed: result.changed, frozen: result.profile.freeze !== undefined } };
  },
  listRatings: async (request) => {
    const { customerId } = parseOrThrow(CustomerPathSchema, request.params, 'path');
    const { limit } = parseOrThrow(RatingsQuerySchema, request.query, 'query');
    return { status: 200, body: { ratings: await history.list(customerId, limit) } };
  },
  exportTrainingData: async (request) => {
    const { format, ...query } = parseOrThrow(TrainingDataQuerySchema, request.query, 'query');
    const page = await trainingData(query);
    const headers: Record<string, string> = {
      'x-training-customers': String(page.customers),
      'x-training-skipped': String(page.skipped),
      ...(page.nextCursor !== undefined ? { 'x-next-cursor': page.nextCursor } : {}),
    };
    if (format === 'json') return { status: 200, headers, body: page };
    return { status: 200, headers: { ...headers, 'content-type': 'application/x-ndjson' }, text: page.rows.map((row) => `${JSON.stringify(row)}\n`).join('') };
  },
  recordOutcome: async (request) => {
    const { customerId } = parseOrThrow(CustomerPathSchema, request.params, 'path');
    const command = parseOrThrow(OutcomeCommandSchema, request.json(), 'outcome');
    return { status: 201, body: { outcome: await outcomeRecorder(customerId, command, who(request).principalId) } };
  },
  defaultDrill: async (request) => {
    const { customerId } = parseOrThrow(DefaultDrillSchema, request.json(), 'drill');
    return { status: 200, body: await drill(customerId, who(request).principalId) };
  },
});
