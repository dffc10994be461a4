import { z } from 'zod';
import { ProfileFieldNameSchema } from '../profile/customer-profile.js';
import { CurrencySchema } from '../money.js';
import { parseOrThrow } from '../validation.js';
import { AlertRuleSchema, AlertSeveritySchema } from '../alerts/alert-rules.js';
import { AlertSlaSchema, DEFAULT_SLA } from '../alerts/alert-lifecycle.js';
import { MeasureParamsSchema, MeasureTypeSchema } from '../measures/measures.js';
import { ScoreDistributionSchema } from './drift.js';
import { FORMULA_OPS } from './training/derived.js';
import { PartnerIdSchema } from '../partners/partner-model.js';
import {
  CharacteristicSchema,
  FeatureExtractorSchema,
  FeatureIdSchema,
  LimitPolicySchema,
  MasterScaleSchema,
  PolicyStatusSchema,
  RfmPolicySchema,
  RiskPolicyV1ObjectSchema,
  ScalingSchema,
  TrainingProvenanceSchema,
  type FeatureExtractor,
  type RiskPolicyV1,
} from './policy-v1.js';

export {
  CategoryBinSchema,
  CharacteristicSchema,
  FeatureExtractorSchema,
  GradeLimitRuleSchema,
  LimitPolicySchema,
  MasterScaleSchema,
  NumericBinSchema,
  PolicyStatusSchema,
  RfmPolicySchema,
  RfmSegmentNameSchema,
  ScalingSchema,
  TrainingProvenanceSchema,
  type Characteristic,
  type FeatureExtractor,
  type FeatureExtractorType,
  type LimitPolicy,
  type PolicyStatus,
  type RfmPolicy,
  type RiskPolicyV1,
  type RiskPolicyV1Input,
  type Scaling,
} from './policy-v1.js';

/**
 * The risk policy, format version 2: a versioned, validated JSON document that turns a customer
 * profile into a score, PD, grade, RFM segment, recommended limit and alerts. Everything the
 * engine does is driven from here; the engine itself holds no thresholds.
 *
 * Named sections: `scoring` (features read from canonical profile paths, the points scorecard),
 * `grades` (master scale, default definition), `limits`, `rfm`, `partners`, `alerts`,
 * `measures`, `cadence`. Every object is strict: an unknown key is refused with its path, never
 * accepted and dropped. See
 * docs/policy-format.md. Version 1 documents (no `schemaVersion`) are read and migrated.
 */

/** The sources a feature can read: canonical fields, aggregates, bureau summaries, custom attributes, derived features. */
export const FEATURE_SOURCES = ['fields', 'aggregates', 'bureau', 'custom', 'derived'] as const;
export type FeatureSource = (typeof FEATURE_SOURCES)[number];

/**
 * A canonical profile path: `fields.<name>`, `aggregates.<section>.<name>`,
 * `bureau.<bureau>.<name>[.<name>]`, `custom.<name>` or `derived.<extractor>`.
 */
export const FeaturePathSchema = z
  .string()
  .max(200)
  .regex(/^(fields|aggregates|bureau|custom|derived)(\.[A-Za-z][A-Za-z0-9_]{0,63})+$/, 'a canonical path: fields.<name>, aggregates.<…>, bureau.<bureau>.<…>, custom.<name> or derived.<name>');

const DerivedParamSchema = z.union([z.string(), z.number(), z.boolean()]);

/**
 * A derived feature computed from other inputs (path `derived.formula`): ratio, difference, sum,
 * min/max/mean over a group, count of values ≥ `atLeast`, trend (slope, inputs oldest → newest).
 * Training and live rating compute it with the same function (training/derived.ts).
 */
export const FormulaSchema = z.strictObject({
  op: z.enum(FORMULA_OPS),
  inputs: z
    .array(z.strictObject({ path: FeaturePathSchema, trainingColumn: z.string().min(1).max(128).optional() }))
    .min(1)
    .max(24),
  atLeast: z.number().optional(),
});

