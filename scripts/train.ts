/**
 * Trains a WOE/logistic scorecard from labelled history into a DRAFT risk policy: the logic of
 * `rb train` (packages/rb/src/commands/train.ts parses the flags and uploads with `--post`).
 *
 * NDJSON is what the hub exports from its own history (one object per customer with the
 * feature columns and the recorded default outcome); anything else is read as CSV with a header row.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { trainBoostedPolicy } from '../shared/domain/rating/boosted/boosted-policy.js';
import { trainScorecard, type TrainingOptions, type TrainingRow } from '../shared/domain/rating/training/train-scorecard.js';

const NdjsonRowSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** Rows of a `.ndjson`/`.jsonl` file (flat objects of scalars) or of a CSV file with a header row. */
export const readTrainingRows = (path: string): TrainingRow[] => {
  const text = readFileSync(path, 'utf8');
  if (/\.(nd)?jsonl?$/i.test(path)) {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, i) => {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          throw new Error(`${path} line ${i + 1}: not valid JSON`);
        }
        const parsed = NdjsonRowSchema.safeParse(value);
        if (!parsed.success) throw new Error(`${path} line ${i + 1}: not a flat JSON object of scalars`);
        return parsed.data;
      });
  }
  return parseCsv(text, { columns: true, skip_empty_lines: true, trim: true }) as TrainingRow[];
};

export type TrainFileOptions = Omit<TrainingOptions, 'dataset' | 'now'> & {
  input: string;
  now?: Date;
  /** `scorecard` (default) or `boosted`: the additive boosted family (shared/domain/rating/boosted). */
  family?: 'scorecard' | 'boosted';
};

/**
 * Reads `input` and trains on it; the policy records the file's base name as its dataset.
 *
 * @example
 * const { policy, summary } = trainFromFile({ input: 'german-credit.csv', target: 'bad', exclude: ['class'] });
 */
export const trainFromFile = ({ input, now = new Date(), family = 'scorecard', ...options }: TrainFileOptions) => {
  const started = performance.now();
  const train = family === 'boosted' ? trainBoostedPolicy : trainScorecard;
  const { policy, report } = train(readTrainingRows(input), { ...options, dataset: basename(input), now });
  const millis = Math.round(performance.now() - started);
  const f3 = (n: number): string => n.toFixed(3);
  const summary = [
    `rows ${report.rows} (bad ${report.bads}), ${report.folds}-fold CV`,
    `AUC ${f3(report.auc)} (folds ${report.foldAuc.map(f3).join(' ')}; pooled ${f3(report.pooledAuc)})  Gini ${f3(report.gini)}  KS ${f3(report.ks)}`,
    ...(report.cutoff ? [`cost-optimal PD cutoff ${f3(report.cutoff.pd)}: cost ${report.cutoff.cost} (${f3(report.cutoff.costPerApplicant)} per applicant)`] : []),
    'feature                          kind         IV     used  note',
    ...[...report.features]
      .sort((a, b) => b.iv - a.iv)
      .map((f) => `${f.column.padEnd(32)} ${f.kind.padEnd(11)} ${f.iv.toFixed(3).padStart(6)}  ${f.selected ? 'yes ' : 'no  '}  ${f.note ?? ''}`),
    `${policy.scoring.features.length} features${policy.scoring.pairs ? ` and ${policy.scoring.pairs.length} pairs` : ''} in draft ${family} policy v${policy.version}; base points ${policy.scoring.basePoints}; ${millis} ms`,
  ];
  return { policy, report, summary };
};
