import { z } from 'zod';
import { BureauIdSchema } from '../credit/credit-summary.js';
import { CurrencySchema } from '../money.js';
import { parseOrThrow } from '../validation.js';

/**
 * The risk policy: a versioned, validated JSON document that turns a customer profile into a
 * score, PD, grade, RFM segment, recommended limit and alerts. Everything the engine does is
 * driven from here; the engine itself holds no thresholds.
 *
 * Every object in it is strict: a key the policy does not define (a typo, or a setting of a
 * later version such as `partnerWeights`) is refused with its path instead of being dropped, so
 * an approved policy never differs silently from the document its author wrote.
 */

export const PolicyStatusSchema = z.enum(['draft', 'backtested', 'approved', 'active', 'retired']);
export type PolicyStatus = z.infer<typeof PolicyStatusSchema>;

const FeatureIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'snake_case id, at most 64 chars');

/**
 * The fixed library of feature extractors. Each reads the profile (aggregates, bureau
 * summaries, partner assessments) and yields a number, a category, or `missing`.
 */
export const FeatureExtractorSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('bureau_score_percentile'),
    /** Only this bureau; all bureaus when omitted. */
    bureau: BureauIdSchema.optional(),
    /** Only scores whose model name contains this text (case-insensitive). */
    model: z.string().min(1).optional(),
    /** How to combine several matching scores: the worst (default), the first by bureau order, or the mean. */
    combine: z.enum(['worst', 'first', 'mean']).default('worst'),
  }),
  z.strictObject({
    type: z.literal('worst_days_past_due'),
    /** Also consider bureau tradeline delinquency, not only own invoices. */
    includeBureaus: z.boolean().default(true),
  }),
  z.strictObject({ type: z.literal('overdue_ratio') }),
  z.strictObject({ type: z.literal('days_since_last_order') }),
  z.strictObject({ type: z.literal('orders_12m'), months: z.number().int().min(1).max(24).default(12) }),
  z.strictObject({ type: z.literal('net_sales_12m'), months: z.number().int().min(1).max(24).default(12) }),
  z.strictObject({ type: z.literal('payment_days_late_avg') }),
  z.strictObject({ type: z.literal('late_payment_share') }),
  z.strictObject({ type: z.literal('public_records'), bureau: BureauIdSchema.optional() }),
  z.strictObject({ type: z.literal('inquiries_12m'), bureau: BureauIdSchema.optional() }),
  z.strictObject({ type: z.literal('paydex') }),
  z.strictObject({
    type: z.literal('partner_pd'),
    /** Assessments older than this are ignored. */
    maxAgeDays: z.number().int().positive().default(365),
  }),
  z.strictObject({ type: z.literal('years_in_business') }),
  z.strictObject({
    type: z.literal('column'),
    /** Name of an attribute: a profile field (`fields.<name>`) or a column of a labelled training file. */
    column: z.string().min(1).max(128),
    kind: z.enum(['numeric', 'categorical']),
  }),
]);
export type FeatureExtractor = z.infer<typeof FeatureExtractorSchema>;
export type FeatureExtractorType = FeatureExtractor['type'];

export const FeatureDefinitionSchema = z.strictObject({
  id: FeatureIdSchema,
  label: z.string().min(1).max(200),
  extractor: FeatureExtractorSchema,
});
export type FeatureDefinition = z.infer<typeof FeatureDefinitionSchema>;

/** Half-open interval [from, to); an omitted bound is unbounded. */
export const NumericBinSchema = z.strictObject({
  from: z.number().optional(),
  to: z.number().optional(),
  points: z.number(),
  woe: z.number().optional(),
});
export const CategoryBinSchema = z.strictObject({
  values: z.array(z.string()).min(1),
  points: z.number(),
  woe: z.number().optional(),
});

