import type { CustomerProfile } from '../profile/customer-profile.js';
import { sha256Canonical } from './canonical-json.js';
import { averageMonthlyPurchasesMinor, recommendLimit } from './credit-limit.js';
import { extractFeatures, partnerInputsOf, viewProfile, worstDaysPastDue } from './features.js';
import { DEFAULT_POOLING } from './partner-pooling.js';
import type { RiskPolicy } from './policy.js';
import type { RatingResult } from './rating-result.js';
import { computeRfm } from './rfm.js';
import { ratingOutcome } from './scoring/rating-outcome.js';
import { scoreValues } from './scoring/score-values.js';

/**
 * The reference rating engine: the straightforward reading of the policy (object per feature
 * view, scorecard items, sort for reasons, canonical-JSON SHA-256 of the inputs, i.e. the version 1
 * inputs hash). Not used in production; the property tests hold the compiled engine
 * (compiled/compile-policy.ts) to exactly its results.
 */
/**
 * Rates one profile under one policy at `now`. Pure and deterministic: the same profile, policy
 * and `now` give the same result and `inputsHash`. Never throws on odd data and never yields NaN:
 * contradictions are worked around and listed in `warnings`; too few present features give
 * `status: 'insufficient_data'` (no score, grade or PD; a zero limit). A customer whose days past
 * due reach the policy's default definition is graded at the worst grade with PD 1.
 */
export const rateProfileReference = (profile: CustomerProfile, policy: RiskPolicy, now: Date): RatingResult => {
  const view = viewProfile(profile, now, policy.partners ?? DEFAULT_POOLING);
  const values = extractFeatures(view, policy.scoring.features);
  const dpd = worstDaysPastDue(view, true);
  const card = scoreValues(values, policy);
  const { rated, defaulted, grade, pd, reasons } = ratingOutcome(card, policy, dpd);

  const rfm = computeRfm(profile, now, policy.rfm);
  const limit = recommendLimit(profile, policy, now, { grade, defaulted });

  const partnerInputs = partnerInputsOf(view, policy.scoring.features);
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
    ...(partnerInputs ? { partnerInputs } : {}),
  };
};
