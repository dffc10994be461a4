import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../shared/domain/rating/policy.js';
import { scoreRecord } from '../../../shared/domain/rating/scorecard.js';
import { fitLogistic } from '../../../shared/domain/rating/training/logistic-regression.js';
import { auc, costOptimalCutoff, gini, ks } from '../../../shared/domain/rating/training/metrics.js';
import { assignFolds, trainScorecard, type TrainingRow } from '../../../shared/domain/rating/training/train-scorecard.js';
import { binCategorical, binNumeric, informationValue, woeOf } from '../../../shared/domain/rating/training/woe-binning.js';
import { prng } from '../../fixtures/rating/profiles.js';
import { datasetPath } from '../../support/datasets.js';

/** Public data set: UCI "Statlog (German Credit Data)", Hofmann 1994, CC BY 4.0 — see ../shared/datasets/README.md. */
const GERMAN = datasetPath('german-credit.csv');

const repeat = <T>(value: T, n: number): T[] => Array.from({ length: n }, () => value);

describe('WOE and IV', () => {
  it('match a hand-computed two-category table', () => {
    // Prepare: A = 40 good / 10 bad, B = 60 good / 40 bad → WOE_A = ln(0.4/0.2), WOE_B = ln(0.6/0.8)
    const values = [...repeat('A', 50), ...repeat('B', 100)];
    const bad = [...repeat(false, 40), ...repeat(true, 10), ...repeat(false, 60), ...repeat(true, 40)];
    // Act
    const binning = binCategorical(values, bad, { smoothing: 0 });
    // Assess
    expect(binning.bins.map((b) => b.values)).toEqual([['A'], ['B']]);
    expect(binning.bins[0]!.woe).toBeCloseTo(Math.log(2), 12);
    expect(binning.bins[1]!.woe).toBeCloseTo(Math.log(0.75), 12);
    expect(binning.iv).toBeCloseTo(0.2 * Math.log(2) - 0.2 * Math.log(0.75), 12); // 0.19616
    expect(informationValue(binning.bins, { good: 100, bad: 50 }, 0)).toBeCloseTo(0.196166, 5);
  });

  it('pools rare categories into one bin that also scores unseen categories', () => {
    const values = [...repeat('A', 60), ...repeat('B', 38), 'C', 'D'];
    const bad = values.map((_, i) => i % 3 === 0);
    const binning = binCategorical(values, bad, { minBinShare: 0.05 });
    expect(binning.bins.map((b) => b.values)).toEqual([['A'], ['B'], ['C', 'D']]);
    expect(binning.other).toBe(binning.bins[2]!.woe);
  });

  it('gives missing values their own WOE and a neutral WOE when none are missing', () => {
    const bad = [true, false, false, true, false, false];
    expect(binNumeric([1, 2, undefined, 4, 5, 6], bad).missing).toMatchObject({ good: 1, bad: 0 });
    expect(binNumeric([1, 2, 3, 4, 5, 6], bad).missing.woe).toBe(0);
    expect(woeOf({ good: 0, bad: 0 }, { good: 4, bad: 2 })).toBeCloseTo(Math.log((0.5 / 4.5) / (0.5 / 2.5)), 12);
  });

  it('yields contiguous bins covering the line with monotonic WOE and all rows counted', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(fc.integer({ min: -50, max: 50 }), { nil: undefined }), fc.boolean()), { minLength: 20, maxLength: 300 }),
        (data) => {
          const values = data.map(([v]) => v);
          const bad = data.map(([, b]) => b);
          const { bins, missing } = binNumeric(values, bad, { maxBins: 8 });
          expect(bins[0]!.from).toBeUndefined();
          expect(bins[bins.length - 1]!.to).toBeUndefined();
          for (let i = 1; i < bins.length; i += 1) expect(bins[i]!.from).toBe(bins[i - 1]!.to);
          const diffs = bins.slice(1).map((b, i) => b.woe - bins[i]!.woe);
          expect(diffs.every((d) => d >= -1e-12) || diffs.every((d) => d <= 1e-12)).toBe(true);
          const counted = bins.reduce((a, b) => a + b.good + b.bad, 0) + missing.good + missing.bad;
          expect(counted).toBe(data.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('fitLogistic', () => {
  it('recovers known coefficients from synthetic data', () => {
    // Prepare: y ~ Bernoulli(sigmoid(-1 + 2·x1 − 0.5·x2)), x uniform on [-2, 2]
    const rnd = prng(7);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      const x1 = rnd() * 4 - 2;
      const x2 = rnd() * 4 - 2;
      x.push([x1, x2]);
      y.push(rnd() < 1 / (1 + Math.exp(-(-1 + 2 * x1 - 0.5 * x2))) ? 1 : 0);
    }
    // Act
    const model = fitLogistic(x, y, { l2: 0 });
    // Assess
    expect(model.converged).toBe(true);
    expect(model.intercept).toBeCloseTo(-1, 1);
    expect(model.coefficients[0]).toBeCloseTo(2, 1);
    expect(model.coefficients[1]).toBeCloseTo(-0.5, 1);
  });

  it('stays finite on perfectly separable data thanks to L2', () => {
    const model = fitLogistic([[0], [1], [2], [3]], [0, 0, 1, 1], { l2: 1 });
    expect(Number.isFinite(model.coefficients[0])).toBe(true);
    expect(model.coefficients[0]).toBeGreaterThan(0);
  });
});

describe('metrics', () => {
  it('computes AUC, Gini and KS on a known example', () => {
    const risk = [0.1, 0.4, 0.35, 0.8];
    const bad = [false, false, true, true];
    expect(auc(risk, bad)).toBe(0.75);
    expect(gini(risk, bad)).toBe(0.5);
    expect(ks(risk, bad)).toBe(0.5);
  });

  it('gives 0.5 for ties, 1 for a perfect ranking and 0 for an inverted one', () => {
    expect(auc([0.3, 0.3, 0.3], [true, false, false])).toBe(0.5);
    expect(auc([0.1, 0.2, 0.9], [false, false, true])).toBe(1);
    expect(auc([0.9, 0.2, 0.1], [false, false, true])).toBe(0);
    expect(ks([0.1, 0.2, 0.9], [false, false, true])).toBe(1);
  });

  it('picks the PD cutoff with the lowest 5:1 cost', () => {
    // Accepting the bad at 0.3 costs 5, rejecting the two goods at 0.3/0.5 costs 2: cutoff 0.3 rejects {0.3, 0.5, 0.9}
    const { cutoff, cost } = costOptimalCutoff([0.05, 0.1, 0.3, 0.3, 0.5, 0.9], [false, false, true, false, false, true], 5);
    expect(cutoff).toBe(0.3);
    expect(cost).toBe(2);
  });

  it('assigns stratified folds deterministically', () => {
    const bad = Array.from({ length: 100 }, (_, i) => i < 30);
    const folds = assignFolds(bad, 5, 1);
    expect(assignFolds(bad, 5, 1)).toEqual(folds);
    for (let k = 0; k < 5; k += 1) expect(folds.filter((f, i) => f === k && bad[i]).length).toBe(6);
  });
});

describe('trainScorecard on German credit', () => {
  const rows = parseCsv(readFileSync(GERMAN, 'utf8'), { columns: true, skip_empty_lines: true }) as TrainingRow[];

  it('writes a draft policy whose scorecard reaches AUC > 0.7 on a hold-out set', () => {
    // Prepare: 70/30 stratified split
    const bad = rows.map((r) => r.bad === '1');
    const fold = assignFolds(bad, 10, 3);
    const train = rows.filter((_, i) => fold[i]! >= 3);
    const holdout = rows.filter((_, i) => fold[i]! < 3);
    // Act
    const { policy, report } = trainScorecard(train, { target: 'bad', exclude: ['class'], folds: 3, dataset: 'german-credit.csv', now: new Date('2025-01-01T00:00:00Z') });
    const reparsed = parsePolicy(JSON.parse(JSON.stringify(policy)));
    const pd = holdout.map((r) => scoreRecord(r, reparsed).pd);
    // Assess
    expect(reparsed.status).toBe('draft');
    expect(reparsed.scoring.features.every((f) => f.trainingColumn !== undefined && f.path === `custom.${f.trainingColumn}`)).toBe(true);
    expect(reparsed.scoring.features.map((f) => f.id)).toContain('checking_status');
    expect(report.auc).toBeGreaterThan(0.7);
    expect(auc(pd, holdout.map((r) => r.bad === '1'))).toBeGreaterThan(0.7);
    expect(report.features.find((f) => f.column === 'num_dependents')?.selected).toBe(false);
  });

  it('flags a copy of the target as a leak instead of using it', () => {
    const { report } = trainScorecard(rows, { target: 'bad', folds: 2 });
    expect(report.features.find((f) => f.column === 'class')).toMatchObject({ selected: false, note: 'IV above 2: probable target leak' });
  });
});