/** One rating input: what to read (`path`) and how (`kind`: a number, or a category). */
export const PolicyFeatureSchema = z.strictObject({
  id: FeatureIdSchema,
  label: z.string().min(1).max(200),
  path: FeaturePathSchema,
  /** `numeric` (default) or `categorical` (the value as text; numbers become their decimal text). */
  kind: z.enum(['numeric', 'categorical']).default('numeric'),
  /** Settings of a `derived.<extractor>` feature (e.g. `{ "months": 6 }` for `derived.orders_12m`); nothing else takes params. */
  params: z.record(z.string(), DerivedParamSchema).optional(),
  /** The column of a labelled training file this feature was fitted on (training and record scoring read it; the live engine reads `path`). */
  trainingColumn: z.string().min(1).max(128).optional(),
  /** A derived feature's formula over other inputs (only with path `derived.formula`). */
  formula: FormulaSchema.optional(),
});
export type PolicyFeature = z.infer<typeof PolicyFeatureSchema>;

/**
 * A pairwise term of the boosted family: points added for the combination of two features'
 * bins. `table[i][j]`: row `i` is a slot of `features[0]`, column `j` one of `features[1]`; a
 * feature's slots are its characteristic's bins in order, then missing, then (categorical) other.
 */
export const PairTermSchema = z.strictObject({
  features: z.tuple([FeatureIdSchema, FeatureIdSchema]),
  table: z.array(z.array(z.number()).min(1)).min(1),
});
export type PairTerm = z.infer<typeof PairTermSchema>;

export const ScoringSectionSchema = z.strictObject({
  /**
   * `scorecard` (the default when omitted): points per bin. `boosted`: the additive boosted
   * family — the characteristics are its per-feature shape functions (points per bin, intercept
   * in `basePoints`) and `pairs` adds at most 10 pairwise terms. Both score by lookups.
   */
  family: z.enum(['scorecard', 'boosted']).optional(),
  /** Pairwise terms of the boosted family (at most 10). */
  pairs: z.array(PairTermSchema).max(10).optional(),
  features: z.array(PolicyFeatureSchema).min(1),
  /** Points-to-double-odds scaling of the score. */
  scaling: ScalingSchema,
  /** Points every customer starts with (the intercept, in points). */
  basePoints: z.number().default(0),
  characteristics: z.array(CharacteristicSchema).min(1),
  /** Fewer present (non-missing) features than this → `insufficient_data`. */
  minFeatures: z.number().int().nonnegative(),
});

export const GradesSectionSchema = z.strictObject({
  /** Grades best → worst, each with its PD upper bound (inclusive); the last bound is 1. */
  scale: MasterScaleSchema,
  /** Days past due from which a customer counts as defaulted (worst grade, PD 1, limit 0). */
  defaultDpd: z.number().int().positive().default(90),
});

/** A partner's trust weight: 0 (left out) to 1. */
export const PartnerWeightSchema = z.number().min(0).max(1);

/**
 * Owned by the partners issue: how partner assessments enter the rating. The `derived.partner_pd`
 * feature is the pooled partner PD σ(Σ wᵢ·logit(pᵢ) / Σ wᵢ) over partners weighing more than 0
 * with an assessment at most `maxAgeDays` old (see partner-pooling.ts); it is scored by its own
 * characteristic like any feature, never blended into the hub's PD. Partner ids must be known to
 * the hub (checked when a policy is created or updated).
 */
export const PartnersSectionSchema = z.strictObject({
  /** Trust weight per partner id, 0..1; a changed weight takes a new policy version and its approval. */
  weights: z.record(PartnerIdSchema, PartnerWeightSchema).default({}),
  /** Weight of a partner `weights` does not name. */
  defaultWeight: PartnerWeightSchema.default(0.2),
  /** `pooled`: the weighted pooling above; `max`: the highest recent partner PD (how the version 1 engine read partner_pd). */
  combine: z.enum(['pooled', 'max']).default('pooled'),
  /** Assessments older than this are left out; defaults to the partner_pd feature's `maxAgeDays` (365). */
  maxAgeDays: z.number().int().positive().max(3660).optional(),
  /**
   * A new assessment that disagrees with another partner's latest PD or with the hub's own rating by
   * more than this flags the profile and emits `assessment.conflict_detected`: `logit` (distance of
   * the PDs' log-odds) and/or `notches` (grades apart on the policy's master scale). Unset: no check.
   */
  conflictThreshold: z
    .strictObject({ logit: z.number().positive().max(20).optional(), notches: z.number().int().positive().max(30).optional() })
    .refine((t) => t.logit !== undefined || t.notches !== undefined, { message: 'give logit, notches or both' })
    .optional(),
});
export type PartnersSection = z.infer<typeof PartnersSectionSchema>;

