import { randomUUID } from 'node:crypto';
import { DomainError } from '../../shared/domain/errors.js';
import { toProblem } from '../../shared/lambda/problem.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  APIGatewayRequestAuthorizerEventV2,
  Context,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import type { RouteSpec } from '../topology.js';

/** A Lambda handler as the runtime calls it. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

export const lambdaContext = (functionName: string, timeoutSeconds: number): Context => {
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

// ---------------------------------------------------------------------------------------------
// HTTP API (payload format 2.0) with the Lambda authorizer in front of every route.

interface CompiledRoute {
  spec: RouteSpec;
  routeKey: string;
  pattern: RegExp;
  names: string[];
}

/**
 * API Gateway path templates as regular expressions: `{name}` matches one segment, a greedy
 * `{name+}` (last segment only) matches the rest of the path. Greedy routes come after the
 * others so that a more specific route wins, as in API Gateway.
 */
export const compileRoutes = (routes: RouteSpec[]): CompiledRoute[] =>
  routes
    .map((spec) => {
      const names: string[] = [];
      const source = spec.path
        .split(/(\{[A-Za-z0-9_]+\+?\})/)
        .map((part) => {
          const param = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(part);
          if (!param) return part.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&');
          names.push(param[1] ?? '');
          return param[2] ? '(.+)' : '([^/]+)';
        })
        .join('');
      return { spec, routeKey: `${spec.method} ${spec.path}`, pattern: new RegExp(`^${source}$`), names, greedy: spec.path.includes('+}') };
    })
    .sort((a, b) => Number(a.greedy) - Number(b.greedy))
    .map(({ greedy: _greedy, ...route }) => route);

const readBody = async (req: IncomingMessage, limit: number): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

/** The bridge's own refusals, in the same RFC 9457 shape as the functions' (API Gateway's own answers are not). */
const sendProblem = (res: ServerResponse, status: number, code: string, detail: string, instance: string): void => {
  const problem = { ...toProblem(new DomainError(code, detail, { details: { httpStatus: status } }), instance) };
  res.writeHead(status, { 'content-type': 'application/problem+json' }).end(JSON.stringify(problem));
};

/**
 * Turns a Node request into an API Gateway v2 event, runs the authorizer (simple responses,
 * context passed on as `requestContext.authorizer.lambda`) and the route's function, and writes
 * the function's structured result back.
 */
