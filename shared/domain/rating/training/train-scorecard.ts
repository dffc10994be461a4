import { DEFAULT_POLICY_INPUT } from '../default-policy.js';
import { coerceAttribute } from '../features.js';
import { parsePolicy, type RiskPolicy, type RiskPolicyV1Input as RiskPolicyInput, type Scaling } from '../policy.js';
import { scalingConstants } from '../scorecard.js';
import { fitLogistic, predictLogistic } from './logistic-regression.js';
import { auc, costOptimalCutoff, ks } from './metrics.js';
import { binCategorical, binNumeric, categoryWoe, numericWoe, type Binning, type BinningOptions, type CategoryWoeBin, type NumericWoeBin } from './woe-binning.js';
import { assignFolds } from './folds.js';

export { assignFolds } from './folds.js';

/** One labelled row: a CSV line or an NDJSON object of the hub's exported history. */
export type TrainingRow = Record<string, unknown>;

export interface TrainingOptions extends BinningOptions {
  target: string;
  /** Target value that marks a bad outcome (compared as trimmed text). */
  badValue?: string;
  /** Columns never used as features (ids, leaks such as a second copy of the target). */
  exclude?: readonly string[];
  folds?: number;
  /** Features with a lower information value are dropped. */
  minIv?: number;
  /** Features with a higher information value are dropped as probable target leaks. */
  maxIv?: number;
  l2?: number;
  scaling?: Scaling;
  /** Cost of accepting a bad relative to rejecting a good (German credit: 5). */
  costRatio?: number;
  seed?: number;
  version?: number;
  name?: string;
  dataset?: string;
  now?: Date;
}

type ColumnKind = 'numeric' | 'categorical';

interface FittedFeature {
  column: string;
  kind: ColumnKind;
  binning: Binning<NumericWoeBin> | Binning<CategoryWoeBin>;
  coefficient: number;
}

export interface FittedModel {
  intercept: number;
  features: FittedFeature[];
}

export interface FeatureReport {
  column: string;
  kind: ColumnKind;
  iv: number;
  selected: boolean;
  note?: string;
}

export interface TrainingReport {
  rows: number;
  bads: number;
  folds: number;
  foldAuc: number[];
  /** Mean AUC over the folds. */
  auc: number;
  /** AUC of the pooled out-of-fold PDs. */
  pooledAuc: number;
  /** KS of the pooled out-of-fold PDs. */
  ks: number;
  /** 2 · mean fold AUC − 1. */
  gini: number;
  cutoff?: { pd: number; cost: number; costPerApplicant: number };
  features: FeatureReport[];
}

interface Prepared {
  columns: { name: string; kind: ColumnKind }[];
  bad: boolean[];
  rows: TrainingRow[];
}

/** Column types: numeric when every non-blank value parses as a finite number, categorical otherwise. */
export const detectColumns = (rows: readonly TrainingRow[], skip: ReadonlySet<string>): { name: string; kind: ColumnKind }[] => {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((n) => !skip.has(n));
  return names.map((name) => {
    const numeric = rows.every((r) => {
      const v = r[name];
      if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return true;
      return coerceAttribute(v, 'numeric') !== undefined;
    });
    return { name, kind: numeric ? 'numeric' : 'categorical' };
  });
};

const prepare = (rows: readonly TrainingRow[], o: TrainingOptions): Prepared => {
  const badValue = (o.badValue ?? '1').trim();
  const labelled = rows.filter((r) => r[o.target] !== undefined && r[o.target] !== null && String(r[o.target]).trim() !== '');
  return {
    rows: labelled,
    bad: labelled.map((r) => String(r[o.target]).trim() === badValue),
    columns: detectColumns(labelled, new Set([o.target, ...(o.exclude ?? [])])),
  };
};

const valueOf = (row: TrainingRow, f: { column: string; kind: ColumnKind }): number | string | undefined => coerceAttribute(row[f.column], f.kind);

const woeFor = (f: Omit<FittedFeature, 'coefficient'>, row: TrainingRow): number => {
  const v = valueOf(row, f);
  return f.kind === 'numeric'
    ? numericWoe(f.binning as Binning<NumericWoeBin>, v as number | undefined)
    : categoryWoe(f.binning as Binning<CategoryWoeBin>, v as string | undefined);
};