/**
 * Owned by the operations issue: the alert rules. `downgradeNotches` and `dpdThresholds` are the
 * built-in rules every policy has; `rules` adds rules of every kind (see shared/domain/alerts/alert-rules.ts),
 * each with its severity, dedupe key and cool-down; `sla` sets the acknowledge/resolve timers per
 * severity and an optional business calendar.
 */
export const AlertsSectionSchema = z.strictObject({
  /** Alert when the grade drops by at least this many notches. */
  downgradeNotches: z.number().int().min(1).default(2),
  /** Alert when the worst days past due first reaches one of these thresholds (below `grades.defaultDpd`). */
  dpdThresholds: z.array(z.number().int().positive()).default([30, 60]),
  /** Default cool-down of a rule: hours after an alert during which the same dedupe key stays quiet. */
  cooldownHours: z.number().min(0).max(24 * 366).default(24),
  rules: z.array(AlertRuleSchema).max(100).default([]),
  sla: AlertSlaSchema.default(DEFAULT_SLA),
});

/** Measures an alert rule takes when it fires. */
export const RuleMeasuresSchema = z.strictObject({
  /** Id of a rule in `alerts.rules`, or `downgrade`, `dpd_threshold`, `default` for the built-in rules. */
  rule: z.string().min(1),
  take: z
    .array(
      z.strictObject({
        type: MeasureTypeSchema,
        params: MeasureParamsSchema,
        /** Lifted automatically this many hours after it was taken (with a `measure.expired` event). */
        expiresAfterHours: z.number().gt(0).max(24 * 366).optional(),
      }),
    )
    .min(1),
});

/** Owned by the operations issue: the emergency measures the policy takes (from the catalogue). */
export const MeasuresSectionSchema = z.strictObject({
  /** Measure taken when the default definition is first met. */
  onDefault: z.enum(['freeze_limit', 'none']).default('freeze_limit'),
  /** Measures that alert rules take; lifting one takes a second person. */
  onAlert: z.array(RuleMeasuresSchema).max(100).default([]),
});

/**
 * Owned by the operations issue: how often a customer is re-rated and its bureau report refreshed,
 * by grade, faster while it has open alerts, within a bureau budget per period.
 */
export const CadenceSectionSchema = z.strictObject({
  rerateHours: z.strictObject({ default: z.number().gt(0).max(24 * 366), byGrade: z.record(z.string(), z.number().gt(0).max(24 * 366)).default({}) }).default({ default: 24, byGrade: {} }),
  bureauRefreshDays: z.strictObject({ default: z.number().gt(0).max(3660), byGrade: z.record(z.string(), z.number().gt(0).max(3660)).default({}) }).default({ default: 90, byGrade: {} }),
  /** While a customer has an open alert of at least `severity`, both cadences run at most this often (hours). */
  openAlerts: z.strictObject({ severity: AlertSeveritySchema.default('warning'), rerateHours: z.number().gt(0).default(6), bureauRefreshDays: z.number().gt(0).default(7) }).default({ severity: 'warning', rerateHours: 6, bureauRefreshDays: 7 }),
  /** Bureau pulls the scheduled refresh may spend per period; the most urgent customers go first. */
  bureauBudget: z.strictObject({ pulls: z.number().int().nonnegative(), period: z.enum(['day', 'week', 'month']) }).default({ pulls: 100, period: 'day' }),
});

