import { z } from 'zod';
import { DomainError, type ErrorOptions } from '../errors.js';
import { convertMinor, CurrencySchema, formatMinorUnits, type Money } from '../money.js';
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

/**
 * A versioned FX table an admin uploads: units of each currency per one unit of `base`. Approved
 * like a policy (approval primitive) before limits use it; limits always read the approved version.
 */
export const FxTableSchema = z.strictObject({
  version: z.number().int().positive(),
  base: CurrencySchema,
  asOf: z.iso.date(),
  rates: z.record(CurrencySchema, z.number().positive().finite()).refine((r) => Object.keys(r).length > 0, 'at least one rate'),
});
export type FxTable = z.infer<typeof FxTableSchema>;

/** A currency the FX table has no rate for (HTTP 422 at `currency`). */
export class MissingFxRateError extends DomainError {
  constructor(currency: string, version: number, options: ErrorOptions = {}) {
    super('missing_fx_rate', `FX table version ${version} has no rate for ${currency}`, options);
  }
}

/**
 * A limit in the policy currency expressed in the customer's currency through the FX table,
 * rounded half-even to that currency's minor units.
 * @example limitInCurrency({ amountMinor: 1_000_000, currency: 'EUR' }, 'GBP', table) // { amountMinor: 857_250, currency: 'GBP' } at 0.85725
 */
export const limitInCurrency = (limit: Money, currency: string, table: FxTable): Money => {
  if (limit.currency === currency) return { ...limit };
  const rateOf = (c: string): number => {
    if (c === table.base) return 1;
    const r = table.rates[c];
    if (r === undefined) throw new MissingFxRateError(c, table.version);
    return r;
  };
  return { amountMinor: convertMinor(limit.amountMinor, limit.currency, currency, rateOf(currency) / rateOf(limit.currency)), currency };
};

/** One customer's limit and place in a group (`parentId` → the parent's customer id). */
export interface GroupMember {
  customerId: string;
  parentId?: string | undefined;
  amountMinor: number;
}

/** The top of a customer's group: follow `parentId` until a customer without one (cycles stop where they close). */
export const groupRoot = (customerId: string, parentOf: ReadonlyMap<string, string | undefined>): string => {
  const seen = new Set<string>();
  let current = customerId;
  while (!seen.has(current)) {
    seen.add(current);
    const parent = parentOf.get(current);
    if (parent === undefined || !parentOf.has(parent)) return parent ?? current;
    current = parent;
  }
  return [...seen].sort()[0]!;
};

/**
 * Group cap: the limits of every group (all levels under one top parent) sum to at most `capMinor`.
 * An over-cap group is scaled down pro rata, rounded down, and the remaining minor units go to the
 * largest remainders (ties by customer id), so the sum is exactly the cap; groups under the cap and
 * customers without a group are unchanged.
 */
export const applyGroupCap = (members: readonly GroupMember[], capMinor: number): Map<string, number> => {
  const parentOf = new Map(members.map((m) => [m.customerId, m.parentId]));
  const groups = new Map<string, GroupMember[]>();
  for (const m of members) {
    const root = groupRoot(m.customerId, parentOf);
    (groups.get(root) ?? groups.set(root, []).get(root)!).push(m);
  }
  const out = new Map<string, number>();
  for (const list of groups.values()) {
    const total = list.reduce((s, m) => s + Math.max(0, m.amountMinor), 0);
    if (total <= capMinor) {
      for (const m of list) out.set(m.customerId, m.amountMinor);
      continue;
    }
    const shares = list.map((m) => {
      const exact = (Math.max(0, m.amountMinor) * capMinor) / total;
      return { id: m.customerId, floor: Math.floor(exact), remainder: exact - Math.floor(exact) };
    });
    let left = capMinor - shares.reduce((s, x) => s + x.floor, 0);
    for (const x of [...shares].sort((a, b) => b.remainder - a.remainder || (a.id < b.id ? -1 : 1))) {
      if (left <= 0) break;
      x.floor += 1;
      left -= 1;
    }
    for (const x of shares) out.set(x.id, x.floor);
  }
  return out;
};

/**
 * Purchase multiples fitted to a trained master scale: the best grade gets `maxMultiple`, the
 * multiple falls linearly in PD to zero at `zeroFromPd` (grades at or above it lend nothing),
 * rounded to quarter steps and non-increasing down the scale. Training calls it for a new scale.
 * @example fitGradeMultiples([{ grade: 'A', maxPd: 0.01 }, { grade: 'B', maxPd: 0.3 }]) // [{ grade: 'A', purchaseMultiple: 4 }, { grade: 'B', purchaseMultiple: 0 }]
 */
export const fitGradeMultiples = (
  scale: readonly { grade: string; maxPd: number }[],
  options: { maxMultiple?: number; zeroFromPd?: number } = {},
): { grade: string; purchaseMultiple: number }[] => {
  const maxMultiple = options.maxMultiple ?? 4;
  const zeroFromPd = options.zeroFromPd ?? 0.25;
  const best = scale[0]?.maxPd ?? 0;
  let previous = maxMultiple;
  return scale.map(({ grade, maxPd }) => {
    const share = maxPd >= zeroFromPd ? 0 : Math.min(1, (zeroFromPd - maxPd) / Math.max(1e-12, zeroFromPd - best));
    const multiple = Math.min(previous, Math.round(maxMultiple * share * 4) / 4);
    previous = multiple;
    return { grade, purchaseMultiple: multiple };
  });
};
