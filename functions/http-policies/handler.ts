import { runtimeClock } from '../../shared/lambda/clock.js';
import { DEFAULT_POLICY } from '../../shared/domain/rating/default-policy.js';
import { actorRef } from '../../shared/domain/auth/principal.js';
import { defaultDrill } from '../../shared/domain/risk/default-drill.js';
import { NotFoundError } from '../../shared/domain/errors.js';
import { refreshRfmFit } from '../../shared/domain/rating/rfm.js';
import { importOutcomes } from '../../shared/domain/risk/import-outcomes.js';
import { exportTrainingData, recordOutcome, toNdjson } from '../../shared/domain/risk/training-data.js';
import { manageCustomAttributes } from '../../shared/domain/profile/custom-attributes.js';
import { customAttributeStore } from '../../shared/adapters/dynamodb/custom-attribute-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { outcomeStore } from '../../shared/adapters/dynamodb/outcome-store.js';
import { policyStore } from '../../shared/adapters/dynamodb/policy-store.js';
import { customerIdPage } from '../../shared/adapters/dynamodb/portfolio-scan.js';
import { driftStore } from '../../shared/adapters/dynamodb/drift-store.js';
import { rfmFitStore } from '../../shared/adapters/dynamodb/rfm-fit-store.js';
import { profilePortfolio } from '../../shared/adapters/dynamodb/portfolio-scan.js';
import { profileStore } from '../../shared/adapters/dynamodb/profile-store.js';
import { ratingHistoryStore } from '../../shared/adapters/dynamodb/rating-history-store.js';
import { createSqsClient, queueSender } from '../../shared/adapters/sqs/queue-client.js';
import { recomputeQueue } from '../../shared/adapters/sqs/recompute-queue.js';
import { auditAnchoring, auditTrail } from '../../shared/lambda/audit-trail.js';
import { env, queueUrl } from '../../shared/lambda/env.js';
import { httpFunction } from '../../shared/lambda/http.js';
import { hubSigningKey } from '../../shared/lambda/signing-key.js';
import { trustServices } from '../../shared/lambda/trust.js';
import { scoreRequest } from '../../shared/domain/rating/scoring/score-request.js';
import { policyRoutes } from './routes.js';

// Composition root: built once per cold start.
const table = { client: createDocumentClient(), tableName: env().TABLE_NAME };
const clock = runtimeClock;
const log = auditTrail(table, clock);
// Policy approvals/activations and agreement changes are checkpointed right after they are audited.
const audit = auditAnchoring(log, clock).anchored(log);
const profiles = profileStore(table);
const policies = policyStore(table, { defaultPolicy: DEFAULT_POLICY });
const history = ratingHistoryStore(table);
const sender = queueSender(createSqsClient());
const customAttributes = customAttributeStore(table);
const attributes = manageCustomAttributes({ attributes: customAttributes, audit, clock });
// Four-eyes steps (approve, activate, rollback, lifting a policy freeze) go through the approval primitive.
const { lifecycle, freezes } = trustServices({
  table,
  clock,
  audit,
  recompute: { enqueue: (requests) => recomputeQueue(sender, queueUrl('QUEUE_URL_RECOMPUTE')).enqueue(requests) },
});
const drill = defaultDrill({ profiles, policies, audit, clock });
const outcomes = outcomeStore(table);
const trainingData = exportTrainingData({ source: { customerPage: customerIdPage(table), ratings: (id) => history.all(id) }, outcomes });
const rfmFits = rfmFitStore(table);
const fitRfm = refreshRfmFit({ portfolio: profilePortfolio(table), fits: rfmFits, clock });
const outcomeRecorder = recordOutcome({ profiles, outcomes, audit, clock });
const drift = driftStore(table);
const outcomeImport = importOutcomes({ profiles, outcomes, audit, clock });

/** The training export's counts and cursor, as headers (the NDJSON body holds only rows). */
const trainingHeaders = (page: { customers: number; skipped: number; nextCursor?: string | undefined }): Record<string, string> => ({
  'x-training-customers': String(page.customers),
  'x-training-skipped': String(page.skipped),
  ...(page.nextCursor !== undefined ? { 'x-next-cursor': page.nextCursor } : {}),
});