/** Owned by the operations issue: disputes (docs/operations.md#disputes). */
export const DisputesSectionSchema = z.strictObject({
  /** Hours from opening within which a dispute must be resolved (its `dueAt`); default 30 days. */
  slaHours: z.number().gt(0).max(24 * 366).default(720),
  /** Leave invoices under an open (or upheld) dispute out of days past due and the overdue amounts. */
  excludeDisputedInvoices: z.boolean().default(true),
});

const RiskPolicyObjectSchema = z.strictObject({
  schemaVersion: z.literal(2),
  version: z.number().int().positive(),
  name: z.string().min(1).max(200),
  status: PolicyStatusSchema,
  description: z.string().max(2000).optional(),
  /** Currency of every amount in the policy (limit caps, floors, RFM monetary edges). */
  currency: CurrencySchema,
  scoring: ScoringSectionSchema,
  grades: GradesSectionSchema,
  limits: LimitPolicySchema,
  rfm: RfmPolicySchema,
  partners: PartnersSectionSchema.default(() => PartnersSectionSchema.parse({})),
  alerts: AlertsSectionSchema.default(() => AlertsSectionSchema.parse({})),
  measures: MeasuresSectionSchema.default(() => MeasuresSectionSchema.parse({})),
  cadence: CadenceSectionSchema.default(() => CadenceSectionSchema.parse({})),
  disputes: DisputesSectionSchema.default(() => DisputesSectionSchema.parse({})),
  training: TrainingProvenanceSchema.extend({
    /** SHA-256 of the training file's bytes. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    /** Trainer that wrote the policy (`riskbridge-train <package version>`). */
    toolVersion: z.string().max(100).optional(),
    /** Training settings as given (normalised flags), so the run can be repeated. */
    flags: z.array(z.string().max(500)).max(100).optional(),
    seed: z.number().int().optional(),
    /** How PD was calibrated out of fold. */
    calibration: z.enum(['none', 'platt']).optional(),
    /** Score distribution of the development sample: the baseline the daily drift job compares live scores with. */
    scoreDistribution: ScoreDistributionSchema.optional(),
  }).optional(),
});

type PolicyShape = z.infer<typeof RiskPolicyObjectSchema>;
type Path = (string | number)[];

/** The derived features by name: the extractor library (`derived.<type>`), `column` excluded. */
export const DERIVED_FEATURES: readonly string[] = FeatureExtractorSchema.options.map((o) => o.shape.type.value).filter((t) => t !== 'column');

/** The extractor of a `derived.<type>` feature with its params (defaults applied); `undefined` for other paths or bad params. */
export const derivedExtractor = (feature: Pick<PolicyFeature, 'path' | 'params'>): FeatureExtractor | undefined => {
  if (!feature.path.startsWith('derived.')) return undefined;
  const type = feature.path.slice('derived.'.length);
  if (type === 'column') return undefined;
  const parsed = FeatureExtractorSchema.safeParse({ ...feature.params, type });
  return parsed.success ? parsed.data : undefined;
};

