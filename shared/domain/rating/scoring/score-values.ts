import { pairPoints } from '../boosted/pair-points.js';
import type { FeatureValue } from '../features.js';
import type { RiskPolicy } from '../policy.js';
import { applyScorecard, scoreToPd, type ScorecardOutcome } from '../scorecard.js';

/**
 * Scores feature values under a policy of either family, by lookups only: the characteristics'
 * points (a scorecard, or the boosted family's per-feature shape functions) plus, for the boosted
 * family, its pairwise terms. Adverse reasons come from the characteristics alone (points below
 * each one's best bin), the same rule for both families. The one scoring step of live rating
 * and of file scoring.
 * @example scoreValues({ worst_dpd: 12, bureau_score: 61 }, policy).pd
 */
export const scoreValues = (values: Record<string, FeatureValue>, policy: RiskPolicy): ScorecardOutcome => {
  const card = applyScorecard(values, policy);
  if (policy.scoring.family !== 'boosted' || !policy.scoring.pairs?.length) return card;
  const raw = policy.scoring.basePoints + card.items.reduce((s, i) => s + i.points, 0) + pairPoints(policy.scoring.pairs, policy.scoring.characteristics, values);
  const score = Math.round(raw * 100) / 100;
  return { ...card, score, pd: scoreToPd(score, policy.scoring.scaling) };
};
