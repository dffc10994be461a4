import { z } from 'zod';
import type { Clock } from '../clock.js';
import { DomainError, type ErrorOptions } from '../errors.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import { ordersInWindow, recencyDays } from './features.js';
import type { RfmPolicy } from './policy.js';

export interface RfmResult {
  r: number;
  f: number;
  m: number;
  segment: string;
  recencyDays: number;
  frequency: number;
  monetaryMinor: number;
}

/** Higher value → higher score: < edge[0] → 1, … , ≥ edge[3] → 5. */
export const ascendingScore = (value: number, edges: readonly number[]): number => {
  let score = 1;
  for (const e of edges) if (value >= e) score += 1;
  return score;
};

/** Fewer days → higher score: ≤ edge[0] → 5, … , > edge[3] → 1. */
export const recencyScore = (days: number, edges: readonly number[]): number => {
  let score = 5;
  for (const e of edges) if (days > e) score -= 1;
  return score;
};

/** The first segment row whose R and F ranges hold the scores. */
export const rfmSegment = (r: number, f: number, policy: RfmPolicy): string =>
  policy.segments.find((s) => s.r[0] <= r && r <= s.r[1] && s.f[0] <= f && f <= s.f[1])?.segment ?? 'Hibernating';

/**
 * RFM scores (1–5 each) and segment from the order aggregates; `undefined` for a customer
 * who never ordered. Monetary edges are in the policy currency; a customer in another currency
 * is scored on the raw minor units (documented limitation).
 */
export const computeRfm = (profile: CustomerProfile, now: Date, policy: RfmPolicy): RfmResult | undefined => {
  const days = recencyDays(profile, now);
  if (days === undefined || profile.aggregates.orders.count === 0) return undefined;
  const window = ordersInWindow(profile, now, policy.windowMonths);
  const r = recencyScore(days, policy.recencyDays);
  const f = ascendingScore(window.count, policy.frequency);
  const m = ascendingScore(Math.max(0, window.netMinor), policy.monetaryMinor);
  return { r, f, m, segment: rfmSegment(r, f, policy), recencyDays: days, frequency: window.count, monetaryMinor: window.netMinor };
};

/**
 * The standard RFM segment map on the R and F scores (the ten-segment map of the classic
 * Online Retail RFM analysis; docs/rfm.md): unlike the policy default grid there is no `Lost`
 * row, R1 F1 is `Hibernating`. Together the rows cover all 25 R×F cells exactly once.
 */
export const STANDARD_RFM_SEGMENTS: RfmPolicy['segments'] = [
  { segment: 'Hibernating', r: [1, 2], f: [1, 2] },
  { segment: 'At Risk', r: [1, 2], f: [3, 4] },
  { segment: "Can't Lose", r: [1, 2], f: [5, 5] },
  { segment: 'About to Sleep', r: [3, 3], f: [1, 2] },
  { segment: 'Need Attention', r: [3, 3], f: [3, 3] },
  { segment: 'Loyal', r: [3, 4], f: [4, 5] },
  { segment: 'Promising', r: [4, 4], f: [1, 1] },
  { segment: 'New', r: [5, 5], f: [1, 1] },
  { segment: 'Potential Loyalist', r: [4, 5], f: [2, 3] },
  { segment: 'Champions', r: [5, 5], f: [4, 5] },
];

const DAY_MS = 86_400_000;

/** One customer's RFM inputs at a date: `key` breaks ties in rank-based quintiles (the customer id). */
export interface RfmObservation {
  key: string;
  recencyDays: number;
  frequency: number;
  monetaryMinor: number;
}

/** A rank boundary: items up to (value, key) inclusive fall at or below it. */
export const RankEdgeSchema = z.object({ value: z.number(), key: z.string() });
export type RankEdge = z.infer<typeof RankEdgeSchema>;

/**
 * Quintile edges fitted to a portfolio as of a date. Recency uses value quintiles (linear
 * interpolation, `≤ edge` scores higher, like pandas `qcut`); frequency and monetary use rank
 * quintiles with ties broken by customer id (pandas `rank(method='first')` then `qcut`), so that
 * a portfolio where a fifth of the customers ordered once is not put in one score.
 */
export const RfmFitSchema = z.object({
  /** Set by the store: 1, 2, … in the order the fits were stored (absent on a fit not stored yet). */
  version: z.number().int().positive().optional(),
  asOf: z.iso.datetime({ offset: true }),
  fittedAt: z.iso.datetime({ offset: true }),
  customers: z.number().int().nonnegative(),
  recencyDays: z.array(z.number()).length(4),
  frequency: z.array(RankEdgeSchema).length(4),
  monetaryMinor: z.array(RankEdgeSchema).length(4),
  segments: z.array(z.object({ segment: z.string(), r: z.tuple([z.number(), z.number()]), f: z.tuple([z.number(), z.number()]) })),
  segmentCounts: z.record(z.string(), z.number().int().nonnegative()),
});
export type RfmFit = z.infer<typeof RfmFitSchema>;

