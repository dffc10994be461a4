/**
 * Trains a draft risk policy from labelled history: the logic of `rb train`
 * (packages/rb/src/commands/train.ts parses the flags and uploads with `--post`).
 *
 * NDJSON is what the hub exports from its own history (one object per customer with the
 * feature columns and the recorded default outcome); anything else is read as CSV with a header row.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { TrainingInputError, type TrainingRow } from '../shared/domain/rating/training/columns.js';
import { trainPolicy, type TrainPolicyOptions } from '../shared/domain/rating/training/train-policy.js';
import { trainBoostedPolicy } from '../shared/domain/rating/boosted/boosted-policy.js';

const NdjsonRowSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** Rows of a `.ndjson`/`.jsonl` text (flat objects of scalars) or of a CSV text with a header row. */
export const parseTrainingRows = (text: string, name: string): TrainingRow[] => {
  if (/\.(nd)?jsonl?$/i.test(name)) {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, i) => {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          throw new TrainingInputError(`${name} line ${i + 1}: not valid JSON`);
        }
        const parsed = NdjsonRowSchema.safeParse(value);
        if (!parsed.success) throw new TrainingInputError(`${name} line ${i + 1}: not a flat JSON object of scalars`);
        return parsed.data;
      });
  }
  try {
    return parseCsv(text, { columns: true, skip_empty_lines: true, trim: true }) as TrainingRow[];
  } catch (error) {
    throw new TrainingInputError(`${name}: not a CSV file with a header row (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
};

/** Rows of a training file (see parseTrainingRows). */
export const readTrainingRows = (path: string): TrainingRow[] => parseTrainingRows(readFileSync(path, 'utf8'), path);

export type TrainFileOptions = Omit<TrainPolicyOptions, 'dataset' | 'sha256'> & { input: string };

const f3 = (n: number): string => n.toFixed(3);

/**
 * Reads `input` and trains on it; the policy records the file's base name, SHA-256, the tool
 * version and the flags. Returns the policy, the report and a short summary for stderr.
 *
 * @example
 * const { policy, summary } = trainFromFile({ input: 'german-credit.csv', target: 'bad', exclude: ['class'] });
 */
export const trainFromFile = ({ input, ...options }: TrainFileOptions) => {
  const bytes = readFileSync(input);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const started = performance.now();
  const rows = parseTrainingRows(bytes.toString('utf8'), input);
  const { policy, report } = trainPolicy(rows, { ...options, dataset: basename(input), sha256 });
  const millis = Math.round(performance.now() - started);
  const m = (x: { auc: number; gini: number; ks: number; brier: number; rows: number }): string =>
    `AUC ${f3(x.auc)}  Gini ${f3(x.gini)}  KS ${f3(x.ks)}  Brier ${f3(x.brier)}  (${x.rows} rows)`;
  const summary = [
    `out of fold (${report.folds} folds): ${m(report.outOfFold)}; fold AUC ${report.outOfFold.foldAuc.map(f3).join(' ')}`,
    ...(report.holdout ? [`hold-out:              ${m(report.holdout)}; score PSI train→hold-out ${f3(report.psi ?? 0)}`] : []),
    `L2 per row ${report.l2PerRow} (CV); calibration ${report.calibration.method}`,
    'column                           kind        IV     trend       used  note',
    ...[...report.columns]
      .sort((a, b) => b.iv - a.iv)
      .map((c) => `${c.column.padEnd(32)} ${c.kind.padEnd(11)} ${c.iv.toFixed(3).padStart(6)}  ${c.trend.padEnd(10)}  ${c.selected ? 'yes ' : 'no  '}  ${[...c.detected, c.note ?? ''].filter(Boolean).join('; ')}`),
    `master scale: ${report.masterScale.train.map((g) => `${g.grade} ${(g.share * 100).toFixed(1)}%`).join(', ')}`,
    ...report.protected.map((p) => `protected ${p.column}: ${p.groups.map((g) => `${g.group} AUC ${f3(g.auc)} approved ${(g.approvalRate * 100).toFixed(1)}% PD ${f3(g.meanPd)} AIR ${f3(g.adverseImpactRatio)}`).join(' | ')}`),
    `${policy.scoring.features.length} features in draft policy v${policy.version}; ${millis} ms`,
  ];
  return { policy, report, summary, millis };
};

export type TrainBoostedFileOptions = Pick<TrainPolicyOptions, 'target' | 'badValue' | 'exclude' | 'folds' | 'seed' | 'costRatio' | 'version' | 'name' | 'scaling'> & {
  input: string;
  trainedAt?: Date;
};

/**
 * Reads `input` and trains the additive boosted family on it (shared/domain/rating/boosted);
 * column typing, selection and the v2 report belong to the scorecard trainer above.
 *
 * @example
 * const { policy, summary } = trainBoostedFromFile({ input: 'german-credit.csv', target: 'bad', exclude: ['class'] });
 */
export const trainBoostedFromFile = ({ input, trainedAt, ...options }: TrainBoostedFileOptions) => {
  const started = performance.now();
  const { policy, report } = trainBoostedPolicy(readTrainingRows(input), { ...options, dataset: basename(input), ...(trainedAt ? { now: trainedAt } : {}) });
  const millis = Math.round(performance.now() - started);
  const summary = [
    `rows ${report.rows} (bad ${report.bads}), ${report.folds}-fold CV`,
    `AUC ${f3(report.auc)} (folds ${report.foldAuc.map(f3).join(' ')})  Gini ${f3(report.gini)}  KS ${f3(report.ks)}`,
    `${policy.scoring.features.length} features${policy.scoring.pairs ? ` and ${policy.scoring.pairs.length} pairs` : ''} in draft boosted policy v${policy.version}; base points ${policy.scoring.basePoints}; ${millis} ms`,
  ];
  return { policy, report, summary, millis };
};
