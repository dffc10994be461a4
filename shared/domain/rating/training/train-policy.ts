/**
 * Training v2: labelled rows → a format 2 DRAFT policy and a report. Column typing (codes,
 * special and missing values), derived features, supervised optimal binning, collinearity and
 * wrong-sign handling with a CV-chosen L2 logistic regression, out-of-fold Platt calibration, a
 * fitted master scale, protected-attribute report, hold-out evaluation through the live engine
 * (`scoreRecord`). Deterministic: the same rows and options give the same policy, byte for byte.
 */
import { DEFAULT_POLICY } from '../default-policy.js';
import { scoreDistribution, type ScoreDistribution } from '../drift.js';
import { parsePolicy, snake, type PolicyFeature, type RiskPolicy, type RiskPolicyInput, type Scaling } from '../policy.js';
import { scalingConstants, scoreRecord } from '../scorecard.js';
import { fitBins, woeOfValue, type Binning, type BinningOptions } from './binning.js';
import { applyPlatt, fitMasterScale, fitPlatt, gradeTable, limitRulesFor, type GradeRow } from './calibration.js';
import { columnValues, numericCell, profileColumns, TrainingInputError, type ColumnSpec, type TrainingRow } from './columns.js';
import { evaluateFormula, proposeDerived, type DerivedSpec } from './derived.js';
import { assignFolds, inHoldout } from './folds.js';
import { auc, brier, calibrationByDecile, costOptimalCutoff, ks, psi, rocCurve } from './metrics.js';
import { selectFeatures, type Candidate } from './selection.js';

export interface TrainPolicyOptions {
  target: string;
  /** Target value that marks a bad outcome (compared as trimmed text; default "1"). */
  badValue?: string;
  exclude?: readonly string[];
  /** Kept out of the model; reported per group. */
  protected?: readonly string[];
  categorical?: readonly string[];
  special?: Readonly<Record<string, readonly number[]>>;
  /** Derived features to add; `auto` adds the standard credit ones that fit the columns. */
  derive?: readonly DerivedSpec[];
  deriveAuto?: boolean;
  folds?: number;
  seed?: number;
  /** Share of rows held out (by row hash, see folds.ts) and scored with the finished policy. */
  holdout?: number;
  minBinShare?: number;
  maxCorr?: number;
  /** Features below this IV are not offered to the regression (noise floor, default 0.005). */
  minIv?: number;
  /** Features above this IV are refused as probable target leaks (default 3). */
  maxIv?: number;
  grades?: number;
  calibration?: 'platt' | 'none';
  scaling?: Scaling;
  costRatio?: number;
  version?: number;
  name?: string;
  dataset?: string;
  sha256?: string;
  toolVersion?: string;
  flags?: readonly string[];
  trainedAt?: Date;
}

export interface Metrics {
  rows: number;
  bads: number;
  auc: number;
  gini: number;
  ks: number;
  brier: number;
}

export interface ColumnReport {
  column: string;
  kind: 'numeric' | 'categorical';
  derived?: string;
  detected: string[];
  iv: number;
  trend: string;
  selected: boolean;
  coefficient?: number;
  note?: string;
  bins: { label: string; count: number; share: number; badRate: number; woe: number; points?: number }[];
}

export interface GroupReport {
  column: string;
  groups: { group: string; rows: number; auc: number; approvalRate: number; meanPd: number; adverseImpactRatio: number }[];
}

export interface TrainPolicyReport {
  dataset: string;
  sha256?: string;
  seed: number;
  folds: number;
  l2PerRow: number;
  cv: { l2PerRow: number; logLoss: number }[];
  calibration: { method: 'platt' | 'none'; a?: number; b?: number };
  outOfFold: Metrics & { foldAuc: number[] };
  holdout?: Metrics;
  /** PSI of the score, hold-out against training rows. */
  psi?: number;
  calibrationByDecile: { outOfFold: ReturnType<typeof calibrationByDecile>; holdout?: ReturnType<typeof calibrationByDecile> };
  masterScale: { train: GradeRow[]; holdout?: GradeRow[] };
  columns: ColumnReport[];
  intercept: number;
  protected: GroupReport[];
  approvalCutoffPd: number;
  charts: { roc: { fpr: number; tpr: number }[]; ksGap: { share: number; bad: number; good: number }[]; scores: { train: number[]; holdout?: number[] } };
  millis: Record<string, number>;
}

