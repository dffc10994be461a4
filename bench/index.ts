import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench [-- <filter>]`: runs every bench/*.bench.ts one after the other (each in its own
 * process, so one benchmark's heap and JIT state do not colour the next) and prints a summary of
 * the BENCH_JSON lines they emit.
 */
const filter = process.argv[2];
const dir = new URL('.', import.meta.url).pathname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
const summary: Array<{ file: string; ok: boolean; seconds: number; json?: unknown }> = [];
for (const file of files) {
  console.log(`\n=== ${file}`);
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  const out = run.stdout ?? '';
  process.stdout.write(out.split('\n').filter((l) => !l.startsWith('BENCH_JSON ')).join('\n'));
  const jsonLine = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  let json: unknown;
  try {
    json = jsonLine ? JSON.parse(jsonLine.slice('BENCH_JSON '.length)) : undefined;
  } catch {
    json = undefined;
  }
  summary.push({ file, ok: run.status === 0, seconds, json });
}
console.log('\n=== summary');
for (const s of summary) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.file.padEnd(32)} ${s.seconds.toFixed(1)} s`);
process.exitCode = summary.every((s) => s.ok) ? 0 : 1;