const ReasonFields = {
  /** Stable adverse-action code, e.g. `R03`. */
  reasonCode: z.string().min(1).max(32),
  /** Client-facing text shown when this characteristic costs points. */
  reasonText: z.string().min(1).max(300),
  /** Text shown instead when it costs points because the data is missing (default: reasonText + " (no data)"). */
  missingReasonText: z.string().min(1).max(300).optional(),
};

export const CharacteristicSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('numeric'),
    feature: FeatureIdSchema,
    bins: z.array(NumericBinSchema).min(1),
    missingPoints: z.number(),
    ...ReasonFields,
  }),
  z.strictObject({
    type: z.literal('categorical'),
    feature: FeatureIdSchema,
    bins: z.array(CategoryBinSchema).min(1),
    /** Points for a category not listed in any bin. */
    otherPoints: z.number(),
    missingPoints: z.number(),
    ...ReasonFields,
  }),
]);
export type Characteristic = z.infer<typeof CharacteristicSchema>;

/**
 * Points-to-double-odds scaling: score = offset + factor · ln(odds good:bad), with
 * factor = pdo / ln 2 and offset = baseScore − factor · ln(baseOdds).
 */
export const ScalingSchema = z.strictObject({
  baseScore: z.number(),
  baseOdds: z.number().positive(),
  pdo: z.number().positive(),
});
export type Scaling = z.infer<typeof ScalingSchema>;

export const ScorecardSchema = z.strictObject({
  scaling: ScalingSchema,
  /** Points every customer starts with (the intercept, in points). */
  basePoints: z.number().default(0),
  characteristics: z.array(CharacteristicSchema).min(1),
});

/** Grades best → worst, each with the PD upper bound (inclusive); the last bound is 1. */
export const MasterScaleSchema = z
  .array(z.strictObject({ grade: z.string().min(1).max(8), maxPd: z.number().min(0).max(1) }))
  .min(2);

const QuintileEdgesSchema = z.array(z.number()).length(4);
const ScoreRangeSchema = z.tuple([z.number().int().min(1).max(5), z.number().int().min(1).max(5)]);

export const RfmSegmentNameSchema = z.enum([
  'Champions',
  'Loyal',
  'Potential Loyalist',
  'New',
  'Promising',
  'Need Attention',
  'About to Sleep',
  'At Risk',
  "Can't Lose",
  'Hibernating',
  'Lost',
]);

export const RfmPolicySchema = z.strictObject({
  windowMonths: z.number().int().min(1).max(24).default(12),
  /** Recency in days: ≤ edge[0] → R5, ≤ edge[1] → R4, … , > edge[3] → R1. */
  recencyDays: QuintileEdgesSchema,
  /** Orders in the window: < edge[0] → F1, … , ≥ edge[3] → F5. */
  frequency: QuintileEdgesSchema,
  /** Net sales in the window, minor units of the policy currency: < edge[0] → M1, … , ≥ edge[3] → M5. */
  monetaryMinor: QuintileEdgesSchema,
  /** First matching row wins; together the rows must cover all 25 R×F cells. */
  segments: z.array(z.strictObject({ segment: RfmSegmentNameSchema, r: ScoreRangeSchema, f: ScoreRangeSchema })).min(1),
});
export type RfmPolicy = z.infer<typeof RfmPolicySchema>;

export const GradeLimitRuleSchema = z.strictObject({
  grade: z.string().min(1).max(8),
  /** Limit = multiple × average monthly net purchases (last 12 months). */
  purchaseMultiple: z.number().min(0),
  /** Limit = share × the bureau's recommended limit (D&B, Creditsafe). */
  bureauShare: z.number().min(0).max(1),
  capMinor: z.number().int().nonnegative(),
  floorMinor: z.number().int().nonnegative(),
});

