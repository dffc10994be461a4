import { writeFile } from 'node:fs/promises';
import { Option } from '@commander-js/extra-typings';
import { commaList, number, positiveInteger } from '../options.js';
import type { RegisterCommand } from './index.js';

/** `rb train`: fits a scorecard on labelled history and writes (optionally uploads) a draft policy. */
export const trainCommand: RegisterCommand = (program) => {
  program
    .command('train')
    .summary('train a scorecard on labelled history into a draft risk policy')
    .description(
      'Trains a WOE/logistic scorecard from labelled history (CSV with a header row, or NDJSON as the hub exports it from GET /v1/policies/training-data) and writes a DRAFT risk policy: to --out, else to stdout. The training summary goes to stderr. With --post the draft is also uploaded (POST /v1/policies, scope policies:manage) to be backtested and approved by another admin.',
    )
    .requiredOption('--input <file>', 'training rows: .csv, or .ndjson/.jsonl')
    .requiredOption('--target <column>', 'column holding the outcome')
    .option('--bad-value <value>', 'outcome value that marks a bad (compared as trimmed text)', '1')
    .addOption(new Option('--exclude <columns>', 'comma-separated columns never used as features (ids, leaks)').argParser(commaList).default([] as string[], 'none'))
    .option('--out <file>', 'write the policy JSON here instead of stdout')
    .option('--folds <n>', 'cross-validation folds', positiveInteger, 5)
    .option('--cost-ratio <ratio>', 'cost of accepting a bad relative to rejecting a good; reports the cost-optimal PD cutoff', number)
    .option('--version <n>', 'policy version of the draft', positiveInteger, 1)
    .option('--name <name>', 'policy name')
    .option('--pdo <points>', 'points to double the odds', number, 20)
    .option('--base-score <points>', 'score at the base odds', number, 600)
    .option('--base-odds <odds>', 'good:bad odds at the base score', number, 50)
    .option('--min-iv <iv>', 'drop features with a lower information value', number, 0.02)
    .addOption(new Option('--family <family>', 'scorecard (WOE logistic points) or boosted (additive boosted family: shape functions on bins + up to 10 pairwise terms)').choices(['scorecard', 'boosted'] as const).default('scorecard' as const))
    .option('--seed <n>', 'seed of folds, bagging and validation splits (same input and seed give the same policy)', positiveInteger, 42)
    .option('--post <hubUrl>', 'also upload the draft to this hub')
    .addOption(new Option('--key <key>', 'admin API key with policies:manage, for --post').env('RB_KEY'))
    .action(async (o, command) => {
      if (o.post && !o.key) command.error('--post needs --key <admin API key with policies:manage> (or RB_KEY)');
      const { trainFromFile } = await import('../../../../scripts/train.js');
      const { policy, summary } = trainFromFile({
        input: o.input,
        target: o.target,
        badValue: o.badValue,
        exclude: o.exclude,
        folds: o.folds,
        minIv: o.minIv,
        family: o.family,
        seed: o.seed,
        ...(o.costRatio === undefined ? {} : { costRatio: o.costRatio }),
        version: o.version,
        ...(o.name ? { name: o.name } : {}),
        scaling: { pdo: o.pdo, baseScore: o.baseScore, baseOdds: o.baseOdds },
      });
      for (const line of summary) process.stderr.write(`${line}\n`);
      const json = `${JSON.stringify(policy, null, 2)}\n`;
      if (o.out) await writeFile(o.out, json);
      else if (!o.post) process.stdout.write(json);
      if (o.post && o.key) {
        const { hubApi, hubClient } = await import('../hub-client.js');
        await hubApi(hubClient({ url: o.post, key: o.key })).createPolicy(json);
        process.stderr.write(`draft policy v${policy.version} uploaded to ${o.post}; next: POST /v1/policies/${policy.version}/backtest, then approval by another admin\n`);
      }
    });
};
