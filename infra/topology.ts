/**
 * The one description of RiskBridge's resources. The CDK stacks build AWS resources from it
 * and the local runtime (infra/local) plays the same resources on DynamoDB Local and fauxqs,
 * so the two cannot drift. Pure data: no CDK or SDK imports here.
 */
import { httpRoutes } from '../functions/http-api/routes.js';
import { bureauRoutes } from '../functions/http-bureau/routes.js';
import { policyRoutes } from '../functions/http-policies/routes.js';
import { crmRoutes } from '../functions/http-crm/routes.js';
import { partnerRoutes } from '../functions/http-partners/routes.js';
import { consoleRoutes } from '../functions/serve-console/routes.js';
import { jobRoutes } from '../functions/http-jobs/routes.js';
import { peopleRoutes } from '../functions/http-people/routes.js';
import { alertRoutes } from '../functions/http-alerts/routes.js';
import { disputeRoutes } from '../functions/http-alerts/dispute-routes.js';
import { incidentRoutes } from '../functions/http-alerts/incident-routes.js';
import { JOB_WORKER_TIMEOUT_SECONDS } from '../shared/domain/jobs/job.js';
import { routeSpecs, type HttpRouteSpec, type RouteDecl } from '../shared/lambda/http-route.js';

export type Access = 'R' | 'RW';

export interface TableSpec {
  id: string;
  partitionKey: string;
  sortKey: string;
  gsis: ReadonlyArray<{ name: string; partitionKey: string; sortKey: string }>;
  stream: 'NEW_AND_OLD_IMAGES';
  ttlAttribute: string;
}

/** A key-value table: one partition per item, no sort key, no stream, items expire by TTL. */
export interface KeyValueTableSpec {
  id: string;
  partitionKey: string;
  /** Epoch seconds. */
  ttlAttribute: string;
  description: string;
}

export interface QueueSpec {
  id: QueueId;
  fifo: boolean;
  /** At least six times the timeout of the function that consumes it. */
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the queue's DLQ. */
  maxReceiveCount: number;
  retentionDays: number;
  /** A result queue is read by customers' systems, not by our functions. */
  purpose: 'work' | 'result';
  description: string;
}

export type QueueId =
  | 'crmIngest'
  | 'bureauPulls'
  | 'recompute'
  | 'deliveries'
  | 'writebacks'
  | 'results'
  | 'resultsFifo'
  | 'relayFailures'
  | 'jobs';

export type BucketId = 'objects';

export interface BucketSpec {
  id: BucketId;
  description: string;
  /**
   * Lifecycle: objects under `prefix` expire `days` after they were written (S3 lifecycle rules
   * in AWS; fauxqs does not play lifecycles, so local objects stay until the emulator stops).
   */
  expiry: ReadonlyArray<{ prefix: string; days: number }>;
  /** Days after which S3 aborts an unfinished multipart upload and frees its parts. */
  abortIncompleteUploadsAfterDays: number;
}

export type Trigger =
  | { kind: 'http' }
  | { kind: 'authorizer' }
  | { kind: 'sqs'; queue: QueueId; batchSize: number; maxBatchingWindowSeconds?: number; maxConcurrency?: number }
  | {
      kind: 'stream';
      batchSize: number;
      maxBatchingWindowSeconds?: number;
      /** Only records whose new image has a `pk` starting with this prefix and that are INSERTs. */
      insertsWithPkPrefix: string;
      retryAttempts: number;
      /** Where batches go that still fail after retryAttempts. */
      onFailure: QueueId;
    }
  | { kind: 'schedule'; id: string; expression: string; description: string };