export const LimitPolicySchema = z.strictObject({
  /** Combine the available components (purchases, bureau) by their minimum (prudent) or maximum. */
  combine: z.enum(['min', 'max']).default('min'),
  /** Subtract open exposure (open invoices) from the limit, floored at zero. */
  subtractExposure: z.boolean().default(true),
  /** Round the result down to a multiple of this many minor units. */
  roundDownToMinor: z.number().int().positive().default(100),
  byGrade: z.array(GradeLimitRuleSchema).min(1),
});
export type LimitPolicy = z.infer<typeof LimitPolicySchema>;

export const AlertPolicySchema = z.strictObject({
  /** Alert when the grade drops by at least this many notches. */
  downgradeNotches: z.number().int().min(1).default(2),
  /** Alert when the worst days past due first reaches one of these thresholds. */
  dpdThresholds: z.array(z.number().int().positive()).default([30, 60]),
  /** Days past due from which a customer counts as defaulted (grade forced to the worst). */
  defaultDpd: z.number().int().positive().default(90),
  /** Emergency measure taken on default. */
  onDefault: z.enum(['freeze_limit', 'none']).default('freeze_limit'),
});
export type AlertPolicy = z.infer<typeof AlertPolicySchema>;

export const TrainingProvenanceSchema = z.strictObject({
  dataset: z.string(),
  rows: z.number().int().nonnegative(),
  target: z.string(),
  folds: z.number().int().nonnegative(),
  auc: z.number().min(0).max(1),
  ks: z.number().min(0).max(1),
  gini: z.number().min(-1).max(1),
  /** PD cutoff minimising the expected cost on out-of-fold predictions, when a cost ratio was given. */
  cutoffPd: z.number().min(0).max(1).optional(),
  trainedAt: z.iso.datetime({ offset: true }),
});

const RiskPolicyObjectSchema = z.strictObject({
  version: z.number().int().positive(),
  name: z.string().min(1).max(200),
  status: PolicyStatusSchema,
  description: z.string().max(2000).optional(),
  /** Currency of every amount in the policy (limit caps, floors, RFM monetary edges). */
  currency: CurrencySchema,
  features: z.array(FeatureDefinitionSchema).min(1),
  scorecard: ScorecardSchema,
  masterScale: MasterScaleSchema,
  rfm: RfmPolicySchema,
  limits: LimitPolicySchema,
  alerts: AlertPolicySchema,
  minimumData: z.strictObject({
    /** Fewer present (non-missing) features than this → `insufficient_data`. */
    minFeatures: z.number().int().nonnegative(),
  }),
  training: TrainingProvenanceSchema.optional(),
});

type PolicyShape = z.infer<typeof RiskPolicyObjectSchema>;

