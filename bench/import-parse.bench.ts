/**
 * Parses the real Online Retail II file (UCI, CC BY 4.0) through the `online-retail-ii` mapping:
 * gunzip stream → CSV → canonical records. Prints rows/s, records, errors and peak RSS, and a
 * last line `BENCH_JSON {...}`. Run: npx tsx bench/import-parse.bench.ts
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { onlineRetailIiMapping } from '../shared/domain/crm/bulk-import/column-mapping.js';
import { parseImport } from '../shared/domain/crm/bulk-import/parse-import.js';
import { datasetPath } from '../test/support/datasets.js';

const FILE = datasetPath('online-retail-ii-2009-2010.csv.gz');

let peakRss = process.memoryUsage().rss;
const sample = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const started = performance.now();
let rows = 0;
const byType: Record<string, number> = {};
const reasons: Record<string, number> = {};
let errors = 0;
for await (const item of parseImport(createReadStream(FILE).pipe(createGunzip()), {
  format: 'csv',
  mapping: onlineRetailIiMapping(),
  onProgress: (p) => {
    rows = p.rowsRead;
  },
})) {
  if ('record' in item) byType[item.record.objectType] = (byType[item.record.objectType] ?? 0) + 1;
  else {
    errors++;
    reasons[item.error.reason] = (reasons[item.error.reason] ?? 0) + 1;
  }
}
const seconds = (performance.now() - started) / 1000;
clearInterval(sample);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const result = {
  bench: 'import-parse',
  file: 'online-retail-ii-2009-2010.csv.gz',
  rowsRead: rows,
  rowErrors: errors,
  recordsEmitted: Object.values(byType).reduce((a, b) => a + b, 0),
  orders: byType.order ?? 0,
  customers: byType.customer ?? 0,
  seconds: Number(seconds.toFixed(2)),
  rowsPerSecond: Math.round(rows / seconds),
  peakRssMiB: Math.round(peakRss / 2 ** 20),
  errorReasons: reasons,
};
console.table([
  { metric: 'rows read', value: rows },
  { metric: 'rows/s', value: result.rowsPerSecond },
  { metric: 'orders emitted', value: result.orders },
  { metric: 'customers emitted', value: result.customers },
  { metric: 'row errors', value: errors },
  { metric: 'seconds', value: result.seconds },
  { metric: 'peak RSS MiB', value: result.peakRssMiB },
]);
console.log(`BENCH_JSON ${JSON.stringify(result)}`);