/** Customer ids compared with numeric runs as numbers: `c:…:9` before `c:…:10`. */
const keyCollator = new Intl.Collator('en', { numeric: true });

const compareRank = (a: { value: number; key: string }, b: { value: number; key: string }): number =>
  a.value === b.value ? keyCollator.compare(a.key, b.key) : a.value - b.value;

/**
 * Linear-interpolation quantile of sorted values (numpy's default).
 * @example quantile([1, 2, 3, 4], 0.5) // 2.5
 */
export const quantile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) throw new RangeError('quantile of an empty list');
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
};

const QUINTILES = [0.2, 0.4, 0.6, 0.8] as const;

/** The last item of each rank quintile (ranks 1..n, edges at 1 + p·(n−1), items at or below the edge). */
const rankEdges = (items: { value: number; key: string }[]): RankEdge[] => {
  const sorted = [...items].sort(compareRank);
  return QUINTILES.map((p) => {
    const rank = Math.floor(1 + p * (sorted.length - 1));
    const item = sorted[Math.max(0, rank - 1)]!;
    return { value: item.value, key: item.key };
  });
};

/** 1 + the number of rank edges the item lies above. */
export const rankScore = (item: { value: number; key: string }, edges: readonly RankEdge[]): number =>
  1 + edges.filter((e) => compareRank(item, e) > 0).length;

/** R, F, M scores and segment of one observation under a fit. */
export const scoreRfm = (o: RfmObservation, fit: Pick<RfmFit, 'recencyDays' | 'frequency' | 'monetaryMinor' | 'segments'>): RfmResult => {
  const r = recencyScore(o.recencyDays, fit.recencyDays);
  const f = rankScore({ value: o.frequency, key: o.key }, fit.frequency);
  const m = rankScore({ value: o.monetaryMinor, key: o.key }, fit.monetaryMinor);
  const segment = fit.segments.find((s) => s.r[0] <= r && r <= s.r[1] && s.f[0] <= f && f <= s.f[1])?.segment ?? 'Hibernating';
  return { r, f, m, segment, recencyDays: o.recencyDays, frequency: o.frequency, monetaryMinor: o.monetaryMinor };
};

/**
 * Fits quintile edges to the observations (at least 5) and counts the segments they give.
 * Deterministic: the same observations in any order give the same fit.
 *
 * @example
 * const fit = fitRfm(observations, { asOf: new Date('2010-12-10'), fittedAt: clock.now() });
 */
export const fitRfm = (
  observations: readonly RfmObservation[],
  options: { asOf: Date; fittedAt: Date; segments?: RfmPolicy['segments'] },
): RfmFit => {
  if (observations.length < 5) throw new RangeError(`RFM quintiles need at least 5 customers with orders, got ${observations.length}`);
  const recency = observations.map((o) => o.recencyDays).sort((a, b) => a - b);
  const edges = {
    recencyDays: QUINTILES.map((p) => quantile(recency, p)),
    frequency: rankEdges(observations.map((o) => ({ value: o.frequency, key: o.key }))),
    monetaryMinor: rankEdges(observations.map((o) => ({ value: o.monetaryMinor, key: o.key }))),
    segments: options.segments ?? STANDARD_RFM_SEGMENTS,
  };
  const segmentCounts: Record<string, number> = {};
  for (const o of observations) {
    const { segment } = scoreRfm(o, edges);
    segmentCounts[segment] = (segmentCounts[segment] ?? 0) + 1;
  }
  return { asOf: options.asOf.toISOString(), fittedAt: options.fittedAt.toISOString(), customers: observations.length, ...edges, segmentCounts };
};

/**
 * A profile's RFM inputs as of `asOf`: recency from the last placed order (cancellations do not
 * count; older profiles fall back to the last order of any kind) on or before `asOf`, frequency
 * and net sales over the monthly buckets up to `asOf`'s month (the last 24 months kept on the
 * profile). `undefined` for a customer with no order by then or not active.
 */
