import { formatMinorUnits } from '../../money.js';
import type { CustomerProfile } from '../../profile/customer-profile.js';
import type { LimitFactor, LimitRecommendation } from '../credit-limit.js';
import { partnerInputsOf, type FeatureValue } from '../features.js';
import { DEFAULT_POOLING } from '../partner-pooling.js';
import type { RiskPolicy } from '../policy.js';
import type { RatingResult } from '../rating-result.js';
import { ascendingScore, recencyScore, rfmSegment } from '../rfm.js';
import { scoringFamilyFor } from './families.js';
import { compileViewReader, FeatureView } from './feature-view.js';
import './scorecard-family.js';

const MAX_REASONS = 4;
const MONTH_MS = 30.4375 * 86_400_000;

/** A rating without its inputs hash: what analysis (backtests, what-ifs, benches) needs. */
export type UnhashedRating = Omit<RatingResult, 'inputsHash'>;

/** What the inputs hash covers besides the result's features: read once while rating. */
export interface RatingInputs {
  policyVersion: number;
  featureIds: readonly string[];
  features: Record<string, number | string | null>;
  worstDaysPastDue: number | null;
  rfm: { recencyDays: number; frequency: number; monetaryMinor: number } | null;
  /** Under `rfm.edges: 'fitted'`: the stored fit the RFM scores came from (`v<version>@<asOf>`), or `none`. */
  rfmFit?: string;
  limit: { currency: string; averageMonthlyPurchasesMinor: number | null; bureauLimits: { amountMinor: number; currency: string }[]; openMinor: number; frozen: boolean };
}

/** A policy compiled once: features as readers, scoring as typed arrays, grades, RFM grid and limit rules resolved. */
export interface CompiledPolicy {
  readonly policy: RiskPolicy;
  /** Rates `profile` at `now`; the same result as the reference engine, without `inputsHash`. */
  rate(profile: CustomerProfile, now: Date): UnhashedRating;
  /** The inputs of the last rating `rate` returned (computed on demand; valid until the next call). */
  lastInputs(): RatingInputs;
}

const compiledPolicies = new WeakMap<RiskPolicy, CompiledPolicy>();

/**
 * The compiled form of `policy`, built on first use and kept while the policy object lives.
 * @example const r = compiledPolicy(DEFAULT_POLICY).rate(profile, now);
 */
export const compiledPolicy = (policy: RiskPolicy): CompiledPolicy => {
  let compiled = compiledPolicies.get(policy);
  if (!compiled) {
    compiled = compilePolicy(policy);
    compiledPolicies.set(policy, compiled);
  }
  return compiled;
};

