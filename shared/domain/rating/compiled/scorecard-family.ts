import type { FeatureValue } from '../features.js';
import type { RiskPolicy } from '../policy.js';
import { registerScoringFamily, type CompiledReason, type CompiledScorer } from './families.js';

const OTHER = -1;
const MISSING = -2;

/**
 * The points scorecard compiled into typed arrays: numeric bins as `[from, to)` edge arrays
 * (open ends as ±∞), categorical bins as a value → bin map, every characteristic's best points
 * precomputed. Same arithmetic, in the same order, as `applyScorecard` + `scoreToPd`.
 */
export const compileScorecard = (policy: RiskPolicy): CompiledScorer => {
  const sc = policy.scoring;
  const chars = sc.characteristics;
  const n = chars.length;
  const featureIndex = new Int32Array(n);
  const numeric = new Uint8Array(n);
  const binStart = new Int32Array(n + 1);
  const from: number[] = [];
  const to: number[] = [];
  const points: number[] = [];
  const categories: Array<Map<string, number> | undefined> = [];
  const missingPoints = new Float64Array(n);
  const otherPoints = new Float64Array(n);
  const best = new Float64Array(n);
  const reasons: CompiledReason[] = [];
  chars.forEach((c, i) => {
    featureIndex[i] = sc.features.findIndex((f) => f.id === c.feature);
    binStart[i] = points.length;
    missingPoints[i] = c.missingPoints;
    if (c.type === 'numeric') {
      numeric[i] = 1;
      otherPoints[i] = c.missingPoints;
      for (const b of c.bins) {
        from.push(b.from ?? Number.NEGATIVE_INFINITY);
        to.push(b.to ?? Number.POSITIVE_INFINITY);
        points.push(b.points);
      }
      categories.push(undefined);
      best[i] = Math.max(c.missingPoints, ...c.bins.map((b) => b.points));
    } else {
      otherPoints[i] = c.otherPoints;
      const map = new Map<string, number>();
      c.bins.forEach((b, j) => {
        for (const v of b.values) if (!map.has(v)) map.set(v, j);
        from.push(0);
        to.push(0);
        points.push(b.points);
      });
      categories.push(map);
      best[i] = Math.max(c.missingPoints, c.otherPoints, ...c.bins.map((b) => b.points));
    }
    reasons.push({ code: c.reasonCode, text: c.reasonText, missingText: c.missingReasonText ?? `${c.reasonText} (no data)` });
  });
  binStart[n] = points.length;
  const fromA = Float64Array.from(from);
  const toA = Float64Array.from(to);
  const pointsA = Float64Array.from(points);
  const factor = sc.scaling.pdo / Math.LN2;
  const offset = sc.scaling.baseScore - factor * Math.log(sc.scaling.baseOdds);
  const basePoints = sc.basePoints;
  const scratch = { score: 0, pd: 0, shortfall: new Float64Array(n), missing: new Uint8Array(n) };

  const binOf = (i: number, value: FeatureValue): number => {
    if (value === undefined) return MISSING;
    if (numeric[i] === 1) {
      if (typeof value !== 'number') return MISSING;
      for (let k = binStart[i]!, end = binStart[i + 1]!; k < end; k += 1) if (value >= fromA[k]! && value < toA[k]!) return k - binStart[i]!;
      return MISSING;
    }
    const hit = categories[i]!.get(String(value));
    return hit === undefined ? OTHER : hit;
  };

  return {
    featureIndex,
    reasons,
    scratch,
    score(values) {
      let score = basePoints;
      for (let i = 0; i < n; i += 1) {
        const hit = binOf(i, values[featureIndex[i]!]);
        const p = hit === MISSING ? missingPoints[i]! : hit === OTHER ? otherPoints[i]! : pointsA[binStart[i]! + hit]!;
        score += p;
        scratch.shortfall[i] = best[i]! - p;
        scratch.missing[i] = hit === MISSING ? 1 : 0;
      }
      const rounded = Math.round(score * 100) / 100;
      const logOdds = (rounded - offset) / factor;
      const pd = 1 / (1 + Math.exp(logOdds));
      scratch.score = rounded;
      scratch.pd = Number.isFinite(pd) ? Math.min(1, Math.max(0, pd)) : logOdds > 0 ? 0 : 1;
    },
  };
};

/** The built-in family: every policy without another family is a points scorecard. */
registerScoringFamily({ name: 'scorecard', accepts: () => true, compile: compileScorecard });
