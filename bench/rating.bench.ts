/**
 * Rating engine benchmark: ratings per second on one core over a 100k-customer synthetic
 * portfolio, backtest wall time for that portfolio (default policy vs a stricter draft, streamed),
 * and scorecard training time on the German credit data.
 * Run: npx tsx bench/rating.bench.ts [customers] — prints a table, last line `BENCH_JSON {...}`.
 */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { CustomerProfile } from '../shared/domain/profile/customer-profile.js';
import { backtest } from '../shared/domain/rating/backtest.js';
import { DEFAULT_POLICY, DEFAULT_POLICY_INPUT } from '../shared/domain/rating/default-policy.js';
import { parsePolicy } from '../shared/domain/rating/policy.js';
import { rateProfile } from '../shared/domain/rating/rate-profile.js';
import { trainScorecard, type TrainingRow } from '../shared/domain/rating/training/train-scorecard.js';
import { NOW, syntheticPortfolio, syntheticProfile } from '../test/fixtures/rating/profiles.js';
import { datasetPath } from '../test/support/datasets.js';

const N = Number(process.argv[2] ?? 100_000);
const CHUNK = 10_000;
const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
let peakHeap = 0;
const sampleHeap = (): void => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};

// 1. Ratings per second: profiles generated in chunks outside the timed section.
const latencies: number[] = [];
let rateMs = 0;
let rated = 0;
let insufficient = 0;
for (let start = 0; start < N; start += CHUNK) {
  const chunk: CustomerProfile[] = [];
  for (let i = start; i < Math.min(N, start + CHUNK); i += 1) chunk.push(syntheticProfile(i));
  const t0 = performance.now();
  for (const p of chunk) {
    const s = performance.now();
    const r = rateProfile(p, DEFAULT_POLICY, NOW);
    latencies.push(performance.now() - s);
    if (r.status === 'insufficient_data') insufficient += 1;
    rated += 1;
  }
  rateMs += performance.now() - t0;
  sampleHeap();
}
latencies.sort((a, b) => a - b);
const pct = (q: number): number => Math.round((latencies[Math.floor(q * (latencies.length - 1))] ?? 0) * 1000) / 1000;

// 2. Backtest wall time (two ratings per customer, generation included and also measured alone).
const draft = parsePolicy({ ...structuredClone(DEFAULT_POLICY_INPUT), version: 2, status: 'draft', scorecard: { ...structuredClone(DEFAULT_POLICY_INPUT.scorecard), basePoints: 250 } });
const g0 = performance.now();
let generated = 0;
for (const p of syntheticPortfolio(N)) generated += p.aggregates.orders.count >= 0 ? 1 : 0;
if (generated !== N) throw new Error(`generator produced ${generated} of ${N} profiles`);
const generateMs = performance.now() - g0;
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const b0 = performance.now();
const report = backtest(
  (function* () {
    let i = 0;
    for (const p of syntheticPortfolio(N)) {
      if ((i += 1) % 5_000 === 0) sampleHeap();
      yield p;
    }
  })(),
  DEFAULT_POLICY,
  draft,
  NOW,
);
const backtestMs = performance.now() - b0;
sampleHeap();
const heapAfter = process.memoryUsage().heapUsed;

// 3. Training on German credit (5-fold CV + final fit).
const rows = parseCsv(readFileSync(datasetPath('german-credit.csv'), 'utf8'), { columns: true, skip_empty_lines: true }) as TrainingRow[];
const t0 = performance.now();
const trained = trainScorecard(rows, { target: 'bad', exclude: ['class'], folds: 5, costRatio: 5 });
const trainMs = performance.now() - t0;

const result = {
  area: 'rating',
  node: process.version,
  customers: N,
  ratingsPerSecond: Math.round(rated / (rateMs / 1000)),
  rateLatencyMs: { p50: pct(0.5), p99: pct(0.99), max: pct(1) },
  insufficientData: insufficient,
  backtest: {
    wallMs: Math.round(backtestMs),
    generationMs: Math.round(generateMs),
    downgrades: report.downgrades,
    upgrades: report.upgrades,
    heapBeforeMiB: mib(heapBefore),
    heapAfterMiB: mib(heapAfter),
  },
  peakHeapUsedMiB: mib(peakHeap),
  training: { rows: rows.length, folds: 5, ms: Math.round(trainMs), auc: Math.round(trained.report.auc * 1000) / 1000 },
};

const table: [string, string][] = [
  ['customers', String(N)],
  ['ratings/s (1 core)', String(result.ratingsPerSecond)],
  ['rate p50 / p99 / max ms', `${result.rateLatencyMs.p50} / ${result.rateLatencyMs.p99} / ${result.rateLatencyMs.max}`],
  ['insufficient data', String(insufficient)],
  ['backtest wall ms (2 ratings + generation each)', String(result.backtest.wallMs)],
  ['  of which generating profiles ms', String(result.backtest.generationMs)],
  ['backtest downgrades / upgrades', `${report.downgrades} / ${report.upgrades}`],
  ['heap used before / after backtest MiB', `${result.backtest.heapBeforeMiB} / ${result.backtest.heapAfterMiB}`],
  ['peak heap used MiB (sampled)', String(result.peakHeapUsedMiB)],
  ['train german-credit 5-fold ms', String(result.training.ms)],
  ['train german-credit 5-fold AUC', String(result.training.auc)],
];
const width = Math.max(...table.map(([k]) => k.length));
console.log(`${'metric'.padEnd(width)} | value`);
console.log(`${'-'.repeat(width)}-|------`);
for (const [k, v] of table) console.log(`${k.padEnd(width)} | ${v}`);
console.log(`BENCH_JSON ${JSON.stringify(result)}`);
