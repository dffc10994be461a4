import type { BureauId, BureauSummary } from '../../credit/credit-summary.js';
import type { CustomerProfile } from '../../profile/customer-profile.js';
import { daysElapsed, STATIC_PATHS } from '../feature-paths.js';
import { coerceAttribute, compileFeature, type DataWarning, type FeatureValue, type ProfileView } from '../features.js';
import { derivedExtractor, type PolicyFeature } from '../policy.js';
import { DEFAULT_POOLING, type PartnerPoolingSettings } from '../partner-pooling.js';

const DAY_MS = 86_400_000;
const BUREAU_ORDER: readonly BureauId[] = ['experian', 'equifax', 'transunion', 'dnb', 'creditsafe', 'pboc'];
const NO_WARNINGS: DataWarning[] = [];

/**
 * The per-rating view of a profile, reused across calls (one per compiled policy): usable bureaus
 * in a fixed order, `now` as numbers, and lazily computed values several parts of a rating read
 * (order windows, recency, worst days past due). Shaped like {@link ProfileView}, so the reference
 * extractors can read it for the rare derived features without a fast path.
 */
export class FeatureView implements ProfileView {
  profile!: CustomerProfile;
  now!: Date;
  nowMs = 0;
  /** `year * 12 + month0` of `now` (UTC). */
  nowMonth = 0;
  readonly bureaus: BureauSummary[] = [];
  warnings: DataWarning[] = NO_WARNINGS;
  partners: PartnerPoolingSettings = DEFAULT_POOLING;
  private windowMonths = -1;
  private windowCount = 0;
  private windowNet = 0;
  private recency: number | undefined | null = null;
  private dpdAll: number | undefined | null = null;
  private dpdOwn: number | undefined | null = null;

  /** Points the view at `profile` and `now`; nothing is allocated unless the profile has data warnings. */
  reset(profile: CustomerProfile, now: Date, partners: PartnerPoolingSettings = DEFAULT_POOLING): this {
    this.profile = profile;
    this.partners = partners;
    this.now = now;
    this.nowMs = now.getTime();
    this.nowMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
    this.bureaus.length = 0;
    const credit = profile.credit;
    for (let i = 0; i < BUREAU_ORDER.length; i += 1) {
      const s = credit[BUREAU_ORDER[i]!];
      if (s && s.subjectMatch !== 'mismatch') this.bureaus.push(s);
    }
    this.windowMonths = -1;
    this.recency = null;
    this.dpdAll = null;
    this.dpdOwn = null;
    const { orders, exposure } = profile.aggregates;
    let warnings = NO_WARNINGS;
    if (orders.firstOrderAt && orders.lastOrderAt && orders.lastOrderAt < orders.firstOrderAt) {
      warnings = [{ code: 'DQ_ORDER_DATES', text: 'Last order date precedes first order date; recency uses the later of the two' }];
    }
    if (exposure.openMinor < 0 || exposure.overdueMinor < 0) {
      if (warnings === NO_WARNINGS) warnings = [];
      warnings.push({ code: 'DQ_NEGATIVE_EXPOSURE', text: 'Negative open or overdue balance treated as zero' });
    }
    if (exposure.overdueMinor > Math.max(0, exposure.openMinor)) {
      if (warnings === NO_WARNINGS) warnings = [];
      warnings.push({ code: 'DQ_OVERDUE_EXCEEDS_OPEN', text: 'Overdue balance exceeds open balance; overdue ratio capped at 1' });
    }
    this.warnings = warnings;
    return this;
  }

  /** Whole days from an ISO date to now, never negative; undefined when absent or unreadable. */
  daysSince(iso: string | undefined): number | undefined {
    if (!iso) return undefined;
    const t = Date.parse(iso);
    if (!Number.isFinite(t)) return undefined;
    return Math.max(0, Math.floor((this.nowMs - t) / DAY_MS));
  }

  private window(months: number): void {
    if (this.windowMonths === months) return;
    let count = 0;
    let net = 0;
    const first = this.nowMonth - months + 1;
    const buckets = this.profile.aggregates.orders.months;
    for (let i = 0; i < buckets.length; i += 1) {
      const b = buckets[i]!;
      const m = monthIndex(b.month);
      if (m >= first && m <= this.nowMonth) {
        count += b.orderCount;
        net += b.netMinor;
      }
    }
    this.windowMonths = months;
    this.windowCount = count;
    this.windowNet = net;
  }

  /** Order count over the last `months` calendar months (as `ordersInWindow`). */
  ordersCount(months: number): number {
    this.window(months);
    return this.windowCount;
  }

  /** Net sales over the last `months` calendar months (as `ordersInWindow`). */
  ordersNet(months: number): number {
    this.window(months);
    return this.windowNet;
  }

  /** Days since the later of first and last order (as `recencyDays`). */
  recencyDays(): number | undefined {
    if (this.recency === null) {
      const { firstOrderAt: a, lastOrderAt: b } = this.profile.aggregates.orders;
      this.recency = this.daysSince(a === undefined ? b : b === undefined ? a : b > a ? b : a);
    }
    return this.recency;
  }

