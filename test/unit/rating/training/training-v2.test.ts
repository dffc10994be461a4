import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreDistribution } from '../../../../shared/domain/rating/drift.js';
import { extractFeatures, extractFromRecord, viewProfile } from '../../../../shared/domain/rating/features.js';
import { parsePolicy, type PolicyFeature } from '../../../../shared/domain/rating/policy.js';
import { binIndex, fitBins } from '../../../../shared/domain/rating/training/binning.js';
import { fitMasterScale } from '../../../../shared/domain/rating/training/calibration.js';
import { profileColumns, TrainingInputError, type TrainingRow } from '../../../../shared/domain/rating/training/columns.js';
import { evaluateFormula, parseDeriveSpec, proposeDerived } from '../../../../shared/domain/rating/training/derived.js';
import { inHoldout } from '../../../../shared/domain/rating/training/folds.js';
import { selectFeatures } from '../../../../shared/domain/rating/training/selection.js';
import { trainPolicy } from '../../../../shared/domain/rating/training/train-policy.js';
import { syntheticCredit } from '../../../../bench/data/synthetic-credit.js';
import { prng, tradingProfile, NOW } from '../../../fixtures/rating/profiles.js';

const rowsOf = (csv: string): TrainingRow[] => {
  const [head, ...lines] = csv.trim().split('\n');
  const names = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v])));
};

/** Bad with probability p(x), seeded. */
const labelled = (n: number, x: (i: number) => number, p: (v: number) => number, seed = 1): { values: number[]; bad: boolean[] } => {
  const rnd = prng(seed);
  const values = Array.from({ length: n }, (_, i) => x(i));
  return { values, bad: values.map((v) => rnd() < p(v)) };
};

describe('fitBins', () => {
  it('detects an ascending bad rate and keeps it monotone across the merged bins', () => {
    const { values, bad } = labelled(5000, (i) => i % 100, (v) => 0.05 + 0.004 * v);
    const b = fitBins(values, bad, { kind: 'numeric' });
    expect(b.trend).toBe('ascending');
    const rates = b.bins.filter((x) => x.type === 'range').map((x) => x.badRate);
    expect(rates.length).toBeGreaterThan(2);
    for (let i = 1; i < rates.length; i += 1) expect(rates[i]!).toBeGreaterThanOrEqual(rates[i - 1]!);
  });

  it('detects a peak (risk highest in the middle) that a monotone binning would flatten', () => {
    const { values, bad } = labelled(8000, (i) => i % 100, (v) => 0.05 + 0.4 * Math.exp(-(((v - 50) / 12) ** 2)));
    const b = fitBins(values, bad, { kind: 'numeric' });
    expect(b.trend).toBe('peak');
  });

  it('keeps declared special values and missing values in bins of their own, so "2+ months late" is never binned with "paid"', () => {
    // PAY-style codes: −2/−1/0 good, 1 worse, 2+ much worse.
    const codes = [-2, -1, 0, 1, 2, 3];
    const risk: Record<number, number> = { [-2]: 0.1, [-1]: 0.1, 0: 0.15, 1: 0.3, 2: 0.6, 3: 0.7 };
    const rnd = prng(3);
    const values: (number | undefined)[] = Array.from({ length: 6000 }, (_, i) => (i % 50 === 0 ? undefined : codes[i % codes.length]!));
    const bad = values.map((v) => rnd() < (v === undefined ? 0.5 : risk[v]!));
    const b = fitBins(values, bad, { kind: 'numeric', special: [-2, -1, 0] });
    expect(b.bins.filter((x) => x.type === 'special').map((x) => (x.type === 'special' ? x.value : 0))).toEqual([-2, -1, 0]);
    const missing = b.bins[b.bins.length - 1]!;
    expect(missing.type).toBe('missing');
    expect(missing.good + missing.bad).toBe(120);
    expect(binIndex(b, 2)).not.toBe(binIndex(b, -1));
    expect(binIndex(b, undefined)).toBe(b.bins.length - 1);
    expect(b.bins[binIndex(b, 2)]!.badRate).toBeGreaterThan(0.5);
  });
});

