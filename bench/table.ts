import { existsSync } from 'node:fs';
import { z } from 'zod';

/**
 * One goal of the performance issue as the bench table shows it: what was measured, the ratio
 * the goal is judged on (the median of the per-run ratios), the bound and whether it holds.
 * `lowerIsBetter: false` makes `pass` mean `ratio >= limit` (e.g. a speed-up factor).
 */
export interface BenchRow {
  goal: string;
  measured: string;
  /** null when the goal could not be measured (e.g. a bundle failed to load): never a pass. */
  ratio: number | null;
  limit: number;
  pass: boolean;
  lowerIsBetter?: boolean;
  /** The ratio of every interleaved run, in run order (the table shows their median); null = not measurable. */
  runs: Array<number | null>;
}

/** A row as read back from a bench file's output. */
export const BenchRowSchema = z.object({
  goal: z.string(),
  measured: z.string(),
  ratio: z.number().nullable(),
  limit: z.number(),
  pass: z.boolean(),
  lowerIsBetter: z.boolean().optional(),
  runs: z.array(z.number().nullable()),
});

/** What a bench file hands to the table: one row per goal. */
export interface BenchRowInput {
  goal: string;
  measured: string;
  runs: readonly number[];
  limit: number;
  lowerIsBetter?: boolean;
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * A table row from the per-run ratios: ratio = their median, pass = median within `limit`.
 * @example benchRow({ goal: 'rating ≤ 2× kernel', measured: '610k/s vs 1.02M/s', runs: [1.6, 1.7, 1.5, 1.8, 1.6], limit: 2 })
 */
export const benchRow = ({ goal, measured, runs, limit, lowerIsBetter = true }: BenchRowInput): BenchRow => {
  const m = median(runs);
  const ratio = Number.isFinite(m) ? round(m) : null;
  const pass = ratio !== null && (lowerIsBetter ? ratio <= limit : ratio >= limit);
  return { goal, measured, ratio, limit, pass, ...(lowerIsBetter ? {} : { lowerIsBetter }), runs: runs.map((r) => (Number.isFinite(r) ? round(r) : null)) };
};

/** Prefix of the stdout line a bench file prints its rows on; `rb bench` collects them into one table. */
export const ROWS_PREFIX = 'BENCH_ROWS ';

/**
 * Hands rows to `rb bench`: one `BENCH_ROWS [...]` line on stdout (a bench file may call it
 * more than once). Run alone, a bench file also prints them as a table.
 */
export const reportRows = (rows: readonly BenchRow[]): void => {
  process.stdout.write(`${formatTable(rows)}\n`);
  process.stdout.write(`${ROWS_PREFIX}${JSON.stringify(rows)}\n`);
};

/** The table as text: goal | measured | ratio | limit | pass/FAIL. */
export const formatTable = (rows: readonly BenchRow[]): string => {
  const cells = rows.map((r) => [r.goal, r.measured, r.ratio === null ? 'n/a' : String(r.ratio), `${r.lowerIsBetter === false ? '≥' : '≤'} ${r.limit}`, r.pass ? 'pass' : 'FAIL']);
  const head = ['goal', 'measured', 'ratio (median)', 'limit', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string => c.map((x, i) => x.padEnd(widths[i]!)).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
};

/**
 * Runs `a` then `b`, `runs` times (alternating which goes first, so neither always gets the
 * warmer cache), and returns the per-run values of both. Each function returns its own figure
 * (a rate, a duration).
 */
export const interleave = <T>(runs: number, a: (run: number) => T, b: (run: number) => T): Array<{ a: T; b: T }> => {
  const out: Array<{ a: T; b: T }> = [];
  for (let i = 0; i < runs; i += 1) {
    if (i % 2 === 0) {
      const x = a(i);
      out.push({ a: x, b: b(i) });
    } else {
      const y = b(i);
      out.push({ a: a(i), b: y });
    }
  }
  return out;
};

/**
 * Stops the bench with one line on stderr (exit code 2) when a data file it needs is missing.
 * @example requireDataFile(datasetPath('german-credit.csv'));
 */
export const requireDataFile = (path: string): string => {
  if (!existsSync(path)) {
    process.stderr.write(`bench: data file not found: ${path} (put the data sets in ../shared/datasets beside the repository, or set RISKBRIDGE_DATASETS)\n`);
    process.exit(2);
  }
  return path;
};
