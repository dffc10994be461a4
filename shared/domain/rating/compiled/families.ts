import type { RiskPolicy } from '../policy.js';
import type { FeatureValue } from '../features.js';

/**
 * What a compiled scoring family writes for one rating: the score, its PD and, per scored
 * characteristic (in policy order), the points lost against its best outcome and whether the loss
 * is a lack of data. Buffers are allocated once at compile time and overwritten by every call.
 */
export interface ScoreScratch {
  score: number;
  pd: number;
  /** Points lost per characteristic (≥ 0). */
  readonly shortfall: Float64Array;
  /** 1 when the characteristic's feature was missing. */
  readonly missing: Uint8Array;
}

/** The reason of one scored characteristic, fixed at compile time. */
export interface CompiledReason {
  code: string;
  text: string;
  missingText: string;
}

/** A scoring family compiled for one policy: reads feature values by index, writes the scratch. */
export interface CompiledScorer {
  /** Feature index (into the policy's `scoring.features`) each characteristic reads. */
  readonly featureIndex: Int32Array;
  readonly reasons: readonly CompiledReason[];
  readonly scratch: ScoreScratch;
  score(values: readonly FeatureValue[]): void;
}

/**
 * A scoring family plug-in: `accepts` says whether a policy is scored by this family, `compile`
 * turns its scoring section into a scorer once. The scorecard is built in; another family (e.g.
 * an additive boosted family of lookup tables) registers itself with {@link registerScoringFamily}.
 */
export interface ScoringFamily {
  name: string;
  accepts(policy: RiskPolicy): boolean;
  compile(policy: RiskPolicy): CompiledScorer;
}

const families: ScoringFamily[] = [];

/**
 * Adds a family; later registrations are asked first, so a specific family wins over the scorecard.
 * @example registerScoringFamily({ name: 'boosted', accepts: (p) => p.scoring.family === 'boosted', compile: compileBoosted });
 */
export const registerScoringFamily = (family: ScoringFamily): void => {
  families.unshift(family);
};

/** The family that scores `policy`; throws when none accepts it. */
export const scoringFamilyFor = (policy: RiskPolicy): ScoringFamily => {
  const family = families.find((f) => f.accepts(policy));
  if (!family) throw new Error(`no compiled scoring family accepts policy version ${policy.version}`);
  return family;
};
