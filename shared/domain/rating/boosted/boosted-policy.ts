import { DEFAULT_POLICY_INPUT } from '../default-policy.js';
import { migratePolicyV1, parsePolicy, type RiskPolicy, type RiskPolicyV1Input, type Scaling } from '../policy.js';
import { RiskPolicyV1ObjectSchema } from '../policy-v1.js';
import { scalingConstants } from '../scorecard.js';
import { assignFolds, detectColumns, featureId, type TrainingReport, type TrainingRow } from '../training/train-scorecard.js';
import { auc, ks } from '../training/metrics.js';
import { predictBoostedPd, trainBoosted, type BoostedModel, type BoostedOptions } from './train-boosted.js';

export interface BoostedTrainingOptions extends BoostedOptions {
  target: string;
  badValue?: string;
  exclude?: readonly string[];
  folds?: number;
  scaling?: Scaling;
  version?: number;
  name?: string;
  dataset?: string;
  now?: Date;
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4 + 0;

/**
 * Writes a boosted model as a DRAFT policy of the boosted family: one characteristic per column
 * (its bins; points = −factor · contribution to the log-odds of a bad), base points = offset −
 * factor · intercept, and the pairwise terms as 2-D point tables over the two columns' slots. The
 * policy's lookups reproduce the model: score = offset + factor · ln(odds good:bad).
 */
export const boostedModelToPolicy = (model: BoostedModel, o: BoostedTrainingOptions, report?: TrainingReport): RiskPolicy => {
  const scaling = o.scaling ?? { baseScore: 600, baseOdds: 50, pdo: 20 };
  const { factor, offset } = scalingConstants(scaling);
  const pts = (logit: number): number => round4(-factor * logit);
  const taken = new Set<string>();
  const ids = model.columns.map((c) => featureId(c.column, taken));
  const features: RiskPolicyV1Input['features'] = model.columns.map((c, j) => ({ id: ids[j]!, label: c.column, extractor: { type: 'column', column: c.column, kind: c.kind } }));
  const characteristics: RiskPolicyV1Input['scorecard']['characteristics'] = model.columns.map((c, j) => {
    const table = model.mains[j]!;
    const reason = { reasonCode: `T${String(j + 1).padStart(2, '0')}`, reasonText: `Unfavourable ${c.column}` };
    if (c.kind === 'numeric') {
      return { type: 'numeric', feature: ids[j]!, bins: c.edges!.map((e, s) => ({ ...e, points: pts(table[s]!) })), missingPoints: pts(table[c.missingSlot]!), ...reason };
    }
    return {
      type: 'categorical',
      feature: ids[j]!,
      bins: c.categories!.map((values, s) => ({ values, points: pts(table[s]!) })),
      otherPoints: pts(table[c.otherSlot!]!),
      missingPoints: pts(table[c.missingSlot]!),
      ...reason,
    };
  });
  const v1: RiskPolicyV1Input = {
    ...structuredClone(DEFAULT_POLICY_INPUT),
    version: o.version ?? 1,
    name: o.name ?? `Boosted, trained on ${o.dataset ?? 'labelled history'}`,
    status: 'draft',
    description: `Additive boosted family (EBM-style: shape functions on bins + ${model.pairs.length} pairwise terms) trained on ${o.dataset ?? 'labelled history'} (target ${o.target}).`,
    features,
    scorecard: { scaling, basePoints: round4(offset - factor * model.intercept), characteristics },
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
            trainedAt: (o.now ?? new Date(0)).toISOString(),
          },
        }
      : {}),
  };
  const v2 = migratePolicyV1(RiskPolicyV1ObjectSchema.parse(v1));
  const pairs = model.pairs.map((p) => ({ features: [ids[p.a]!, ids[p.b]!] as [string, string], table: p.table.map((row) => row.map(pts)) }));
  return parsePolicy({ ...v2, scoring: { ...v2.scoring, family: 'boosted', ...(pairs.length > 0 ? { pairs } : {}) } });
};

/**
 * Trains the boosted family with k-fold cross-validation (the model refitted inside each fold,
 * metrics on the pooled out-of-fold PDs), then on all rows into a draft policy. Reproducible:
 * the same rows and seed give the same policy.
 */
export const trainBoostedPolicy = (input: readonly TrainingRow[], o: BoostedTrainingOptions): { policy: RiskPolicy; report: TrainingReport; model: BoostedModel } => {
  const badValue = (o.badValue ?? '1').trim();
  const rows = input.filter((r) => r[o.target] !== undefined && r[o.target] !== null && String(r[o.target]).trim() !== '');
  const bad = rows.map((r) => String(r[o.target]).trim() === badValue);
  if (rows.length === 0 || !bad.some((b) => b) || bad.every((b) => b)) {
    throw new RangeError(`Training needs labelled rows of both outcomes in column "${o.target}"`);
  }
  const columns = detectColumns(rows, new Set([o.target, ...(o.exclude ?? [])]));
  const folds = Math.max(2, o.folds ?? 5);
  const fold = assignFolds(bad, folds, o.seed);
  const oof = new Array<number>(rows.length).fill(0);
  const foldAuc: number[] = [];
  for (let k = 0; k < folds; k += 1) {
    const trainIdx = rows.map((_, i) => i).filter((i) => fold[i] !== k);
    const testIdx = rows.map((_, i) => i).filter((i) => fold[i] === k);
    const model = trainBoosted(trainIdx.map((i) => rows[i]!), trainIdx.map((i) => bad[i]!), columns, o);
    for (const i of testIdx) oof[i] = predictBoostedPd(model, rows[i]!);
    foldAuc.push(auc(testIdx.map((i) => oof[i]!), testIdx.map((i) => bad[i]!)));
  }
  const model = trainBoosted(rows, bad, columns, o);
  const used = new Set(model.columns.map((c) => c.column));
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
    features: model.columns
      .map((c) => ({ column: c.column, kind: c.kind, iv: c.iv, selected: true }))
      .concat(columns.filter((c) => !used.has(c.name)).map((c) => ({ column: c.name, kind: c.kind, iv: 0, selected: false, note: 'no information or probable leak' }))),
  };
  return { policy: boostedModelToPolicy(model, o, report), report, model };
};
