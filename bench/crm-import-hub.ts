/**
 * Bulk import end to end on a local hub started in this process (so the DynamoDB consumed
 * capacity the profile store sums — ReturnConsumedCapacity TOTAL — can be read here):
 * Online Retail II through POST /v1/imports (+ chunks) → crm-ingest → ingest-crm-record.
 * Reports customers created, rows/s and write capacity. Not part of the test suite.
 *
 *   npx tsx bench/crm-import-hub.ts [--max-rows N]
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startEmulators } from '../infra/local/emulators.js';
import { ensureAdminKey } from '../infra/local/bootstrap.js';
import { startHub } from '../infra/local/hub.js';
import { profileWriteCapacity } from '../shared/adapters/dynamodb/profile-store.js';
import { runImport } from '../scripts/import.js';
import { hubClient } from '../packages/rb/src/hub-client.js';
import { datasetPath } from '../test/support/datasets.js';

const i = process.argv.indexOf('--max-rows');
const maxRows = i >= 0 ? Number(process.argv[i + 1]) : undefined;
const file = datasetPath('online-retail-ii-2009-2010.csv.gz');

// Every DynamoDB request of the hub's functions, by command, and the transactions cancelled by a lost version race.
const dynamoRequests: Record<string, number> = {};
let cancelledTransactions = 0;
const count = (proto: { send: (...args: never[]) => unknown }) => {
  const send = proto.send;
  proto.send = function (this: unknown, ...args: never[]) {
    const name = (args[0] as unknown as { constructor: { name: string } }).constructor.name.replace(/Command$/, '');
    dynamoRequests[name] = (dynamoRequests[name] ?? 0) + 1;
    const result = send.apply(this, args);
    if (name === 'TransactWrite' && result instanceof Promise) result.catch((e: unknown) => { if ((e as { name?: string }).name === 'TransactionCanceledException') cancelledTransactions++; });
    return result;
  };
};
count(DynamoDBDocumentClient.prototype as never);
count(DynamoDBClient.prototype as never);

const emulators = await startEmulators();
const hub = await startHub({ dynamoEndpoint: emulators.dynamoEndpoint, sqsEndpoint: emulators.sqsEndpoint, prefix: `bench${Date.now()}`, onError: () => undefined });
const key = await ensureAdminKey({ tableName: hub.resources.tableName });
const rss = () => Math.round(process.memoryUsage().rss / 1_048_576);
try {
  const run = await runImport({ file, mapping: 'online-retail-ii', hub: hubClient({ url: hub.url, key }), ...(maxRows ? { maxRows } : {}), log: (l) => console.log(l) });
  const job = run.job;
  const applied = Number(job['recordsApplied']);
  console.log(JSON.stringify({
    rows: run.rows,
    chunks: run.chunks,
    customerIdsInFile: run.customers,
    recordsQueued: job['recordsQueued'],
    recordsApplied: applied,
    recordsFailed: job['recordsFailed'],
    rowErrors: job['rowErrors'],
    seconds: Number(run.seconds.toFixed(1)),
    rowsPerSecond: Math.round(run.rows / run.seconds),
    recordsPerSecond: Math.round(applied / run.seconds),
    profileTransactions: profileWriteCapacity.transactions,
    writeCapacityUnits: Math.round(profileWriteCapacity.units),
    wcuPerRecord: Number((profileWriteCapacity.units / Math.max(1, profileWriteCapacity.transactions)).toFixed(2)),
    cancelledTransactions,
    dynamoRequests,
    dynamoRequestsPerRecord: Number((Object.values(dynamoRequests).reduce((a, b) => a + b, 0) / Math.max(1, applied)).toFixed(2)),
    rssMiB: rss(),
  }, null, 2));
} finally {
  await hub.stop();
  await emulators.stop();
}
