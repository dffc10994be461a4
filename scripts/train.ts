/**
 * Trains a WOE/logistic scorecard from labelled history and writes a DRAFT risk policy.
 *
 *   npm run train -- --input <file.csv|file.ndjson> --target <column> [--bad-value 1]
 *                    [--exclude a,b] [--out policy.json] [--folds 5] [--cost-ratio 5]
 *                    [--version 2] [--name "..."] [--pdo 20 --base-score 600 --base-odds 50]
 *
 * NDJSON is what the hub exports from its own history (one object per customer with the
 * feature columns and the recorded default outcome). The summary goes to stderr; the policy
 * to --out, or to stdout when --out is omitted. With `--post <hubUrl> --key <adminKey>` the draft is
 * also uploaded to the hub (`POST /v1/policies`, scope policies:manage) to be backtested and approved.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { trainScorecard, type TrainingRow } from '../shared/domain/rating/training/train-scorecard.js';

const { values } = parseArgs({
  options: {
    input: { type: 'string' },
    target: { type: 'string' },
    'bad-value': { type: 'string', default: '1' },
    exclude: { type: 'string', default: '' },
    out: { type: 'string' },
    folds: { type: 'string', default: '5' },
    'cost-ratio': { type: 'string' },
    version: { type: 'string', default: '1' },
    name: { type: 'string' },
    pdo: { type: 'string', default: '20' },
    'base-score': { type: 'string', default: '600' },
    'base-odds': { type: 'string', default: '50' },
    'min-iv': { type: 'string', default: '0.02' },
    post: { type: 'string' },
    key: { type: 'string' },
  },
});

const usage = 'usage: npm run train -- --input <csv|ndjson> --target <column> [--bad-value 1] [--exclude a,b] [--out policy.json] [--folds 5] [--cost-ratio 5]';
if (!values.input || !values.target) {
  console.error(usage);
  process.exit(2);
}

const NdjsonRowSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

const readRows = (path: string): TrainingRow[] => {
  const text = readFileSync(path, 'utf8');
  if (/\.(nd)?jsonl?$/i.test(path)) {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, i) => {
        const parsed = NdjsonRowSchema.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`line ${i + 1}: not a flat JSON object of scalars`);
        return parsed.data;
      });
  }
  return parseCsv(text, { columns: true, skip_empty_lines: true, trim: true }) as TrainingRow[];
};

const num = (v: string | undefined, name: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number`);
  return n;
};

const started = performance.now();
const rows = readRows(values.input);
const { policy, report } = trainScorecard(rows, {
  target: values.target,
  badValue: values['bad-value'],
  exclude: values.exclude.split(',').map((s) => s.trim()).filter(Boolean),
  folds: num(values.folds, 'folds'),
  minIv: num(values['min-iv'], 'min-iv'),
  ...(values['cost-ratio'] ? { costRatio: num(values['cost-ratio'], 'cost-ratio') } : {}),
  version: num(values.version, 'version'),
  dataset: basename(values.input),
  ...(values.name ? { name: values.name } : {}),
  scaling: { pdo: num(values.pdo, 'pdo'), baseScore: num(values['base-score'], 'base-score'), baseOdds: num(values['base-odds'], 'base-odds') },
  now: new Date(),
});

const f3 = (n: number): string => n.toFixed(3);
console.error(`rows ${report.rows} (bad ${report.bads}), ${report.folds}-fold CV`);
console.error(`AUC ${f3(report.auc)} (folds ${report.foldAuc.map(f3).join(' ')}; pooled ${f3(report.pooledAuc)})  Gini ${f3(report.gini)}  KS ${f3(report.ks)}`);
if (report.cutoff) console.error(`cost-optimal PD cutoff ${f3(report.cutoff.pd)}: cost ${report.cutoff.cost} (${f3(report.cutoff.costPerApplicant)} per applicant)`);
console.error('feature                          kind         IV     used  note');
for (const f of [...report.features].sort((a, b) => b.iv - a.iv)) {
  console.error(`${f.column.padEnd(32)} ${f.kind.padEnd(11)} ${f.iv.toFixed(3).padStart(6)}  ${f.selected ? 'yes ' : 'no  '}  ${f.note ?? ''}`);
}
console.error(`${policy.features.length} features in draft policy v${policy.version}; base points ${policy.scorecard.basePoints}; ${Math.round(performance.now() - started)} ms`);
const json = `${JSON.stringify(policy, null, 2)}\n`;
if (values.out) writeFileSync(values.out, json);
else if (!values.post) process.stdout.write(json);

if (values.post) {
  if (!values.key) {
    console.error('--post needs --key <admin API key with policies:manage>');
    process.exit(2);
  }
  const response = await fetch(new URL('/v1/policies', values.post), {
    method: 'POST',
    headers: { authorization: `Bearer ${values.key}`, 'content-type': 'application/json' },
    body: json,
    signal: AbortSignal.timeout(30_000),
  });
  const answer = await response.text();
  if (response.status !== 201) {
    console.error(`upload refused: HTTP ${response.status} ${answer}`);
    process.exit(1);
  }
  console.error(`draft policy v${policy.version} uploaded to ${values.post}; next: POST /v1/policies/${policy.version}/backtest, then approval by another admin`);
}
