import type { RiskPolicy } from '../policy.js';
import { planColumns, rateRecord, type ColumnPlan } from './rate-record.js';

/** The columns of a scored CSV row, in order. */
export const SCORE_COLUMNS = ['row', 'status', 'score', 'pd', 'grade', 'limit', 'reason1', 'reason2', 'reason3', 'reason4', 'why'] as const;

/** One scored row: CSV takes the flat fields, NDJSON adds the currency and the reason texts. */
export interface ScoredRow {
  row: number;
  status: 'rated' | 'insufficient_data';
  score?: number;
  pd?: number;
  grade?: string;
  /** Recommended limit in minor units of `currency`. */
  limit: number;
  currency: string;
  reasons: { code: string; text: string }[];
  why?: string;
}

/** A header from which no row could be rated. */
export class ScoringColumnsError extends Error {
  readonly code = 'scoring_columns';
  readonly retryable = false;
}

/**
 * Plans the columns of a scoring input and refuses a header from which no row could be rated
 * (fewer usable features than the policy's `minFeatures`), naming what is missing.
 */
export const planScoringColumns = (header: readonly string[], policy: RiskPolicy): ColumnPlan => {
  const plan = planColumns(header, policy);
  const usable = plan.features.filter((f) => f.column !== undefined).length;
  if (usable < policy.scoring.minFeatures) {
    throw new ScoringColumnsError(
      `wrong columns: ${usable} of ${policy.scoring.features.length} features found, ${policy.scoring.minFeatures} required; missing ${plan.missing.map((m) => m.columns[0]).join(', ')}`,
    );
  }
  return plan;
};

/** One line on what the header lacks or has extra; undefined when it matches the policy. */
export const describePlan = (plan: ColumnPlan): string | undefined => {
  const parts = [
    ...(plan.missing.length > 0 ? [`missing ${plan.missing.length} feature column(s): ${plan.missing.map((m) => m.columns.join(' | ')).join(', ')}`] : []),
    ...(plan.extra.length > 0 ? [`ignored ${plan.extra.length} extra column(s): ${plan.extra.slice(0, 20).join(', ')}${plan.extra.length > 20 ? ', …' : ''}`] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : undefined;
};

/** Scores one input row (1-based `row`) under the policy. */
export const scoreRow = (row: number, record: Record<string, unknown>, policy: RiskPolicy, plan: ColumnPlan, now: Date): ScoredRow => {
  const r = rateRecord(record, policy, plan, now);
  return {
    row,
    status: r.status,
    ...(r.score !== undefined ? { score: r.score } : {}),
    ...(r.pd !== undefined ? { pd: Math.round(r.pd * 1e6) / 1e6 } : {}),
    ...(r.grade !== undefined ? { grade: r.grade } : {}),
    limit: r.limit.amountMinor,
    currency: r.limit.currency,
    reasons: r.reasons.map((x) => ({ code: x.code, text: x.text })),
    ...(r.why ? { why: r.why } : {}),
  };
};

/** A row that could not be read at all (not a JSON object): unrated, saying why. */
export const unreadableRow = (row: number, why: string, policy: RiskPolicy): ScoredRow => ({ row, status: 'insufficient_data', limit: 0, currency: policy.currency, reasons: [], why });

/** The flat CSV form of a scored row. */
export const csvCells = (s: ScoredRow): (string | number)[] => [
  s.row,
  s.status,
  s.score ?? '',
  s.pd ?? '',
  s.grade ?? '',
  s.limit,
  s.reasons[0]?.code ?? '',
  s.reasons[1]?.code ?? '',
  s.reasons[2]?.code ?? '',
  s.reasons[3]?.code ?? '',
  s.why ?? '',
];
