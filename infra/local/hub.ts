import { setMaxListeners } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  REQUESTS_TABLE_ENV_VAR,
  TABLE_ENV_VAR,
  bucketEnvVar,
  defaultRouteFunction,
  functions,
  queueEnvVar,
  queues,
  routes,
  type BucketId,
  type FunctionId,
  type QueueId,
} from '../topology.js';
import { compileRoutes, httpBridge, lambdaContext, pollQueue, pollStream, type LambdaHandler } from './event-sources.js';
import { localClock, localClockRoutes, localScheduler, type LocalClock } from './local-clock.js';
import { createDocumentClient, dynamoClientHooks } from '../../shared/adapters/dynamodb/client.js';
import { injectLocalFaults, LocalFaultsSchema } from '../../shared/adapters/dynamodb/fault-injection.js';
import { PortInUseError } from './ports.js';
import { recoverPendingWork, type RecoveryReport } from './recover.js';
import { provisionLocal, type LocalResources } from './provision.js';
import { startOidcIssuer, type LocalOidcIssuer } from './oidc-issuer.js';

export interface HubOptions {
  dynamoEndpoint: string;
  sqsEndpoint: string;
  /** Prefix of table and queue names; one per hub sharing the emulators. */
  prefix: string;
  /** 0 picks a free port. */
  httpPort?: number;
  /** Scales the topology's queue visibility timeouts (default 1/30: 6 min → 12 s). */
  visibilityScale?: number;
  /** Scales schedule intervals (default 1: `rate(1 minute)` fires every minute). */
  scheduleScale?: number;
  /**
   * Loopback allowance of the functions' outbound calls (webhooks, CRM and bureau APIs): http to
   * 127.0.0.1 / localhost on any port, so the sandboxes are reachable. Default true.
   */
  allowLoopbackOutbound?: boolean;
  /**
   * Extra environment for the functions (connector base URLs, credentials of sandboxes). Without
   * AUDIT_CHECKPOINT_DIR / AUDIT_SIGNING_KEY_FILE the hub keeps its audit checkpoints and key in
   * a fresh temporary directory.
   */
  env?: Record<string, string>;
  /**
   * The table was kept from an earlier run (`npm start` with a data directory): before the
   * workers start, re-enqueue the work the lost in-memory queues held (see recoverPendingWork),
   * then read the stream from its latest position.
   */
  resume?: boolean;
  /** Called with what the start-up sweep re-enqueued (with `resume`). */
  onRecovered?: (report: RecoveryReport) => void;
  /** File that keeps the local clock's offset across restarts (`npm start`); none: starts at real time. */
  clockStateFile?: string;
  /** Called for errors a function throws (the runtime keeps going, as Lambda would). */
  onError?: (source: string, error: unknown) => void;
  repoRoot?: string;
  /** Port of the local OIDC issuer (sign-in of people); 0 or absent picks a free one. */
  oidcPort?: number;
}

export interface Hub {
  url: string;
  resources: LocalResources;
  /** Invokes one function's handler in-process with the given event. */
  invoke(functionId: FunctionId, event: unknown): Promise<unknown>;
  /** Runs a scheduled function now, as its EventBridge rule would. */
  runSchedule(functionId: FunctionId): Promise<unknown>;
  /** The controllable local clock every function reads (see `POST /__local/clock/advance`). */
  clock: LocalClock;
  /** The local OIDC issuer whose tokens the authorizer accepts (Cognito's place in AWS). */
  oidc: LocalOidcIssuer;
  stop(): Promise<void>;
}

/** Concurrent batches per SQS event source locally (Lambda scales further; two cores do not). */
const LOCAL_POLLERS_PER_QUEUE = 3;

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * The environment every function sees locally. All functions run in one process, so they share
 * it: every queue URL the topology knows is set (in AWS each function only gets its own).
 */
export const localProcessEnv = (options: {
  dynamoEndpoint: string;
  sqsEndpoint: string;
  resources: LocalResources;
  allowLoopbackOutbound?: boolean;
  env?: Record<string, string>;
}): Record<string, string> => ({
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint,
  AWS_ENDPOINT_URL_SQS: options.sqsEndpoint,
  // fauxqs serves S3 on its SQS port; bucket host names do not resolve locally, hence path style.
  AWS_ENDPOINT_URL_S3: options.sqsEndpoint,
  S3_FORCE_PATH_STYLE: 'true',
  STAGE: 'local',
  // Webhook retries beyond a minute wait parked for the sweep, which the local clock drives
  // (an SQS delay would hold them in real time however far the clock jumps).
  DELIVERY_QUEUE_DELAY_MAX_SECONDS: '60',
  ALLOW_LOOPBACK_OUTBOUND: String(options.allowLoopbackOutbound ?? true),
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  POWERTOOLS_METRICS_DISABLED: 'true',
  [TABLE_ENV_VAR]: options.resources.tableName,
  ...(options.resources.requestsTableName ? { [REQUESTS_TABLE_ENV_VAR]: options.resources.requestsTableName } : {}),
  ...Object.fromEntries((Object.keys(queues) as QueueId[]).map((id) => [queueEnvVar(id), options.resources.queueUrls[id]])),
  ...Object.fromEntries((Object.entries(options.resources.bucketNames ?? {}) as Array<[BucketId, string]>).map(([id, name]) => [bucketEnvVar(id), name])),
  ...options.env,
});

