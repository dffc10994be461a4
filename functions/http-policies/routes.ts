import { z } from 'zod';
import { CustomAttributeDeclarationSchema } from '../../shared/domain/profile/custom-attributes.js';
import { PolicyDocumentSchema } from '../../shared/domain/rating/policy.js';
import { FreezeCommandSchema, FreezeRequestSchema } from '../../shared/domain/risk/customer-freeze.js';
import { DefaultDrillResultSchema, DefaultDrillSchema } from '../../shared/domain/risk/default-drill.js';
import { BacktestCommandSchema, PolicyActivationSchema } from '../../shared/domain/risk/manage-policies.js';
import { OutcomeCommandSchema } from '../../shared/domain/risk/training-data.js';
import { ScoreRecordSchema, ScoreResponseSchema } from '../../shared/domain/rating/scoring/score-request.js';
import { MAX_OUTCOME_ROWS, OutcomeImportResultSchema } from '../../shared/domain/risk/import-outcomes.js';
import { defineRoutes, UNEXERCISED } from '../../shared/lambda/http-route.js';
import { ApprovalSchema } from '../../shared/domain/approvals/approval.js';
import {
  AttributePathSchema,
  BacktestResponseSchema,
  CustomAttributeResponseSchema,
  CustomAttributesResponseSchema,
  CustomerPathSchema,
  DriftSeriesResponseSchema,
  FrozenSchema,
  OutcomeResponseSchema,
  RfmFitCommandSchema,
  RfmFitResponseSchema,
  PoliciesResponseSchema,
  PolicyResponseSchema,
  PolicySummaryResponseSchema,
  RatingsQuerySchema,
  RatingsResponseSchema,
  TrainingDataQuerySchema,
  TrainingPageSchema,
  UnfrozenSchema,
  VersionPathSchema,
} from './schema.js';

const admin = { auth: 'apiKey', roles: ['admin'] } as const;
const pendingApproval = { description: 'Asked for: a second person confirms by calling the same route or POST /v1/approvals/{approvalId}/approve', body: z.object({ approval: ApprovalSchema }) };
const manage = { ...admin, scope: 'policies:manage', tag: 'Policies' } as const;
const approve = { ...admin, scope: 'policies:approve', tag: 'Policies' } as const;