interface Fitted {
  features: { spec: ColumnSpec; binning: Binning; coefficient: number }[];
  intercept: number;
  l2PerRow: number;
  cv: { l2PerRow: number; logLoss: number }[];
  dropped: { name: string; reason: string }[];
  binnings: Map<string, Binning>;
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

const nextUp = (v: number): number => {
  if (v === 0) return Number.MIN_VALUE;
  const buf = new Float64Array([v]);
  const bits = new BigInt64Array(buf.buffer);
  bits[0] = bits[0]! + (v > 0 ? 1n : -1n);
  return buf[0]!;
};

const fitPipeline = (
  specs: readonly ColumnSpec[],
  values: ReadonlyMap<string, (number | string | undefined)[]>,
  idx: readonly number[],
  bad: readonly boolean[],
  o: TrainPolicyOptions,
  l2?: number,
): Fitted => {
  const y = idx.map((i) => (bad[i] ? 1 : 0));
  const b = idx.map((i) => bad[i]!);
  const binnings = new Map<string, Binning>();
  const candidates: Candidate[] = [];
  const dropped: Fitted['dropped'] = [];
  const binOptions: BinningOptions = { minBinShare: o.minBinShare ?? 0.05 };
  for (const spec of specs) {
    const all = values.get(spec.name)!;
    const column = idx.map((i) => all[i]);
    const binning = fitBins(column, b, { ...binOptions, kind: spec.kind, special: spec.special });
    binnings.set(spec.name, binning);
    if (binning.iv < (o.minIv ?? 0.005)) dropped.push({ name: spec.name, reason: `IV ${binning.iv.toFixed(4)} below the noise floor` });
    else if (binning.iv > (o.maxIv ?? 3)) dropped.push({ name: spec.name, reason: `IV ${binning.iv.toFixed(2)} above ${o.maxIv ?? 3}: probable target leak` });
    else candidates.push({ name: spec.name, iv: binning.iv, woe: Float64Array.from(column, (v) => woeOfValue(binning, v)) });
  }
  if (candidates.length === 0) throw new TrainingInputError('no column carries information about the target (every IV is below the noise floor)');
  const sel = selectFeatures(candidates, y, { maxCorr: o.maxCorr ?? 0.8, seed: o.seed ?? 42, ...(l2 === undefined ? {} : { l2 }) });
  return {
    features: sel.features.map((f) => ({ spec: specs.find((s) => s.name === f.name)!, binning: binnings.get(f.name)!, coefficient: f.coefficient })),
    intercept: sel.intercept,
    l2PerRow: sel.l2PerRow,
    cv: sel.cv,
    dropped: [...dropped, ...sel.dropped],
    binnings,
  };
};

const predict = (m: Fitted, values: ReadonlyMap<string, (number | string | undefined)[]>, i: number): number => {
  let z = m.intercept;
  for (const f of m.features) z += f.coefficient * woeOfValue(f.binning, values.get(f.spec.name)![i]);
  return sigmoid(z);
};

const binLabel = (b: Binning['bins'][number]): string => {
  switch (b.type) {
    case 'range':
      return `[${b.from ?? '-inf'}, ${b.to ?? '+inf'})`;
    case 'categories':
      return b.values.join(', ');
    case 'special':
      return `special ${b.value}`;
    default:
      return 'missing';
  }
};

/** Points of every bin, as policy characteristics: special values become one-value ranges inside the regular ones. */
const characteristicOf = (id: string, f: Fitted['features'][number], factor: number, index: number): RiskPolicyInput['scoring']['characteristics'][number] => {
  const pts = (woe: number): number => Math.round(-factor * f.coefficient * woe);
  const reason = { reasonCode: `T${String(index + 1).padStart(2, '0')}`, reasonText: `Unfavourable ${f.spec.name}` };
  const missing = f.binning.bins[f.binning.bins.length - 1]!;
  if (f.binning.kind === 'categorical') {
    return {
      type: 'categorical',
      feature: id,
      bins: f.binning.bins.flatMap((b) => (b.type === 'categories' ? [{ values: b.values, points: pts(b.woe), woe: b.woe }] : [])),
      otherPoints: pts(f.binning.otherWoe),
      missingPoints: pts(missing.woe),
      ...reason,
    };
  }
  let segments: { from?: number; to?: number; points: number; woe: number }[] = f.binning.bins.flatMap((b) =>
    b.type === 'range' ? [{ ...(b.from === undefined ? {} : { from: b.from }), ...(b.to === undefined ? {} : { to: b.to }), points: pts(b.woe), woe: b.woe }] : [],
  );
  if (segments.length === 0) segments = [{ points: 0, woe: 0 }];
  for (const s of f.binning.bins) {
    if (s.type !== 'special') continue;
    const v = s.value;
    const up = nextUp(v);
    const k = segments.findIndex((g) => (g.from === undefined || v >= g.from) && (g.to === undefined || v < g.to));
    const g = segments[k]!;
    const pieces: typeof segments = [];
    if (g.from === undefined || g.from < v) pieces.push({ ...g, to: v });
    pieces.push({ from: v, to: up, points: pts(s.woe), woe: s.woe });
    if (g.to === undefined || up < g.to) pieces.push({ ...g, from: up });
    segments.splice(k, 1, ...pieces);
  }
  segments = segments.map((g, i) => {
    const { from, to, ...rest } = g;
    return { ...(i === 0 || from === undefined ? {} : { from }), ...(i === segments.length - 1 || to === undefined ? {} : { to }), ...rest };
  });
  return { type: 'numeric', feature: id, bins: segments, missingPoints: pts(missing.woe), ...reason };
};

const metricsOf = (pd: readonly number[], bad: readonly boolean[]): Metrics => {
  const a = auc(pd, bad);
  return { rows: pd.length, bads: bad.filter(Boolean).length, auc: a, gini: 2 * a - 1, ks: ks(pd, bad), brier: brier(pd, bad) };
};

const protectedReport = (column: string, rows: readonly TrainingRow[], idx: readonly number[], pd: readonly number[], bad: readonly boolean[], cutoff: number): GroupReport => {
  const raw = idx.map((i) => rows[i]![column]);
  const nums = raw.map(numericCell);
  const numeric = nums.every((v) => v === undefined || !Number.isNaN(v));
  const distinct = new Set(raw.map((v) => String(v ?? '')));
  let label: (k: number) => string = (k) => String(raw[k] ?? '').trim() || 'missing';
  if (numeric && distinct.size > 10) {
    const sorted = nums.filter((v): v is number => v !== undefined).sort((a, b) => a - b);
    const q = [1, 2, 3].map((k) => sorted[Math.floor((k * sorted.length) / 4)]!);
    label = (k) => {
      const v = nums[k];
      if (v === undefined) return 'missing';
      const band = q.filter((e) => v >= e).length;
      return band === 0 ? `< ${q[0]}` : band === 3 ? `>= ${q[2]}` : `[${q[band - 1]}, ${q[band]})`;
    };
  }
  const groups = new Map<string, number[]>();
  idx.forEach((_, k) => {
    const g = label(k);
    (groups.get(g) ?? groups.set(g, []).get(g)!).push(k);
  });
  const stats = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([group, ks_]) => ({
      group,
      rows: ks_.length,
      auc: auc(ks_.map((k) => pd[k]!), ks_.map((k) => bad[k]!)),
      approvalRate: ks_.filter((k) => pd[k]! <= cutoff).length / ks_.length,
      meanPd: ks_.reduce((s, k) => s + pd[k]!, 0) / ks_.length,
    }));
  const best = Math.max(...stats.map((s) => s.approvalRate), 1e-12);
  return { column, groups: stats.map((s) => ({ ...s, adverseImpactRatio: s.approvalRate / best })) };
};

