/**
 * Scores a file of records against a risk policy, streaming: the logic of `rb score` and
 * `npm run score` (packages/rb/src/commands/score.ts parses the flags). One output row per input
 * row, in input order; CSV in (header row) → CSV out, NDJSON in or out by extension.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { parsePolicy, type RiskPolicy } from '../shared/domain/rating/policy.js';
import type { ColumnPlan } from '../shared/domain/rating/scoring/rate-record.js';
import { csvCells, describePlan, planScoringColumns, SCORE_COLUMNS, scoreRow, unreadableRow, type ScoredRow } from '../shared/domain/rating/scoring/score-rows.js';

export interface ScoreFileOptions {
  policy: RiskPolicy;
  input: string;
  out: string;
  /** The date features and limits are computed at (dates on date paths count days to it). */
  now?: Date;
  /** Progress and the column report go here (stderr). */
  log?: (line: string) => void;
  progressEvery?: number;
}

export interface ScoreFileSummary {
  rows: number;
  rated: number;
  unrated: number;
  millis: number;
  rowsPerSecond: number;
  peakRssMb: number;
  columns?: string;
}

const isNdjson = (path: string): boolean => /\.(nd)?jsonl?$/i.test(path);

/** Reads a policy document from a JSON file (either format). */
export const readPolicyFile = async (path: string): Promise<RiskPolicy> => {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: not a JSON policy document (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  return parsePolicy(json);
};

async function* csvRecords(path: string, policy: RiskPolicy, onPlan: (plan: ColumnPlan) => void): AsyncGenerator<Record<string, unknown> | string> {
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      columns: (header: string[]) => {
        onPlan(planScoringColumns(header, policy));
        return header;
      },
    }),
  );
  for await (const record of parser) yield record as Record<string, unknown>;
}

async function* ndjsonRecords(path: string, policy: RiskPolicy, onPlan: (plan: ColumnPlan) => void): AsyncGenerator<Record<string, unknown> | string> {
  let planned = false;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      yield 'not valid JSON';
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield 'not a JSON object';
      continue;
    }
    if (!planned) {
      onPlan(planScoringColumns(Object.keys(value), policy));
      planned = true;
    }
    yield value as Record<string, unknown>;
  }
}

/**
 * Streams `input` through the policy into `out`. Throws ScoringColumnsError (before writing a
 * row) when no row could be rated with the header's columns.
 * @example await scoreFile({ policy, input: 'applicants.csv', out: 'scored.csv' })
 */
export const scoreFile = async ({ policy, input, out, now = new Date(), log = () => undefined, progressEvery = 100_000 }: ScoreFileOptions): Promise<ScoreFileSummary> => {
  const started = performance.now();
  let plan: ColumnPlan | undefined;
  let columns: string | undefined;
  const onPlan = (p: ColumnPlan): void => {
    plan = p;
    columns = describePlan(p);
    if (columns) log(columns);
  };
  const source = isNdjson(input) ? ndjsonRecords(input, policy, onPlan) : csvRecords(input, policy, onPlan);
  let rows = 0;
  let rated = 0;
  let peakRss = process.memoryUsage().rss;
  async function* scored(records: AsyncIterable<Record<string, unknown> | string>): AsyncGenerator<ScoredRow> {
    for await (const record of records) {
      rows += 1;
      const s = typeof record === 'string' || !plan ? unreadableRow(rows, typeof record === 'string' ? record : 'no header', policy) : scoreRow(rows, record, policy, plan, now);
      if (s.status === 'rated') rated += 1;
      if (rows % progressEvery === 0) {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        const secs = (performance.now() - started) / 1000;
        log(`scored ${rows} rows (${Math.round(rows / secs)} rows/s, RSS ${Math.round(peakRss / 1048576)} MB)`);
      }
      yield s;
    }
  }
  if (isNdjson(out)) {
    await pipeline(Readable.from(scored(source)), async function* (items: AsyncIterable<ScoredRow>) {
      for await (const s of items) yield `${JSON.stringify(s)}\n`;
    }, createWriteStream(out));
  } else {
    await pipeline(Readable.from(scored(source)), async function* (items: AsyncIterable<ScoredRow>) {
      for await (const s of items) yield csvCells(s);
    }, stringify({ header: true, columns: [...SCORE_COLUMNS] }), createWriteStream(out));
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const millis = performance.now() - started;
  return { rows, rated, unrated: rows - rated, millis: Math.round(millis), rowsPerSecond: Math.round(rows / Math.max(millis / 1000, 1e-3)), peakRssMb: Math.round(peakRss / 1048576), ...(columns ? { columns } : {}) };
};
