import { z } from 'zod';

/** Severity of an alert; drives its SLA timers. */
export const AlertSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type AlertSeverity = z.infer<typeof AlertSeveritySchema>;

/** Metrics an anomaly rule watches, each kept as an incremental baseline per customer. */
export const AnomalyMetricSchema = z.enum(['order_volume', 'payment_delay', 'exposure_growth']);
export type AnomalyMetric = z.infer<typeof AnomalyMetricSchema>;

const common = {
  /** Stable rule id (slug); alerts and their dedupe keys name it. */
  id: z.string().regex(/^[a-z][a-z0-9_-]{1,63}$/),
  severity: AlertSeveritySchema,
  /**
   * Template of the dedupe key: `{rule}`, `{customerId}` and `{detail}` are replaced. While an alert with
   * the same key is open (or within the cool-down) a new firing is folded into it. Default `{rule}:{customerId}`.
   */
  dedupeKey: z.string().min(1).max(200).default('{rule}:{customerId}'),
  /** Hours after an alert with the same dedupe key during which the rule stays quiet. Default: the section's `cooldownHours`. */
  cooldownHours: z.number().min(0).max(24 * 366).optional(),
};

/**
 * One alert rule of the policy's `alerts.rules`. Every variant is strict: an unknown field is a 422
 * naming its path. `kind` picks what the rule watches.
 */
export const AlertRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('downgrade'), notches: z.number().int().min(1) }),
  z.strictObject({ ...common, kind: z.literal('pd_jump'), minIncrease: z.number().gt(0).max(1), minRatio: z.number().gt(1).optional() }),
  z.strictObject({ ...common, kind: z.literal('dpd'), thresholds: z.array(z.number().int().positive()).min(1) }),
  z.strictObject({ ...common, kind: z.literal('default') }),
  z.strictObject({
    ...common,
    kind: z.literal('bureau_score_drop'),
    /** Drop of the bureau score feature (percentile points, 0–100) between two ratings. */
    points: z.number().gt(0).max(100),
    feature: z.string().min(1).default('bureau_score'),
  }),
  z.strictObject({ ...common, kind: z.literal('public_record'), feature: z.string().min(1).default('public_records') }),
  z.strictObject({ ...common, kind: z.literal('utilisation'), abovePercent: z.number().gt(0).max(1000) }),
  z.strictObject({
    ...common,
    kind: z.literal('anomaly'),
    metric: AnomalyMetricSchema,
    /** The period one observation covers; the baseline holds one value per period. */
    period: z.enum(['week', 'month']),
    /** Fires at |z| (or z in `direction`) of at least this many robust standard deviations. */
    threshold: z.number().min(1.5).max(10).default(2.75),
    direction: z.enum(['up', 'down', 'both']).default('up'),
    /** Periods of history the baseline needs before the rule may fire (at least 6). */
    minPeriods: z.number().int().min(6).max(520).default(6),
    /** EWMA weight once the warm-up is over (equal weights 1/n until 1/n < alpha). */
    alpha: z.number().gt(0).max(0.5).default(0.03),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('event'),
    /** Domain event type from another capability, e.g. `rating.drift_detected`, `assessment.conflict_detected`, `security.break_glass_used`. */
    eventType: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/),
  }),
]);
export type AlertRule = z.infer<typeof AlertRuleSchema>;
export type AlertRuleInput = z.input<typeof AlertRuleSchema>;

/** Fills a rule's dedupe-key template. */
export const dedupeKeyOf = (rule: Pick<AlertRule, 'id' | 'dedupeKey'>, customerId: string, detail = ''): string =>
  rule.dedupeKey.replaceAll('{rule}', rule.id).replaceAll('{customerId}', customerId).replaceAll('{detail}', detail);