/**
 * Fits WOE binnings, selects features by IV, and fits the logistic regression on WOE values;
 * features whose coefficient has the wrong sign (higher WOE must mean lower PD) are dropped and
 * the model refitted.
 */
export const fitModel = (
  rows: readonly TrainingRow[],
  bad: readonly boolean[],
  columns: readonly { name: string; kind: ColumnKind }[],
  o: TrainingOptions,
): { model: FittedModel; features: FeatureReport[] } => {
  const { minIv = 0.02, maxIv = 2 } = o;
  const reports: FeatureReport[] = [];
  let candidates: Omit<FittedFeature, 'coefficient'>[] = [];
  for (const c of columns) {
    const values = rows.map((r) => valueOf(r, { column: c.name, kind: c.kind }));
    const binning =
      c.kind === 'numeric' ? binNumeric(values as (number | undefined)[], bad, o) : binCategorical(values as (string | undefined)[], bad, o);
    const report: FeatureReport = { column: c.name, kind: c.kind, iv: binning.iv, selected: false };
    if (binning.iv < minIv) report.note = `IV below ${minIv}`;
    else if (binning.iv > maxIv) report.note = `IV above ${maxIv}: probable target leak`;
    else candidates.push({ column: c.name, kind: c.kind, binning });
    reports.push(report);
  }
  const y = bad.map((b) => (b ? 1 : 0));
  for (;;) {
    const x = rows.map((r) => candidates.map((f) => woeFor(f, r)));
    const lr = fitLogistic(x, y, { l2: o.l2 ?? 1e-3 });
    const wrong = lr.coefficients.findIndex((b) => b > 0);
    if (wrong === -1 || candidates.length === 1) {
      const features = candidates.map((f, i) => ({ ...f, coefficient: lr.coefficients[i]! }));
      for (const f of features) reports.find((r) => r.column === f.column)!.selected = true;
      return { model: { intercept: lr.intercept, features }, features: reports };
    }
    reports.find((r) => r.column === candidates[wrong]!.column)!.note = 'dropped: coefficient sign contradicts WOE (collinear)';
    candidates = candidates.filter((_, i) => i !== wrong);
  }
};

/** PD of a row under a fitted model. */
export const predictPd = (model: FittedModel, row: TrainingRow): number =>
  predictLogistic(
    { intercept: model.intercept, coefficients: model.features.map((f) => f.coefficient), iterations: 0, converged: true },
    model.features.map((f) => woeFor(f, row)),
  );

/** A policy feature id for a training column: lower snake case, unique among `taken`. */
export const featureId = (column: string, taken: Set<string>): string => {
  let id = column
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  if (!/^[a-z]/.test(id)) id = `f_${id}`;
  let unique = id;
  for (let i = 2; taken.has(unique); i += 1) unique = `${id}_${i}`;
  taken.add(unique);
  return unique;
};

/**
 * Turns a fitted model into a DRAFT risk policy: one `column` feature per selected input column,
 * points = −factor · coefficient · WOE, base points = offset − factor · intercept, so that
 * score = offset + factor · ln(odds good:bad). Everything else (master scale, RFM, limits,
 * alerts) comes from the default policy.
 */
