import { formatMinorUnits } from '../money.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { ordersInWindow } from './features.js';
import type { RiskPolicy } from './policy.js';

export interface LimitFactor {
  name: string;
  value?: number;
  reason: string;
}

export interface LimitRecommendation {
  recommended: { amountMinor: number; currency: string };
  factors: LimitFactor[];
}

export interface LimitContext {
  /** Grade from the scorecard; undefined when the customer could not be rated. */
  grade: string | undefined;
  defaulted: boolean;
}

const MONTH_MS = 30.4375 * 86_400_000;

/** Average monthly net purchases over the last 12 months, counting only months since the first order. */
export const averageMonthlyPurchasesMinor = (profile: CustomerProfile, now: Date): number | undefined => {
  const { orders } = profile.aggregates;
  if (orders.count === 0) return undefined;
  const net = Math.max(0, ordersInWindow(profile, now, 12).netMinor);
  const first = orders.firstOrderAt ? Date.parse(orders.firstOrderAt) : Number.NaN;
  const monthsActive = Number.isFinite(first) ? Math.floor((now.getTime() - first) / MONTH_MS) + 1 : 12;
  return Math.round(net / Math.min(12, Math.max(1, monthsActive)));
};

/** What the limit rule reads from a profile: the same figures whether they come from a profile or a flat scoring record. */
export interface LimitInputs {
  /** The customer's currency; the policy's when the profile has none. */
  currency?: string;
  averageMonthlyPurchasesMinor?: number;
  /** Bureau recommended limits (any currency; only the customer's currency counts). */
  bureauLimits: { amountMinor: number; currency: string }[];
  openMinor: number;
  frozen: boolean;
}

/** The limit inputs of a profile at `now`. */
export const limitInputs = (profile: CustomerProfile, now: Date): LimitInputs => {
  const avg = averageMonthlyPurchasesMinor(profile, now);
  return {
    ...(profile.aggregates.currency !== undefined ? { currency: profile.aggregates.currency } : {}),
    ...(avg !== undefined ? { averageMonthlyPurchasesMinor: avg } : {}),
    bureauLimits: Object.values(profile.credit)
      .map((s) => s?.business?.recommendedLimit)
      .filter((m) => m !== undefined),
    openMinor: profile.aggregates.exposure.openMinor,
    frozen: profile.freeze !== undefined,
  };
};

/**
 * Recommended credit limit under the grade's rule, with the reason for every factor:
 * components (purchase multiple, bureau share) combined by min or max, cap, floor,
 * minus open exposure, rounded down; zero when defaulted, frozen, graded with a zero rule,
 * or not rated. Amounts are in the customer's currency; cap, floor and bureau limits apply
 * only when they are in the same currency.
 */
export const recommendLimit = (profile: CustomerProfile, policy: RiskPolicy, now: Date, ctx: LimitContext): LimitRecommendation =>
  recommendLimitFor(limitInputs(profile, now), policy, ctx);

/** recommendLimit on limit inputs (file scoring reads them from columns). */
export const recommendLimitFor = (inputs: LimitInputs, policy: RiskPolicy, ctx: LimitContext): LimitRecommendation => {
  const currency = inputs.currency ?? policy.currency;
  const fmt = (minor: number): string => `${formatMinorUnits(minor, currency)} ${currency}`;
  const factors: LimitFactor[] = [];
  const done = (amountMinor: number): LimitRecommendation => ({ recommended: { amountMinor, currency }, factors });

  if (ctx.grade === undefined) {
    factors.push({ name: 'insufficient_data', value: 0, reason: 'Not enough data to rate the customer: no credit recommended' });
    return done(0);
  }
  if (ctx.defaulted) {
    factors.push({ name: 'default', value: 0, reason: `Days past due reached the default threshold (${policy.grades.defaultDpd})` });
    return done(0);
  }
  if (inputs.frozen) {
    factors.push({ name: 'frozen', value: 0, reason: 'Credit is frozen for this customer' });
    return done(0);
  }
  const rule = policy.limits.byGrade.find((r) => r.grade === ctx.grade);
  if (!rule) {
    factors.push({ name: 'no_rule', value: 0, reason: `No limit rule for grade ${ctx.grade}` });
    return done(0);
  }
  const sameCurrency = currency === policy.currency;
  const components: number[] = [];
  const avg = inputs.averageMonthlyPurchasesMinor;
  if (avg !== undefined) {
    const v = Math.round(avg * rule.purchaseMultiple);
    components.push(v);
    factors.push({ name: 'purchase_volume', value: v, reason: `${rule.purchaseMultiple}× average monthly purchases of ${fmt(avg)} (grade ${ctx.grade})` });
  }
  const bureauLimits = inputs.bureauLimits.filter((m) => m.currency === currency && m.amountMinor >= 0);
  if (bureauLimits.length > 0) {
    const lowest = Math.min(...bureauLimits.map((m) => m.amountMinor));
    const v = Math.round(lowest * rule.bureauShare);
    components.push(v);
    factors.push({ name: 'bureau_recommendation', value: v, reason: `${Math.round(rule.bureauShare * 100)}% of the bureau recommended limit of ${fmt(lowest)}` });
  }
  let amount: number;
  if (components.length === 0) {
    amount = 0;
    factors.push({ name: 'no_basis', value: 0, reason: 'No purchase history or bureau recommendation to size a limit' });
  } else {
    amount = policy.limits.combine === 'min' ? Math.min(...components) : Math.max(...components);
    if (components.length > 1) factors.push({ name: 'combine', value: amount, reason: `Took the ${policy.limits.combine === 'min' ? 'lower' : 'higher'} of the components` });
  }
  if (sameCurrency) {
    if (amount > rule.capMinor) {
      amount = rule.capMinor;
      factors.push({ name: 'cap', value: amount, reason: `Capped at ${fmt(rule.capMinor)} for grade ${ctx.grade}` });
    }
    if (amount < rule.floorMinor) {
      amount = rule.floorMinor;
      factors.push({ name: 'floor', value: amount, reason: `Raised to the floor of ${fmt(rule.floorMinor)} for grade ${ctx.grade}` });
    }
  } else {
    factors.push({ name: 'currency', reason: `Cap and floor are in ${policy.currency}; not applied to a ${currency} customer` });
  }
  if (policy.limits.subtractExposure) {
    const exposure = Math.max(0, inputs.openMinor);
    if (exposure > 0) {
      amount = Math.max(0, amount - exposure);
      factors.push({ name: 'exposure', value: exposure, reason: `Less open exposure of ${fmt(exposure)}` });
    }
  }
  const step = policy.limits.roundDownToMinor;
  amount = Math.floor(amount / step) * step;
  return done(amount);
};