describe('profileColumns', () => {
  it('reports low-cardinality integer codes as categorical and large-mass sentinels as special', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ edu: String(1 + (i % 4)), amount: i % 3 === 0 ? '0' : String(100 + i * 7) }));
    const [edu, amount] = profileColumns(rows, ['edu', 'amount']);
    expect(edu).toMatchObject({ kind: 'categorical', detected: ['4 integer codes: categorical'] });
    expect(amount).toMatchObject({ kind: 'numeric', special: [0] });
  });

  it('names column and row of non-numeric data in a numeric column', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ amount: i === 57 ? 'n/a' : String(i * 13.5) }));
    expect(() => profileColumns(rows, ['amount'])).toThrow(new TrainingInputError('column "amount" row 58: "n/a" is not a number (1 non-numeric of 100 values in a numeric column)'));
  });
});

describe('selectFeatures', () => {
  it('drops the weakest wrong-signed feature (lowest IV), not the first it meets, and refits', () => {
    const rnd = prng(5);
    const n = 3000;
    const good = Float64Array.from({ length: n }, () => rnd() * 2 - 1);
    const y = Array.from(good, (s) => (rnd() < 1 / (1 + Math.exp(2 * s)) ? 1 : 0));
    // Features whose WOE runs the wrong way: both get positive coefficients.
    const wrong1 = Float64Array.from(y, (v) => (v === 1 ? 0.3 : -0.3) + rnd());
    const wrong2 = Float64Array.from(y, (v) => (v === 1 ? 0.3 : -0.3) + rnd());
    const sel = selectFeatures(
      [
        { name: 'good', iv: 0.5, woe: good },
        { name: 'wrong_strong', iv: 0.2, woe: wrong1 },
        { name: 'wrong_weak', iv: 0.05, woe: wrong2 },
      ],
      y,
      { maxCorr: 1, l2: 0 },
    );
    expect(sel.dropped[0]).toMatchObject({ name: 'wrong_weak' });
    expect(sel.dropped[0]!.reason).toMatch(/weakest of wrong_strong, wrong_weak|weakest of wrong_weak, wrong_strong/);
    expect(sel.features.map((f) => f.name)).toEqual(['good']);
  });

  it('drops the weaker of two collinear features', () => {
    const rnd = prng(9);
    const a = Float64Array.from({ length: 1000 }, () => rnd());
    const b = Float64Array.from(a, (v) => v + 0.01 * rnd());
    const y = Array.from(a, (v) => (rnd() < v ? 0 : 1));
    const sel = selectFeatures([{ name: 'a', iv: 0.4, woe: a }, { name: 'b', iv: 0.3, woe: b }], y, { l2: 0 });
    expect(sel.dropped).toEqual([{ name: 'b', reason: expect.stringMatching(/^collinear with a/) }]);
  });
});