  /** Worst days past due (as `worstDaysPastDue`). */
  worstDaysPastDue(includeBureaus: boolean): number | undefined {
    const cached = includeBureaus ? this.dpdAll : this.dpdOwn;
    if (cached !== null) return cached;
    const { exposure, payments, orders } = this.profile.aggregates;
    const own = exposure.openInvoiceCount > 0 || payments.count > 0 || orders.count > 0 || exposure.maxDaysPastDue > 0;
    let worst: number | undefined;
    if (own) {
      worst = exposure.maxDaysPastDue;
      if (exposure.oldestOpenDueAt && exposure.openInvoiceCount > 0) worst = Math.max(worst, this.daysSince(exposure.oldestOpenDueAt) ?? 0);
    }
    if (includeBureaus) {
      for (let i = 0; i < this.bureaus.length; i += 1) {
        const d = this.bureaus[i]!.tradelines.worstDaysPastDue;
        worst = worst === undefined ? Math.max(d) : Math.max(worst, d);
      }
      this.dpdAll = worst;
    } else {
      this.dpdOwn = worst;
    }
    return worst;
  }
}

/** `YYYY-MM` → `year * 12 + month0`; −1 for anything else (so it is in no window, like a Set miss). */
const monthIndex = (text: string): number => {
  if (text.length !== 7 || text.charCodeAt(4) !== 45) return -1;
  let year = 0;
  for (let i = 0; i < 4; i += 1) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    year = year * 10 + d;
  }
  const m1 = text.charCodeAt(5) - 48;
  const m2 = text.charCodeAt(6) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9) return -1;
  const month = m1 * 10 + m2;
  if (month < 1 || month > 12 || year < 1000) return -1;
  return year * 12 + month - 1;
};

/** Reads one feature from the view; the same value as `compileFeature(feature)` of features.ts. */
export type ViewReader = (view: FeatureView) => FeatureValue;

const finiteOrUndefined = (v: FeatureValue): FeatureValue => (typeof v === 'number' && !Number.isFinite(v) ? undefined : v);

const needsBureaus = new Set(['bureau_score_percentile', 'public_records', 'inquiries_12m', 'paydex', 'years_in_business']);

/**
 * Compiles one policy feature into a reader over the reusable view: the derived features the
 * hub's policies use most read cached view values; the rest fall back to the reference extractor
 * (still compiled once, never re-resolved per call). Non-finite numbers read as missing.
 */
export const compileViewReader = (feature: PolicyFeature): ViewReader => {
  const categorical = feature.kind === 'categorical';
  const asKind = (v: FeatureValue): FeatureValue => (categorical && typeof v === 'number' ? String(v) : v);
  const derived = derivedExtractor(feature);
  if (derived) {
    const fallback = compileFeature(feature);
    const slow: ViewReader = (view) => finiteOrUndefined(fallback(view));
    const fast = (read: (view: FeatureView) => FeatureValue): ViewReader => (categorical ? (view) => finiteOrUndefined(asKind(read(view))) : (view) => finiteOrUndefined(read(view)));
    switch (derived.type) {
      case 'worst_days_past_due': {
        const include = derived.includeBureaus;
        return fast((view) => view.worstDaysPastDue(include));
      }
      case 'overdue_ratio':
        return fast((view) => {
          const agg = view.profile.aggregates;
          const open = Math.max(0, agg.exposure.openMinor);
          const overdue = Math.max(0, agg.exposure.overdueMinor);
          if (open === 0 && overdue === 0) return agg.orders.count > 0 || agg.exposure.openInvoiceCount > 0 ? 0 : undefined;
          return open === 0 ? 1 : Math.min(1, overdue / open);
        });
      case 'days_since_last_order':
        return fast((view) => view.recencyDays());
      case 'orders_12m': {
        const months = derived.months;
        return fast((view) => (view.profile.aggregates.orders.count > 0 ? view.ordersCount(months) : undefined));
      }
      case 'net_sales_12m': {
        const months = derived.months;
        return fast((view) => (view.profile.aggregates.orders.count > 0 ? view.ordersNet(months) : undefined));
      }
      case 'payment_days_late_avg':
        return fast((view) => {
          const p = view.profile.aggregates.payments;
          return p.count > 0 ? p.daysLateSum / p.count : undefined;
        });
      case 'late_payment_share':
        return fast((view) => {
          const p = view.profile.aggregates.payments;
          return p.count > 0 ? Math.min(1, p.lateCount / p.count) : undefined;
        });
      case 'partner_pd':
        return (view) => (view.profile.assessments.length === 0 ? undefined : slow(view));
      default:
        return needsBureaus.has(derived.type) ? (view) => (view.bureaus.length === 0 ? undefined : slow(view)) : slow;
    }
  }
  const [source, head, ...rest] = feature.path.split('.');
  const isDate = STATIC_PATHS.get(feature.path)?.type === 'date';
  const coerce = (raw: unknown, view: FeatureView, custom: boolean): FeatureValue => {
    if (!categorical && (isDate || (custom && typeof raw === 'string'))) return finiteOrUndefined(daysElapsed(raw, view.now));
    return finiteOrUndefined(coerceAttribute(raw, feature.kind));
  };
  if (head === undefined) return () => undefined;
  if (source === 'custom' && rest.length === 0) return (view) => coerce(view.profile.custom?.[head]?.value, view, true);
  if (source === 'fields' && rest.length === 0) {
    return (view) => coerce((view.profile.fields as Record<string, { value: unknown } | undefined>)[head]?.value, view, false);
  }
  const reference = compileFeature(feature);
  return (view) => finiteOrUndefined(reference(view));
};
