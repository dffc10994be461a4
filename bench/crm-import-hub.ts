/**
 * Bulk import end to end on a local hub started in this process (so the DynamoDB consumed
 * capacity the profile store sums — ReturnConsumedCapacity TOTAL — can be read here):
 * Online Retail II through POST /v1/imports (+ chunks) → crm-ingest → ingest-crm-record.
 * Reports customers created, rows/s and write capacity. Not part of the test suite.
 *
 *   npx tsx bench/crm-import-hub.ts [--max-rows N]
 */
import { startEmulators } from '../infra/local/emulators.js';
import { ensureAdminKey } from '../infra/local/bootstrap.js';
import { startHub } from '../infra/local/hub.js';
import { profileWriteCapacity } from '../shared/adapters/dynamodb/profile-store.js';
import { runImport } from '../scripts/import.js';

const i = process.argv.indexOf('--max-rows');
const maxRows = i >= 0 ? Number(process.argv[i + 1]) : undefined;
const file = '/work/shared/datasets/online-retail-ii-2009-2010.csv.gz';

const emulators = await startEmulators();
const hub = await startHub({ dynamoEndpoint: emulators.dynamoEndpoint, sqsEndpoint: emulators.sqsEndpoint, prefix: `bench${Date.now()}`, onError: () => undefined });
const key = await ensureAdminKey({ tableName: hub.resources.tableName });
const rss = () => Math.round(process.memoryUsage().rss / 1_048_576);
try {
  const run = await runImport({ file, mapping: 'online-retail-ii', url: hub.url, key, ...(maxRows ? { maxRows } : {}), log: (l) => console.log(l) });
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
    rssMiB: rss(),
  }, null, 2));
} finally {
  await hub.stop();
  await emulators.stop();
}
