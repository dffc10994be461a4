import type { RiskPolicy } from '../policy.js';
import type { RatingResult } from '../rating-result.js';
import { adverseReasons, gradeForPd, type ScorecardOutcome } from '../scorecard.js';

const MAX_REASONS = 4;

export interface RatingOutcome {
  status: RatingResult['status'];
  rated: boolean;
  defaulted: boolean;
  score?: number;
  pd?: number;
  grade?: string;
  reasons: RatingResult['reasons'];
}

/**
 * The rating decision on a scored set of features: default definition (worst grade, PD 1),
 * sufficient data, grade on the master scale, and up to 4 reasons (default, missing data, then the
 * terms furthest below their best). Shared by live rating and file scoring, so both say the same.
 */
export const ratingOutcome = (card: ScorecardOutcome, policy: RiskPolicy, worstDaysPastDue: number | undefined): RatingOutcome => {
  const dpd = worstDaysPastDue;
  const defaulted = dpd !== undefined && dpd >= policy.grades.defaultDpd;
  const sufficient = card.presentFeatures >= policy.scoring.minFeatures;
  const worst = policy.grades.scale[policy.grades.scale.length - 1]!.grade;
  const rated = sufficient || defaulted;
  const pd = defaulted ? 1 : card.pd;
  const grade = rated ? (defaulted ? worst : gradeForPd(pd, policy.grades.scale)) : undefined;
  const reasons: RatingResult['reasons'] = [];
  if (defaulted) reasons.push({ code: 'DEFAULT', text: `Payments ${dpd} or more days past due (default definition: ${policy.grades.defaultDpd} days)` });
  if (!sufficient) {
    reasons.push({
      code: 'INSUFFICIENT_DATA',
      text: `${card.presentFeatures} of ${policy.scoring.features.length} rating features available; ${policy.scoring.minFeatures} required`,
    });
  }
  if (rated) {
    for (const item of adverseReasons(card.items, MAX_REASONS - reasons.length)) {
      reasons.push({ code: item.reasonCode, text: item.reasonText, points: -item.shortfall, ...(item.missingData ? { missingData: true } : {}) });
    }
  }
  return { status: rated ? 'rated' : 'insufficient_data', rated, defaulted, ...(rated ? { score: card.score, grade, pd } : {}), reasons };
};
