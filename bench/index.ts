import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchRun {
  file: string;
  ok: boolean;
  seconds: number;
  json?: unknown;
}

const dir = new URL('.', import.meta.url).pathname;

/** The bench/*.bench.ts files whose name contains `filter` (all without one), sorted. */
export const benchFiles = (filter?: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
    .sort();

/**
 * `rb bench [filter]`: runs each of `files` one after the other (each in its own process, so one
 * benchmark's heap and JIT state do not colour the next), streams their output, prints a summary
 * of the BENCH_JSON lines they emit, and returns one entry per file.
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
    log(out.split('\n').filter((l) => !l.startsWith('BENCH_JSON ')).join('\n'));
    const jsonLine = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
    let json: unknown;
    try {
      json = jsonLine ? JSON.parse(jsonLine.slice('BENCH_JSON '.length)) : undefined;
    } catch {
      json = undefined;
    }
    summary.push({ file, ok: run.status === 0, seconds, json });
  }
  log('\n=== summary\n');
  for (const s of summary) log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.file.padEnd(32)} ${s.seconds.toFixed(1)} s\n`);
  return summary;
};