/**
 * Trains a draft policy and its report.
 * @example const { policy, report } = trainPolicy(rows, { target: 'bad', exclude: ['class'], holdout: 0.3, seed: 42 });
 */
export const trainPolicy = (input: readonly TrainingRow[], o: TrainPolicyOptions): { policy: RiskPolicy; report: TrainPolicyReport } => {
  const clock = { start: performance.now(), last: performance.now() };
  const millis: Record<string, number> = {};
  const lap = (name: string): void => {
    const now = performance.now();
    millis[name] = Math.round(now - clock.last);
    clock.last = now;
  };
  const seed = o.seed ?? 42;
  const folds = Math.max(2, o.folds ?? 5);
  if (input.length === 0) throw new TrainingInputError('the training file has no rows');
  const header = new Set(Object.keys(input[0]!));
  if (!header.has(o.target)) throw new TrainingInputError(`no target column "${o.target}" (columns: ${[...header].slice(0, 30).join(', ')})`);
  const badValue = (o.badValue ?? '1').trim();
  const labelled = input.filter((r) => r[o.target] !== undefined && r[o.target] !== null && String(r[o.target]).trim() !== '');
  if (labelled.length === 0) throw new TrainingInputError(`target column "${o.target}" is empty`);
  const bad = labelled.map((r) => String(r[o.target]).trim() === badValue);
  const nBad = bad.filter(Boolean).length;
  if (nBad === 0 || nBad === bad.length) {
    throw new TrainingInputError(`target column "${o.target}" is constant (${nBad === 0 ? `no row has the bad value "${badValue}"` : 'every row is bad'}): training needs both outcomes`);
  }
  for (const name of [...(o.exclude ?? []), ...(o.protected ?? []), ...(o.categorical ?? []), ...Object.keys(o.special ?? {})]) {
    if (!header.has(name)) throw new TrainingInputError(`no column "${name}" (columns: ${[...header].slice(0, 30).join(', ')})`);
  }
  const skip = new Set([o.target, ...(o.exclude ?? []), ...(o.protected ?? [])]);
  const rawNames = [...header].filter((n) => !skip.has(n));
  const derived = [...(o.deriveAuto ? proposeDerived(rawNames) : []), ...(o.derive ?? [])];
  for (const d of derived) {
    if (header.has(d.name)) throw new TrainingInputError(`derived feature "${d.name}" has the name of a column`);
    const missingCols = d.columns.filter((c) => !header.has(c));
    if (missingCols.length > 0) throw new TrainingInputError(`derived feature "${d.name}" reads unknown column(s) ${missingCols.join(', ')}`);
  }
  const specs = profileColumns(labelled, rawNames, { categorical: o.categorical ?? [], special: o.special ?? {} });
  const values = new Map<string, (number | string | undefined)[]>();
  for (const s of specs) values.set(s.name, columnValues(labelled, s));
  const derivedOf = new Map<string, DerivedSpec>();
  for (const d of derived) {
    const inputs = d.columns.map((c) => columnValues(labelled, { name: c, kind: 'numeric' }) as (number | undefined)[]);
    values.set(
      d.name,
      labelled.map((_, i) => evaluateFormula(d, inputs.map((col) => col[i]))),
    );
    derivedOf.set(d.name, d);
  }
  const derivedSpecs = profileColumns(
    labelled.map((_, i) => Object.fromEntries(derived.map((d) => [d.name, values.get(d.name)![i]]))),
    derived.map((d) => d.name),
    { maxCodes: 0 },
  );
  const allSpecs = [...specs, ...derivedSpecs];
  lap('read');

  const all = labelled.map((_, i) => i);
  const share = o.holdout ?? 0;
  const trainIdx = share > 0 ? all.filter((i) => !inHoldout(i, seed, share)) : all;
  const holdIdx = share > 0 ? all.filter((i) => inHoldout(i, seed, share)) : [];
  const trainBad = trainIdx.map((i) => bad[i]!);
  const tb = trainBad.filter(Boolean).length;
  if (tb < folds || trainBad.length - tb < folds) {
    throw new TrainingInputError(`a cross-validation fold would hold a single class: ${tb} bad and ${trainBad.length - tb} good training rows for ${folds} folds (use fewer --folds or more rows)`);
  }

  // Final fit first: it chooses the L2 strength the folds reuse.
  const final = fitPipeline(allSpecs, values, trainIdx, bad, o);
  lap('fit');
  const fold = assignFolds(trainBad, folds, seed);
  const oofRaw = new Array<number>(trainIdx.length).fill(0);
  const foldAuc: number[] = [];
  for (let k = 0; k < folds; k += 1) {
    const fitRows = trainIdx.filter((_, j) => fold[j] !== k);
    const testPos = trainIdx.map((_, j) => j).filter((j) => fold[j] === k);
    const m = fitPipeline(allSpecs, values, fitRows, bad, o, final.l2PerRow);
    for (const j of testPos) oofRaw[j] = predict(m, values, trainIdx[j]!);
    foldAuc.push(auc(testPos.map((j) => oofRaw[j]!), testPos.map((j) => trainBad[j]!)));
  }
  lap('crossValidation');
  const method = o.calibration ?? 'platt';
  const platt = method === 'platt' ? fitPlatt(oofRaw, trainBad) : { a: 0, b: 1 };
  const oof = method === 'platt' ? oofRaw.map((p) => applyPlatt(p, platt)) : oofRaw;

  const scaling = o.scaling ?? { baseScore: 600, baseOdds: 50, pdo: 20 };
  const { factor, offset } = scalingConstants(scaling);
  const calibrated: Fitted['features'] = final.features.map((f) => ({ ...f, coefficient: f.coefficient * platt.b }));
  const intercept = platt.a + platt.b * final.intercept;
  const taken = new Set<string>();
  const features: PolicyFeature[] = [];
  const characteristics: RiskPolicyInput['scoring']['characteristics'] = [];
  calibrated.forEach((f, i) => {
    let id = snake(f.spec.name);
    for (let n = 2; taken.has(id); n += 1) id = `${snake(f.spec.name)}_${n}`;
    taken.add(id);
    const d = derivedOf.get(f.spec.name);
    if (d) {
      features.push({
        id,
        label: `${f.spec.name} (${d.op} of ${d.columns.join(', ')})`.slice(0, 200),
        path: 'derived.formula',
        kind: 'numeric',
        formula: { op: d.op, inputs: d.columns.map((c) => ({ path: `custom.${snake(c)}`, trainingColumn: c })), ...(d.atLeast === undefined ? {} : { atLeast: d.atLeast }) },
      });
    } else features.push({ id, label: f.spec.name, path: `custom.${snake(f.spec.name)}`, kind: f.spec.kind, trainingColumn: f.spec.name });
    characteristics.push(characteristicOf(id, f, factor, i));
  });
  const base = structuredClone(DEFAULT_POLICY);
  const build = (scale: { grade: string; maxPd: number }[], distribution?: ScoreDistribution): RiskPolicy =>
    parsePolicy({
      ...base,
      version: o.version ?? 1,
      name: o.name ?? `Trained on ${o.dataset ?? 'labelled history'}`,
      status: 'draft',
      description: `Scorecard (optimal binning, L2 logistic regression, ${method === 'platt' ? 'Platt-calibrated ' : ''}PD) trained on ${o.dataset ?? 'labelled history'} (target ${o.target}).`,
      scoring: { features, scaling, basePoints: Math.round(offset - factor * intercept), characteristics, minFeatures: Math.ceil(features.length / 2) },
      grades: { ...base.grades, scale },
      limits: { ...base.limits, byGrade: limitRulesFor(scale.map((s) => s.grade)) },
      training: {
        dataset: o.dataset ?? 'labelled history',
        rows: trainIdx.length,
        target: o.target,
        folds,
        auc: foldAuc.reduce((s, a) => s + a, 0) / folds,
        ks: ks(oof, trainBad),
        gini: 2 * auc(oof, trainBad) - 1,
        trainedAt: (o.trainedAt ?? new Date(0)).toISOString(),
        ...(o.sha256 ? { sha256: o.sha256 } : {}),
        ...(o.toolVersion ? { toolVersion: o.toolVersion } : {}),
        ...(o.flags ? { flags: [...o.flags] } : {}),
        seed,
        calibration: method,
        ...(distribution ? { scoreDistribution: distribution } : {}),
      },
    });
  // The master scale is fitted on the PDs the policy itself gives (points rounded, live engine).
  const draft = build(base.grades.scale);
  const trainPd = trainIdx.map((i) => scoreRecord(labelled[i]!, draft).pd);
  const { scale, table } = fitMasterScale(trainPd, { grades: o.grades ?? 10, bad: trainBad });
  // The score does not depend on the master scale: the development sample's distribution is stored for the drift job.
  const trainScores = trainIdx.map((i) => scoreRecord(labelled[i]!, draft).score);
  const policy = build(scale, scoreDistribution(trainScores));
  lap('policy');

  const holdBad = holdIdx.map((i) => bad[i]!);
  const holdScored = holdIdx.map((i) => scoreRecord(labelled[i]!, policy));
  const holdPd = holdScored.map((s) => s.pd);
  const cutoff =
    o.costRatio !== undefined ? costOptimalCutoff(oof, trainBad, o.costRatio).cutoff : [...trainPd].sort((a, b) => a - b)[Math.floor(0.8 * (trainPd.length - 1))]!;
  const evalIdx = holdIdx.length > 0 ? holdIdx : trainIdx;
  const evalPd = holdIdx.length > 0 ? holdPd : oof;
  const evalBad = holdIdx.length > 0 ? holdBad : trainBad;
  const columns: ColumnReport[] = allSpecs.map((s) => {
    const binning = final.binnings.get(s.name)!;
    const used = calibrated.findIndex((f) => f.spec.name === s.name);
    const note = final.dropped.find((d) => d.name === s.name)?.reason;
    const d = derivedOf.get(s.name);
    return {
      column: s.name,
      kind: s.kind,
      ...(d ? { derived: `${d.op}(${d.columns.join(', ')})` } : {}),
      detected: s.detected,
      iv: binning.iv,
      trend: binning.trend,
      selected: used >= 0,
      ...(used >= 0 ? { coefficient: calibrated[used]!.coefficient } : {}),
      ...(note ? { note } : {}),
      bins: binning.bins.map((b) => ({
        label: binLabel(b),
        count: b.good + b.bad,
        share: b.share,
        badRate: b.badRate,
        woe: b.woe,
        ...(used >= 0 ? { points: Math.round(-factor * calibrated[used]!.coefficient * b.woe) } : {}),
      })),
    };
  });
  const ranked = [...oof.keys()].sort((a, b) => oof[b]! - oof[a]!);
  const totalBad = tb;
  const totalGood = trainBad.length - tb;
  let cb = 0;
  let cg = 0;
  const ksGap: TrainPolicyReport['charts']['ksGap'] = [{ share: 0, bad: 0, good: 0 }];
  const step = Math.max(1, Math.floor(ranked.length / 100));
  ranked.forEach((j, k) => {
    if (trainBad[j]) cb += 1;
    else cg += 1;
    if ((k + 1) % step === 0 || k === ranked.length - 1) ksGap.push({ share: (k + 1) / ranked.length, bad: cb / totalBad, good: cg / totalGood });
  });
  const report: TrainPolicyReport = {
    dataset: o.dataset ?? 'labelled history',
    ...(o.sha256 ? { sha256: o.sha256 } : {}),
    seed,
    folds,
    l2PerRow: final.l2PerRow,
    cv: final.cv,
    calibration: method === 'platt' ? { method, a: platt.a, b: platt.b } : { method },
    outOfFold: { ...metricsOf(oof, trainBad), foldAuc },
    ...(holdIdx.length > 0 ? { holdout: metricsOf(holdPd, holdBad), psi: psi(trainScores, holdScored.map((s) => s.score)) } : {}),
    calibrationByDecile: { outOfFold: calibrationByDecile(oof, trainBad), ...(holdIdx.length > 0 ? { holdout: calibrationByDecile(holdPd, holdBad) } : {}) },
    masterScale: { train: table, ...(holdIdx.length > 0 ? { holdout: gradeTable(holdPd, scale, holdBad) } : {}) },
    columns,
    intercept,
    protected: (o.protected ?? []).map((c) => protectedReport(c, labelled, evalIdx, evalPd, evalBad, cutoff)),
    approvalCutoffPd: cutoff,
    charts: { roc: rocCurve(evalPd, evalBad), ksGap, scores: { train: trainScores, ...(holdIdx.length > 0 ? { holdout: holdScored.map((s) => s.score) } : {}) } },
    millis,
  };
  lap('report');
  millis.total = Math.round(performance.now() - clock.start);
  return { policy, report };
};