export const modelToPolicy = (model: FittedModel, o: TrainingOptions, report?: TrainingReport): RiskPolicy => {
  const scaling = o.scaling ?? { baseScore: 600, baseOdds: 50, pdo: 20 };
  const { factor, offset } = scalingConstants(scaling);
  const pts = (coef: number, woe: number): number => Math.round(-factor * coef * woe);
  const taken = new Set<string>();
  const features: RiskPolicyInput['features'] = [];
  const characteristics: RiskPolicyInput['scorecard']['characteristics'] = [];
  model.features.forEach((f, i) => {
    const id = featureId(f.column, taken);
    features.push({ id, label: f.column, extractor: { type: 'column', column: f.column, kind: f.kind } });
    const reason = { reasonCode: `T${String(i + 1).padStart(2, '0')}`, reasonText: `Unfavourable ${f.column}` };
    if (f.kind === 'numeric') {
      const b = f.binning as Binning<NumericWoeBin>;
      characteristics.push({
        type: 'numeric',
        feature: id,
        bins: b.bins.map((bin) => ({ ...(bin.from === undefined ? {} : { from: bin.from }), ...(bin.to === undefined ? {} : { to: bin.to }), points: pts(f.coefficient, bin.woe), woe: bin.woe })),
        missingPoints: pts(f.coefficient, b.missing.woe),
        ...reason,
      });
    } else {
      const b = f.binning as Binning<CategoryWoeBin>;
      characteristics.push({
        type: 'categorical',
        feature: id,
        bins: b.bins.map((bin) => ({ values: bin.values, points: pts(f.coefficient, bin.woe), woe: bin.woe })),
        otherPoints: pts(f.coefficient, b.other ?? 0),
        missingPoints: pts(f.coefficient, b.missing.woe),
        ...reason,
      });
    }
  });
  const base = structuredClone(DEFAULT_POLICY_INPUT);
  return parsePolicy({
    ...base,
    version: o.version ?? 1,
    name: o.name ?? `Trained on ${o.dataset ?? 'labelled history'}`,
    status: 'draft',
    description: `WOE logistic scorecard trained on ${o.dataset ?? 'labelled history'} (target ${o.target}).`,
    features,
    scorecard: { scaling, basePoints: Math.round(offset - factor * model.intercept), characteristics },
    minimumData: { minFeatures: Math.ceil(features.length / 2) },
    ...(report
      ? {
          training: {
            dataset: o.dataset ?? 'labelled history',
            rows: report.rows,
            target: o.target,
            folds: report.folds,
            auc: report.auc,
            ks: report.ks,
            gini: report.gini,
            ...(report.cutoff ? { cutoffPd: report.cutoff.pd } : {}),
            trainedAt: (o.now ?? new Date(0)).toISOString(),
          },
        }
      : {}),
  });
};

/**
 * Trains a scorecard: k-fold cross-validation (binning and regression refitted inside each fold,
 * metrics on the pooled out-of-fold PDs), then a final fit on all rows written as a draft policy.
 */
export const trainScorecard = (input: readonly TrainingRow[], o: TrainingOptions): { policy: RiskPolicy; report: TrainingReport; model: FittedModel } => {
  const { rows, bad, columns } = prepare(input, o);
  if (rows.length === 0 || !bad.some((b) => b) || bad.every((b) => b)) {
    throw new RangeError(`Training needs labelled rows of both outcomes in column "${o.target}"`);
  }
  const folds = Math.max(2, o.folds ?? 5);
  const fold = assignFolds(bad, folds, o.seed);
  const oof = new Array<number>(rows.length).fill(0);
  const foldAuc: number[] = [];
  for (let k = 0; k < folds; k += 1) {
    const train = rows.filter((_, i) => fold[i] !== k);
    const trainBad = bad.filter((_, i) => fold[i] !== k);
    const { model } = fitModel(train, trainBad, columns, o);
    const testIdx = rows.map((_, i) => i).filter((i) => fold[i] === k);
    for (const i of testIdx) oof[i] = predictPd(model, rows[i]!);
    foldAuc.push(auc(testIdx.map((i) => oof[i]!), testIdx.map((i) => bad[i]!)));
  }
  const { model, features } = fitModel(rows, bad, columns, o);
  const cut = o.costRatio === undefined ? undefined : costOptimalCutoff(oof, bad, o.costRatio);
  const meanAuc = foldAuc.reduce((a, b) => a + b, 0) / folds;
  const report: TrainingReport = {
    rows: rows.length,
    bads: bad.filter((b) => b).length,
    folds,
    foldAuc,
    auc: meanAuc,
    pooledAuc: auc(oof, bad),
    ks: ks(oof, bad),
    gini: 2 * meanAuc - 1,
    ...(cut ? { cutoff: { pd: cut.cutoff, cost: cut.cost, costPerApplicant: cut.cost / rows.length } } : {}),
    features,
  };
  return { policy: modelToPolicy(model, o, report), report, model };
};
