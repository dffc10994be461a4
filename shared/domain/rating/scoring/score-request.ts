import { z } from 'zod';
import { DomainError, ValidationError } from '../../errors.js';
import type { RiskPolicy } from '../policy.js';
import type { ColumnPlan } from './rate-record.js';
import { planColumns } from './rate-record.js';
import { ScoringColumnsError, planScoringColumns, scoreRow, unreadableRow, type ScoredRow } from './score-rows.js';

/** Rows one HTTP request may score; a larger file goes through `rb score` / `npm run score`. */
export const MAX_SCORE_ROWS = 1_000;

/** One record to score: a flat object of scalars keyed by column (training column, canonical path or feature id). */
export const ScoreRecordSchema = z.record(z.string().min(1).max(200), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type ScoreRecord = z.infer<typeof ScoreRecordSchema>;

export const ScoredRowSchema = z.object({
  row: z.number().int().positive(),
  status: z.enum(['rated', 'insufficient_data']),
  score: z.number().optional(),
  pd: z.number().min(0).max(1).optional(),
  grade: z.string().optional(),
  limit: z.number().int().nonnegative().describe('Recommended limit in minor units of `currency`'),
  currency: z.string(),
  reasons: z.array(z.object({ code: z.string(), text: z.string() })).max(4),
  why: z.string().optional().describe('Why the row was not rated'),
});

export const ScoreResponseSchema = z.object({
  policyVersion: z.number().int().positive(),
  policyStatus: z.string(),
  rows: z.array(ScoredRowSchema),
  columns: z.object({ missing: z.array(z.string()).describe('Features no column feeds (by their first column name)'), extra: z.array(z.string()).describe('Columns the policy does not read') }),
});
export type ScoreResponse = z.infer<typeof ScoreResponseSchema>;

const columnsOf = (plan: ColumnPlan): ScoreResponse['columns'] => ({ missing: plan.missing.map((m) => m.columns[0]!), extra: plan.extra });

const refuseColumns = (error: unknown): never => {
  if (error instanceof ScoringColumnsError) throw new ValidationError(error.message, [{ path: '', message: error.message, code: 'wrong_columns' }]);
  throw error;
};

/**
 * Scores records sent over HTTP under one policy (any status: drafts are scored for the policy
 * lab) with the engine live rating uses. `records` is one JSON object (a CRM scoring a prospect)
 * or NDJSON text of at most MAX_SCORE_ROWS lines. Wrong columns → ValidationError (422); too
 * many rows → payload_too_large (413); a line that is not a JSON object is answered unrated with why.
 */
export const scoreRequest = (policy: RiskPolicy, input: { record: ScoreRecord } | { ndjson: string }, now: Date): Omit<ScoreResponse, 'policyStatus'> => {
  if ('record' in input) {
    let plan: ColumnPlan;
    try {
      plan = planScoringColumns(Object.keys(input.record), policy);
    } catch (error) {
      return refuseColumns(error);
    }
    return { policyVersion: policy.version, rows: [scoreRow(1, input.record, policy, plan, now)], columns: columnsOf(plan) };
  }
  const lines = input.ndjson.split('\n').filter((l) => l.trim() !== '');
  if (lines.length > MAX_SCORE_ROWS) {
    throw new DomainError('payload_too_large', `${lines.length} rows: this route scores at most ${MAX_SCORE_ROWS}; score larger files with rb score (npm run score)`, { details: { httpStatus: 413 } });
  }
  const parsed = lines.map((line): ScoreRecord | string => {
    try {
      const r = ScoreRecordSchema.safeParse(JSON.parse(line));
      return r.success ? r.data : 'not a flat JSON object of scalars';
    } catch {
      return 'not valid JSON';
    }
  });
  const header = [...new Set(parsed.flatMap((r) => (typeof r === 'string' ? [] : Object.keys(r))))];
  let plan: ColumnPlan;
  try {
    plan = header.length === 0 ? planColumns([], policy) : planScoringColumns(header, policy);
  } catch (error) {
    return refuseColumns(error);
  }
  const rows: ScoredRow[] = parsed.map((r, i) => (typeof r === 'string' ? unreadableRow(i + 1, r, policy) : scoreRow(i + 1, r, policy, plan, now)));
  return { policyVersion: policy.version, rows, columns: columnsOf(plan) };
};