const checkPolicy = (p: PolicyShape, ctx: z.RefinementCtx, at: (path: Path) => Path = (x) => x): void => {
  const issue = (path: Path, message: string, code?: string): void => {
    ctx.addIssue({ code: 'custom', path: at(path), message, ...(code ? { params: { code } } : {}) });
  };
  const { features, characteristics } = p.scoring;
  const featureIds = new Set<string>();
  features.forEach((f, i) => {
    const fp = ['scoring', 'features', i];
    if (featureIds.has(f.id)) issue([...fp, 'id'], `duplicate feature id "${f.id}"`);
    featureIds.add(f.id);
    if (f.formula !== undefined || f.path === 'derived.formula') {
      if (f.path !== 'derived.formula') issue([...fp, 'path'], 'a feature with a formula has the path derived.formula');
      if (f.formula === undefined) issue([...fp, 'formula'], 'derived.formula needs a formula');
      else if ((f.formula.op === 'ratio' || f.formula.op === 'difference') && f.formula.inputs.length !== 2) issue([...fp, 'formula', 'inputs'], `${f.formula.op} takes two inputs`);
      if (f.kind !== 'numeric') issue([...fp, 'kind'], 'a formula yields numbers');
      if (f.params !== undefined) issue([...fp, 'params'], 'only derived.<name> features take params');
    } else if (f.path.startsWith('derived.')) {
      const type = f.path.slice('derived.'.length);
      if (!DERIVED_FEATURES.includes(type)) {
        issue([...fp, 'path'], `unknown derived feature "${type}" (known: ${DERIVED_FEATURES.join(', ')})`, 'unresolved_path');
      } else {
        const parsed = FeatureExtractorSchema.safeParse({ ...f.params, type });
        if (!parsed.success) {
          for (const e of parsed.error.issues) {
            const key = e.code === 'unrecognized_keys' ? e.keys : [e.path[0]];
            for (const k of key) issue([...fp, 'params', ...(k === undefined ? [] : [String(k)])], e.code === 'unrecognized_keys' ? `"${String(k)}" is not a setting of ${type}` : e.message);
          }
        }
        if (f.kind !== 'numeric' && f.kind !== 'categorical') issue([...fp, 'kind'], 'numeric or categorical');
      }
    } else if (f.params !== undefined) {
      issue([...fp, 'params'], 'only derived.<name> features take params');
    }
  });
  const scored = new Set<string>();
  characteristics.forEach((c, i) => {
    const cp = ['scoring', 'characteristics', i];
    if (!featureIds.has(c.feature)) issue([...cp, 'feature'], `unknown feature "${c.feature}"`);
    if (scored.has(c.feature)) issue([...cp, 'feature'], `feature "${c.feature}" is scored twice`);
    scored.add(c.feature);
    const def = features.find((f) => f.id === c.feature);
    const categorical = def?.kind === 'categorical';
    if (def && categorical !== (c.type === 'categorical')) {
      issue([...cp, 'type'], `feature "${c.feature}" yields ${categorical ? 'categories' : 'numbers'}`);
    }
    if (c.type === 'numeric') {
      c.bins.forEach((b, j) => {
        const first = j === 0;
        const last = j === c.bins.length - 1;
        if (first && b.from !== undefined) issue([...cp, 'bins', j, 'from'], 'the first bin must be open below (omit from)');
        if (last && b.to !== undefined) issue([...cp, 'bins', j, 'to'], 'the last bin must be open above (omit to)');
        if (!last && b.to === undefined) issue([...cp, 'bins', j, 'to'], 'only the last bin may be open above');
        if (!first && b.from === undefined) issue([...cp, 'bins', j, 'from'], 'only the first bin may be open below');
        const next = c.bins[j + 1];
        if (next && b.to !== undefined && next.from !== undefined && next.from !== b.to) {
          issue([...cp, 'bins', j + 1, 'from'], `bins must be contiguous: expected from = ${b.to}`);
        }
        if (b.from !== undefined && b.to !== undefined && !(b.from < b.to)) issue([...cp, 'bins', j], 'from must be below to');
      });
    } else {
      const seen = new Set<string>();
      c.bins.forEach((b, j) =>
        b.values.forEach((v, k) => {
          if (seen.has(v)) issue([...cp, 'bins', j, 'values', k], `category "${v}" is in two bins`);
          seen.add(v);
        }),
      );
    }
  });
  const scale = p.grades.scale;
  const grades = new Set<string>();
  scale.forEach((g, i) => {
    if (grades.has(g.grade)) issue(['grades', 'scale', i, 'grade'], `duplicate grade "${g.grade}"`);
    grades.add(g.grade);
    const prev = scale[i - 1];
    if (prev && !(g.maxPd > prev.maxPd)) issue(['grades', 'scale', i, 'maxPd'], 'PD bounds must increase strictly from best to worst grade');
  });
  const lastGrade = scale[scale.length - 1];
  if (lastGrade && lastGrade.maxPd !== 1) issue(['grades', 'scale', scale.length - 1, 'maxPd'], 'the worst grade must reach PD 1');
  const ascending = (edges: number[], path: Path): void => {
    edges.forEach((e, i) => {
      const prev = edges[i - 1];
      if (prev !== undefined && !(e > prev)) issue([...path, i], 'edges must increase');
    });
  };
  ascending(p.rfm.recencyDays, ['rfm', 'recencyDays']);
  ascending(p.rfm.frequency, ['rfm', 'frequency']);
  ascending(p.rfm.monetaryMinor, ['rfm', 'monetaryMinor']);
  for (let r = 1; r <= 5; r += 1) {
    for (let f = 1; f <= 5; f += 1) {
      const covered = p.rfm.segments.some((s) => s.r[0] <= r && r <= s.r[1] && s.f[0] <= f && f <= s.f[1]);
      if (!covered) issue(['rfm', 'segments'], `no segment covers R${r} F${f}`);
    }
  }
  const limitGrades = new Set<string>();
  p.limits.byGrade.forEach((rule, i) => {
    if (!grades.has(rule.grade)) issue(['limits', 'byGrade', i, 'grade'], `grade "${rule.grade}" is not on the master scale`);
    if (limitGrades.has(rule.grade)) issue(['limits', 'byGrade', i, 'grade'], `grade "${rule.grade}" has two limit rules`);
    limitGrades.add(rule.grade);
    if (rule.floorMinor > rule.capMinor) issue(['limits', 'byGrade', i, 'floorMinor'], 'floor must not exceed cap');
  });
  for (const g of grades) if (!limitGrades.has(g)) issue(['limits', 'byGrade'], `grade "${g}" has no limit rule`);
  const ordered = scale.map((g) => p.limits.byGrade.find((r) => r.grade === g.grade));
  ordered.forEach((rule, i) => {
    const better = ordered[i - 1];
    if (!rule || !better) return;
    const keys = ['purchaseMultiple', 'bureauShare', 'capMinor', 'floorMinor'] as const;
    for (const k of keys) {
      if (rule[k] > better[k]) issue(['limits', 'byGrade', p.limits.byGrade.indexOf(rule), k], `a worse grade must not get a higher ${k} than ${better.grade}`);
    }
  });
  const slotsOf = (feature: string): number | undefined => {
    const c = characteristics.find((x) => x.feature === feature);
    return c === undefined ? undefined : c.bins.length + (c.type === 'categorical' ? 2 : 1);
  };
  if (p.scoring.pairs !== undefined && p.scoring.family !== 'boosted') issue(['scoring', 'pairs'], 'pairwise terms belong to the boosted family (family: "boosted")');
  const pairKeys = new Set<string>();
  (p.scoring.pairs ?? []).forEach((pair, i) => {
    const pp = ['scoring', 'pairs', i];
    const [a, b] = pair.features;
    if (a === b) issue([...pp, 'features', 1], 'a pair needs two different features');
    const key = [a, b].sort().join('|');
    if (pairKeys.has(key)) issue([...pp, 'features'], `pair ${a} × ${b} is listed twice`);
    pairKeys.add(key);
    const rows = slotsOf(a);
    const cols = slotsOf(b);
    if (rows === undefined) issue([...pp, 'features', 0], `feature "${a}" has no characteristic (its bins)`);
    if (cols === undefined) issue([...pp, 'features', 1], `feature "${b}" has no characteristic (its bins)`);
    if (rows !== undefined && pair.table.length !== rows) issue([...pp, 'table'], `expected ${rows} rows: the bins of "${a}", then missing${rows === (characteristics.find((x) => x.feature === a)?.bins.length ?? 0) + 2 ? ', then other' : ''}`);
    if (cols !== undefined) {
      pair.table.forEach((row, r) => {
        if (row.length !== cols) issue([...pp, 'table', r], `expected ${cols} cells: the bins of "${b}", then missing${cols === (characteristics.find((x) => x.feature === b)?.bins.length ?? 0) + 2 ? ', then other' : ''}`);
      });
    }
  });
  if (p.scoring.minFeatures > features.length) issue(['scoring', 'minFeatures'], 'cannot require more features than the policy defines');
  ascending(p.alerts.dpdThresholds, ['alerts', 'dpdThresholds']);
  const ruleIds = new Set<string>(['downgrade', 'dpd_threshold', 'default']);
  p.alerts.rules.forEach((rule, i) => {
    if (ruleIds.has(rule.id)) issue(['alerts', 'rules', i, 'id'], `rule id "${rule.id}" is used twice (or names a built-in rule)`);
    ruleIds.add(rule.id);
    if (rule.kind === 'dpd') ascending(rule.thresholds, ['alerts', 'rules', i, 'thresholds']);
  });
  p.measures.onAlert.forEach((m, i) => {
    if (!ruleIds.has(m.rule)) issue(['measures', 'onAlert', i, 'rule'], `no alert rule "${m.rule}"`);
  });
  for (const section of ['rerateHours', 'bureauRefreshDays'] as const) {
    for (const g of Object.keys(p.cadence[section].byGrade)) if (!grades.has(g)) issue(['cadence', section, 'byGrade', g], `grade "${g}" is not on the master scale`);
  }
};

