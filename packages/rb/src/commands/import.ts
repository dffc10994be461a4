import { InvalidArgumentError } from '@commander-js/extra-typings';
import { hubKeyOption, hubUrlOption, idempotencyKeyOption, positiveInteger } from '../options.js';
import type { RegisterCommand } from './index.js';

/** `rb import`: streams a CSV file through the hub's bulk import API and waits for the worker. */
export const importCommand: RegisterCommand = (program) => {
  program
    .command('import')
    .summary('bulk-import a CSV (.gz) file into a running hub')
    .description(
      'Streams a CSV file (optionally .gz) through the bulk import API (POST /v1/imports, then chunks below 900 kB that never split an order) into a running hub, waits until the ingest worker has applied every record, and reports rows/s. Assumes one CSV record per line.',
    )
    .requiredOption('--file <path>', 'CSV file, optionally gzip-compressed (.gz)')
    .option('--mapping <name>', 'ready-made column mapping', 'online-retail-ii')
    .addOption(hubUrlOption())
    .addOption(hubKeyOption('admin or crm API key'))
    .addOption(idempotencyKeyOption())
    .option('--max-rows <n>', 'stop after this many rows', positiveInteger)
    .option('--as-of <date>', "then fit the portfolio's RFM quintiles as of this date: auto (the day after the file's last transaction) or YYYY-MM-DD", asOfDate)
    .action(async (o, command) => {
      const [{ READY_MAPPINGS }, { runImport, fitRfmAsOf }, { connectHub }] = await Promise.all([
        import('../../../../shared/domain/crm/bulk-import/column-mapping.js'),
        import('../../../../scripts/import.js'),
        import('../hub-client.js'),
      ]);
      if (!Object.hasOwn(READY_MAPPINGS, o.mapping)) command.error(`unknown mapping '${o.mapping}'; one of ${Object.keys(READY_MAPPINGS).join(', ')}`);
      const hub = await connectHub(o);
      const result = await runImport({
        file: o.file,
        mapping: o.mapping,
        hub,
        ...(o.maxRows === undefined ? {} : { maxRows: o.maxRows }),
        log: (line) => console.log(line),
        // Progress bar with rate and ETA on stderr: redrawn in place on a terminal, one line per step otherwise.
        progress: (line) => process.stderr.write(process.stderr.isTTY ? `\r${line}\x1b[K` : `${line}\n`),
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      const { job } = result;
      console.log(`\nimport ${result.jobId}: ${result.rows} rows in ${result.chunks} chunks, ${result.customers} customer ids in the file`);
      console.log(`records queued ${String(job['recordsQueued'])}, applied ${String(job['recordsApplied'])}, failed ${String(job['recordsFailed'])}, row errors ${String(job['rowErrors'])}`);
      console.log(`${result.seconds.toFixed(1)} s end to end → ${(result.rows / result.seconds).toFixed(0)} rows/s, ${(Number(job['recordsApplied']) / result.seconds).toFixed(0)} records/s`);
      if (o.asOf !== undefined) {
        const fit = await fitRfmAsOf(hub, o.asOf, result.lastTransactionAt);
        console.log(`RFM fitted as of ${fit.asOf.slice(0, 10)} on ${fit.customers} customers: ${Object.entries(fit.segmentCounts).map(([s, n]) => `${s} ${n}`).join(', ')}`);
      }
    });
};

/** `--as-of`: `auto` or a calendar date. */
const asOfDate = (value: string): string => {
  if (value === 'auto' || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)))) return value;
  throw new InvalidArgumentError('auto or a date YYYY-MM-DD');
};