const checkPolicy = (p: PolicyShape, ctx: z.RefinementCtx): void => {
  const issue = (path: (string | number)[], message: string): void => {
    ctx.addIssue({ code: 'custom', path, message });
  };
  const featureIds = new Set<string>();
  p.features.forEach((f, i) => {
    if (featureIds.has(f.id)) issue(['features', i, 'id'], `duplicate feature id "${f.id}"`);
    featureIds.add(f.id);
  });
  const scored = new Set<string>();
  p.scorecard.characteristics.forEach((c, i) => {
    const at = ['scorecard', 'characteristics', i];
    if (!featureIds.has(c.feature)) issue([...at, 'feature'], `unknown feature "${c.feature}"`);
    if (scored.has(c.feature)) issue([...at, 'feature'], `feature "${c.feature}" is scored twice`);
    scored.add(c.feature);
    const def = p.features.find((f) => f.id === c.feature);
    const categorical = def?.extractor.type === 'column' && def.extractor.kind === 'categorical';
    if (def && categorical !== (c.type === 'categorical')) {
      issue([...at, 'type'], `feature "${c.feature}" yields ${categorical ? 'categories' : 'numbers'}`);
    }
    if (c.type === 'numeric') {
      c.bins.forEach((b, j) => {
        const first = j === 0;
        const last = j === c.bins.length - 1;
        if (first && b.from !== undefined) issue([...at, 'bins', j, 'from'], 'the first bin must be open below (omit from)');
        if (last && b.to !== undefined) issue([...at, 'bins', j, 'to'], 'the last bin must be open above (omit to)');
        if (!last && b.to === undefined) issue([...at, 'bins', j, 'to'], 'only the last bin may be open above');
        if (!first && b.from === undefined) issue([...at, 'bins', j, 'from'], 'only the first bin may be open below');
        const next = c.bins[j + 1];
        if (next && b.to !== undefined && next.from !== undefined && next.from !== b.to) {
          issue([...at, 'bins', j + 1, 'from'], `bins must be contiguous: expected from = ${b.to}`);
        }
        if (b.from !== undefined && b.to !== undefined && !(b.from < b.to)) issue([...at, 'bins', j], 'from must be below to');
      });
    } else {
      const seen = new Set<string>();
      c.bins.forEach((b, j) =>
        b.values.forEach((v, k) => {
          if (seen.has(v)) issue([...at, 'bins', j, 'values', k], `category "${v}" is in two bins`);
          seen.add(v);
        }),
      );
    }
  });
  const grades = new Set<string>();
  p.masterScale.forEach((g, i) => {
    if (grades.has(g.grade)) issue(['masterScale', i, 'grade'], `duplicate grade "${g.grade}"`);
    grades.add(g.grade);
    const prev = p.masterScale[i - 1];
    if (prev && !(g.maxPd > prev.maxPd)) issue(['masterScale', i, 'maxPd'], 'PD bounds must increase strictly from best to worst grade');
  });
  const lastGrade = p.masterScale[p.masterScale.length - 1];
  if (lastGrade && lastGrade.maxPd !== 1) issue(['masterScale', p.masterScale.length - 1, 'maxPd'], 'the worst grade must reach PD 1');
  const ascending = (edges: number[], path: string[], strict = true): void => {
    edges.forEach((e, i) => {
      const prev = edges[i - 1];
      if (prev !== undefined && (strict ? !(e > prev) : e < prev)) issue([...path, i], 'edges must increase');
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
  const ordered = p.masterScale.map((g) => p.limits.byGrade.find((r) => r.grade === g.grade));
  ordered.forEach((rule, i) => {
    const better = ordered[i - 1];
    if (!rule || !better) return;
    const keys = ['purchaseMultiple', 'bureauShare', 'capMinor', 'floorMinor'] as const;
    for (const k of keys) {
      if (rule[k] > better[k]) issue(['limits', 'byGrade', p.limits.byGrade.indexOf(rule), k], `a worse grade must not get a higher ${k} than ${better.grade}`);
    }
  });
  if (p.minimumData.minFeatures > p.features.length) {
    issue(['minimumData', 'minFeatures'], 'cannot require more features than the policy defines');
  }
  ascending(p.alerts.dpdThresholds, ['alerts', 'dpdThresholds']);
};

/** A risk policy with its cross-field rules (bins cover the line, PD bounds monotonic, grades unique, RFM grid complete). */
export const RiskPolicySchema = RiskPolicyObjectSchema.superRefine(checkPolicy);
export type RiskPolicy = z.infer<typeof RiskPolicySchema>;
/** The policy as written in JSON (defaults not yet applied). */
export type RiskPolicyInput = z.input<typeof RiskPolicySchema>;

/**
 * Parses and validates a policy document. Throws a ValidationError whose issues carry field
 * paths (`scorecard.characteristics[2].bins[1].from`).
 * @example const policy = parsePolicy(JSON.parse(body));
 */
export const parsePolicy = (json: unknown): RiskPolicy => parseOrThrow(RiskPolicySchema, json, 'risk policy');

/** Grade names best → worst. */
export const gradeOrder = (policy: Pick<RiskPolicy, 'masterScale'>): string[] => policy.masterScale.map((g) => g.grade);