describe('derived features', () => {
  it('compute the same value in training (record) and in live rating (profile)', () => {
    const policyFeature = (op: 'ratio' | 'difference' | 'sum' | 'min' | 'max' | 'mean' | 'count' | 'trend', n: number): PolicyFeature => ({
      id: 'd',
      label: 'd',
      path: 'derived.formula',
      kind: 'numeric',
      formula: { op, inputs: Array.from({ length: n }, (_, i) => ({ path: `custom.c${i}`, trainingColumn: `C${i}` })), atLeast: 1 },
    });
    const value = fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: undefined });
    fc.assert(
      fc.property(fc.constantFrom('ratio', 'difference', 'sum', 'min', 'max', 'mean', 'count', 'trend') as fc.Arbitrary<'ratio'>, fc.array(value, { minLength: 6, maxLength: 6 }), (op, xs) => {
        const n = op === 'ratio' || op === 'difference' ? 2 : 6;
        const f = policyFeature(op, n);
        const record: Record<string, unknown> = Object.fromEntries(xs.slice(0, n).map((v, i) => [`C${i}`, v === undefined ? '' : String(v)]));
        const profile = tradingProfile();
        profile.custom = Object.fromEntries(
          xs.slice(0, n).flatMap((v, i) => (v === undefined ? [] : [[`c${i}`, { value: v, source: 'api', observedAt: NOW.toISOString() }]])),
        ) as typeof profile.custom;
        const live = extractFeatures(viewProfile(profile, NOW), [f]).d;
        const training = extractFromRecord(record, [f]).d;
        expect(live).toBe(training);
        expect(training).toBe(evaluateFormula(f.formula!, xs.slice(0, n)) ?? undefined);
      }),
      // Counterexamples found: a ratio over a subnormal divisor overflowed to Infinity in training only; −0 stayed −0 live.
      { numRuns: 200, examples: [['ratio', [-1.0658141036401503e-14, -5e-324, undefined, undefined, undefined, undefined]], ['max', [undefined, undefined, undefined, undefined, undefined, -0]]] },
    );
  });

  it('parse name=op(columns) and propose the standard credit features for UCI-style columns', () => {
    expect(parseDeriveSpec('late=count>=2(PAY_0,PAY_2)')).toEqual({ name: 'late', op: 'count', columns: ['PAY_0', 'PAY_2'], atLeast: 2 });
    expect(parseDeriveSpec('x=ratio(a)')).toBeUndefined();
    const cols = ['LIMIT_BAL', 'PAY_0', 'PAY_2', 'PAY_3', ...[1, 2, 3].map((m) => `BILL_AMT${m}`), ...[1, 2, 3].map((m) => `PAY_AMT${m}`)];
    expect(proposeDerived(cols).map((d) => `${d.name}=${d.op}(${d.columns.join(',')})`)).toEqual([
      'utilisation=ratio(BILL_AMT1,LIMIT_BAL)',
      'payment_to_bill=ratio(PAY_AMT1,BILL_AMT1)',
      'max_delinquency=max(PAY_0,PAY_2,PAY_3)',
      'months_late=count(PAY_0,PAY_2,PAY_3)',
      'bill_trend=trend(BILL_AMT3,BILL_AMT2,BILL_AMT1)',
    ]);
  });
});

describe('fitMasterScale', () => {
  it('fits at least 7 grades each holding at least 2 % with rising PD bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (seed) => {
        const rnd = prng(seed);
        const pds = Array.from({ length: 2000 }, () => 1 / (1 + Math.exp(-(-2 + 1.5 * (rnd() * 2 - 1) * 3))));
        const { scale, table } = fitMasterScale(pds);
        expect(scale.length).toBeGreaterThanOrEqual(7);
        expect(scale[scale.length - 1]!.maxPd).toBe(1);
        for (let i = 1; i < scale.length; i += 1) expect(scale[i]!.maxPd).toBeGreaterThan(scale[i - 1]!.maxPd);
        for (const g of table) expect(g.share).toBeGreaterThanOrEqual(0.02);
        for (let i = 1; i < table.length; i += 1) expect(table[i]!.meanPd).toBeGreaterThanOrEqual(table[i - 1]!.meanPd);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses PDs that take too few values for 7 grades', () => {
    expect(() => fitMasterScale([...Array(500).fill(0.1), ...Array(500).fill(0.2)])).toThrow(TrainingInputError);
  });
});