/** A format 2 risk policy with its cross-field rules (bins cover the line, PD bounds monotonic, grades unique, RFM grid complete, derived params valid). */
export const RiskPolicySchema = RiskPolicyObjectSchema.superRefine((p, ctx) => checkPolicy(p, ctx));
export type RiskPolicy = z.infer<typeof RiskPolicySchema>;
/** A format 2 policy as written in JSON (defaults not yet applied). */
export type RiskPolicyInput = z.input<typeof RiskPolicySchema>;

/** A feature id from a column name: snake case, ≤ 60 characters, starting with a letter. */
export const snake = (column: string): string => {
  const s = column
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return /^[a-z]/.test(s) ? s : `c_${s}`;
};

const STANDARD_IDS: Readonly<Record<string, FeatureExtractor>> = {
  bureau_score: { type: 'bureau_score_percentile', combine: 'worst' },
  worst_dpd: { type: 'worst_days_past_due', includeBureaus: true },
  overdue_ratio: { type: 'overdue_ratio' },
  days_since_last_order: { type: 'days_since_last_order' },
  orders_12m: { type: 'orders_12m', months: 12 },
  payment_days_late_avg: { type: 'payment_days_late_avg' },
  public_records: { type: 'public_records' },
  paydex: { type: 'paydex' },
  partner_pd: { type: 'partner_pd', maxAgeDays: 365 },
  years_in_business: { type: 'years_in_business' },
};

