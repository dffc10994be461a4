import type { BureauId, BureauScore, BureauSummary } from '../credit/credit-summary.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { daysElapsed, readPath, STATIC_PATHS } from './feature-paths.js';
import { evaluateFormula } from './training/derived.js';
import { DEFAULT_POOLING, poolPartnerPds, type PartnerInput, type PartnerPoolingSettings } from './partner-pooling.js';
import { derivedExtractor, STANDARD_FEATURE_EXTRACTORS, type FeatureExtractor, type PolicyFeature } from './policy.js';

export { STANDARD_FEATURE_EXTRACTORS };

/** A feature value: a number, a category, or `undefined` for missing. Never NaN. */
export type FeatureValue = number | string | undefined;

/** A data-quality observation made while reading the profile (contradictory or impossible data). */
export interface DataWarning {
  code: string;
  text: string;
}

const DAY_MS = 86_400_000;
const BUREAU_ORDER: readonly BureauId[] = ['experian', 'equifax', 'transunion', 'dnb', 'creditsafe', 'pboc'];

const finite = (n: number): number | undefined => (Number.isFinite(n) ? n : undefined);

/** Reads the profile once per rating: dates parsed, bureaus ordered, warnings collected. */
export interface ProfileView {
  profile: CustomerProfile;
  now: Date;
  bureaus: BureauSummary[];
  warnings: DataWarning[];
  /** The policy's partner weights (`partners` section) the `partner_pd` feature pools with. */
  partners: PartnerPoolingSettings;
}

export const viewProfile = (profile: CustomerProfile, now: Date, partners: PartnerPoolingSettings = DEFAULT_POOLING): ProfileView => {
  const bureaus = BUREAU_ORDER.flatMap((id) => {
    const s = profile.credit[id];
    return s && s.subjectMatch !== 'mismatch' ? [s] : [];
  });
  const warnings: DataWarning[] = [];
  const { orders, exposure } = profile.aggregates;
  if (orders.firstOrderAt && orders.lastOrderAt && orders.lastOrderAt < orders.firstOrderAt) {
    warnings.push({ code: 'DQ_ORDER_DATES', text: 'Last order date precedes first order date; recency uses the later of the two' });
  }
  if (exposure.openMinor < 0 || exposure.overdueMinor < 0) {
    warnings.push({ code: 'DQ_NEGATIVE_EXPOSURE', text: 'Negative open or overdue balance treated as zero' });
  }
  if (exposure.overdueMinor > Math.max(0, exposure.openMinor)) {
    warnings.push({ code: 'DQ_OVERDUE_EXCEEDS_OPEN', text: 'Overdue balance exceeds open balance; overdue ratio capped at 1' });
  }
  return { profile, now, bureaus, warnings, partners };
};

const daysSince = (iso: string | undefined, now: Date): number | undefined => {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return undefined;
  return Math.max(0, Math.floor((now.getTime() - t) / DAY_MS));
};

const monthKey = (d: Date): string => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

/** The `months` calendar months ending with the month of `now` (UTC), newest first. */
export const windowMonthKeys = (now: Date, months: number): Set<string> => {
  const keys = new Set<string>();
  for (let i = 0; i < months; i += 1) keys.add(monthKey(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1))));
  return keys;
};

/** Order count and net sales over the last `months` months, from the monthly buckets. */
export const ordersInWindow = (profile: CustomerProfile, now: Date, months: number): { count: number; netMinor: number } => {
  const keys = windowMonthKeys(now, months);
  let count = 0;
  let netMinor = 0;
  for (const b of profile.aggregates.orders.months) {
    if (keys.has(b.month)) {
      count += b.orderCount;
      netMinor += b.netMinor;
    }
  }
  return { count, netMinor };
};

/** Days since the most recent order; the later of first/last order when they contradict. */
export const recencyDays = (profile: CustomerProfile, now: Date): number | undefined => {
  const { firstOrderAt, lastOrderAt } = profile.aggregates.orders;
  const latest = [firstOrderAt, lastOrderAt].filter((d): d is string => d !== undefined).sort().pop();
  return daysSince(latest, now);
};

/**
 * Worst days past due known for the customer: own invoices (recorded maximum and the age of
 * the oldest open due date) and, optionally, bureau tradelines. `undefined` when nothing is known.
 */