/**
 * Plays the topology on DynamoDB Local and fauxqs: provisions the resources, then drives the
 * real handlers with real Lambda event shapes — the HTTP API through the authorizer, SQS
 * pollers with partial batch responses, the table stream in order, and the schedules.

 */
export const startHub = async (options: HubOptions): Promise<Hub> => {
  const root = options.repoRoot ?? process.cwd();
  const region = 'us-east-1';
  const dynamo = new DynamoDBClient({ endpoint: options.dynamoEndpoint, region, credentials: LOCAL_CREDENTIALS });
  const sqs = new SQSClient({ endpoint: options.sqsEndpoint, region, credentials: LOCAL_CREDENTIALS, useQueueUrlAsEndpoint: false });
  const streams = new DynamoDBStreamsClient({ endpoint: options.dynamoEndpoint, region, credentials: LOCAL_CREDENTIALS });
  const s3 = new S3Client({ endpoint: options.sqsEndpoint, region, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
  const resources = await provisionLocal({ dynamo, sqs, s3, prefix: options.prefix, visibilityScale: options.visibilityScale ?? 1 / 30 });
  s3.destroy();

  const clock = localClock(options.clockStateFile ? { stateFile: options.clockStateFile } : {});
  const temporaryAudit = options.env?.['AUDIT_CHECKPOINT_DIR'] ? undefined : await mkdtemp(join(tmpdir(), 'rb-audit-'));
  const auditEnv: Record<string, string> = temporaryAudit ? { AUDIT_CHECKPOINT_DIR: join(temporaryAudit, 'checkpoints'), AUDIT_SIGNING_KEY_FILE: join(temporaryAudit, 'checkpoint-key.pem') } : {};
  const oidc = await startOidcIssuer({ port: options.oidcPort ?? 0 });
  const oidcEnv = {
    OIDC_ISSUER: oidc.issuer, OIDC_JWKS_URL: oidc.jwksUrl, OIDC_AUDIENCE: oidc.audience,
    CONSOLE_SIGN_IN_AUTHORIZE_URL: oidc.authorizeUrl, CONSOLE_SIGN_IN_TOKEN_URL: oidc.tokenUrl, CONSOLE_SIGN_IN_CLIENT_ID: 'riskbridge-console',
  };
  Object.assign(process.env, localProcessEnv({ ...options, env: { ...auditEnv, ...oidcEnv, ...options.env }, resources }));
  // Local only: DynamoDB faults for the resilience suite (RB_LOCAL_DYNAMO_FAULTS, shared/adapters/dynamodb/fault-injection.ts).
  const faults = process.env['RB_LOCAL_DYNAMO_FAULTS'];
  if (faults && !dynamoClientHooks.some((h) => h.name === 'localFaults')) {
    const parsed = LocalFaultsSchema.parse(JSON.parse(faults));
    dynamoClientHooks.push(function localFaults(client) {
      injectLocalFaults(client, parsed);
    });
  }

  const onError = options.onError ?? ((source: string, error: unknown) => console.error(`[${source}]`, error));
  if (options.resume) {
    const client = createDocumentClient({ endpoint: options.dynamoEndpoint, region, credentials: LOCAL_CREDENTIALS });
    try {
      options.onRecovered?.(await recoverPendingWork({ client, sqs, resources, clock }));
    } finally {
      client.destroy();
    }
  }
  const loaded = new Map<FunctionId, Promise<LambdaHandler>>();
  const load = (id: FunctionId): Promise<LambdaHandler> => {
    let handler = loaded.get(id);
    if (!handler) {
      const spec = functions[id];
      handler = import(pathToFileURL(resolve(root, spec.entry)).href).then((mod: { handler?: LambdaHandler }) => {
        if (typeof mod.handler !== 'function') throw new Error(`${spec.entry} does not export a handler`);
        return mod.handler;
      });
      loaded.set(id, handler);
    }
    return handler;
  };
  const invoke = async (id: FunctionId, event: unknown): Promise<unknown> => {
    const handler = await load(id);
    return handler(event, lambdaContext(id, functions[id].timeoutSeconds));
  };

  const controller = new AbortController();
  // One listener per in-flight poll (SDK calls take the signal); more than Node's default 10.
  setMaxListeners(1000, controller.signal);
  const loops: Promise<void>[] = [];
  const authorizer = (Object.values(functions).find((f) => f.triggers.some((t) => t.kind === 'authorizer')) ?? functions.authorizeRequest).id;

  for (const spec of Object.values(functions)) {
    for (const trigger of spec.triggers) {
      if (trigger.kind === 'sqs') {
        const queueUrl = resources.queueUrls[trigger.queue];
        const attributes = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn', 'VisibilityTimeout'] }))).Attributes;
        const arn = attributes?.['QueueArn'] ?? '';
        const visibility = Number(attributes?.['VisibilityTimeout'] ?? 0);
        // Like Lambda's concurrent pollers, several batches are in flight at once, so one slow
        // batch (a hanging webhook endpoint) does not hold up the rest of the queue.
        const pollers = Math.min(trigger.maxConcurrency ?? LOCAL_POLLERS_PER_QUEUE, LOCAL_POLLERS_PER_QUEUE);
        for (let p = 0; p < pollers; p++) loops.push(
          pollQueue({
            sqs,
            queueUrl,
            queueArn: arn,
            batchSize: trigger.batchSize,
            invoke: (event) => invoke(spec.id, event),
            signal: controller.signal,
            onError: (e) => onError(spec.id, e),
            idleWaitSeconds: 1,
            // Scaled-down local visibility keeps retries fast; a batch in flight stays invisible as long as its function may run.
            ...(visibility > 0 ? { retryVisibilitySeconds: visibility, inFlightVisibilitySeconds: Math.max(visibility, spec.timeoutSeconds) } : {}),
          }),
        );
      } else if (trigger.kind === 'stream') {
        loops.push(
          pollStream({
            streams,
            sqs,
            streamArn: resources.streamArn,
            batchSize: trigger.batchSize,
            pkPrefix: trigger.insertsWithPkPrefix,
            retryAttempts: trigger.retryAttempts,
            onFailureQueueUrl: resources.queueUrls[trigger.onFailure],
            invoke: (event) => invoke(spec.id, event),
            signal: controller.signal,
            onError: (e) => onError(spec.id, e),
            pollIntervalMs: 100,
            startAt: options.resume ? 'LATEST' : 'TRIM_HORIZON',
          }),
        );
      }
    }
  }
  // Schedules run on the local clock: in real time, and at once for what an advance makes due.
  const scheduler = localScheduler({
    clock,
    scale: options.scheduleScale ?? 1,
    run: (id, rule, dueAt) => invoke(id, scheduledEvent(rule, dueAt)),
    onError: (id, e) => onError(id, e),
  });
  const stopTicking = scheduler.startTicking();
  // Parked retries that are already due go out now, not a sweep interval later.
  if (options.resume) await invoke(functions.sweepDeliveries.id, scheduledEvent('SweepDeliveries', clock.now())).catch((e: unknown) => onError(functions.sweepDeliveries.id, e));

  const bridge = httpBridge({ routes: compileRoutes(routes), invoke: (id, event) => invoke(id as FunctionId, event), authorizerId: authorizer, defaultFunctionId: defaultRouteFunction, onError: (e) => onError('http', e) });
  const clockRoutes = localClockRoutes(clock, scheduler);
  const server: Server = createServer((req, res) => {
    clockRoutes(req, res)
      .then((handled) => (handled ? undefined : bridge(req, res)))
      .catch((e: unknown) => onError('http', e));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      controller.abort();
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(options.httpPort ?? 0, 'PORT', 'HTTP API', { cause: error }) : error);
    });
    server.listen(options.httpPort ?? 0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    resources,
    invoke,
    oidc,
    runSchedule: (id) => {
      const trigger = functions[id].triggers.find((t) => t.kind === 'schedule');
      return invoke(id, scheduledEvent(trigger?.kind === 'schedule' ? trigger.id : id, clock.now()));
    },
    clock,
    stop: async () => {
      controller.abort();
      stopTicking();
      // Let a schedule run in progress finish (bounded: a hanging one must not hold up the stop).
      await Promise.race([scheduler.idle(), new Promise((r) => setTimeout(r, 5000).unref())]);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await Promise.allSettled(loops);
      await oidc.stop();
      dynamo.destroy();
      sqs.destroy();
      streams.destroy();
      if (temporaryAudit) await rm(temporaryAudit, { recursive: true, force: true });
    },
  };
};

export const scheduledEvent = (ruleId: string, at: Date = new Date()) => ({
  version: '0',
  id: crypto.randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: at.toISOString(),
  region: 'us-east-1',
  resources: [`arn:aws:events:us-east-1:000000000000:rule/${ruleId}`],
  detail: {},
});