/** Routes of the `http-policies` function: risk policy lifecycle, freezes, drills, rating history. */
export const policyRoutes = defineRoutes({
  createPolicy: {
    ...manage, method: 'POST', path: '/v1/policies',
    idempotent: true,
    summary: 'Create a draft risk policy (validated; 422 with field paths)',
    description:
      'A policy document in format 2 (`schemaVersion: 2`, see docs/policy-format.md and `docs/schemas/risk-policy.schema.json`) or version 1 (no `schemaVersion`; migrated, answered in format 2). Every object in it is strict: unknown keys are refused with their paths, settings no version implements yet (in a version 1 document `alerts.cooldownHours`, `alerts.anomaly`) with `not_supported`. Cross-field rules (contiguous bins, monotonic master scale, complete RFM grid) answer 422 too, and so does an input that does not resolve to a canonical path or declared custom attribute of a usable type (`scoring.features[i].path`), a partner weight outside [0, 1], and a partner in `partners.weights` (v1: `partnerWeights`) the hub does not know (`unknown_partner` at `partners.weights.<id>`).',
    body: PolicyDocumentSchema,
    responses: { 201: { description: 'Stored as a draft', body: PolicyResponseSchema } },
    errors: [409, 503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  listPolicies: {
    ...manage, method: 'GET', path: '/v1/policies',
    summary: 'List policy versions with their lifecycle status',
    responses: { 200: { description: 'Every version, oldest first', body: PoliciesResponseSchema } },
  },
  getActivePolicy: {
    ...manage, method: 'GET', path: '/v1/policies/active',
    summary: 'The active policy record',
    responses: { 200: { description: 'The active record', body: PolicyResponseSchema } },
    errors: [503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  exportTrainingData: {
    ...manage, method: 'GET', path: '/v1/policies/training-data',
    summary: 'Labelled training rows from the rating history (NDJSON, or JSON with ?format=json; paged by cursor)',
    description:
      'One row per customer with an observation, keyed by feature id, with the label `defaulted`. NDJSON by default; with `format=json` the body is `{ rows, customers, skipped, bads, nextCursor? }` as `application/json`. While more customers follow, `x-next-cursor` carries the cursor for the next page.',
    query: TrainingDataQuerySchema,
    responses: {
      200: {
        description: 'One page of rows',
        body: z.string(),
        mediaType: 'application/x-ndjson',
        alternatives: { 'application/json': TrainingPageSchema },
        headers: {
          'x-next-cursor': { description: 'Cursor of the next page; absent on the last page' },
          'x-training-customers': { description: 'Customers read for this page' },
          'x-training-skipped': { description: 'Customers of this page without an observation' },
        },
      },
    },
  },
  getPolicy: {
    ...manage, method: 'GET', path: '/v1/policies/{version}',
    summary: 'One policy record (policy, status, approvals, backtest report)',
    params: VersionPathSchema,
    responses: { 200: { description: 'The record', body: PolicyResponseSchema } },
    errors: [404],
  },
  listPolicyDrift: {
    ...manage, method: 'GET', path: '/v1/policies/{version}/drift', list: true,
    summary: "The version's score drift series: one PSI point per day, oldest first (paged by cursor)",
    description:
      "Written by the daily drift job (`check-score-drift`): the PSI of the live scores of active customers rated under the version against the score distribution its training stored (`training.scoreDistribution`), with the live and expected shares per bin and the customers counted. `drifted` is true above the threshold (`training.scoreDistribution.psiThreshold`, default 0.25); such a day also emitted `rating.drift_detected`. A version without a stored distribution has no points (an empty list).",
    params: VersionPathSchema,
    responses: { 200: { description: 'One page of points, oldest day first', body: DriftSeriesResponseSchema } },
    errors: [404],
  },
  backtestPolicy: {
    ...manage, method: 'POST', path: '/v1/policies/{version}/backtest',
    rateClass: 'bulk',
    summary: 'Backtest a draft on the current portfolio against the active policy',
    params: VersionPathSchema, body: BacktestCommandSchema, bodyRequired: false,
    responses: { 200: { description: 'The report, also attached to the record', body: BacktestResponseSchema } },
    errors: [404, 409, 503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  scorePolicy: {
    ...manage, method: 'POST', path: '/v1/policies/{version}/score',
    rateClass: 'bulk',
    summary: 'Score records against a policy version (drafts too): one JSON record, or NDJSON of up to 1,000 rows',
    description:
      'The engine live rating uses, on flat records keyed by the column a feature was trained on, its canonical path (`fields.country`, `aggregates.orders.count`, `custom.<name>`, `derived.<name>`) or its id; `rating.worstDaysPastDue` and `limit.*` columns feed the default definition and the limit (see docs/scoring.md). `application/json`: one record (a CRM scoring a prospect). `application/x-ndjson`: up to 1,000 rows and 1 MB, answered in order; a line that is not a flat JSON object is answered `insufficient_data` with `why`. More rows: 413 — score the file with `rb score`. A header from which no row can be rated: 422 `wrong_columns`.',
    params: VersionPathSchema, body: ScoreRecordSchema, accepts: ['application/json', 'application/x-ndjson'],
    responses: { 200: { description: 'One scored row per input row, and the missing and extra columns', body: ScoreResponseSchema } },
    errors: [404],
  },
  approvePolicy: {
    ...approve, method: 'POST', path: '/v1/policies/{version}/approve',
    summary: 'Approve a backtested policy (not by its author)',
    description: 'Four eyes, comparing people: the author (with any of their keys or sessions) gets 403 `self_approval`; a key that belongs to no person (a service account, the bootstrap key) 403; a policy that is not backtested 409 `policy_transition_refused`.',
    params: VersionPathSchema,
    responses: { 200: { description: 'Approved', body: PolicySummaryResponseSchema } },
    errors: [404, 409, 503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  activatePolicy: {
    ...approve, method: 'POST', path: '/v1/policies/{version}/activate',
    summary: 'Activate an approved policy and re-rate the portfolio (four eyes)',
    description: 'The first person asks (202 with the pending approval); a second person calling it again activates (200). The same person again: 403 `self_approval`.',
    params: VersionPathSchema,
    responses: { 200: { description: 'Active; the portfolio is queued for a recompute', body: PolicyActivationSchema }, 202: pendingApproval },
    errors: [404, 409, 503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  rollbackPolicy: {
    ...approve, method: 'POST', path: '/v1/policies/{version}/rollback',
    summary: 'Re-activate an earlier approved (retired) version (four eyes)',
    description: 'The first person asks (202 with the pending approval); a second person calling it again rolls back (200).',
    params: VersionPathSchema,
    responses: { 200: { description: 'Active again; the portfolio is queued for a recompute', body: PolicyActivationSchema }, 202: pendingApproval },
    errors: [404, 409, 503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  freezeCustomer: {
    ...approve, method: 'POST', path: '/v1/customers/{customerId}/freeze', tag: 'Risk measures',
    summary: 'Freeze a customer (limit 0), audited',
    description: 'Takes a manual `freeze_all_credit` emergency measure (docs/operations.md#emergency-measures); with `expiresAt` the freeze lifts by itself then (`measure.expired`). A past `expiresAt` is a 422.',
    params: CustomerPathSchema, body: FreezeRequestSchema,
    responses: { 200: { description: 'Frozen (or already frozen: `changed: false`)', body: FrozenSchema } },
    errors: [404, 409, 503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  unfreezeCustomer: {
    ...approve, method: 'POST', path: '/v1/customers/{customerId}/unfreeze', tag: 'Risk measures',
    summary: 'Lift a freeze, audited (a policy-imposed freeze: four eyes)',
    description: 'A manual freeze is lifted at once. A freeze the policy imposed (default definition met) needs two people: the first call answers 202 with the pending approval, a second person\'s call lifts it.',
    params: CustomerPathSchema, body: FreezeCommandSchema,
    responses: { 200: { description: 'Unfrozen (or not frozen: `changed: false`)', body: UnfrozenSchema }, 202: pendingApproval },
    errors: [404, 409, 503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  listRatings: {
    ...admin, method: 'GET', path: '/v1/customers/{customerId}/ratings', scope: 'customers:read', tag: 'Risk measures',
    summary: 'Rating history of a customer, newest first',
    params: CustomerPathSchema, query: RatingsQuerySchema,
    responses: { 200: { description: 'The newest ratings', body: RatingsResponseSchema } },
  },
  recordOutcome: {
    ...manage, method: 'POST', path: '/v1/customers/{customerId}/outcomes', tag: 'Risk measures',
    idempotent: true,
    summary: 'Record a credit outcome (defaulted or not, at a date) as a training label, audited',
    params: CustomerPathSchema, body: OutcomeCommandSchema,
    responses: { 201: { description: 'Recorded', body: OutcomeResponseSchema } },
    errors: [404],
  },
  importOutcomes: {
    ...manage, method: 'POST', path: '/v1/outcomes', tag: 'Risk measures',
    idempotent: true,
    rateClass: 'bulk',
    summary: 'Bulk import of credit outcomes (customerId, defaulted, at) as CSV or NDJSON, idempotent',
    description: `CSV with a header row \`customerId,defaulted,at\` or NDJSON of \`{customerId, defaulted, at}\`; \`defaulted\` is true/false (CSV also 1/0), \`at\` an ISO date-time. Up to ${MAX_OUTCOME_ROWS} rows. All or nothing: a malformed row or an unknown customer answers 422 with the row paths (\`rows[3].at\`) and records nothing. The same (customer, at, defaulted) sent again is counted in \`duplicates\`, not stored twice. Audited once (\`outcomes.imported\`, counts only).`,
    accepts: ['text/csv', 'application/x-ndjson'],
    responses: { 200: { description: 'Recorded and duplicate counts', body: OutcomeImportResultSchema } },
  },
  declareCustomAttribute: {
    ...manage, method: 'PUT', path: '/v1/custom-attributes/{name}', tag: 'Custom attributes',
    summary: 'Declare a custom attribute (type, unit, bounds, categories, PII flag), audited',
    description: 'Declared once: a second declaration of the name is a 409 (a type change would reinterpret stored values). Values of undeclared attributes are refused everywhere (422 at `custom.<name>`).',
    params: AttributePathSchema, body: CustomAttributeDeclarationSchema,
    responses: { 201: { description: 'Declared', body: CustomAttributeResponseSchema } },
    errors: [409, 503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  listCustomAttributes: {
    ...manage, method: 'GET', path: '/v1/custom-attributes', tag: 'Custom attributes',
    summary: 'The declared custom attributes (at most 200)',
    responses: { 200: { description: 'Every declaration, by name', body: CustomAttributesResponseSchema } },
  },
  getCustomAttribute: {
    ...manage, method: 'GET', path: '/v1/custom-attributes/{name}', tag: 'Custom attributes',
    summary: 'One custom attribute declaration',
    params: AttributePathSchema,
    responses: { 200: { description: 'The declaration', body: CustomAttributeResponseSchema } },
    errors: [404],
  },
  deprecateCustomAttribute: {
    ...manage, method: 'POST', path: '/v1/custom-attributes/{name}/deprecate', tag: 'Custom attributes',
    summary: 'Deprecate a custom attribute: values stay, no new policy may read it; audited',
    params: AttributePathSchema,
    responses: { 200: { description: 'Deprecated (or already deprecated)', body: CustomAttributeResponseSchema } },
    errors: [404],
  },
  defaultDrill: {
    ...manage, method: 'POST', path: '/v1/drills/default', tag: 'Risk measures',
    summary: 'Simulate the default path for a customer (writes nothing)',
    body: DefaultDrillSchema,
    responses: { 200: { description: 'What would happen; nothing was written but an audit entry', body: DefaultDrillResultSchema } },
    errors: [404, 503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  fitRfm: {
    ...manage, method: 'POST', path: '/v1/rfm/fit', tag: 'Policies',
    rateClass: 'bulk',
    summary: 'Fit RFM quintile edges to the portfolio as of a date and store them',
    description: 'Reads every active customer with orders, measures recency, frequency and net sales as of `asOf` (default `auto`: the day after the latest order, for a historical file), fits quintile edges (recency by value, frequency and monetary by rank with ties broken by customer id) and answers the segment counts under the standard segment map (docs/rfm.md). The fit replaces the stored one; the scheduled refresh does the same as of now.',
    body: RfmFitCommandSchema, bodyRequired: false,
    responses: { 201: { description: 'Fitted and stored', body: RfmFitResponseSchema } },
    errors: [503],
    unexercised: { 503: UNEXERCISED.storageBusy },
  },
  getRfmFit: {
    ...manage, method: 'GET', path: '/v1/rfm/fit', tag: 'Policies',
    summary: 'The stored RFM fit (edges, as-of date, segment counts)',
    responses: { 200: { description: 'The current fit', body: RfmFitResponseSchema } },
    errors: [404],
  },
});