export const worstDaysPastDue = (view: ProfileView, includeBureaus = true): number | undefined => {
  const { exposure, payments, orders } = view.profile.aggregates;
  const own = exposure.openInvoiceCount > 0 || payments.count > 0 || orders.count > 0 || exposure.maxDaysPastDue > 0;
  const candidates: number[] = [];
  if (own) {
    candidates.push(exposure.maxDaysPastDue);
    if (exposure.oldestOpenDueAt && exposure.openInvoiceCount > 0) candidates.push(daysSince(exposure.oldestOpenDueAt, view.now) ?? 0);
  }
  if (includeBureaus) for (const b of view.bureaus) candidates.push(b.tradelines.worstDaysPastDue);
  return candidates.length === 0 ? undefined : Math.max(...candidates);
};

const scorePercentile = (s: BureauScore): number | undefined => {
  const span = s.max - s.min;
  if (!(span > 0)) return undefined;
  const clamped = Math.min(s.max, Math.max(s.min, s.value));
  const share = (clamped - s.min) / span;
  return finite(100 * (s.direction === 'higher_is_better' ? share : 1 - share));
};

const extract = (view: ProfileView, x: FeatureExtractor): FeatureValue => {
  const { profile, now, bureaus } = view;
  const agg = profile.aggregates;
  switch (x.type) {
    case 'bureau_score_percentile': {
      const model = x.model?.toLowerCase();
      const values = bureaus
        .filter((b) => x.bureau === undefined || b.bureau === x.bureau)
        .flatMap((b) => b.scores)
        .filter((s) => model === undefined || s.model.toLowerCase().includes(model))
        .map(scorePercentile)
        .filter((v): v is number => v !== undefined);
      if (values.length === 0) return undefined;
      if (x.combine === 'first') return values[0];
      if (x.combine === 'mean') return values.reduce((a, b) => a + b, 0) / values.length;
      return Math.min(...values);
    }
    case 'worst_days_past_due':
      return worstDaysPastDue(view, x.includeBureaus);
    case 'overdue_ratio': {
      const open = Math.max(0, agg.exposure.openMinor);
      const overdue = Math.max(0, agg.exposure.overdueMinor);
      if (open === 0 && overdue === 0) return agg.orders.count > 0 || agg.exposure.openInvoiceCount > 0 ? 0 : undefined;
      return open === 0 ? 1 : Math.min(1, overdue / open);
    }
    case 'days_since_last_order':
      return recencyDays(profile, now);
    case 'orders_12m':
      return agg.orders.count > 0 ? ordersInWindow(profile, now, x.months).count : undefined;
    case 'net_sales_12m':
      return agg.orders.count > 0 ? ordersInWindow(profile, now, x.months).netMinor : undefined;
    case 'payment_days_late_avg':
      return agg.payments.count > 0 ? agg.payments.daysLateSum / agg.payments.count : undefined;
    case 'late_payment_share':
      return agg.payments.count > 0 ? Math.min(1, agg.payments.lateCount / agg.payments.count) : undefined;
    case 'public_records': {
      const selected = bureaus.filter((b) => x.bureau === undefined || b.bureau === x.bureau);
      if (selected.length === 0) return undefined;
      const max = (k: keyof BureauSummary['publicRecords']): number => Math.max(...selected.map((b) => b.publicRecords[k]));
      return max('bankruptcies') + max('judgments') + max('liens') + max('other');
    }
    case 'inquiries_12m': {
      const selected = bureaus.filter((b) => x.bureau === undefined || b.bureau === x.bureau);
      return selected.length === 0 ? undefined : Math.max(...selected.map((b) => b.inquiriesLast12Months));
    }
    case 'paydex': {
      const found = bureaus.map((b) => b.business?.paydex).filter((v): v is number => v !== undefined);
      return found.length === 0 ? undefined : Math.min(...found);
    }
    case 'partner_pd':
      return poolPartnerPds(profile.assessments, view.partners, now, view.partners.maxAgeDays ?? x.maxAgeDays)?.pd;
    case 'years_in_business': {
      const founded = bureaus.map((b) => b.business?.foundedYear).find((y): y is number => y !== undefined);
      if (founded === undefined) return undefined;
      return Math.max(0, now.getUTCFullYear() - founded);
    }
    case 'column':
      // Version 1 only: migration turns every column into a canonical path.
      return undefined;
  }
};