describe('trainPolicy', { timeout: 120_000 }, () => {
  const rows = rowsOf(syntheticCredit(3000, 3));
  const options = { target: 'default', exclude: ['ID'], deriveAuto: true, holdout: 0.3, seed: 42, folds: 3, trainedAt: new Date('2026-01-01T00:00:00Z') } as const;

  it('is reproducible: same rows and seed give byte-identical policy JSON, which parses and rates the hold-out', () => {
    const a = trainPolicy(rows, options);
    const b = trainPolicy(rowsOf(syntheticCredit(3000, 3)), options);
    expect(JSON.stringify(a.policy)).toBe(JSON.stringify(b.policy));
    expect(JSON.stringify(parsePolicy(JSON.parse(JSON.stringify(a.policy))))).toBe(JSON.stringify(a.policy));
    expect(a.policy.training).toMatchObject({ seed: 42, calibration: 'platt', rows: a.report.outOfFold.rows });
    expect(a.report.holdout!.auc).toBeGreaterThan(0.7);
    expect(a.policy.grades.scale.length).toBeGreaterThanOrEqual(7);
    expect(a.report.masterScale.train.every((g) => g.share >= 0.02)).toBe(true);
    expect(a.policy.scoring.features.some((f) => f.formula !== undefined)).toBe(true);
  });

  it("stores the development sample's score distribution in the policy: the decile shares of the training scores", () => {
    const { policy, report } = trainPolicy(rows, options);
    const stored = policy.training!.scoreDistribution!;
    const expected = scoreDistribution(report.charts.scores.train);
    expect(stored).toEqual(expected);
    expect(stored.rows).toBe(report.outOfFold.rows);
    expect(stored.edges.length).toBeGreaterThanOrEqual(5);
    expect(stored.shares.every((s) => s > 0.02 && s < 0.3)).toBe(true);
  });

  it('keeps protected columns out of the model and reports them per group', () => {
    const { policy, report } = trainPolicy(rows, { ...options, protected: ['SEX'] });
    expect(policy.scoring.features.map((f) => f.trainingColumn)).not.toContain('SEX');
    expect(report.protected[0]!.groups.map((g) => g.group)).toEqual(['1', '2']);
    expect(Math.max(...report.protected[0]!.groups.map((g) => g.adverseImpactRatio))).toBe(1);
  });

  it.for([
    { name: 'no target column', rows: [{ a: '1' }], target: 'bad', message: /^no target column "bad"/ },
    { name: 'constant target', rows: Array.from({ length: 50 }, (_, i) => ({ a: String(i), bad: '0' })), target: 'bad', message: /^target column "bad" is constant/ },
    { name: 'single-class fold', rows: Array.from({ length: 50 }, (_, i) => ({ a: String(i), bad: i < 3 ? '1' : '0' })), target: 'bad', message: /fold would hold a single class: 3 bad/ },
  ])('refuses $name with one TrainingInputError line', ({ rows: input, target, message }) => {
    expect(() => trainPolicy(input, { target })).toThrow(message);
  });

  it('hold-out by row hash takes about the requested share', () => {
    const held = Array.from({ length: 10_000 }, (_, i) => inHoldout(i, 42, 0.3)).filter(Boolean).length;
    expect(held).toBeGreaterThan(2850);
    expect(held).toBeLessThan(3150);
  });
});

const rb = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'packages/rb/src/main.ts', ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });

describe('rb train bad input', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'rb-train-'));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it.concurrent.for([
    { name: 'constant target', csv: `a,bad\n${Array.from({ length: 30 }, (_, i) => `${i},0`).join('\n')}\n`, says: 'target column "bad" is constant' },
    { name: 'no target', csv: 'a,b\n1,2\n', says: 'no target column "bad"' },
    { name: 'non-numeric', csv: `a,bad\n${Array.from({ length: 40 }, (_, i) => `${i === 7 ? 'x7' : i},${i % 2}`).join('\n')}\n`, says: 'column "a" row 8: "x7" is not a number' },
    { name: 'single-class fold', csv: `a,bad\n${Array.from({ length: 40 }, (_, i) => `${i},${i < 2 ? 1 : 0}`).join('\n')}\n`, says: 'single class' },
  ])('$name: one line, exit 2, no stack trace', async ({ name, csv, says }, { expect }) => {
    const { code, stdout, stderr } = await rb(['train', '--input', file(`${name}.csv`, csv), '--target', 'bad']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(says);
  });

  it.concurrent('unknown --exclude column: one line, exit 2', async ({ expect }) => {
    const { code, stderr } = await rb(['train', '--input', file('ok.csv', 'a,bad\n1,0\n2,1\n'), '--target', 'bad', '--exclude', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^rb train: no column "nope"/);
  });

  it.concurrent('--help works', async ({ expect }) => {
    const { code, stdout } = await rb(['train', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--holdout <share>');
    expect(stdout).toContain('--protected <columns>');
  });
});
