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
