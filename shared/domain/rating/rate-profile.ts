import type { CustomerProfile } from '../profile/customer-profile.js';
import { sha256Canonical } from './canonical-json.js';
import { averageMonthlyPurchasesMinor, recommendLimit } from './credit-limit.js';
import { extractFeatures, viewProfile, worstDaysPastDue } from './features.js';
import { gradeOrder, type RiskPolicy } from './policy.js';
import type { RatingResult } from './rating-result.js';
import { computeRfm } from './rfm.js';
import { ratingOutcome } from './scoring/rating-outcome.js';
import { scoreValues } from './scoring/score-values.js';

/**
 * Rates one profile under one policy at `now`. Pure and deterministic: the same profile, policy
 * and `now` give the same result and `inputsHash`. Never throws on odd data and never yields NaN:
 * contradictions are worked around and listed in `warnings`; too few present features give
 * `status: 'insufficient_data'` (no score, grade or PD; a zero limit). A customer whose days past
 * due reach the policy's default definition is graded at the worst grade with PD 1.
 */
export const rateProfile = (profile: CustomerProfile, policy: RiskPolicy, now: Date): RatingResult => {
  const view = viewProfile(profile, now);
  const values = extractFeatures(view, policy.scoring.features);
  const dpd = worstDaysPastDue(view, true);
  const card = scoreValues(values, policy);
  const { rated, defaulted, grade, pd, reasons } = ratingOutcome(card, policy, dpd);

  const rfm = computeRfm(profile, now, policy.rfm);
  const limit = recommendLimit(profile, policy, now, { grade, defaulted });

  const features: Record<string, number | string | null> = {};
  for (const f of policy.scoring.features) features[f.id] = values[f.id] ?? null;
  const bureauLimits = Object.values(profile.credit)
    .map((s) => s?.business?.recommendedLimit)
    .filter((m) => m !== undefined);
  const inputsHash = sha256Canonical({
    policyVersion: policy.version,
    features,
    worstDaysPastDue: dpd ?? null,
    rfm: rfm ? { recencyDays: rfm.recencyDays, frequency: rfm.frequency, monetaryMinor: rfm.monetaryMinor } : null,
    limit: {
      currency: profile.aggregates.currency ?? policy.currency,
      averageMonthlyPurchasesMinor: averageMonthlyPurchasesMinor(profile, now) ?? null,
      bureauLimits,
      openMinor: profile.aggregates.exposure.openMinor,
      frozen: profile.freeze !== undefined,
    },
  });

  return {
    status: rated ? 'rated' : 'insufficient_data',
    policyVersion: policy.version,
    ...(rated ? { score: card.score, grade, pd } : {}),
    reasons,
    ...(rfm ? { rfm: { r: rfm.r, f: rfm.f, m: rfm.m, segment: rfm.segment } } : {}),
    limit,
    inputsHash,
    ratedAt: now.toISOString(),
    features,
    ...(dpd !== undefined ? { worstDaysPastDue: dpd } : {}),
    defaulted,
    ...(view.warnings.length > 0 ? { warnings: view.warnings } : {}),
  };
};

export interface RatingComparison {
  /** Status, policy version, score, grade, PD, RFM or reason codes differ. */
  ratingChanged: boolean;
  /** Recommended amount or currency differ. */
  limitChanged: boolean;
  /** Positive = downgrade by that many notches, negative = upgrade, 0 = same or not comparable. */
  gradeNotches: number;
  scoreDelta: number | undefined;
  previousGrade: string | undefined;
  nextGrade: string | undefined;
  /** Names of the fields that changed, e.g. `['grade', 'score', 'limit']`. */
  changedFields: string[];
}

const DEFAULT_GRADES = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D'];

/**
 * Compares two ratings of the same customer, ignoring `ratedAt` (and the explanatory extras), so
 * the worker emits `rating.changed` / `limit.changed` only when something a receiver sees changed.
 * `grades` is the master scale order (best → worst) used to count notches.
 */
export const compareRatings = (
  prev: RatingResult | undefined,
  next: RatingResult,
  grades: readonly string[] | Pick<RiskPolicy, 'grades'> = DEFAULT_GRADES,
): RatingComparison => {
  const order = Array.isArray(grades) ? grades : gradeOrder(grades as Pick<RiskPolicy, 'grades'>);
  const changed: string[] = [];
  const diff = (name: string, a: unknown, b: unknown): void => {
    if (sha256Canonical(a ?? null) !== sha256Canonical(b ?? null)) changed.push(name);
  };
  diff('status', prev?.status, next.status);
  diff('policyVersion', prev?.policyVersion, next.policyVersion);
  diff('score', prev?.score, next.score);
  diff('grade', prev?.grade, next.grade);
  diff('pd', prev?.pd, next.pd);
  diff('rfm', prev?.rfm, next.rfm);
  diff('reasons', prev?.reasons.map((r) => r.code), next.reasons.map((r) => r.code));
  diff('limit', prev?.limit?.recommended, next.limit?.recommended);
  const ratingChanged = changed.some((c) => c !== 'limit');
  const pi = prev?.grade === undefined ? -1 : order.indexOf(prev.grade);
  const ni = next.grade === undefined ? -1 : order.indexOf(next.grade);
  return {
    ratingChanged,
    limitChanged: changed.includes('limit'),
    gradeNotches: pi >= 0 && ni >= 0 ? ni - pi : 0,
    scoreDelta: prev?.score !== undefined && next.score !== undefined ? Math.round((next.score - prev.score) * 100) / 100 : undefined,
    previousGrade: prev?.grade,
    nextGrade: next.grade,
    changedFields: changed,
  };
};
