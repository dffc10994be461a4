import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BenchRowSchema, formatTable, ROWS_PREFIX, type BenchRow } from './table.js';

export type { BenchRow } from './table.js';

export interface BenchRun {
  file: string;
  ok: boolean;
  seconds: number;
  json?: unknown;
  /** The goal rows the file reported (`reportRows`). */
  rows: BenchRow[];
}

const dir = new URL('.', import.meta.url).pathname;

/** The bench/*.bench.ts files whose name contains `filter` (all without one), sorted. */
export const benchFiles = (filter?: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
    .sort();

/**
 * `rb bench [filter]`: runs each of `files` one after the other (each in its own process, so one
 * benchmark's heap and JIT state do not colour the next), streams their output, prints a summary,
 * ends with ONE table of the goal rows the files reported (`reportRows` in bench/table.ts), writes
 * that table and every run to bench/results/latest.json (gitignored), and returns one entry per file.
 *
 * @example
 * const runs = runBenchmarks(benchFiles('rating'));
 */
export const runBenchmarks = (files: readonly string[], log: (text: string) => void = (t) => process.stdout.write(t)): BenchRun[] => {
  const summary: BenchRun[] = [];
  for (const file of files) {
    log(`\n=== ${file}\n`);
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    const seconds = (performance.now() - started) / 1000;
    const out = run.stdout ?? '';
    log(out.split('\n').filter((l) => !l.startsWith('BENCH_JSON ') && !l.startsWith(ROWS_PREFIX)).join('\n'));
    const rows = out
      .split('\n')
      .filter((l) => l.startsWith(ROWS_PREFIX))
      .flatMap((l) => {
        try {
          const parsed = z.array(BenchRowSchema).safeParse(JSON.parse(l.slice(ROWS_PREFIX.length)));
          return parsed.success ? parsed.data : [];
        } catch {
          return [];
        }
      });
    const jsonLine = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
    let json: unknown;
    try {
      json = jsonLine ? JSON.parse(jsonLine.slice('BENCH_JSON '.length)) : undefined;
    } catch {
      json = undefined;
    }
    summary.push({ file, ok: run.status === 0, seconds, json, rows });
  }
  log('\n=== summary\n');
  for (const s of summary) log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.file.padEnd(32)} ${s.seconds.toFixed(1)} s\n`);
  const rows = summary.flatMap((s) => s.rows);
  mkdirSync(join(dir, 'results'), { recursive: true });
  writeFileSync(
    join(dir, 'results', 'latest.json'),
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, table: rows, runs: summary.map(({ file, ok, seconds, json, rows: r }) => ({ file, ok, seconds, rows: r, json })) }, null, 2)}\n`,
  );
  log(`\n=== goals (each ratio the median of its interleaved runs; every run in bench/results/latest.json)\n${formatTable(rows)}\n`);
  return summary;
};
