import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import { boostedModelToPolicy, trainBoostedPolicy } from '../../../shared/domain/rating/boosted/boosted-policy.js';
import { predictBoostedPd, predictLogit, seededRandom, trainBoosted } from '../../../shared/domain/rating/boosted/train-boosted.js';
import { extractFromRecord } from '../../../shared/domain/rating/features.js';
import { parsePolicy } from '../../../shared/domain/rating/policy.js';
import { adverseReasons, maxPoints, scalingConstants } from '../../../shared/domain/rating/scorecard.js';
import { scoreValues } from '../../../shared/domain/rating/scoring/score-values.js';
import { auc } from '../../../shared/domain/rating/training/metrics.js';
import { fitModel, predictPd } from '../../../shared/domain/rating/training/train-scorecard.js';

type Row = Record<string, string | number>;

/** Seeded rows whose default risk rises with utilisation, falls with age, varies by region and carries an XOR interaction of a and b. */
const synthetic = (n: number, seed: number): Row[] => {
  const rnd = seededRandom(seed);
  const region = { N: -0.4, S: 0.3, E: 0, W: 0.6 } as const;
  return Array.from({ length: n }, () => {
    const utilisation = Math.round(rnd() * 120) / 100;
    const age = 20 + Math.floor(rnd() * 50);
    const r = (['N', 'S', 'E', 'W'] as const)[Math.floor(rnd() * 4)]!;
    const a = Math.round(rnd() * 100) / 100;
    const b = Math.round(rnd() * 100) / 100;
    const xor = a > 0.5 !== b > 0.5 ? 1 : -1;
    const logit = -1.2 + 2 * utilisation - 0.03 * (age - 45) + region[r] + 1.4 * xor;
    return { utilisation, age, region: r, a, b, noise: Math.round(rnd() * 1000), bad: rnd() < 1 / (1 + Math.exp(-logit)) ? 1 : 0 };
  });
};

const COLUMNS = [
  { name: 'utilisation', kind: 'numeric' },
  { name: 'age', kind: 'numeric' },
  { name: 'region', kind: 'categorical' },
  { name: 'a', kind: 'numeric' },
  { name: 'b', kind: 'numeric' },
  { name: 'noise', kind: 'numeric' },
] as const;

const FAST = { maxRounds: 300, bags: 2, learningRate: 0.1, seed: 7 };
const TRAIN = synthetic(3000, 1);
const BAD = TRAIN.map((r) => r['bad'] === 1);
const MODEL = trainBoosted(TRAIN, BAD, COLUMNS, FAST);

describe('boosted family', () => {
  it('gives a byte-identical policy for the same rows and seed, and a different one for another seed', () => {
    // Act
    const one = trainBoostedPolicy(TRAIN.slice(0, 1200), { target: 'bad', folds: 2, ...FAST }).policy;
    const two = trainBoostedPolicy(TRAIN.slice(0, 1200), { target: 'bad', folds: 2, ...FAST }).policy;
    const other = trainBoostedPolicy(TRAIN.slice(0, 1200), { target: 'bad', folds: 2, ...FAST, seed: 8 }).policy;
    // Assess
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(one));
    expect(one.scoring.family).toBe('boosted');
  });

  it('learns shape functions that are monotone where the data is (risk rises with utilisation, falls with age)', () => {
    // Act
    const model = MODEL;
    // Assess
    const shape = (column: string): number[] => {
      const j = model.columns.findIndex((c) => c.column === column);
      const c = model.columns[j]!;
      return model.mains[j]!.slice(0, c.edges!.length);
    };
    const util = shape('utilisation');
    const age = shape('age');
    expect(util.length).toBeGreaterThan(2);
    for (let i = 1; i < util.length; i += 1) expect(util[i]!).toBeGreaterThanOrEqual(util[i - 1]! - 0.02);
    for (let i = 1; i < age.length; i += 1) expect(age[i]!).toBeLessThanOrEqual(age[i - 1]! + 0.02);
    expect(util[util.length - 1]! - util[0]!).toBeGreaterThan(1);
  });

  it('chooses the interacting pair first and at most 10 pairs', () => {
    const model = MODEL;
    const names = model.pairs.map((p) => [model.columns[p.a]!.column, model.columns[p.b]!.column].sort().join('×'));
    expect(names[0]).toBe('a×b');
    expect(model.pairs.length).toBeLessThanOrEqual(10);
    expect(trainBoosted(TRAIN, BAD, COLUMNS, { ...FAST, maxPairs: 0 }).pairs).toEqual([]);
  });

  it('scores by lookups exactly what the model predicts', () => {
    // Prepare
    const model = MODEL;
    const policy = boostedModelToPolicy(model, { target: 'bad' });
    const { factor, offset } = scalingConstants(policy.scoring.scaling);
    // Act + Assess
    for (const row of synthetic(200, 99)) {
      const looked = scoreValues(extractFromRecord(row, policy.scoring.features), policy);
      expect(looked.score).toBeCloseTo(offset - factor * predictLogit(model, row), 1);
      expect(Math.abs(looked.pd - predictBoostedPd(model, row))).toBeLessThan(5e-4);
    }
  });

  it('names as reasons the terms furthest below their maximum, as the scorecard does', () => {
    const policy = boostedModelToPolicy(MODEL, { target: 'bad' });
    const row = { utilisation: 1.15, age: 21, region: 'W', a: 0.9, b: 0.1, noise: 5 };
    const outcome = scoreValues(extractFromRecord(row, policy.scoring.features), policy);
    const reasons = adverseReasons(outcome.items, 4);
    const shortfalls = policy.scoring.characteristics
      .map((c) => ({ code: c.reasonCode, short: maxPoints(c) - outcome.items.find((i) => i.feature === c.feature)!.points }))
      .filter((x) => x.short > 0)
      .sort((x, y) => y.short - x.short);
    expect(reasons.map((r) => r.reasonCode)).toEqual(shortfalls.slice(0, 4).map((x) => x.code));
    expect(reasons[0]!.reasonText).toBe('Unfavourable utilisation');
  });

  it('beats the scorecard on held-out data with an interaction', () => {
    // Prepare
    const test = synthetic(2000, 2);
    const testBad = test.map((r) => r['bad'] === 1);
    // Act
    const boosted = MODEL;
    const { model } = fitModel(TRAIN, BAD, COLUMNS, { target: 'bad' });
    const aucBoosted = auc(test.map((r) => predictBoostedPd(boosted, r)), testBad);
    const aucCard = auc(test.map((r) => predictPd(model, r)), testBad);
    // Assess
    expect(aucBoosted).toBeGreaterThan(aucCard + 0.03);
  });

  it('refuses pairs outside the boosted family and tables of the wrong shape, with their paths', () => {
    const policy = boostedModelToPolicy(MODEL, { target: 'bad' });
    const json = JSON.parse(JSON.stringify(policy)) as { scoring: { family?: string; pairs: { table: number[][] }[] } };
    json.scoring.pairs[0]!.table[0]!.push(1);
    const scorecard = { ...json, scoring: { ...json.scoring, family: 'scorecard' } };
    const paths = (doc: unknown): string[] => {
      try {
        parsePolicy(doc);
        return [];
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        return e.issues.map((i) => i.path);
      }
    };
    expect(paths(json)).toEqual(['scoring.pairs[0].table[0]']);
    expect(paths(scorecard)).toContain('scoring.pairs');
  });
});
