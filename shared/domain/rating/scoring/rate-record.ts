import type { CustomerProfile } from '../../profile/customer-profile.js';
import { limitInputs, recommendLimitFor, type LimitInputs } from '../credit-limit.js';
import { daysElapsed, flattenProfile, STATIC_PATHS } from '../feature-paths.js';
import { coerceAttribute, extractFeatures, viewProfile, worstDaysPastDue, type FeatureValue } from '../features.js';
import type { PolicyFeature, RiskPolicy } from '../policy.js';
import { ratingOutcome, type RatingOutcome } from './rating-outcome.js';
import { scoreValues } from './score-values.js';

/**
 * Optional columns of a scoring file beside the features: what the default definition and the
 * limit rule read. Absent, the row is rated without them (no default check; no purchase,
 * bureau or exposure basis for the limit).
 */
export const SIDE_COLUMNS = {
  worstDaysPastDue: 'rating.worstDaysPastDue',
  currency: 'limit.currency',
  averageMonthlyPurchasesMinor: 'limit.averageMonthlyPurchasesMinor',
  bureauLimitMinor: 'limit.bureauLimitMinor',
  openMinor: 'limit.openMinor',
  frozen: 'limit.frozen',
} as const;
const SIDE = new Set<string>(Object.values(SIDE_COLUMNS));

/** Where each feature of a policy is read from in a file with this header, and what the header lacks or has extra. */
export interface ColumnPlan {
  features: { feature: PolicyFeature; column: string | undefined }[];
  /** Features no column feeds, by the columns that would (training column, canonical path, or id). */
  missing: { feature: string; columns: string[] }[];
  /** Columns the policy does not read. */
  extra: string[];
}

/** The columns a feature can be read from, in order: the training column it was fitted on, its canonical path, its id. */
export const columnsFor = (f: PolicyFeature): string[] => [...new Set([...(f.trainingColumn ? [f.trainingColumn] : []), f.path, f.id])];

/**
 * Matches a file's header to a policy's features.
 * @example planColumns(['row', 'duration', 'amount'], policy).missing // [{ feature: 'age', columns: ['age', 'custom.age'] }]
 */
