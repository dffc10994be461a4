import type { CustomerProfile } from '../profile/customer-profile.js';
import { sha256Canonical } from './canonical-json.js';
import { withoutDisputedInvoices } from './disputed-invoices.js';
import { compiledPolicy, type RatingInputs, type UnhashedRating } from './compiled/compile-policy.js';
import { inputsMatch, ratingInputsHash } from './compiled/inputs-hash.js';
import { gradeOrder, type RiskPolicy } from './policy.js';
import type { RatingResult } from './rating-result.js';
import { rateProfileReference } from './rate-profile-reference.js';
import { rfmOnFit, type RfmFit } from './rfm.js';

export type { UnhashedRating } from './compiled/compile-policy.js';

const inputsOf = new WeakMap<RatingResult, RatingInputs>();

/**
 * Rates one profile under one policy at `now`, for persisting: the compiled policy's rating plus
 * the `h2:` inputs hash. Pure and deterministic: the same profile, policy and `now` give the same
 * result and `inputsHash`. Never throws on odd data and never yields NaN: contradictions are
 * worked around and listed in `warnings`; too few present features give
 * `status: 'insufficient_data'` (no score, grade or PD; a zero limit). A customer whose days past
 * due reach the policy's default definition is graded at the worst grade with PD 1.
 */
export const rateProfile = (stored: CustomerProfile, policy: RiskPolicy, now: Date, context: RatingContext = {}): RatingResult => {
  const profile = withoutDisputedInvoices(stored, policy, now);
  // The boosted family's pairwise terms are not compiled yet: such policies take the reference engine.
  if (!compilable(policy)) {
    const reference = rateProfileReference(profile, policy, now);
    const inputsHash = policy.rfm.edges === 'fitted' ? sha256Canonical({ inputs: reference.inputsHash, rfmFit: fitLabel(context) }) : reference.inputsHash;
    return withFittedRfm({ ...reference, inputsHash }, profile, policy, now, context);
  }
  const compiled = compiledPolicy(policy);
  const rating = compiled.rate(profile, now);
  const inputs = policy.rfm.edges === 'fitted' ? { ...compiled.lastInputs(), rfmFit: fitLabel(context) } : compiled.lastInputs();
  const result: RatingResult = withFittedRfm({ ...rating, inputsHash: ratingInputsHash(inputs) }, profile, policy, now, context);
  inputsOf.set(result, inputs);
  return result;
};

/**
 * Rates without hashing the inputs: what analysis needs (backtests, what-ifs, benches) — the
 * same result as {@link rateProfile} minus `inputsHash`.
 */
export const rateUnhashed = (stored: CustomerProfile, policy: RiskPolicy, now: Date, context: RatingContext = {}): UnhashedRating => {
  const profile = withoutDisputedInvoices(stored, policy, now);
  if (compilable(policy)) return withFittedRfm({ ...compiledPolicy(policy).rate(profile, now) }, profile, policy, now, context);
  const { inputsHash: _hash, ...rating } = rateProfileReference(profile, policy, now);
  return withFittedRfm(rating, profile, policy, now, context);
};

/** What a rating may read besides the profile and the policy. */
export interface RatingContext {
  /** The stored portfolio RFM fit; read only by a policy with `rfm.edges: 'fitted'`. */
  rfmFit?: (Pick<RfmFit, 'recencyDays' | 'frequency' | 'monetaryMinor'> & Partial<Pick<RfmFit, 'version' | 'asOf'>>) | undefined;
}

const fitLabel = ({ rfmFit }: RatingContext): string => (rfmFit ? `v${rfmFit.version ?? 0}@${rfmFit.asOf ?? ''}` : 'none');

const NO_FIT_WARNING = { code: 'RFM_NO_FIT', text: 'The policy scores RFM on the portfolio fit, but no fit is stored yet: scored on the policy edges' };

/**
 * A policy with `rfm.edges: 'fitted'` scores R, F and M on the stored fit's edges (its own segment
 * grid); without a fit the policy edges stay and the rating says so in `warnings`.
 */
const withFittedRfm = <T extends UnhashedRating>(rating: T, profile: CustomerProfile, policy: RiskPolicy, now: Date, context: RatingContext): T => {
  if (policy.rfm.edges !== 'fitted') return rating;
  if (!context.rfmFit) return { ...rating, warnings: [...(rating.warnings ?? []), NO_FIT_WARNING] };
  const { rfm: _policyEdges, ...rest } = rating;
  const rfm = rfmOnFit(profile, now, policy.rfm, context.rfmFit);
  return (rfm ? { ...rest, rfm } : rest) as T;
};

/** Whether the compiled engine scores `policy` (every scorecard; boosted without pairwise terms). */
const compilable = (policy: RiskPolicy): boolean => policy.scoring.family !== 'boosted' || !policy.scoring.pairs?.length;

/**
 * Whether `previousHash` (a stored rating's `inputsHash`, of any hash version) describes the
 * inputs of `rating` (a result of {@link rateProfile}). A stored version 1 hash of the same
 * inputs matches, so changing the hash algorithm rewrites nothing and emits nothing.
 */
export const sameRatingInputs = (previousHash: string | undefined, rating: RatingResult): boolean => {
  const inputs = inputsOf.get(rating);
  return inputs ? inputsMatch(previousHash, inputs, rating.inputsHash) : previousHash === rating.inputsHash;
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