export const httpBridge = (options: {
  routes: CompiledRoute[];
  invoke: (functionId: string, event: unknown) => Promise<unknown>;
  authorizerId: string;
  defaultFunctionId: string;
  onError: (error: unknown) => void;
}) => async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  let matched: { route: CompiledRoute; params: Record<string, string> } | undefined;
  for (const route of options.routes) {
    if (route.spec.method !== method) continue;
    const m = route.pattern.exec(url.pathname);
    if (m) {
      matched = { route, params: Object.fromEntries(route.names.map((n, i) => [n, m[i + 1] ?? ''])) };
      break;
    }
  }
  let body: Buffer;
  try {
    body = await readBody(req, 10 * 1024 * 1024);
  } catch {
    sendProblem(res, 413, 'payload_too_large', 'The body is larger than the API accepts (10 MB)', url.pathname);
    return;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  url.searchParams.forEach((v, k) => {
    query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  });
  const routeKey = matched?.route.routeKey ?? '$default';
  const requestId = randomUUID();
  const now = new Date();
  const isText = /json|text|xml|x-www-form-urlencoded/i.test(headers['content-type'] ?? 'application/json');
  const requestContext = {
    accountId: '000000000000',
    apiId: 'local',
    domainName: headers['host'] ?? 'localhost',
    domainPrefix: 'local',
    http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
    requestId,
    routeKey,
    stage: '$default',
    time: now.toUTCString(),
    timeEpoch: now.getTime(),
  };
  const authEvent: APIGatewayRequestAuthorizerEventV2 = {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:us-east-1:000000000000:local/$default/${method}${url.pathname}`,
    identitySource: [],
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: [],
    headers,
    queryStringParameters: query,
    requestContext,
    pathParameters: matched?.params ?? {},
    stageVariables: {},
  } as unknown as APIGatewayRequestAuthorizerEventV2;
  let result: APIGatewayProxyStructuredResultV2;
  try {
    const auth = (await options.invoke(options.authorizerId, authEvent)) as { isAuthorized?: boolean; context?: Record<string, unknown> };
    if (!auth?.isAuthorized) {
      sendProblem(res, 403, 'forbidden', 'The authorizer refused the request', url.pathname);
      return;
    }
    const event: APIGatewayProxyEventV2 & { requestContext: { authorizer: { lambda: Record<string, unknown> } } } = {
      version: '2.0',
      routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(matched && Object.keys(matched.params).length ? { pathParameters: matched.params } : {}),
      requestContext: { ...requestContext, authorizer: { lambda: auth.context ?? {} } },
      ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
      isBase64Encoded: body.length > 0 && !isText,
    };
    result = (await options.invoke(matched?.route.spec.function ?? options.defaultFunctionId, event)) as APIGatewayProxyStructuredResultV2;
  } catch (error) {
    options.onError(error);
    sendProblem(res, 500, 'internal_error', 'The local API bridge could not run the function', url.pathname);
    return;
  }
  const out = result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : result.body ?? '';
  res.writeHead(result.statusCode ?? 200, { ...(result.headers as Record<string, string> | undefined) });
  res.end(out);
};

// ---------------------------------------------------------------------------------------------
// SQS event source: long polling, batch size, partial batch responses; failed messages stay
// on the queue until their visibility timeout ends and move to the DLQ after maxReceiveCount.

const toSqsRecord = (message: Message, queueArn: string): SQSRecord => ({
  messageId: message.MessageId ?? '',
  receiptHandle: message.ReceiptHandle ?? '',
  body: message.Body ?? '',
  attributes: {
    ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
    SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
    SenderId: message.Attributes?.SenderId ?? 'local',
    ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    ...(message.Attributes?.MessageGroupId ? { MessageGroupId: message.Attributes.MessageGroupId } : {}),
    ...(message.Attributes?.MessageDeduplicationId ? { MessageDeduplicationId: message.Attributes.MessageDeduplicationId } : {}),
    ...(message.Attributes?.SequenceNumber ? { SequenceNumber: message.Attributes.SequenceNumber } : {}),
  },
  messageAttributes: Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([k, v]) => [
      k,
      { dataType: v.DataType ?? 'String', ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}), stringListValues: [], binaryListValues: [] },
    ]),
  ),
  md5OfBody: message.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: 'us-east-1',
});

/**
 * One poller of an SQS event source mapping. A batch stays invisible while its invocation runs
 * (`inFlightVisibilitySeconds`, the function's timeout: Lambda requires a queue's visibility timeout
 * to be at least that, so it never hands a message out twice while a handler works on it). The local
 * queues' visibility is scaled down so that retries come fast; without the in-flight extension, a
 * batch that runs longer than that on a loaded machine is received again by the other pollers, sent
 * twice, and pushed towards its DLQ by receive counts alone. A failed message becomes visible again
 * after the queue's own (scaled) visibility timeout, as a failed batch item does in Lambda.
 */
export const pollQueue = async (options: {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  batchSize: number;
  invoke: (event: SQSEvent) => Promise<unknown>;
  signal: AbortSignal;
  onError: (error: unknown) => void;
  idleWaitSeconds: number;
  /** How long a received batch stays invisible while its invocation runs (default: the queue's visibility timeout). */
  inFlightVisibilitySeconds?: number;
  /** The queue's visibility timeout: when a failed message is retried (default: left as received). */
  retryVisibilitySeconds?: number;
}): Promise<void> => {
  while (!options.signal.aborted) {
    try {
      const { Messages = [] } = await options.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: options.queueUrl,
          MaxNumberOfMessages: Math.min(10, options.batchSize),
          WaitTimeSeconds: options.idleWaitSeconds,
          ...(options.inFlightVisibilitySeconds !== undefined ? { VisibilityTimeout: options.inFlightVisibilitySeconds } : {}),
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: options.signal },
      );
      if (Messages.length === 0) continue;
      const event: SQSEvent = { Records: Messages.map((m) => toSqsRecord(m, options.queueArn)) };
      let failed = new Set<string>(Messages.map((m) => m.MessageId ?? ''));
      try {
        const response = (await options.invoke(event)) as { batchItemFailures?: Array<{ itemIdentifier: string }> } | undefined;
        failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (error) {
        options.onError(error);
      }
      const done = Messages.filter((m) => !failed.has(m.MessageId ?? ''));
      const retry = Messages.filter((m) => failed.has(m.MessageId ?? ''));
      if (retry.length > 0 && options.retryVisibilitySeconds !== undefined && options.retryVisibilitySeconds !== options.inFlightVisibilitySeconds) {
        await options.sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: options.queueUrl,
            Entries: retry.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '', VisibilityTimeout: options.retryVisibilitySeconds })),
          }),
        );
      }
      if (done.length > 0) {
        await options.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: options.queueUrl,
            Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
          }),
        );
      }
    } catch (error) {
      if (options.signal.aborted) return;
      options.onError(error);
      await sleep(500, options.signal);
    }
  }
};

// ---------------------------------------------------------------------------------------------
// DynamoDB stream event source: every shard read in order, records filtered like the event
// source mapping's filter, partial batch responses honoured (the position is checkpointed per
// record), failures retried from the failed record, then sent to the on-failure destination.

const toLambdaStreamRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord => {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID ?? '',
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: streamArn,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      Keys: record.dynamodb?.Keys as never,
      ...(record.dynamodb?.NewImage ? { NewImage: record.dynamodb.NewImage as never } : {}),
      ...(record.dynamodb?.OldImage ? { OldImage: record.dynamodb.OldImage as never } : {}),
      SequenceNumber: record.dynamodb?.SequenceNumber ?? '',
      SizeBytes: record.dynamodb?.SizeBytes ?? 0,
      StreamViewType: (record.dynamodb?.StreamViewType ?? 'NEW_AND_OLD_IMAGES') as 'NEW_AND_OLD_IMAGES',
    },
  };
};

/**
 * The event source mapping's filter: INSERTs whose new image has a `pk` with the prefix.
 * MODIFY records (e.g. the relay's own sent-markers on event items) and REMOVEs never pass.
 */
export const matchesInsertFilter = (record: StreamRecord, pkPrefix: string): boolean => {
  if (record.eventName !== 'INSERT') return false;
  const pk = record.dynamodb?.NewImage?.['pk']?.S ?? record.dynamodb?.Keys?.['pk']?.S;
  return typeof pk === 'string' && pk.startsWith(pkPrefix);
};

/**
 * Where a handler's response leaves the batch: `undefined` when every record succeeded, else
 * the index of the record to retry from — the earliest reported failure, as Lambda
 * checkpoints at the lowest failed sequence number. An identifier that names no record of the
 * batch, like a thrown error, fails the whole batch.
 */
export const retryIndexOf = (batch: readonly StreamRecord[], response: unknown): number | undefined => {
  const failures = (response as { batchItemFailures?: Array<{ itemIdentifier?: string }> } | undefined)?.batchItemFailures ?? [];
  if (failures.length === 0) return undefined;
  const indexes = failures.map((f) => batch.findIndex((r) => r.dynamodb?.SequenceNumber !== undefined && r.dynamodb.SequenceNumber === f.itemIdentifier));
  return indexes.some((i) => i < 0) ? 0 : Math.min(...indexes);
};

/** The record Lambda puts on a stream mapping's on-failure destination once retries are exhausted. */
const onFailureRecord = (options: { streamArn: string; shardId: string; records: StreamRecord[]; attempts: number }) => {
  const arrival = (r: StreamRecord | undefined) => (r?.dynamodb?.ApproximateCreationDateTime ? new Date(r.dynamodb.ApproximateCreationDateTime).toISOString() : undefined);
  return {
    requestContext: { requestId: randomUUID(), condition: 'RetryAttemptsExhausted', approximateInvokeCount: options.attempts },
    responseContext: { statusCode: 200, executedVersion: '$LATEST' },
    version: '1.0',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId: options.shardId,
      startSequenceNumber: options.records[0]?.dynamodb?.SequenceNumber,
      endSequenceNumber: options.records.at(-1)?.dynamodb?.SequenceNumber,
      approximateArrivalOfFirstRecord: arrival(options.records[0]),
      approximateArrivalOfLastRecord: arrival(options.records.at(-1)),
      batchSize: options.records.length,
      streamArn: options.streamArn,
    },
  };
};

interface ShardPosition {
  iterator: string | null;
  /** Filtered records read from the shard and not yet checkpointed, oldest first. */
  buffer: StreamRecord[];
  /** The record the shard is stuck on and how often a batch starting with it failed. */
  failing?: { sequenceNumber: string; attempts: number };
}

/**
 * Plays a DynamoDB event source mapping on DynamoDB Local: every shard from TRIM_HORIZON, in
 * order, in batches of `batchSize` filtered records. After each invocation the position moves
 * past every record before the first failure the handler reports (`batchItemFailures`), so
 * those are never sent again; the next batch starts at the failed record. A batch starting
 * with the same record is tried `retryAttempts + 1` times; then that record's on-failure
 * record goes to the on-failure queue and the shard moves on. A thrown error fails the whole
 * batch. (Lambda also bisects a failing batch; with partial batch responses that changes
 * nothing here, so it is not played.)
 */
export const pollStream = async (options: {
  streams: DynamoDBStreamsClient;
  sqs: SQSClient;
  streamArn: string;
  batchSize: number;
  pkPrefix: string;
  retryAttempts: number;
  onFailureQueueUrl: string;
  invoke: (event: DynamoDBStreamEvent) => Promise<unknown>;
  signal: AbortSignal;
  onError: (error: unknown) => void;
  pollIntervalMs: number;
  /**
   * Where a shard found at start is read from: TRIM_HORIZON (default) or LATEST (a restarted
   * local hub, whose start-up sweep already relayed what the stream holds). Shards that appear
   * later are always read from TRIM_HORIZON.
   */
  startAt?: 'TRIM_HORIZON' | 'LATEST';
  /** Wait before the n-th retry of a batch (default 200 ms doubling, at most 2 s). */
  retryDelayMs?: (attempt: number) => number;
}): Promise<void> => {
  const retryDelayMs = options.retryDelayMs ?? ((attempt: number) => Math.min(2000, 100 * 2 ** attempt));
  const shards = new Map<string, ShardPosition>();
  let lastDescribe = 0;
  let firstDiscovery = true;

  const discoverShards = async () => {
    const startAt = firstDiscovery ? (options.startAt ?? 'TRIM_HORIZON') : 'TRIM_HORIZON';
    let exclusiveStart: string | undefined;
    do {
      const { StreamDescription } = await options.streams.send(
        new DescribeStreamCommand({ StreamArn: options.streamArn, ...(exclusiveStart ? { ExclusiveStartShardId: exclusiveStart } : {}) }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        const id = shard.ShardId ?? '';
        if (shards.has(id)) continue;
        const { ShardIterator } = await options.streams.send(
          new GetShardIteratorCommand({ StreamArn: options.streamArn, ShardId: id, ShardIteratorType: startAt }),
        );
        shards.set(id, { iterator: ShardIterator ?? null, buffer: [] });
      }
      exclusiveStart = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStart);
    firstDiscovery = false;
  };

  /** One invocation for the shard's next batch; answers whether there was anything to do. */
  const step = async (shardId: string, position: ShardPosition): Promise<boolean> => {
    if (position.buffer.length === 0 && position.iterator) {
      const out = await options.streams.send(new GetRecordsCommand({ ShardIterator: position.iterator, Limit: 1000 }));
      position.iterator = out.NextShardIterator ?? null;
      position.buffer = (out.Records ?? []).filter((r) => matchesInsertFilter(r, options.pkPrefix));
    }
    if (position.buffer.length === 0) return false;
    const batch = position.buffer.slice(0, options.batchSize);
    let retryFrom: number | undefined;
    try {
      retryFrom = retryIndexOf(batch, await options.invoke({ Records: batch.map((r) => toLambdaStreamRecord(r, options.streamArn)) }));
    } catch (error) {
      options.onError(error);
      retryFrom = 0;
    }
    if (retryFrom === undefined) {
      position.buffer = position.buffer.slice(batch.length);
      delete position.failing;
      return true;
    }
    position.buffer = position.buffer.slice(retryFrom);
    const stuck = position.buffer[0]?.dynamodb?.SequenceNumber ?? '';
    const attempts = position.failing?.sequenceNumber === stuck ? position.failing.attempts + 1 : 1;
    if (attempts <= options.retryAttempts) {
      position.failing = { sequenceNumber: stuck, attempts };
      await sleep(retryDelayMs(attempts), options.signal);
      return true;
    }
    const [dropped] = position.buffer.splice(0, 1);
    delete position.failing;
    await options.sqs.send(
      new SendMessageCommand({
        QueueUrl: options.onFailureQueueUrl,
        MessageBody: JSON.stringify(onFailureRecord({ streamArn: options.streamArn, shardId, records: dropped ? [dropped] : [], attempts })),
      }),
    );
    return true;
  };

  while (!options.signal.aborted) {
    try {
      if (Date.now() - lastDescribe > 1000) {
        lastDescribe = Date.now();
        await discoverShards();
      }
      let busy = false;
      for (const [shardId, position] of shards) {
        if (await step(shardId, position)) busy = true;
      }
      if (!busy) await sleep(options.pollIntervalMs, options.signal);
    } catch (error) {
      if (options.signal.aborted) return;
      options.onError(error);
      await sleep(500, options.signal);
    }
  }
};

/** `rate(5 minutes)` → milliseconds; cron expressions are not played locally. */
export const rateToMs = (expression: string): number | undefined => {
  const m = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (!m?.[1] || !m[2]) return undefined;
  const n = Number(m[1]);
  const unit = m[2].startsWith('minute') ? 60_000 : m[2].startsWith('hour') ? 3_600_000 : 86_400_000;
  return n * unit;
};
