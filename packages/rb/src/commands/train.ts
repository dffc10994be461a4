import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { commaList, idempotencyKeyOption, number, positiveInteger } from '../options.js';
import type { RegisterCommand } from './index.js';

/** `--special COL=-2,-1,0` (repeatable) → { COL: [-2, -1, 0] }. */
const specialValues = (value: string, previous: Record<string, number[]> = {}): Record<string, number[]> => {
  const m = /^([^=]+)=(.+)$/.exec(value);
  const nums = m ? m[2]!.split(',').map((v) => Number(v.trim())) : [];
  if (!m || nums.some((n) => !Number.isFinite(n))) throw new InvalidArgumentError(`--special takes COLUMN=number,number,… (got "${value}")`);
  return { ...previous, [m[1]!.trim()]: nums };
};

const share = (value: string): number => {
  const n = number(value);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError('a share between 0 and 1 (exclusive)');
  return n;
};

/** `rb train`: fits a scorecard on labelled history and writes (optionally uploads) a draft policy. */
export const trainCommand: RegisterCommand = (program) => {
  program
    .command('train')
    .summary('train a scorecard on labelled history into a draft risk policy')
    .description(
      'Trains a scorecard (supervised optimal binning, L2 logistic regression with CV-chosen strength, out-of-fold Platt calibration, fitted master scale) from labelled history (CSV with a header row, or NDJSON as the hub exports it from GET /v1/policies/training-data) and writes a DRAFT format 2 risk policy: to --out, else to stdout. The summary goes to stderr; --report/--html write the full report. With --post the draft is also uploaded (POST /v1/policies, scope policies:manage). Bad input (no or constant target, non-numeric data in a numeric column, a single-class fold, unknown columns) is one line and exit 2.',
    )
    .requiredOption('--input <file>', 'training rows: .csv, or .ndjson/.jsonl')
    .requiredOption('--target <column>', 'column holding the outcome')
    .option('--bad-value <value>', 'outcome value that marks a bad (compared as trimmed text)', '1')
    .addOption(new Option('--exclude <columns>', 'comma-separated columns never used as features (ids, leaks)').argParser(commaList).default([] as string[], 'none'))
    .addOption(new Option('--protected <columns>', 'comma-separated protected attributes: kept out of the model, reported per group').argParser(commaList).default([] as string[], 'none'))
    .addOption(new Option('--categorical <columns>', 'comma-separated columns to treat as categories (integer codes with ≤ 10 values are detected)').argParser(commaList).default([] as string[], 'none'))
    .addOption(new Option('--special <COL=v,…>', 'values of a numeric column binned on their own, e.g. PAY_0=-2,-1,0 (repeatable; large-mass values are detected)').argParser(specialValues).default({} as Record<string, number[]>, 'detected'))
    .addOption(new Option('--derive <spec>', "'auto' (utilisation, payment-to-bill, delinquency max/count, bill trend when the columns fit) or name=op(col,…), op one of ratio, difference, sum, min, max, mean, count, count>=N, trend (repeatable)").argParser((v: string, prev: string[] = []) => [...prev, v]).default([] as string[], 'none'))
    .option('--holdout <share>', 'share of rows held out (by row hash) and scored with the finished policy', share)
    .option('--seed <n>', 'seed of folds and hold-out', positiveInteger, 42)
    .option('--folds <n>', 'cross-validation folds', positiveInteger, 5)
    .option('--min-bin-share <share>', 'smallest share of rows a bin may hold', share, 0.05)
    .option('--max-corr <r>', 'drop the weaker of two features whose WOE correlate above this', share, 0.8)
    .option('--grades <n>', 'grades of the fitted master scale (7–10)', positiveInteger, 10)
    .addOption(new Option('--calibration <method>', 'out-of-fold PD calibration').choices(['platt', 'none'] as const).default('platt' as const))
    .option('--cost-ratio <ratio>', 'cost of accepting a bad relative to rejecting a good; sets the approval cutoff of the protected-attribute report', number)
    .option('--trained-at <iso>', 'trainedAt recorded in the policy (default: SOURCE_DATE_EPOCH, else now); fix it for byte-identical reruns')
    .option('--out <file>', 'write the policy JSON here instead of stdout')
    .option('--report <file>', 'write the full report as JSON')
    .option('--html <file>', 'write the report as one self-contained HTML page')
    .option('--version <n>', 'policy version of the draft', positiveInteger, 1)
    .option('--name <name>', 'policy name')
    .option('--pdo <points>', 'points to double the odds', number, 20)
    .option('--base-score <points>', 'score at the base odds', number, 600)
    .option('--base-odds <odds>', 'good:bad odds at the base score', number, 50)
    .addOption(new Option('--family <family>', 'scorecard (WOE logistic points) or boosted (additive boosted family: shape functions on bins + up to 10 pairwise terms)').choices(['scorecard', 'boosted'] as const).default('scorecard' as const))
    .option('--post <hubUrl>', 'also upload the draft to this hub')
    .addOption(new Option('--key <key>', 'admin API key with policies:manage, for --post').env('RB_KEY'))
    .addOption(idempotencyKeyOption())
    .action(async (o, command) => {
      if (o.post && !o.key) command.error('--post needs --key <admin API key with policies:manage> (or RB_KEY)');
      if (o.family === 'boosted' && o.html) command.error('--html: the report page covers the scorecard family; use --report for the boosted family', { exitCode: 2 });
      const [{ trainFromFile, trainBoostedFromFile }, { parseDeriveSpec }, { TrainingInputError }, { reportHtml }] = await Promise.all([
        import('../../../../scripts/train.js'),
        import('../../../../shared/domain/rating/training/derived.js'),
        import('../../../../shared/domain/rating/training/columns.js'),
        import('../../../../shared/domain/rating/training/report-html.js'),
      ]);
      const derive = o.derive.filter((d) => d !== 'auto').map((d) => parseDeriveSpec(d) ?? command.error(`--derive: "${d}" is not name=op(col,…)`, { exitCode: 2 }));
      const epoch = process.env.SOURCE_DATE_EPOCH;
      const trainedAt = o.trainedAt ? new Date(o.trainedAt) : epoch ? new Date(Number(epoch) * 1000) : new Date();
      if (Number.isNaN(trainedAt.getTime())) command.error(`--trained-at: "${o.trainedAt}" is not a date`, { exitCode: 2 });
      const { version: toolVersion } = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
      let result;
      try {
        result = o.family === 'boosted'
          ? trainBoostedFromFile({
              input: o.input,
              target: o.target,
              badValue: o.badValue,
              exclude: o.exclude,
              folds: o.folds,
              seed: o.seed,
              ...(o.costRatio === undefined ? {} : { costRatio: o.costRatio }),
              version: o.version,
              ...(o.name ? { name: o.name } : {}),
              scaling: { pdo: o.pdo, baseScore: o.baseScore, baseOdds: o.baseOdds },
              trainedAt,
            })
          : trainFromFile({
          input: o.input,
          target: o.target,
          badValue: o.badValue,
          exclude: o.exclude,
          protected: o.protected,
          categorical: o.categorical,
          special: o.special,
          derive,
          deriveAuto: o.derive.includes('auto'),
          ...(o.holdout === undefined ? {} : { holdout: o.holdout }),
          seed: o.seed,
          folds: o.folds,
          minBinShare: o.minBinShare,
          maxCorr: o.maxCorr,
          grades: Math.min(10, Math.max(7, o.grades)),
          calibration: o.calibration,
          ...(o.costRatio === undefined ? {} : { costRatio: o.costRatio }),
          version: o.version,
          ...(o.name ? { name: o.name } : {}),
          scaling: { pdo: o.pdo, baseScore: o.baseScore, baseOdds: o.baseOdds },
          toolVersion: `riskbridge-train ${toolVersion}`,
          flags: flagsOf(o),
          trainedAt,
        });
      } catch (error) {
        if (error instanceof RangeError && o.family === 'boosted') command.error(error.message, { exitCode: 2 });
        if (error instanceof TrainingInputError) command.error(error.message, { exitCode: 2 });
        throw error;
      }
      const { policy, report, summary } = result;
      for (const line of summary) process.stderr.write(`${line}\n`);
      const json = `${JSON.stringify(policy, null, 2)}\n`;
      if (o.out) await writeFile(o.out, json);
      else if (!o.post) process.stdout.write(json);
      if (o.report) await writeFile(o.report, `${JSON.stringify(report, null, 2)}\n`);
      if (o.html && 'columns' in report) await writeFile(o.html, reportHtml(report));
      if (o.post && o.key) {
        const { hubApi, hubClient } = await import('../hub-client.js');
        await hubApi(hubClient({ url: o.post, key: o.key, idempotencyKey: o.idempotencyKey })).createPolicy(json);
        process.stderr.write(`draft policy v${policy.version} uploaded to ${o.post}; next: POST /v1/policies/${policy.version}/backtest, then approval by another admin\n`);
      }
    });
};

/** The settings that shape the model, as normalised flags (file paths, keys and output options left out). */
const flagsOf = (o: Record<string, unknown>): string[] => {
  const keep = ['target', 'badValue', 'exclude', 'protected', 'categorical', 'special', 'derive', 'holdout', 'seed', 'folds', 'minBinShare', 'maxCorr', 'grades', 'calibration', 'costRatio', 'pdo', 'baseScore', 'baseOdds'];
  return keep.flatMap((k) => {
    const v = o[k];
    if (v === undefined || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)) return [];
    const text = Array.isArray(v) ? v.join(',') : typeof v === 'object' && v !== null ? Object.entries(v).map(([c, n]) => `${c}=${(n as number[]).join(',')}`).join(';') : String(v);
    return [`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}=${text}`];
  });
};