export interface FunctionSpec {
  id: FunctionId;
  /** Path of the handler module relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  triggers: Trigger[];
  table: Access | 'none';
  sendsTo: QueueId[];
  /**
   * Buckets the function reads (`R`: get, head, list) or writes (`RW`: also put, delete,
   * multipart); each one it names arrives as `BUCKET_<ID>` (see `bucketEnvVar`). Absent = none.
   */
  buckets?: Partial<Record<BucketId, Access>>;
  /**
   * Secrets Manager name prefixes the function may read (`secretsmanager:GetSecretValue` on
   * `secret:<prefix>*`, nothing wider). Only functions that resolve credentials through
   * `secretSourceFrom` need one; absent = no secret access.
   */
  secrets?: readonly string[];
  /**
   * A folder (relative to the repository root) of static files the function reads at run time:
   * the CDK bundle copies it next to the handler as `assets/` (locally the handler reads it in place).
   */
  assets?: string;
  /** An npm script that produces (part of) `assets` before bundling, e.g. the console's Vite build. */
  assetsBuild?: string;
  /**
   * Deployment settings the function reads (environment variable names). In AWS they come from
   * the CDK context `riskbridge:config` (a JSON object), except PUBLIC_API_URL, which is the
   * HTTP API's own URL; locally the runtime sets them for the sandboxes.
   */
  config?: readonly DeploymentSetting[];
  /**
   * Audit checkpoints (docs/audit.md): `sign` writes them (KMS Sign + GetPublicKey on the
   * checkpoint key, put/get/list on the checkpoint bucket), `verify` reads them (GetPublicKey,
   * get/list). Either sets AUDIT_CHECKPOINT_BUCKET and AUDIT_SIGNING_KEY_ID.
   */
  auditCheckpoints?: 'sign' | 'verify';
}

/** Environment variables a deployment configures (see shared/lambda/env.ts for their meaning). */
export type DeploymentSetting =
  | 'PUBLIC_API_URL'
  | 'BUREAU_PULL_CONFIG'
  | 'BUREAU_TIMEOUT_MS'
  | 'BUREAU_EXPERIAN_URL'
  | 'BUREAU_EQUIFAX_URL'
  | 'BUREAU_TRANSUNION_URL'
  | 'BUREAU_DNB_URL'
  | 'BUREAU_CREDITSAFE_URL'
  | 'BUREAU_PBOC_URL'
  | 'OUTBOUND_PORTS'
  | 'DOWNLOAD_REDIRECT'
  | 'DOWNLOAD_LINK_TTL_SECONDS'
  | 'EXPORT_PAGE_SIZE'
  | 'RATE_LIMITS';

/** Settings of every function that calls out (webhooks, CRM and bureau APIs) or checks outbound URLs when they are saved. */
const OUTBOUND_SETTINGS: readonly DeploymentSetting[] = ['OUTBOUND_PORTS'];

const BUREAU_SETTINGS: readonly DeploymentSetting[] = [
  'BUREAU_PULL_CONFIG',
  'BUREAU_TIMEOUT_MS',
  'BUREAU_EXPERIAN_URL',
  'BUREAU_EQUIFAX_URL',
  'BUREAU_TRANSUNION_URL',
  'BUREAU_DNB_URL',
  'BUREAU_CREDITSAFE_URL',
  'BUREAU_PBOC_URL',
];

/** Where CRM connection credentials live: `riskbridge/<crm>/<connectionId>/<role>`. */
export const CRM_SECRET_PREFIXES: readonly string[] = ['riskbridge/zoho/', 'riskbridge/fxiaoke/', 'riskbridge/hubspot/', 'riskbridge/salesforce/'];
/** Where bureau credentials live: `riskbridge/bureau/<bureau>`. */
export const BUREAU_SECRET_PREFIXES: readonly string[] = ['riskbridge/bureau/'];
/** Where the hub's own signing key lives (`riskbridge/hub/signing-key`: list cursors, download links, audit pseudonym key). */
export const HUB_SECRET_PREFIXES: readonly string[] = ['riskbridge/hub/'];

export type FunctionId = 'authorizeRequest' | 'httpApi' | 'routeChanges' | 'deliverWebhook' | 'sweepDeliveries' | 'httpPolicies' | 'recomputeRating' | 'reevaluatePortfolio' | 'writeBackCrm' | 'httpBureau' | 'pullBureauReport' | 'scheduleRefresh' | 'httpCrm' | 'ingestCrmRecord' | 'pollFxiaoke' | 'rearmZohoChannels' | 'httpPartners' | 'serveConsole' | 'httpJobs' | 'runJob' | 'checkpointAudit' | 'httpPeople' | 'httpAlerts' | 'sweepAlerts' | 'checkScoreDrift' | 'refreshRfmFit';