/**
 * The feature ids of the default policy and their extractors. A v1 `column` feature whose column
 * is one of these ids (the columns of the hub's training export) reads the value the default
 * policy computes: it migrates to `derived.<type>` with the same params.
 */
export const STANDARD_FEATURE_EXTRACTORS = STANDARD_IDS;

const derivedFeature = (x: FeatureExtractor): Pick<PolicyFeature, 'path' | 'params'> => {
  const { type, ...params } = x;
  return { path: `derived.${type}`, ...(Object.keys(params).length > 0 ? { params: params as Record<string, string | number | boolean> } : {}) };
};

/**
 * Migrates a parsed version 1 policy to format 2, keeping every number: a v1 extractor becomes
 * `derived.<type>` with its settings as params; a `column` extractor reads `fields.<column>` when
 * the column is a canonical field, the derived feature when it is a standard feature id, and
 * `custom.<column in snake_case>` otherwise (v1 could never read such a column from a profile).
 * The column is kept as `trainingColumn`. Sections move: `scorecard` + `features` +
 * `minimumData` → `scoring`; `masterScale` + `alerts.defaultDpd` → `grades`; `alerts.onDefault`
 * → `measures`.
 * @example migratePolicyV1(RiskPolicyV1ObjectSchema.parse(v1Json)).scoring.features[0].path // 'derived.bureau_score_percentile'
 */