/** Compiles `policy` (use {@link compiledPolicy} to reuse the result). */
export const compilePolicy = (policy: RiskPolicy): CompiledPolicy => {
  const features = policy.scoring.features;
  const nFeatures = features.length;
  const featureIds = features.map((f) => f.id);
  const readers = features.map(compileViewReader);
  const scorer = scoringFamilyFor(policy).compile(policy);
  const { scratch, reasons: reasonDefs } = scorer;
  const nChars = reasonDefs.length;
  const values: FeatureValue[] = new Array<FeatureValue>(nFeatures).fill(undefined);
  const view = new FeatureView();
  const poolsPartners = features.some((f) => f.path === 'derived.partner_pd');
  const partnerSettings = policy.partners ?? DEFAULT_POOLING;
  const top = new Int32Array(MAX_REASONS);

  const scale = policy.grades.scale;
  const scaleMaxPd = Float64Array.from(scale.map((g) => g.maxPd));
  const worstGrade = scale[scale.length - 1]!.grade;
  const defaultDpd = policy.grades.defaultDpd;
  const minFeatures = policy.scoring.minFeatures;
  const gradeFor = (pd: number): string => {
    for (let i = 0; i < scaleMaxPd.length; i += 1) if (pd <= scaleMaxPd[i]!) return scale[i]!.grade;
    return worstGrade;
  };
  const insufficientText = (present: number): string => `${present} of ${nFeatures} rating features available; ${minFeatures} required`;
  const defaultText = (dpd: number): string => `Payments ${dpd} or more days past due (default definition: ${defaultDpd} days)`;

  const rfmPolicy = policy.rfm;
  const segmentGrid = new Map<number, string>();
  const segmentOf = (r: number, f: number): string => {
    const key = r * 1024 + f;
    let s = segmentGrid.get(key);
    if (s === undefined) {
      s = rfmSegment(r, f, rfmPolicy);
      segmentGrid.set(key, s);
    }
    return s;
  };

  const limits = policy.limits;
  const ruleByGrade = new Map(limits.byGrade.map((r) => [r.grade, r] as const));
  const combineMin = limits.combine === 'min';
  const combineReason = `Took the ${combineMin ? 'lower' : 'higher'} of the components`;
  const roundStep = limits.roundDownToMinor;
  const featureTemplate: Record<string, number | string | null> = Object.fromEntries(featureIds.map((id) => [id, null]));
  let isoMs = Number.NaN;
  let iso = '';

  let lastProfile: CustomerProfile | undefined;
  let lastResult: UnhashedRating | undefined;
  let lastDpd: number | undefined;
  let lastRfmRaw: RatingInputs['rfm'] = null;
  let lastAvg: number | undefined;

  const averageMonthly = (profile: CustomerProfile): number | undefined => {
    const { orders } = profile.aggregates;
    if (orders.count === 0) return undefined;
    const net = Math.max(0, view.ordersNet(12));
    const first = orders.firstOrderAt ? Date.parse(orders.firstOrderAt) : Number.NaN;
    const monthsActive = Number.isFinite(first) ? Math.floor((view.nowMs - first) / MONTH_MS) + 1 : 12;
    return Math.round(net / Math.min(12, Math.max(1, monthsActive)));
  };

  const fmt = (minor: number, currency: string): string => `${formatMinorUnits(minor, currency)} ${currency}`;
  const zeroLimit = (currency: string, name: string, reason: string): LimitRecommendation => ({ recommended: { amountMinor: 0, currency }, factors: [{ name, value: 0, reason }] });

  const recommend = (profile: CustomerProfile, grade: string | undefined, defaulted: boolean, avg: number | undefined): LimitRecommendation => {
    const currency = profile.aggregates.currency ?? policy.currency;
    if (grade === undefined) return zeroLimit(currency, 'insufficient_data', 'Not enough data to rate the customer: no credit recommended');
    if (defaulted) return zeroLimit(currency, 'default', `Days past due reached the default threshold (${defaultDpd})`);
    if (profile.freeze) return zeroLimit(currency, 'frozen', 'Credit is frozen for this customer');
    const rule = ruleByGrade.get(grade);
    if (!rule) return zeroLimit(currency, 'no_rule', `No limit rule for grade ${grade}`);
    const factors: LimitFactor[] = [];
    let components = 0;
    let combined = 0;
    if (avg !== undefined) {
      const v = Math.round(avg * rule.purchaseMultiple);
      combined = v;
      components = 1;
      factors.push({ name: 'purchase_volume', value: v, reason: `${rule.purchaseMultiple}× average monthly purchases of ${fmt(avg, currency)} (grade ${grade})` });
    }
    let lowest = Number.POSITIVE_INFINITY;
    let anyBureau = false;
    const credit = profile.credit as Record<string, { business?: { recommendedLimit?: { amountMinor: number; currency: string } } } | undefined>;
    for (const key in credit) {
      const m = credit[key]?.business?.recommendedLimit;
      if (m !== undefined && m.currency === currency && m.amountMinor >= 0) {
        lowest = anyBureau ? Math.min(lowest, m.amountMinor) : m.amountMinor;
        anyBureau = true;
      }
    }
    if (anyBureau) {
      const v = Math.round(lowest * rule.bureauShare);
      combined = components === 0 ? v : combineMin ? Math.min(combined, v) : Math.max(combined, v);
      components += 1;
      factors.push({ name: 'bureau_recommendation', value: v, reason: `${Math.round(rule.bureauShare * 100)}% of the bureau recommended limit of ${fmt(lowest, currency)}` });
    }
    let amount: number;
    if (components === 0) {
      amount = 0;
      factors.push({ name: 'no_basis', value: 0, reason: 'No purchase history or bureau recommendation to size a limit' });
    } else {
      amount = combined;
      if (components > 1) factors.push({ name: 'combine', value: amount, reason: combineReason });
    }
    if (currency === policy.currency) {
      if (amount > rule.capMinor) {
        amount = rule.capMinor;
        factors.push({ name: 'cap', value: amount, reason: `Capped at ${fmt(rule.capMinor, currency)} for grade ${grade}` });
      }
      if (amount < rule.floorMinor) {
        amount = rule.floorMinor;
        factors.push({ name: 'floor', value: amount, reason: `Raised to the floor of ${fmt(rule.floorMinor, currency)} for grade ${grade}` });
      }
    } else {
      factors.push({ name: 'currency', reason: `Cap and floor are in ${policy.currency}; not applied to a ${currency} customer` });
    }
    if (limits.subtractExposure) {
      const exposure = Math.max(0, profile.aggregates.exposure.openMinor);
      if (exposure > 0) {
        amount = Math.max(0, amount - exposure);
        factors.push({ name: 'exposure', value: exposure, reason: `Less open exposure of ${fmt(exposure, currency)}` });
      }
    }
    return { recommended: { amountMinor: Math.floor(amount / roundStep) * roundStep, currency }, factors };
  };

  /** Indices of up to `max` characteristics with the largest shortfall (> 0), ties in policy order, into `top`. */
  const topReasons = (max: number): number => {
    let k = 0;
    const shortfall = scratch.shortfall;
    for (let i = 0; i < nChars; i += 1) {
      const s = shortfall[i]!;
      if (!(s > 0)) continue;
      if (k === max && !(s > shortfall[top[k - 1]!]!)) continue;
      let j = k === max ? k - 1 : k;
      while (j > 0 && s > shortfall[top[j - 1]!]!) {
        top[j] = top[j - 1]!;
        j -= 1;
      }
      top[j] = i;
      if (k < max) k += 1;
    }
    return k;
  };

  const rate = (profile: CustomerProfile, now: Date): UnhashedRating => {
    view.reset(profile, now, partnerSettings);
    let present = 0;
    for (let i = 0; i < nFeatures; i += 1) {
      const v = readers[i]!(view);
      values[i] = v;
      if (v !== undefined) present += 1;
    }
    const dpd = view.worstDaysPastDue(true);
    const defaulted = dpd !== undefined && dpd >= defaultDpd;
    scorer.score(values);
    const sufficient = present >= minFeatures;
    const rated = sufficient || defaulted;
    const pd = defaulted ? 1 : scratch.pd;
    const grade = rated ? (defaulted ? worstGrade : gradeFor(pd)) : undefined;

    const reasons: RatingResult['reasons'] = [];
    if (defaulted) reasons.push({ code: 'DEFAULT', text: defaultText(dpd) });
    if (!sufficient) reasons.push({ code: 'INSUFFICIENT_DATA', text: insufficientText(present) });
    if (rated) {
      const k = topReasons(MAX_REASONS - reasons.length);
      for (let j = 0; j < k; j += 1) {
        const i = top[j]!;
        const def = reasonDefs[i]!;
        if (scratch.missing[i] === 1) reasons.push({ code: def.code, text: def.missingText, points: -scratch.shortfall[i]!, missingData: true });
        else reasons.push({ code: def.code, text: def.text, points: -scratch.shortfall[i]! });
      }
    }

    let rfm: UnhashedRating['rfm'];
    lastRfmRaw = null;
    const days = view.recencyDays();
    if (days !== undefined && profile.aggregates.orders.count !== 0) {
      const count = view.ordersCount(rfmPolicy.windowMonths);
      const net = view.ordersNet(rfmPolicy.windowMonths);
      const r = recencyScore(days, rfmPolicy.recencyDays);
      const f = ascendingScore(count, rfmPolicy.frequency);
      const m = ascendingScore(Math.max(0, net), rfmPolicy.monetaryMinor);
      rfm = { r, f, m, segment: segmentOf(r, f) };
      lastRfmRaw = { recencyDays: days, frequency: count, monetaryMinor: net };
    }
    const avg = averageMonthly(profile);
    const limit = recommend(profile, grade, defaulted, avg);

    const featureRecord = { ...featureTemplate };
    for (let i = 0; i < nFeatures; i += 1) featureRecord[featureIds[i]!] = values[i] ?? null;
    if (view.nowMs !== isoMs) {
      isoMs = view.nowMs;
      iso = now.toISOString();
    }

    const result: UnhashedRating = { status: rated ? 'rated' : 'insufficient_data', policyVersion: policy.version, reasons, limit, ratedAt: iso, features: featureRecord, defaulted };
    if (rated) {
      result.score = scratch.score;
      result.grade = grade;
      result.pd = pd;
    }
    if (rfm) result.rfm = rfm;
    if (dpd !== undefined) result.worstDaysPastDue = dpd;
    if (view.warnings.length > 0) result.warnings = view.warnings;
    if (poolsPartners && profile.assessments.length > 0) {
      const partnerInputs = partnerInputsOf(view, features);
      if (partnerInputs) result.partnerInputs = partnerInputs;
    }
    lastProfile = profile;
    lastResult = result;
    lastDpd = dpd;
    lastAvg = avg;
    return result;
  };

  const lastInputs = (): RatingInputs => {
    if (!lastProfile || !lastResult) throw new Error('lastInputs() before rate()');
    const profile = lastProfile;
    const bureauLimits: { amountMinor: number; currency: string }[] = [];
    for (const s of Object.values(profile.credit)) {
      const m = s?.business?.recommendedLimit;
      if (m !== undefined) bureauLimits.push(m);
    }
    return {
      policyVersion: policy.version,
      featureIds,
      features: lastResult.features ?? {},
      worstDaysPastDue: lastDpd ?? null,
      rfm: lastRfmRaw,
      limit: {
        currency: profile.aggregates.currency ?? policy.currency,
        averageMonthlyPurchasesMinor: lastAvg ?? null,
        bureauLimits,
        openMinor: profile.aggregates.exposure.openMinor,
        frozen: profile.freeze !== undefined,
      },
    };
  };

  return { policy, rate, lastInputs };
};