export const rfmObservation = (profile: CustomerProfile, asOf: Date): RfmObservation | undefined => {
  if (profile.status !== 'active' || profile.aggregates.orders.count === 0) return undefined;
  const { lastPlacedAt, lastOrderAt, firstOrderAt } = profile.aggregates.orders;
  const last = lastPlacedAt ?? lastOrderAt ?? firstOrderAt;
  if (last === undefined) return undefined;
  const lastMs = Date.parse(last);
  if (!Number.isFinite(lastMs) || lastMs > asOf.getTime()) return undefined;
  const asOfMonth = asOf.toISOString().slice(0, 7);
  let frequency = 0;
  let monetaryMinor = 0;
  for (const b of profile.aggregates.orders.months) {
    if (b.month > asOfMonth) continue;
    frequency += b.orderCount;
    monetaryMinor += b.netMinor;
  }
  if (frequency === 0) return undefined;
  return { key: profile.customerId, recencyDays: Math.floor((asOf.getTime() - lastMs) / DAY_MS), frequency, monetaryMinor };
};

/**
 * The as-of date for a historical portfolio: the UTC day after its latest order (`auto`), or the
 * given date. `undefined` when `auto` finds no order.
 */
export const resolveAsOf = (asOf: 'auto' | Date, lastOrderAts: Iterable<string>): Date | undefined => {
  if (asOf !== 'auto') return asOf;
  let latest = -Infinity;
  for (const at of lastOrderAts) latest = Math.max(latest, Date.parse(at));
  if (!Number.isFinite(latest)) return undefined;
  const d = new Date(latest);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
};

/**
 * R, F, M scores and segment of a profile at `now` on a stored fit's edges and the policy's segment
 * grid (a policy with `rfm.edges: 'fitted'`): the same observation the fit was made of, so a
 * customer rated on the fit's as-of date gets the score the fit counted. `undefined` when the
 * profile has no observation (no placed order by `now`, or not active).
 */
export const rfmOnFit = (
  profile: CustomerProfile,
  now: Date,
  policy: Pick<RfmPolicy, 'segments'>,
  fit: Pick<RfmFit, 'recencyDays' | 'frequency' | 'monetaryMinor'>,
): Pick<RfmResult, 'r' | 'f' | 'm' | 'segment'> | undefined => {
  const o = rfmObservation(profile, now);
  if (!o) return undefined;
  const { r, f, m, segment } = scoreRfm(o, { recencyDays: fit.recencyDays, frequency: fit.frequency, monetaryMinor: fit.monetaryMinor, segments: policy.segments });
  return { r, f, m, segment };
};

/**
 * Port: the portfolio's RFM fits, versioned. `get()` is the current (latest) fit, `get(n)` a
 * stored version; `put` stores the fit as the next version and makes it current.
 */
export interface RfmFitStore {
  get(version?: number): Promise<RfmFit | undefined>;
  put(fit: RfmFit): Promise<RfmFit>;
}

/** No customer had ordered by the as-of date: nothing to fit (HTTP 422). */
export class NoRfmDataError extends DomainError {
  constructor(asOf: string, options: ErrorOptions = {}) {
    super('no_rfm_data', `No active customer had ordered by ${asOf}: at least 5 are needed to fit RFM quintiles`, options);
  }
}

/**
 * Use case: fit RFM quintile edges to the active portfolio as of a date (`auto`: the day after the
 * portfolio's latest order, for a historical file) and store the fit with its segment counts.
 * Called by `POST /v1/rfm/fit`, `rb import --as-of` and the scheduled refresh.
 */
export const refreshRfmFit =
  (deps: { portfolio: { profiles(): AsyncIterable<CustomerProfile> }; fits: RfmFitStore; clock: Clock }) =>
  async (asOf: 'auto' | Date): Promise<RfmFit> => {
    const { fit } = await fitPortfolio(deps.portfolio, asOf, deps.clock.now());
    if (!fit) throw new NoRfmDataError(asOf === 'auto' ? 'auto' : asOf.toISOString());
    return deps.fits.put(fit);
  };

/**
 * Reads the portfolio once and fits it as of `asOf`: the fit (not stored) and the observations it
 * was made of; no fit when fewer than 5 active customers had ordered by then.
 */
export const fitPortfolio = async (
  portfolio: { profiles(): AsyncIterable<CustomerProfile> },
  asOf: 'auto' | Date,
  fittedAt: Date,
): Promise<{ fit: RfmFit | undefined; observations: RfmObservation[] }> => {
  const active: CustomerProfile[] = [];
  for await (const p of portfolio.profiles()) if (p.status === 'active' && p.aggregates.orders.count > 0) active.push(p);
  const at = resolveAsOf(
    asOf,
    active.flatMap((p) => (p.aggregates.orders.lastOrderAt ? [p.aggregates.orders.lastOrderAt] : [])),
  );
  const observations = at ? active.flatMap((p) => rfmObservation(p, at) ?? []) : [];
  if (!at || observations.length < 5) return { fit: undefined, observations };
  return { fit: fitRfm(observations, { asOf: at, fittedAt }), observations };
};
