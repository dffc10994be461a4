import { z } from 'zod';
import { BureauIdSchema } from '../credit/credit-summary.js';
import { CurrencySchema } from '../money.js';

/**
 * Policy format version 1 (no `schemaVersion`): the document the hub stored and `rb train` wrote
 * before format 2. It is still accepted and read, and migrated to format 2 on read by
 * `migratePolicyV1` (policy.ts parses both). Sections shared with format 2 (RFM, limits, the
 * scorecard's bins and scaling) are defined here once and reused by format 2.
 *
 * Every object in it is strict: a key the policy does not define (a typo) is refused with its
 * path; settings no version implements yet (`partnerWeights`, `alerts.cooldownHours`,
 * `alerts.anomaly`) are refused as not supported yet.
 */

export const PolicyStatusSchema = z.enum(['draft', 'backtested', 'approved', 'active', 'retired']);
export type PolicyStatus = z.infer<typeof PolicyStatusSchema>;

export const FeatureIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'snake_case id, at most 64 chars');

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
  /**
   * Where the R, F and M edges come from: `policy` (absent: the edges above) or `fitted` (the
   * portfolio's stored RFM fit, refreshed on a schedule; the segments above still apply; no fit
   * stored yet → the edges above, with an `RFM_NO_FIT` warning on the rating). docs/rfm.md.
   */
  edges: z.enum(['policy', 'fitted']).optional(),
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

/**
 * A setting no version of the policy implements yet: present → 422 `not_supported` at its path,
 * so a policy never looks as if it did something the hub does not do. The issue that implements
 * the setting replaces this with its real schema.
 */
export const notSupported = (what: string) =>
  z
    .unknown()
    .refine(() => false, { message: `not supported yet: ${what}`, params: { code: 'not_supported' } })
    .optional()
    .meta({ description: `Not supported yet (${what}); a policy that sets it is refused (422 not_supported).`, not: {} });

export const AlertPolicyV1Schema = z.strictObject({
  /** Alert when the grade drops by at least this many notches. */
  downgradeNotches: z.number().int().min(1).default(2),
  /** Alert when the worst days past due first reaches one of these thresholds. */
  dpdThresholds: z.array(z.number().int().positive()).default([30, 60]),
  /** Days past due from which a customer counts as defaulted (grade forced to the worst). */
  defaultDpd: z.number().int().positive().default(90),
  /** Emergency measure taken on default. */
  onDefault: z.enum(['freeze_limit', 'none']).default('freeze_limit'),
  cooldownHours: notSupported('alert cool-downs are set in policy format 2 (alerts.cooldownHours)'),
  anomaly: notSupported('anomaly rules are set in policy format 2 (alerts.rules with kind "anomaly")'),
});

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

/** Format version 1 as written (no `schemaVersion`, or `schemaVersion: 1`). Cross-field rules are checked by policy.ts. */
export const RiskPolicyV1ObjectSchema = z.strictObject({
  schemaVersion: z.literal(1).optional(),
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
  alerts: AlertPolicyV1Schema,
  minimumData: z.strictObject({
    /** Fewer present (non-missing) features than this → `insufficient_data`. */
    minFeatures: z.number().int().nonnegative(),
  }),
  training: TrainingProvenanceSchema.optional(),
  /** Trust weight per partner id (0..1); migrates to `partners.weights` of format 2. */
  partnerWeights: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'letters, digits and _ . - (at most 100)'), z.number().min(0).max(1)).optional(),
});
export type RiskPolicyV1 = z.infer<typeof RiskPolicyV1ObjectSchema>;
/** A version 1 policy as written in JSON (defaults not yet applied). */
export type RiskPolicyV1Input = z.input<typeof RiskPolicyV1ObjectSchema>;
