import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { ProfileRepository } from '../customers/ports.js';
import { ValidationError, type FieldIssue } from '../errors.js';
import type { AuditPort } from './ports.js';
import type { Outcome } from './training-data.js';

/** At most this many rows per request: a larger file is sent in parts (each part is idempotent). */
export const MAX_OUTCOME_ROWS = 5_000;

const BooleanCell = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

/** One row of `POST /v1/outcomes`: who, whether they defaulted, and when (the label's date). */
export const OutcomeRowSchema = z.strictObject({
  customerId: z.string().trim().min(1).max(200),
  defaulted: BooleanCell,
  /** Normalised to UTC milliseconds, so one instant written two ways is one outcome. */
  at: z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString()),
});
export type OutcomeRow = z.output<typeof OutcomeRowSchema>;

/** Port: outcomes written once per (customer, at, defaulted); a repeat is reported, not stored again. */
export interface OutcomeOnceStore {
  putOnce(outcome: Outcome): Promise<'recorded' | 'duplicate'>;
}

export const OutcomeImportResultSchema = z.object({
  received: z.number().int().nonnegative(),
  recorded: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
});
export type OutcomeImportResult = z.infer<typeof OutcomeImportResultSchema>;

/** Reads NDJSON (one JSON object a line) or CSV with a header row into raw rows; unreadable lines become issues. */
export const readOutcomeRows = (text: string, format: 'csv' | 'ndjson'): { rows: unknown[]; issues: FieldIssue[] } => {
  if (format === 'csv') {
    try {
      return { rows: parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as unknown[], issues: [] };
    } catch (error) {
      return { rows: [], issues: [{ path: 'rows', message: `Not readable as CSV with a header row: ${error instanceof Error ? error.message : 'parse error'}`, code: 'invalid_csv' }] };
    }
  }
  const rows: unknown[] = [];
  const issues: FieldIssue[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      rows.push(JSON.parse(line) as unknown);
    } catch {
      issues.push({ path: `rows[${rows.length}]`, message: `Line ${i + 1} is not JSON`, code: 'invalid_json' });
      rows.push(undefined);
    }
  });
  return { rows, issues };
};

/**
 * Use case: bulk import of credit outcomes (training and backtest labels). All or nothing: every row
 * is validated (shape, known customer) before anything is written, and any failing row answers 422
 * with its path (`rows[3].at`). Idempotent: an outcome is keyed by (customer, at, defaulted), so a
 * re-sent file records nothing twice (`duplicates`). Audited once per import with counts only.
 */
export const importOutcomes =
  (deps: { profiles: Pick<ProfileRepository, 'get'>; outcomes: OutcomeOnceStore; audit: AuditPort; clock: Clock }) =>
  async (text: string, format: 'csv' | 'ndjson', actor: string): Promise<OutcomeImportResult> => {
    const { rows, issues } = readOutcomeRows(text, format);
    if (rows.length > MAX_OUTCOME_ROWS) throw new ValidationError(`At most ${MAX_OUTCOME_ROWS} rows per request`, [{ path: 'rows', message: `${rows.length} rows; send at most ${MAX_OUTCOME_ROWS} per request`, code: 'too_big' }]);
    if (rows.length === 0 && issues.length === 0) throw new ValidationError('No outcome rows', [{ path: 'rows', message: 'The body has no rows', code: 'too_small' }]);
    const parsed: OutcomeRow[] = [];
    rows.forEach((row, i) => {
      if (row === undefined) return;
      const result = OutcomeRowSchema.safeParse(row);
      if (result.success) parsed.push(result.data);
      else for (const issue of result.error.issues) issues.push({ path: [`rows[${i}]`, ...issue.path.map(String)].join('.'), message: issue.message, code: issue.code });
    });
    if (issues.length > 0) throw new ValidationError('Some outcome rows are invalid; nothing was recorded', issues.slice(0, 100));
    const known = new Map<string, boolean>();
    for (const id of new Set(parsed.map((r) => r.customerId))) known.set(id, (await deps.profiles.get(id)) !== undefined);
    const unknown = parsed.flatMap((r, i) => (known.get(r.customerId) ? [] : [{ path: `rows[${i}].customerId`, message: 'No such customer', code: 'unknown_customer' }]));
    if (unknown.length > 0) throw new ValidationError('Some outcome rows name unknown customers; nothing was recorded', unknown.slice(0, 100));
    const recordedAt = deps.clock.now().toISOString();
    let recorded = 0;
    for (const row of parsed) {
      if ((await deps.outcomes.putOnce({ ...row, recordedAt, recordedBy: actor })) === 'recorded') recorded += 1;
    }
    const result = { received: parsed.length, recorded, duplicates: parsed.length - recorded };
    await deps.audit.append({ actor, action: 'outcomes.imported', target: 'outcomes', details: result });
    return result;
  };
