import { Option } from '@commander-js/extra-typings';
import { hubUrlOption } from '../options.js';
import type { RegisterCommand } from './index.js';

/** `rb score` (also `npm run score`): scores a CSV or NDJSON file against a policy file or a stored policy version. */
export const scoreCommand: RegisterCommand = (program) => {
  program
    .command('score')
    .summary('score a file of records against a risk policy')
    .description(
      'Streams --input (CSV with a header row, or .ndjson/.jsonl) through a risk policy and writes one row per input row, in input order, to --out (.csv: row,status,score,pd,grade,limit,reason1..reason4,why; .ndjson adds the currency and the reason texts). Features read the column they were trained on, their canonical path (fields.country, aggregates.orders.count, custom.<name>, derived.<name>) or their id. Missing and extra columns are reported on stderr; a header from which no row can be rated fails with one line (exit 2). --policy is a policy JSON file, or a version number read from the hub (GET /v1/policies/{version}; drafts too).',
    )
    .requiredOption('--policy <file.json|version>', 'policy document file, or a stored version number')
    .requiredOption('--input <file>', 'records: .csv with a header row, or .ndjson/.jsonl')
    .requiredOption('--out <file>', 'scored rows: .csv, or .ndjson/.jsonl')
    .option('--as-of <date>', 'ISO date the features and limits are computed at (default: now)')
    .addOption(hubUrlOption())
    .addOption(new Option('--key <key>', 'API key with policies:manage, for a stored version').env('RB_KEY'))
    .action(async (o, command) => {
      const now = o.asOf === undefined ? new Date() : new Date(o.asOf);
      if (Number.isNaN(now.getTime())) command.error(`--as-of: not a date: ${o.asOf}`);
      const { readPolicyFile, scoreFile } = await import('../../../../scripts/score.js');
      const { ScoringColumnsError } = await import('../../../../shared/domain/rating/scoring/score-rows.js');
      let policy;
      if (/^\d+$/.test(o.policy)) {
        if (!o.key) command.error('--policy <version> reads the hub: needs --key <API key with policies:manage> (or RB_KEY)');
        const { connectHub } = await import('../hub-client.js');
        const { z } = await import('zod');
        const { parsePolicy } = await import('../../../../shared/domain/rating/policy.js');
        const hub = await connectHub({ ...(o.url ? { url: o.url } : {}), key: o.key! });
        const record = await hub.request({ method: 'GET', path: `/v1/policies/${o.policy}`, schema: z.object({ policy: z.object({ policy: z.unknown() }) }) });
        policy = parsePolicy(record.policy.policy);
      } else {
        policy = await readPolicyFile(o.policy);
      }
      try {
        const s = await scoreFile({ policy, input: o.input, out: o.out, now, log: (line) => process.stderr.write(`${line}\n`) });
        process.stderr.write(`scored ${s.rows} rows (${s.rated} rated, ${s.unrated} not rated) in ${s.millis} ms: ${s.rowsPerSecond} rows/s, peak RSS ${s.peakRssMb} MB → ${o.out}\n`);
      } catch (error) {
        if (error instanceof ScoringColumnsError) command.error(`${o.input}: ${error.message}`);
        throw error;
      }
    });
};