// Lifecycle refusals (self-approval 403, an illegal step 409) map by their codes in the problem catalogue.
export const handler = httpFunction(policyRoutes, {
  createPolicy: async ({ body, principal }) => ({ status: 201, body: { policy: await lifecycle.create(body, actorRef(principal)) } }),
  listPolicies: async () => ({ status: 200, body: { policies: await lifecycle.list() } }),
  getActivePolicy: async () => ({ status: 200, body: { policy: await lifecycle.active() } }),
  getPolicy: async ({ params }) => ({ status: 200, body: { policy: await lifecycle.get(params.version) } }),
  listPolicyDrift: async ({ params, page }) => {
    await lifecycle.get(params.version);
    const after = typeof page.after === 'string' ? page.after : undefined;
    const { points, next } = await drift.list(params.version, { limit: page.limit, ...(after !== undefined ? { after } : {}) });
    return { status: 200, body: { points, nextCursor: null, next: null }, ...(next !== undefined ? { next } : {}) };
  },
  backtestPolicy: async ({ params, principal }) => ({ status: 200, body: { report: await lifecycle.backtest(params.version, actorRef(principal)) } }),
  scorePolicy: async ({ params, body, text, mediaType }) => {
    const record = await lifecycle.get(params.version);
    const input = mediaType === 'application/x-ndjson' ? { ndjson: text } : { record: body ?? {} };
    return { status: 200, body: { ...scoreRequest(record.policy, input, clock.now()), policyStatus: record.status } };
  },
  approvePolicy: async ({ params, principal }) => ({ status: 200, body: { policy: await lifecycle.approve(params.version, principal) } }),
  activatePolicy: async ({ params, principal }) => {
    const outcome = await lifecycle.activate(params.version, principal);
    return outcome.executed ? { status: 200, body: outcome.activation } : { status: 202, body: { approval: outcome.approval } };
  },
  rollbackPolicy: async ({ params, principal }) => {
    const outcome = await lifecycle.rollback(params.version, principal);
    return outcome.executed ? { status: 200, body: outcome.activation } : { status: 202, body: { approval: outcome.approval } };
  },
  freezeCustomer: async ({ params, body, principal }) => {
    const result = await freezes.freeze(params.customerId, body.reason, principal, body.expiresAt);
    return { status: 200, body: { customerId: params.customerId, changed: result.changed, freeze: result.profile.freeze } };
  },
  unfreezeCustomer: async ({ params, body, principal }) => {
    const outcome = await freezes.unfreeze(params.customerId, body.reason, principal);
    if (!outcome.executed) return { status: 202, body: { approval: outcome.approval } };
    return { status: 200, body: { customerId: params.customerId, changed: outcome.changed, frozen: outcome.profile.freeze !== undefined } };
  },
  listRatings: async ({ params, query }) => ({ status: 200, body: { ratings: await history.list(params.customerId, query.limit) } }),
  exportTrainingData: async ({ query: { format, ...options } }) => {
    const page = await trainingData(options);
    const headers = trainingHeaders(page);
    if (format === 'json') return { status: 200, headers: { ...headers, 'content-type': 'application/json' }, body: page };
    return { status: 200, headers, body: toNdjson(page.rows) };
  },
  importOutcomes: async ({ text, mediaType, principal }) => ({ status: 200, body: await outcomeImport(text, mediaType === 'text/csv' ? 'csv' : 'ndjson', principal.principalId) }),
  recordOutcome: async ({ params, body, principal }) => ({ status: 201, body: { outcome: await outcomeRecorder(params.customerId, body, principal.principalId) } }),
  declareCustomAttribute: async ({ params, body, principal }) => ({ status: 201, body: { attribute: await attributes.declare(params.name, body, principal.principalId) } }),
  listCustomAttributes: async () => ({ status: 200, body: { attributes: await attributes.list() } }),
  getCustomAttribute: async ({ params }) => ({ status: 200, body: { attribute: await attributes.get(params.name) } }),
  deprecateCustomAttribute: async ({ params, principal }) => ({ status: 200, body: { attribute: await attributes.deprecate(params.name, principal.principalId) } }),
  fitRfm: async ({ body }) => ({ status: 201, body: { fit: await fitRfm(body?.asOf ?? 'auto') } }),
  getRfmFit: async () => {
    const fit = await rfmFits.get();
    if (!fit) throw new NotFoundError('An RFM fit (POST /v1/rfm/fit)');
    return { status: 200, body: { fit } };
  },
  defaultDrill: async ({ body, principal }) => ({ status: 200, body: await drill(body.customerId, principal.principalId) }),
}, { signingKey: hubSigningKey });
