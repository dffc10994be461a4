import { extractFromRecord, type FeatureValue } from './features.js';
import type { Characteristic, RiskPolicy, Scaling } from './policy.js';

/**
 * Points-to-double-odds scaling. `factor` points per unit of ln(odds good:bad);
 * `offset` is the score at odds 1:1.
 * @example scalingConstants({ baseScore: 600, baseOdds: 50, pdo: 20 }) // factor ≈ 28.85, offset ≈ 487.12
 */
export const scalingConstants = (s: Scaling): { factor: number; offset: number } => {
  const factor = s.pdo / Math.LN2;
  return { factor, offset: s.baseScore - factor * Math.log(s.baseOdds) };
};

/** PD implied by a score: odds = exp((score − offset) / factor), PD = 1 / (1 + odds). Always in [0, 1]. */
export const scoreToPd = (score: number, s: Scaling): number => {
  const { factor, offset } = scalingConstants(s);
  const logOdds = (score - offset) / factor;
  const pd = 1 / (1 + Math.exp(logOdds));
  return Number.isFinite(pd) ? Math.min(1, Math.max(0, pd)) : logOdds > 0 ? 0 : 1;
};

/** Inverse of scoreToPd for PD in (0, 1). */
export const pdToScore = (pd: number, s: Scaling): number => {
  const { factor, offset } = scalingConstants(s);
  return offset + factor * Math.log((1 - pd) / pd);
};

/** The first grade whose PD upper bound holds `pd`; the worst grade otherwise. */
export const gradeForPd = (pd: number, masterScale: RiskPolicy['grades']['scale']): string => {
  for (const g of masterScale) if (pd <= g.maxPd) return g.grade;
  return masterScale[masterScale.length - 1]?.grade ?? 'D';
};

/** Index of the bin `value` falls in, `'missing'`, or `'other'` (unlisted category). */
export type BinHit = number | 'missing' | 'other';

export const findBin = (c: Characteristic, value: FeatureValue): BinHit => {
  if (value === undefined) return 'missing';
  if (c.type === 'numeric') {
    if (typeof value !== 'number') return 'missing';
    for (let i = 0; i < c.bins.length; i += 1) {
      const b = c.bins[i]!;
      if ((b.from === undefined || value >= b.from) && (b.to === undefined || value < b.to)) return i;
    }
    return 'missing';
  }
  const text = String(value);
  const idx = c.bins.findIndex((b) => b.values.includes(text));
  return idx === -1 ? 'other' : idx;
};

export const pointsFor = (c: Characteristic, hit: BinHit): number =>
  hit === 'missing' ? c.missingPoints : hit === 'other' ? (c.type === 'categorical' ? c.otherPoints : c.missingPoints) : c.bins[hit]!.points;

/** Best points a characteristic can give (over its bins, missing and other). */
export const maxPoints = (c: Characteristic): number =>
  Math.max(c.missingPoints, ...(c.type === 'categorical' ? [c.otherPoints] : []), ...c.bins.map((b) => b.points));

export interface CharacteristicScore {
  feature: string;
  hit: BinHit;
  points: number;
  /** Points lost against the characteristic's best bin. */
  shortfall: number;
  reasonCode: string;
  reasonText: string;
  /** The points were lost because the feature had no value, not because of a bad value. */
  missingData: boolean;
}

export interface ScorecardOutcome {
  score: number;
  pd: number;
  presentFeatures: number;
  items: CharacteristicScore[];
}

/** Scores feature values with the policy scorecard: total points, PD via the scaling, per-characteristic shortfall. */
export const applyScorecard = (values: Record<string, FeatureValue>, policy: RiskPolicy): ScorecardOutcome => {
  const sc = policy.scoring;
  let score = sc.basePoints;
  const items: CharacteristicScore[] = [];
  for (const c of sc.characteristics) {
    const hit = findBin(c, values[c.feature]);
    const points = pointsFor(c, hit);
    score += points;
    const missingData = hit === 'missing';
    const reasonText = missingData ? (c.missingReasonText ?? `${c.reasonText} (no data)`) : c.reasonText;
    items.push({ feature: c.feature, hit, points, shortfall: maxPoints(c) - points, reasonCode: c.reasonCode, reasonText, missingData });
  }
  const presentFeatures = policy.scoring.features.filter((f) => values[f.id] !== undefined).length;
  const rounded = Math.round(score * 100) / 100;
  return { score: rounded, pd: scoreToPd(rounded, sc.scaling), presentFeatures, items };
};

/**
 * Up to `max` adverse reasons: the characteristics that lost the most points against their own
 * best bin; ties keep scorecard order so the list is deterministic.
 */
export const adverseReasons = (items: readonly CharacteristicScore[], max = 4): CharacteristicScore[] =>
  items
    .map((item, i) => ({ item, i }))
    .filter(({ item }) => item.shortfall > 0)
    .sort((a, b) => b.item.shortfall - a.item.shortfall || a.i - b.i)
    .slice(0, max)
    .map(({ item }) => item);

/**
 * Scores a flat record (a training row, an exported history line) with the policy scorecard:
 * features fitted on a training column read it, other features read the attribute named by their id.
 */
export const scoreRecord = (record: Record<string, unknown>, policy: RiskPolicy): ScorecardOutcome =>
  applyScorecard(extractFromRecord(record, policy.scoring.features), policy);
