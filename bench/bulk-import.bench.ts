/**
 * Bulk import end to end on a local hub started in this process: Online Retail II through
 * `runImport` (POST /v1/imports + chunks) → crm-ingest (one message per customer and chunk) →
 * ingest-crm-record → stream relay → recompute-rating, until the LAST persisted `rating.changed`.
 * DynamoDB capacity of every function is read from ReturnConsumedCapacity TOTAL (a client hook counts it).
 * Emits `BENCH_JSON {area:'bulk-import', rows:[{goal, measured, ratio, pass}], run}`.
 *
 *   npx tsx bench/bulk-import.bench.ts [--max-rows N] [--file path]
 */
import { existsSync } from 'node:fs';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { datasetPath } from '../test/support/datasets.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const maxRows = arg('--max-rows') ? Number(arg('--max-rows')) : undefined;
const file = arg('--file') ?? datasetPath('online-retail-ii-2009-2010.csv.gz');
if (!existsSync(file)) {
  console.error(`bulk-import bench: data file missing: ${file} (see ../shared/datasets/README.md, or pass --file)`);
  process.exit(2);
}

const [{ startEmulators }, { ensureAdminKey }, { startHub }, { runImport, progressLine }, { hubClient }, { consumedCapacity, countConsumedCapacity }, { dynamoClientHooks }] = await Promise.all([
  import('../infra/local/emulators.js'),
  import('../infra/local/bootstrap.js'),
  import('../infra/local/hub.js'),
  import('../scripts/import.js'),
  import('../packages/rb/src/hub-client.js'),
  import('../shared/adapters/dynamodb/capacity.js'),
  import('../shared/adapters/dynamodb/client.js'),
]);
dynamoClientHooks.push(countConsumedCapacity);

// When the last rating.changed was persisted: seen in the transactions the functions send.
let ratingChanges = 0;
let lastRatingAt = 0;
let profileCommits = 0;
const send = DynamoDBDocumentClient.prototype.send;
DynamoDBDocumentClient.prototype.send = function (this: DynamoDBDocumentClient, ...args: never[]) {
  const command = args[0] as unknown as { constructor: { name: string }; input?: { TransactItems?: Array<{ Put?: { Item?: Record<string, unknown> } }> } };
  const result = (send as unknown as (...a: never[]) => Promise<unknown>).apply(this, args);
  if (command.constructor.name === 'TransactWriteCommand') {
    const items = command.input?.TransactItems ?? [];
    const ratings = items.filter((i) => (i.Put?.Item?.['envelope'] as { type?: string } | undefined)?.type === 'rating.changed').length;
    const profile = items.some((i) => i.Put?.Item?.['sk'] === 'PROFILE');
    void result.then(
      () => {
        if (profile) profileCommits++;
        if (ratings > 0) {
          ratingChanges += ratings;
          lastRatingAt = performance.now();
        }
      },
      () => undefined,
    );
  }
  return result as never;
} as typeof send;

const emulators = await startEmulators();
const hub = await startHub({ dynamoEndpoint: emulators.dynamoEndpoint, sqsEndpoint: emulators.sqsEndpoint, prefix: `bench${Date.now()}`, onError: () => undefined });
const key = await ensureAdminKey({ tableName: hub.resources.tableName });
const sqs = new SQSClient({ endpoint: emulators.sqsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const backlog = async (): Promise<number> => {
  let n = 0;
  for (const id of ['crmIngest', 'recompute'] as const) {
    const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: hub.resources.queueUrls[id], AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    n += Number(Attributes['ApproximateNumberOfMessages'] ?? 0) + Number(Attributes['ApproximateNumberOfMessagesNotVisible'] ?? 0);
  }
  return n;
};
try {
  const started = performance.now();
  const run = await runImport({ file, mapping: 'online-retail-ii', hub: hubClient({ url: hub.url, key }), ...(maxRows ? { maxRows } : {}), progress: (l) => process.stderr.write(`${l}\n`) });
  // Every record applied: wait until the recompute queue is drained and no rating changed for 3 s.
  for (;;) {
    const quietFor = performance.now() - Math.max(lastRatingAt, started + run.seconds * 1000);
    if ((await backlog()) === 0 && quietFor > 3000) break;
    process.stderr.write(`${progressLine({ rows: run.rows, seconds: (performance.now() - started) / 1000, fraction: 1, phase: `rated (${ratingChanges} rating.changed)` })}\n`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const seconds = (Math.max(lastRatingAt, started + run.seconds * 1000) - started) / 1000;
  const job = run.job;
  const applied = Number(job['recordsApplied']);
  const failed = Number(job['recordsFailed']);
  const measured = {
    rows: run.rows,
    chunks: run.chunks,
    customerIdsInFile: run.customers,
    recordsQueued: Number(job['recordsQueued']),
    recordsApplied: applied,
    recordsFailed: failed,
    rowErrors: Number(job['rowErrors']),
    secondsToLastApplied: Number(run.seconds.toFixed(1)),
    secondsToLastRatingChanged: Number(seconds.toFixed(1)),
    ratingChanges,
    rowsPerSecond: Math.round(run.rows / seconds),
    recordsPerSecond: Math.round(applied / seconds),
    profileCommits,
    writeUnits: Math.round(consumedCapacity.writeUnits),
    readUnits: Math.round(consumedCapacity.readUnits),
    writeUnitsPerProfileCommit: Number((consumedCapacity.writeUnits / Math.max(1, profileCommits)).toFixed(2)),
    writeUnitsPerRecord: Number((consumedCapacity.writeUnits / Math.max(1, applied)).toFixed(2)),
    readUnitsPerRecord: Number((consumedCapacity.readUnits / Math.max(1, applied)).toFixed(2)),
    byOperation: consumedCapacity.byOperation,
    rssMiB: Math.round(process.memoryUsage().rss / 1_048_576),
  };
  // The goals scale with the slice: 60 s for the whole file (525,461 rows).
  const goalSeconds = (60 * run.rows) / 525_461;
  const rows = [
    { goal: `bulk import to last rating.changed ≤ ${goalSeconds.toFixed(1)} s (60 s × ${run.rows}/525,461 rows)`, measured: `${measured.secondsToLastRatingChanged} s`, ratio: Number((seconds / goalSeconds).toFixed(2)), pass: seconds <= goalSeconds },
    { goal: 'bulk import: 0 records failed', measured: `${failed} failed`, ratio: failed, pass: failed === 0 },
    { goal: 'bulk import ≤ 8 write units per applied record (all functions)', measured: `${measured.writeUnitsPerRecord} WCU/record`, ratio: Number((measured.writeUnitsPerRecord / 8).toFixed(2)), pass: measured.writeUnitsPerRecord <= 8 },
  ];
  console.table(rows);
  console.log(JSON.stringify(measured, null, 2));
  console.log(`BENCH_JSON ${JSON.stringify({ area: 'bulk-import', rows, run: measured })}`);
} finally {
  sqs.destroy();
  await hub.stop();
  await emulators.stop();
}