export const planColumns = (header: readonly string[], policy: RiskPolicy, ignore: readonly string[] = ['row']): ColumnPlan => {
  const has = new Set(header);
  const used = new Set<string>([...SIDE, ...ignore]);
  const features = policy.scoring.features.map((feature) => {
    const column = columnsFor(feature).find((c) => has.has(c));
    if (column) used.add(column);
    return { feature, column };
  });
  return {
    features,
    missing: features.filter((f) => f.column === undefined).map((f) => ({ feature: f.feature.id, columns: columnsFor(f.feature) })),
    extra: header.filter((h) => !used.has(h)),
  };
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** A cell as the live engine reads the same path: numbers, booleans 0/1, categories as text, dates on date paths as days elapsed at `now`. */
const cellValue = (feature: PolicyFeature, column: string, raw: unknown, now: Date): FeatureValue => {
  if (feature.kind === 'numeric' && column === feature.path && typeof raw === 'string' && ISO_DATE.test(raw.trim())) {
    const datePath = STATIC_PATHS.get(feature.path)?.type === 'date' || feature.path.startsWith('custom.');
    if (datePath) return daysElapsed(raw.trim(), now);
  }
  if (typeof raw === 'string' && /^(true|false)$/i.test(raw.trim()) && feature.kind === 'numeric') return raw.trim().toLowerCase() === 'true' ? 1 : 0;
  const v = coerceAttribute(raw, feature.kind);
  return typeof v === 'number' && !Number.isFinite(v) ? undefined : v;
};

const num = (raw: unknown): number | undefined => {
  const v = coerceAttribute(raw, 'numeric');
  return typeof v === 'number' ? v : undefined;
};

/** A rated or unrated record: the rating decision and the recommended limit in minor units. */
export interface RecordRating extends RatingOutcome {
  limit: { amountMinor: number; currency: string };
  /** Why the row was not rated (status `insufficient_data`). */
  why?: string;
}

/**
 * Rates one flat record (a CSV row or an NDJSON object) with the engine live rating uses: the
 * same scoring lookups, decision and limit rule. Features read the columns `plan` chose.
 */
export const rateRecord = (record: Record<string, unknown>, policy: RiskPolicy, plan: ColumnPlan, now: Date): RecordRating => {
  const values: Record<string, FeatureValue> = {};
  for (const { feature, column } of plan.features) values[feature.id] = column === undefined ? undefined : cellValue(feature, column, record[column], now);
  const dpd = num(record[SIDE_COLUMNS.worstDaysPastDue]);
  const outcome = ratingOutcome(scoreValues(values, policy), policy, dpd === undefined ? undefined : Math.round(dpd));
  const currency = coerceAttribute(record[SIDE_COLUMNS.currency], 'categorical');
  const avg = num(record[SIDE_COLUMNS.averageMonthlyPurchasesMinor]);
  const bureau = num(record[SIDE_COLUMNS.bureauLimitMinor]);
  const frozen = num(record[SIDE_COLUMNS.frozen]) ?? (/^true$/i.test(String(record[SIDE_COLUMNS.frozen] ?? '').trim()) ? 1 : 0);
  const inputs: LimitInputs = {
    ...(typeof currency === 'string' ? { currency } : {}),
    ...(avg !== undefined ? { averageMonthlyPurchasesMinor: avg } : {}),
    bureauLimits: bureau === undefined ? [] : [{ amountMinor: bureau, currency: typeof currency === 'string' ? currency : policy.currency }],
    openMinor: num(record[SIDE_COLUMNS.openMinor]) ?? 0,
    frozen: frozen === 1,
  };
  const limit = recommendLimitFor(inputs, policy, { grade: outcome.grade, defaulted: outcome.defaulted }).recommended;
  const why = outcome.rated ? undefined : outcome.reasons.find((r) => r.code === 'INSUFFICIENT_DATA')?.text;
  return { ...outcome, limit, ...(why ? { why } : {}) };
};

/**
 * A profile's flat export for scoring: every canonical path it holds (`fields.country`,
 * `aggregates.orders.count`, `custom.<name>`, `bureau.<bureau>.…`), the policy's derived
 * features as `derived.<name>`, and the side columns (worst days past due, limit inputs).
 * Scoring it with rateRecord gives the rating rateProfile gives (a property test holds this).
 */
export const exportProfileRecord = (profile: CustomerProfile, policy: RiskPolicy, now: Date): Record<string, string | number | boolean> => {
  const out: Record<string, string | number | boolean> = {};
  for (const [path, value] of flattenProfile(profile)) if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[path] = value;
  const view = viewProfile(profile, now, policy.partners);
  const derived = policy.scoring.features.filter((f) => f.path.startsWith('derived.'));
  const values = extractFeatures(view, derived);
  for (const f of derived) {
    const v = values[f.id];
    if (v !== undefined) out[f.path] = v;
  }
  const dpd = worstDaysPastDue(view, true);
  if (dpd !== undefined) out[SIDE_COLUMNS.worstDaysPastDue] = dpd;
  const limit = limitInputs(profile, now);
  if (limit.currency !== undefined) out[SIDE_COLUMNS.currency] = limit.currency;
  if (limit.averageMonthlyPurchasesMinor !== undefined) out[SIDE_COLUMNS.averageMonthlyPurchasesMinor] = limit.averageMonthlyPurchasesMinor;
  const currency = limit.currency ?? policy.currency;
  const sameCurrency = limit.bureauLimits.filter((m) => m.currency === currency && m.amountMinor >= 0).map((m) => m.amountMinor);
  if (sameCurrency.length > 0) out[SIDE_COLUMNS.bureauLimitMinor] = Math.min(...sameCurrency);
  out[SIDE_COLUMNS.openMinor] = limit.openMinor;
  out[SIDE_COLUMNS.frozen] = limit.frozen;
  return out;
};