export const SERVICE_NAME = 'riskbridge';

export const table: TableSpec = {
  id: 'Main',
  partitionKey: 'pk',
  sortKey: 'sk',
  gsis: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
  ttlAttribute: 'expiresAt',
};

/**
 * The requests table: Idempotency-Key records (Powertools' DynamoDB layout: `id`, `expiration`,
 * `status`, `data`, `validation`) and rate-limit buckets (`rate#<class>#<principal>`), apart
 * from the main table so that per-request writes never reach its stream or hot keys. Every
 * function with API-key routes reads and writes it (see `guardsRequests`).
 */
export const requestsTable: KeyValueTableSpec = {
  id: 'Requests',
  partitionKey: 'id',
  ttlAttribute: 'expiration',
  description: 'Idempotency records (24 h) and rate-limit buckets per principal',
};

const MINUTE = 60;

export const queues: Record<QueueId, QueueSpec> = {
  crmIngest: {
    id: 'crmIngest', fifo: false, visibilityTimeoutSeconds: 6 * MINUTE, maxReceiveCount: 5, retentionDays: 14, purpose: 'work',
    description: 'CRM records waiting to be merged into profiles',
  },
  bureauPulls: {
    id: 'bureauPulls', fifo: false, visibilityTimeoutSeconds: 6 * MINUTE, maxReceiveCount: 6, retentionDays: 14, purpose: 'work',
    description: 'Bureau report pulls (on demand, first seen, stale)',
  },
  recompute: {
    id: 'recompute', fifo: true, visibilityTimeoutSeconds: 6 * MINUTE, maxReceiveCount: 5, retentionDays: 4, purpose: 'work',
    description: 'Per-customer rating recomputation, grouped by customer',
  },
  deliveries: {
    id: 'deliveries', fifo: false, visibilityTimeoutSeconds: 2 * MINUTE, maxReceiveCount: 10, retentionDays: 14, purpose: 'work',
    description: 'One message per (event, webhook subscription) attempt',
  },
  writebacks: {
    id: 'writebacks', fifo: false, visibilityTimeoutSeconds: 2 * MINUTE, maxReceiveCount: 10, retentionDays: 14, purpose: 'work',
    description: 'Rating and limit write-backs to CRMs',
  },
  results: {
    id: 'results', fifo: false, visibilityTimeoutSeconds: 30, maxReceiveCount: 10, retentionDays: 14, purpose: 'result',
    description: 'Every outbound event, for internal consumers',
  },
  resultsFifo: {
    id: 'resultsFifo', fifo: true, visibilityTimeoutSeconds: 30, maxReceiveCount: 10, retentionDays: 14, purpose: 'result',
    description: 'Every outbound event, ordered per customer (group = customer id)',
  },
  relayFailures: {
    id: 'relayFailures', fifo: false, visibilityTimeoutSeconds: 30, maxReceiveCount: 10, retentionDays: 14, purpose: 'work',
    description: 'Relay failures: stream batches that kept failing (Lambda on-failure records) and notices of quarantined records (for redrive)',
  },
  jobs: {
    id: 'jobs', fifo: false, visibilityTimeoutSeconds: 6 * JOB_WORKER_TIMEOUT_SECONDS, maxReceiveCount: 5, retentionDays: 4, purpose: 'work',
    description: 'Long-running jobs (exports, backtests, imports): one message per job, `{ jobId }`',
  },
};

export const buckets: Record<BucketId, BucketSpec> = {
  objects: {
    id: 'objects',
    description: 'Job results and exports, served through hub-signed download links',
    expiry: [
      { prefix: 'exports/', days: 7 },
      { prefix: 'results/', days: 30 },
    ],
    abortIncompleteUploadsAfterDays: 1,
  },
};