export const migratePolicyV1 = (v1: RiskPolicyV1): z.input<typeof RiskPolicyObjectSchema> => {
  const fields = new Set<string>(ProfileFieldNameSchema.options);
  const features = v1.features.map((f): z.input<typeof PolicyFeatureSchema> => {
    const x = f.extractor;
    if (x.type !== 'column') return { id: f.id, label: f.label, kind: 'numeric', ...derivedFeature(x) };
    const standard = STANDARD_IDS[x.column];
    const source = fields.has(x.column) ? { path: `fields.${x.column}` } : standard ? derivedFeature(standard) : { path: `custom.${snake(x.column)}` };
    return { id: f.id, label: f.label, kind: x.kind, ...source, trainingColumn: x.column };
  });
  return {
    schemaVersion: 2,
    version: v1.version,
    name: v1.name,
    status: v1.status,
    ...(v1.description !== undefined ? { description: v1.description } : {}),
    currency: v1.currency,
    scoring: { features, scaling: v1.scorecard.scaling, basePoints: v1.scorecard.basePoints, characteristics: v1.scorecard.characteristics, minFeatures: v1.minimumData.minFeatures },
    grades: { scale: v1.masterScale, defaultDpd: v1.alerts.defaultDpd },
    limits: v1.limits,
    rfm: v1.rfm,
    partners: { weights: v1.partnerWeights ?? {} },
    alerts: { downgradeNotches: v1.alerts.downgradeNotches, dpdThresholds: v1.alerts.dpdThresholds },
    measures: { onDefault: v1.alerts.onDefault },
    cadence: {},
    ...(v1.training ? { training: v1.training } : {}),
  };
};

/** Where a format 2 path came from in a version 1 document, so a v1 author sees their own paths. */
const v1PathOf = (path: Path): Path => {
  const [section, sub, i, ...rest] = path;
  if (section === 'scoring' && sub === 'features') return ['features', i!, ...(rest[0] === 'path' || rest[0] === 'params' || rest[0] === 'kind' ? ['extractor'] : rest)];
  if (section === 'scoring' && sub === 'characteristics') return ['scorecard', 'characteristics', ...path.slice(2)];
  if (section === 'scoring' && sub === 'minFeatures') return ['minimumData', 'minFeatures'];
  if (section === 'grades' && sub === 'scale') return ['masterScale', ...path.slice(2)];
  if (section === 'grades' && sub === 'defaultDpd') return ['alerts', 'defaultDpd'];
  if (section === 'measures') return ['alerts', ...path.slice(1)];
  if (section === 'partners' && sub === 'weights') return ['partnerWeights', ...path.slice(2)];
  return path;
};

const RiskPolicyV1Schema = RiskPolicyV1ObjectSchema.superRefine((v1, ctx) => {
  const migrated = RiskPolicyObjectSchema.safeParse(migratePolicyV1(v1));
  if (migrated.success) checkPolicy(migrated.data, ctx, v1PathOf);
});

/**
 * A policy document of either format — format 2 (`schemaVersion: 2`) or version 1 (no
 * `schemaVersion`) — validated with its own paths and read as format 2. What `POST
 * /v1/policies` takes and what stored records are read with.
 */
export const PolicyDocumentSchema = z
  .discriminatedUnion('schemaVersion', [RiskPolicySchema, RiskPolicyV1Schema])
  .transform((doc): RiskPolicy => (doc.schemaVersion === 2 ? doc : RiskPolicySchema.parse(migratePolicyV1(doc))));
/** A document of either format as written in JSON. */
export type PolicyDocumentInput = z.input<typeof PolicyDocumentSchema>;

/**
 * Parses and validates a policy document of either format and returns it in format 2. Throws a
 * ValidationError whose issues carry field paths of the document as written
 * (`scoring.characteristics[2].bins[1].from`, or `scorecard.characteristics[2]…` for version 1).
 * @example const policy = parsePolicy(JSON.parse(body));
 */
export const parsePolicy = (json: unknown): RiskPolicy => parseOrThrow(PolicyDocumentSchema, json, 'risk policy');

/** Grade names best → worst. */
export const gradeOrder = (policy: Pick<RiskPolicy, 'grades'>): string[] => policy.grades.scale.map((g) => g.grade);
