/**
 * Cost of the router's request guards on DynamoDB Local: one rate-limit take (a conditional
 * UpdateItem; a PutItem for a full bucket), one Idempotency-Key first run (PutItem in progress +
 * UpdateItem with the answer) and one replay (a failed conditional PutItem that returns the
 * record). Sequential, p50/p99 per operation.
 * Run: npx tsx bench/request-guards.bench.ts [N] — prints a table, last line `BENCH_JSON {...}`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startEmulators } from '../infra/local/emulators.js';
import { lambdaContext } from '../infra/local/event-sources.js';
import { provisionLocal } from '../infra/local/provision.js';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { idempotencyStore } from '../shared/adapters/dynamodb/idempotency-store.js';
import { rateLimitStore } from '../shared/adapters/dynamodb/rate-limit-store.js';

const N = Number(process.argv[2] ?? 300);
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

const time = async (label: string, run: (i: number) => Promise<unknown>): Promise<{ label: string; p50: number; p99: number }> => {
  const ms: number[] = [];
  for (let i = 0; i < N; i += 1) {
    const started = performance.now();
    await run(i);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { label, p50: Number(percentile(ms, 50).toFixed(2)), p99: Number(percentile(ms, 99).toFixed(2)) };
};

const main = async () => {
  const emulators = await startEmulators();
  const config = { endpoint: emulators.dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const dynamo = new DynamoDBClient(config);
  const sqs = new SQSClient({ ...config, endpoint: emulators.sqsEndpoint });
  try {
    const resources = await provisionLocal({ dynamo, sqs, prefix: `bench${Date.now().toString(36)}`, visibilityScale: 1 });
    const tableName = resources.requestsTableName!;
    const limits = { read: { burst: 1_000_000, perSecond: 1000 }, write: { burst: 1_000_000, perSecond: 1000 }, bulk: { burst: 1, perSecond: 1 } };
    const limiter = rateLimitStore({ table: { client: createDocumentClient(config), tableName }, limits, now: Date.now });
    const store = idempotencyStore({ client: dynamo, tableName });
    const answer = { statusCode: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'sub_x', url: 'https://example.com/hook' }) };
    const ok = () => true;
    const context = lambdaContext('bench', 30);
    // Warm up the SDK clients and DynamoDB Local's JIT before measuring.
    for (let i = 0; i < 50; i += 1) await limiter.admit(`key:warm-${i % 5}`, 'write');

    const rows = [
      await time('rate limit: take from a busy bucket', () => limiter.admit('key:busy', 'read')),
      await time('rate limit: take from a full (new) bucket', (i) => limiter.admit(`key:new-${i}`, 'read')),
      await time('idempotency: first run (stored)', (i) => store.once({ principalId: 'key:b', operation: 'create', key: `k-${i}` }, { body: 'x' }, async () => answer, ok, context)),
      await time('idempotency: replay', (i) => store.once({ principalId: 'key:b', operation: 'create', key: `k-${i}` }, { body: 'x' }, async () => answer, ok, context)),
    ];
    console.log(`request guards on DynamoDB Local, ${N} sequential calls each (ms)`);
    for (const row of rows) console.log(`${row.label.padEnd(44)} p50 ${String(row.p50).padStart(6)}  p99 ${String(row.p99).padStart(6)}`);
    console.log(`BENCH_JSON ${JSON.stringify({ n: N, rows })}`);
  } finally {
    dynamo.destroy();
    sqs.destroy();
    await emulators.stop();
  }
};

await main();