export const functions: Record<FunctionId, FunctionSpec> = {
  httpPartners: {
    id: 'httpPartners',
    entry: 'functions/http-partners/handler.ts',
    description: 'HTTP API: partner agencies (engagements, assessments) and consultants (agreements, redacted datasets)',
    memoryMb: 512,
    timeoutSeconds: 10,
    triggers: [{ kind: 'http' }],
    table: 'RW',
    sendsTo: [],
    secrets: HUB_SECRET_PREFIXES,
    auditCheckpoints: 'sign',
  },
  httpBureau: {
    id: 'httpBureau',
    entry: 'functions/http-bureau/handler.ts',
    description: 'HTTP API: consents, bureau pulls, bureau reviews and quarantine',
    memoryMb: 512,
    timeoutSeconds: 10,
    triggers: [{ kind: 'http' }],
    table: 'RW',
    sendsTo: ['bureauPulls'],
    secrets: HUB_SECRET_PREFIXES,
    config: ['BUREAU_PULL_CONFIG'],
  },
  pullBureauReport: {
    id: 'pullBureauReport',
    entry: 'functions/pull-bureau-report/handler.ts',
    description: 'Bureau pull worker: consent, budget, circuit, rate limit, fetch, normalise, match, profile + report + event in one transaction',
    memoryMb: 1024,
    timeoutSeconds: 60,
    triggers: [{ kind: 'sqs', queue: 'bureauPulls', batchSize: 5, maxBatchingWindowSeconds: 1, maxConcurrency: 10 }],
    table: 'RW',
    sendsTo: ['bureauPulls'],
    secrets: BUREAU_SECRET_PREFIXES,
    config: [...BUREAU_SETTINGS, ...OUTBOUND_SETTINGS],
  },
  scheduleRefresh: {
    id: 'scheduleRefresh',
    entry: 'functions/schedule-refresh/handler.ts',
    description: 'Requests pulls for bureau reports older than the staleness policy (per bureau and grade)',
    memoryMb: 512,
    timeoutSeconds: 300,
    triggers: [{ kind: 'schedule', id: 'ScheduleRefresh', expression: 'rate(1 hour)', description: 'Stale bureau reports' }],
    table: 'RW',
    sendsTo: ['bureauPulls'],
    config: ['BUREAU_PULL_CONFIG'],
  },
  authorizeRequest: {
    id: 'authorizeRequest',
    entry: 'functions/authorize-request/handler.ts',
    description: 'Lambda authorizer: resolves an API key to a principal',
    memoryMb: 256,
    timeoutSeconds: 5,
    triggers: [{ kind: 'authorizer' }],
    table: 'R',
    sendsTo: [],
  },
  httpApi: {
    id: 'httpApi',
    entry: 'functions/http-api/handler.ts',
    description: 'HTTP API: customers, keys, subscriptions',
    memoryMb: 512,
    timeoutSeconds: 10,
    triggers: [{ kind: 'http' }],
    table: 'RW',
    sendsTo: ['bureauPulls', 'crmIngest', 'deliveries', 'writebacks'],
    secrets: HUB_SECRET_PREFIXES,
    auditCheckpoints: 'verify',
    config: OUTBOUND_SETTINGS,
  },
  routeChanges: {
    id: 'routeChanges',
    entry: 'functions/route-changes/handler.ts',
    description: 'Outbox relay: routes new events from the table stream to queues, once per target (sent-markers on the event item)',
    memoryMb: 512,
    timeoutSeconds: 30,
    triggers: [{ kind: 'stream', batchSize: 100, maxBatchingWindowSeconds: 1, insertsWithPkPrefix: 'EVENT#', retryAttempts: 10, onFailure: 'relayFailures' }],
    // RW: the sent-markers on event items and the quarantine store; relayFailures: notices of quarantined records.
    table: 'RW',
    sendsTo: ['deliveries', 'recompute', 'writebacks', 'results', 'resultsFifo', 'bureauPulls', 'relayFailures'],
  },
  deliverWebhook: {
    id: 'deliverWebhook',
    entry: 'functions/deliver-webhook/handler.ts',
    description: 'Delivers one event to one webhook subscription (Standard Webhooks)',
    memoryMb: 512,
    timeoutSeconds: 20,
    triggers: [{ kind: 'sqs', queue: 'deliveries', batchSize: 10, maxBatchingWindowSeconds: 1, maxConcurrency: 20 }],
    table: 'RW',
    sendsTo: ['deliveries'],
    config: OUTBOUND_SETTINGS,
  },
  sweepDeliveries: {
    id: 'sweepDeliveries',
    entry: 'functions/sweep-deliveries/handler.ts',
    description: 'Re-enqueues webhook retries whose due time has come (delays beyond SQS limits)',
    memoryMb: 256,
    timeoutSeconds: 60,
    triggers: [{ kind: 'schedule', id: 'SweepDeliveries', expression: 'rate(1 minute)', description: 'Due webhook retries' }],
    table: 'RW',
    sendsTo: ['deliveries'],
  },
  writeBackCrm: {
    id: 'writeBackCrm',
    entry: 'functions/write-back-crm/handler.ts',
    description: 'Writes rating and limit changes back into the customer records of the CRMs',
    memoryMb: 512,
    timeoutSeconds: 20,
    triggers: [{ kind: 'sqs', queue: 'writebacks', batchSize: 10, maxBatchingWindowSeconds: 1, maxConcurrency: 10 }],
    table: 'RW',
    sendsTo: ['writebacks'],
    secrets: CRM_SECRET_PREFIXES,
    config: OUTBOUND_SETTINGS,
  },
  httpPolicies: {
    id: 'httpPolicies',
    entry: 'functions/http-policies/handler.ts',
    description: 'HTTP API: risk policy lifecycle (draft, backtest, approve, activate, rollback), freezes, default drill',
    memoryMb: 1024,
    timeoutSeconds: 29,
    triggers: [{ kind: 'http' }],
    table: 'RW',
    sendsTo: ['recompute'],
    secrets: HUB_SECRET_PREFIXES,
    auditCheckpoints: 'sign',
  },
  httpPeople: {
    id: 'httpPeople',
    entry: 'functions/http-people/handler.ts',
    description: 'HTTP API: people and their roles, four-eyes approvals (granting one runs its action: policy steps, freeze lifts, role grants, keys)',
    memoryMb: 512,
    timeoutSeconds: 29,
    triggers: [{ kind: 'http' }],
    table: 'RW',
    sendsTo: ['recompute'],
    secrets: HUB_SECRET_PREFIXES,
    auditCheckpoints: 'sign',
  },
  httpAlerts: {
    id: 'httpAlerts',
    entry: 'functions/http-alerts/handler.ts',
    description: 'HTTP API: the alert lifecycle (list, read, assign, comment, transitions), emergency measures (take, list, lift) and the reviews-due list',
    memoryMb: 512,
    timeoutSeconds: 29,
    triggers: [{ kind: 'http' }],
    table: 'RW',
    sendsTo: [],
    secrets: HUB_SECRET_PREFIXES,
  },
  sweepAlerts: {
    id: 'sweepAlerts',
    entry: 'functions/sweep-alerts/handler.ts',
    description: 'Alert timer sweep: wakes snoozes that ran out, escalates alerts past their SLA (alert.escalated), expires emergency measures (measure.expired)',
    memoryMb: 256,
    timeoutSeconds: 60,
    triggers: [{ kind: 'schedule', id: 'SweepAlerts', expression: 'rate(5 minutes)', description: 'Alert snooze wake-ups, SLA escalations and measure expiry' }],
    table: 'RW',
    sendsTo: [],
    secrets: HUB_SECRET_PREFIXES,
  },
  recomputeRating: {
    id: 'recomputeRating',
    entry: 'functions/recompute-rating/handler.ts',
    description: 'Re-rates one customer under the active policy: rating, limit, alerts, freeze + outbox in one transaction',
    memoryMb: 512,
    timeoutSeconds: 30,
    triggers: [{ kind: 'sqs', queue: 'recompute', batchSize: 10 }],
    table: 'RW',
    sendsTo: [],
  },
  reevaluatePortfolio: {
    id: 'reevaluatePortfolio',
    entry: 'functions/reevaluate-portfolio/handler.ts',
    description: 'Daily re-evaluation: asks for a recompute of every active customer (ratings depend on time)',
    memoryMb: 512,
    timeoutSeconds: 300,
    triggers: [{ kind: 'schedule', id: 'ReevaluatePortfolio', expression: 'rate(1 day)', description: 'Periodic re-rating of the portfolio' }],
    table: 'R',
    sendsTo: ['recompute'],
  },
  checkScoreDrift: {
    id: 'checkScoreDrift',
    entry: 'functions/check-score-drift/handler.ts',
    description: "Daily score drift: PSI of live scores against the active policy's training distribution, one point per version and day (rating.drift_detected above the threshold)",
    memoryMb: 512,
    timeoutSeconds: 300,
    triggers: [{ kind: 'schedule', id: 'CheckScoreDrift', expression: 'rate(1 day)', description: 'Score drift (PSI) of the active policy' }],
    table: 'RW',
    sendsTo: [],
  },
  refreshRfmFit: {
    id: 'refreshRfmFit',
    entry: 'functions/refresh-rfm-fit/handler.ts',
    description: 'Daily RFM refresh: fits quintile edges as of now, stores them versioned, recomputes customers whose segment moved',
    memoryMb: 1024,
    timeoutSeconds: 300,
    triggers: [{ kind: 'schedule', id: 'RefreshRfmFit', expression: 'rate(1 day)', description: 'Portfolio RFM quintile refit' }],
    table: 'RW',
    sendsTo: ['recompute'],
  },
  httpCrm: {
    id: 'httpCrm',
    entry: 'functions/http-crm/handler.ts',
    description: 'HTTP API: signed CRM pushes, connections, record ingest, bulk import, review and merge',
    memoryMb: 1024,
    timeoutSeconds: 29,
    triggers: [{ kind: 'http' }],
    table: 'RW',
    sendsTo: ['crmIngest'],
    secrets: [...CRM_SECRET_PREFIXES, ...HUB_SECRET_PREFIXES],
    config: OUTBOUND_SETTINGS,
  },
  ingestCrmRecord: {
    id: 'ingestCrmRecord',
    entry: 'functions/ingest-crm-record/handler.ts',
    description: 'Merges CRM change notices and records into golden profiles (entity resolution, aggregates)',
    memoryMb: 512,
    timeoutSeconds: 60,
    triggers: [{ kind: 'sqs', queue: 'crmIngest', batchSize: 10, maxBatchingWindowSeconds: 1, maxConcurrency: 20 }],
    table: 'RW',
    sendsTo: [],
    secrets: CRM_SECRET_PREFIXES,
    config: OUTBOUND_SETTINGS,
  },
  pollFxiaoke: {
    id: 'pollFxiaoke',
    entry: 'functions/poll-fxiaoke/handler.ts',
    description: 'Polls Fxiaoke connections for changed records (cursor in the table)',
    memoryMb: 256,
    timeoutSeconds: 60,
    triggers: [{ kind: 'schedule', id: 'PollFxiaoke', expression: 'rate(2 minutes)', description: 'Fxiaoke incremental poll' }],
    table: 'RW',
    sendsTo: ['crmIngest'],
    secrets: ['riskbridge/fxiaoke/'],
    config: OUTBOUND_SETTINGS,
  },
  rearmZohoChannels: {
    id: 'rearmZohoChannels',
    entry: 'functions/rearm-zoho-channels/handler.ts',
    description: 'Re-arms Zoho notification channels before they expire',
    memoryMb: 256,
    timeoutSeconds: 60,
    triggers: [{ kind: 'schedule', id: 'RearmZohoChannels', expression: 'rate(1 hour)', description: 'Zoho channel re-arm' }],
    table: 'RW',
    sendsTo: [],
    secrets: ['riskbridge/zoho/'],
    config: ['PUBLIC_API_URL', ...OUTBOUND_SETTINGS],
  },
  checkpointAudit: {
    id: 'checkpointAudit',
    entry: 'functions/checkpoint-audit/handler.ts',
    description: 'Signs the heads of every audit chain into a checkpoint outside the table (KMS Ed25519, S3 Object Lock)',
    memoryMb: 256,
    timeoutSeconds: 60,
    triggers: [{ kind: 'schedule', id: 'CheckpointAudit', expression: 'rate(5 minutes)', description: 'Signed audit checkpoint' }],
    table: 'R',
    sendsTo: [],
    auditCheckpoints: 'sign',
  },
  serveConsole: {
    id: 'serveConsole',
    entry: 'functions/serve-console/handler.ts',
    description: 'Serves the risk console (static files, strict CSP); its data comes from the admin API',
    memoryMb: 256,
    timeoutSeconds: 5,
    triggers: [{ kind: 'http' }],
    table: 'none',
    sendsTo: [],
    assets: 'functions/serve-console/assets',
    assetsBuild: 'console:build',
  },
  httpJobs: {
    id: 'httpJobs',
    entry: 'functions/http-jobs/handler.ts',
    description: 'HTTP API: job status, cancel and list; hub-signed downloads; starts exports',
    memoryMb: 1024,
    timeoutSeconds: 29,
    triggers: [{ kind: 'http' }],
    table: 'RW',
    sendsTo: ['jobs'],
    buckets: { objects: 'R' },
    secrets: HUB_SECRET_PREFIXES,
    config: ['DOWNLOAD_REDIRECT', 'DOWNLOAD_LINK_TTL_SECONDS'],
  },
  runJob: {
    id: 'runJob',
    entry: 'functions/run-job/handler.ts',
    description: 'Job worker: runs one job per message (claim, run with progress and cancellation, result object, final state)',
    memoryMb: 1024,
    timeoutSeconds: JOB_WORKER_TIMEOUT_SECONDS,
    triggers: [{ kind: 'sqs', queue: 'jobs', batchSize: 1, maxConcurrency: 5 }],
    table: 'RW',
    sendsTo: [],
    buckets: { objects: 'RW' },
    config: ['EXPORT_PAGE_SIZE'],
    auditCheckpoints: 'verify',
  },
};