/** Coerces a raw attribute (CSV cell, NDJSON value, profile field) to a feature value; blanks and non-numbers are missing. */
export const coerceAttribute = (raw: unknown, kind: 'numeric' | 'categorical'): FeatureValue => {
  if (raw === undefined || raw === null) return undefined;
  if (kind === 'categorical') {
    const text = String(raw).trim();
    return text === '' ? undefined : text;
  }
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw === 'number') return finite(raw);
  const text = String(raw).trim();
  if (text === '') return undefined;
  return finite(Number(text));
};

type Reader = (view: ProfileView) => FeatureValue;
const readers = new WeakMap<PolicyFeature, Reader>();

const asKind = (v: FeatureValue, kind: PolicyFeature['kind']): FeatureValue => (typeof v === 'number' && kind === 'categorical' ? String(v) : v);

/**
 * The reader of one feature, built once per feature object: a derived extractor, or the value at
 * a canonical path coerced to the feature's kind (booleans 0/1, dates as days elapsed). What a
 * compiled policy would inline.
 */
export const compileFeature = (feature: PolicyFeature): Reader => {
  let reader = readers.get(feature);
  if (reader) return reader;
  const derived = derivedExtractor(feature);
  const { formula } = feature;
  if (formula) {
    const inputs = formula.inputs.map((input) => compileFeature({ id: feature.id, label: feature.label, path: input.path, kind: 'numeric' }));
    reader = (view) => evaluateFormula(formula, inputs.map((read) => read(view) as number | undefined));
  } else if (derived) {
    reader = (view) => asKind(extract(view, derived), feature.kind);
  } else {
    // Dates count as days elapsed: static date paths by their type; custom values are stored
    // canonical (numbers as numbers), so text read as a number is a declared date.
    const isDate = STATIC_PATHS.get(feature.path)?.type === 'date';
    const isCustom = feature.path.startsWith('custom.');
    reader = (view) => {
      const raw = readPath(view.profile, feature.path);
      if (feature.kind === 'numeric' && (isDate || (isCustom && typeof raw === 'string'))) return daysElapsed(raw, view.now);
      return coerceAttribute(raw, feature.kind);
    };
  }
  readers.set(feature, reader);
  return reader;
};

/**
 * The partner assessments behind the pooled `partner_pd` of a rating, largest share first: the
 * first `derived.partner_pd` feature's pooling (internal views only; never published).
 */
export const partnerInputsOf = (view: ProfileView, features: readonly PolicyFeature[]): PartnerInput[] | undefined => {
  if (view.profile.assessments.length === 0) return undefined;
  for (const f of features) {
    const x = derivedExtractor(f);
    if (x?.type !== 'partner_pd') continue;
    return poolPartnerPds(view.profile.assessments, view.partners, view.now, view.partners.maxAgeDays ?? x.maxAgeDays)?.inputs;
  }
  return undefined;
};

/** Evaluates every policy feature on the profile; missing values are `undefined`, never NaN. */
export const extractFeatures = (view: ProfileView, features: readonly PolicyFeature[]): Record<string, FeatureValue> => {
  const out: Record<string, FeatureValue> = {};
  for (const f of features) {
    const v = compileFeature(f)(view);
    out[f.id] = typeof v === 'number' && !Number.isFinite(v) ? undefined : v;
  }
  return out;
};

/**
 * Evaluates features on a flat record (a training row or an exported history line): a feature
 * fitted on a training column reads that column with its kind, any other reads the column named
 * by its id.
 */
export const extractFromRecord = (record: Record<string, unknown>, features: readonly PolicyFeature[]): Record<string, FeatureValue> => {
  const out: Record<string, FeatureValue> = {};
  for (const f of features) {
    if (f.formula) {
      // The same function live rating uses, on the training columns (else the paths) of the record.
      out[f.id] = evaluateFormula(f.formula, f.formula.inputs.map((input) => coerceAttribute(record[input.trainingColumn ?? input.path], 'numeric') as number | undefined));
      continue;
    }
    out[f.id] = f.trainingColumn !== undefined ? coerceAttribute(record[f.trainingColumn], f.kind) : coerceAttribute(record[f.id], f.kind);
  }
  return out;
};