export interface RouteSpec extends HttpRouteSpec {
  function: FunctionId;
}

/**
 * The HTTP functions and their routes. Every route passes through the authorizer;
 * `auth: 'signature'` routes (under /v1/inbound/) are verified by their handler.
 */
const routeSets: Array<{ function: FunctionId; routes: Record<string, RouteDecl> }> = [
  { function: 'httpApi', routes: httpRoutes },
  { function: 'httpBureau', routes: bureauRoutes },
  { function: 'httpPolicies', routes: policyRoutes },
  { function: 'httpCrm', routes: crmRoutes },
  { function: 'httpPartners', routes: partnerRoutes },
  { function: 'serveConsole', routes: consoleRoutes },
  { function: 'httpJobs', routes: jobRoutes },
  { function: 'httpPeople', routes: peopleRoutes },
  { function: 'httpAlerts', routes: alertRoutes },
  { function: 'httpAlerts', routes: disputeRoutes },
  { function: 'httpAlerts', routes: incidentRoutes },
];

export const routes: RouteSpec[] = routeSets.flatMap((set) => routeSpecs(set.routes).map((route) => ({ ...route, function: set.function })));

/** Requests that match no route go to this function, which answers 404 as problem+json. */
export const defaultRouteFunction: FunctionId = 'httpApi';

/** Environment variable through which a function learns a queue's URL. */
export const queueEnvVar = (id: QueueId): string => `QUEUE_URL_${id.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

export const TABLE_ENV_VAR = 'TABLE_NAME';

/** Environment variable through which a function learns the requests table's name. */
export const REQUESTS_TABLE_ENV_VAR = 'REQUESTS_TABLE_NAME';

/**
 * True for functions that answer API-key routes: their router keeps Idempotency-Key records and
 * rate-limit buckets in the requests table and reads the RATE_LIMITS setting.
 */
export const guardsRequests = (id: FunctionId): boolean => routes.some((route) => route.function === id && route.auth === 'apiKey');

/** Environment variable through which a function learns a bucket's name: `objects` → `BUCKET_OBJECTS`. */
export const bucketEnvVar = (id: BucketId): string => `BUCKET_${id.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
