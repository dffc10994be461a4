/**
 * Lambda budgets: every function bundled as the stack bundles it (AppFunction: esbuild, minified
 * ESM, AWS SDK external), then
 * - size of its `index.mjs` without the source map, budget ≤ 1 MB;
 * - init: `import()` of the built bundle in a fresh `node`, timed inside that process (process
 *   start excluded), median of 10 processes, budget ≤ 150 ms. This is NOT Lambda's INIT duration
 *   (no runtime bootstrap, no network, no extension, local disk, this machine's CPU): it is the
 *   module-evaluation cost our bundle adds. The AWS SDK resolves from the repository's
 *   node_modules, as it would from the runtime's.
 * Bundles go to bench/results/bundles (gitignored), inside the repository so that resolution works.
 * Run: npx tsx bench/lambda-budgets.bench.ts [filter] [--reuse] (`--reuse`: the bundles of the previous run)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { z } from 'zod';
import { AppFunction } from '../infra/constructs/app-function.js';
import { functions } from '../infra/topology.js';
import { benchRow, median, reportRows } from './table.js';

const MB = 1024 * 1024;
const SIZE_BUDGET = MB;
const INIT_BUDGET_MS = 150;
const INIT_RUNS = 10;
const reuse = process.argv.includes('--reuse');
const filter = process.argv.slice(2).find((a) => !a.startsWith('--'));
const outdir = fileURLToPath(new URL('./results/bundles/', import.meta.url));
const manifestFile = join(outdir, 'manifest.json');
const ManifestSchema = z.array(z.object({ fn: z.string(), file: z.string(), env: z.record(z.string(), z.string()) }));

/** Every function bundled by the real construct; `--reuse` takes the bundles of the previous run. */
const bundle = (): z.infer<typeof ManifestSchema> => {
  if (reuse && existsSync(manifestFile)) return ManifestSchema.parse(JSON.parse(readFileSync(manifestFile, 'utf8')));
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  const stack = new Stack(app, 'BudgetProbe');
  const ids = Object.keys(functions).filter((id) => !filter || id.includes(filter)) as Array<keyof typeof functions>;
  const logicalIds = new Map<string, string>();
  for (const id of ids) {
    const fn = new AppFunction(stack, `${id}Fn`, { spec: functions[id], stage: 'bench' });
    logicalIds.set(stack.getLogicalId(fn.node.defaultChild as never), id);
  }
  type Fn = { Properties: { Code: { S3Key: string }; Environment?: { Variables?: Record<string, unknown> } } };
  const resources = Template.fromStack(stack).findResources('AWS::Lambda::Function') as Record<string, Fn>;
  const manifest = Object.entries(resources).map(([logicalId, res]) => ({
    fn: logicalIds.get(logicalId) ?? logicalId,
    file: join(outdir, `asset.${res.Properties.Code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs'),
    // Deploy-time references (table names, queue URLs) become placeholders: init reads them, never calls AWS.
    env: Object.fromEntries(Object.entries(res.Properties.Environment?.Variables ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : `bench-${k.toLowerCase()}`])),
  }));
  writeFileSync(manifestFile, JSON.stringify(manifest));
  return manifest;
};
const manifest = bundle();

const INIT_PROBE =
  "const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));";
const initMs = (file: string, env: Record<string, string>): number[] | string => {
  const out: number[] = [];
  for (let i = 0; i < INIT_RUNS; i += 1) {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', INIT_PROBE, pathToFileURL(file).href], {
      encoding: 'utf8',
      env: { TABLE_NAME: 'bench-table', ...env, PATH: process.env.PATH, AWS_REGION: 'eu-west-1', NODE_ENV: 'production' },
    });
    if (run.status !== 0) return (/^\w*Error[^\n]*/m.exec(run.stderr)?.[0] ?? run.stderr.slice(-300)).slice(0, 300);
    out.push(Number(run.stdout));
  }
  return out;
};

const results: Array<{ fn: string; bytes: number; initMs: number; initRunsMs: number[]; initError?: string }> = [];
for (const { fn, file, env } of manifest) {
  const runs = initMs(file, env);
  if (typeof runs === 'string') results.push({ fn, bytes: statSync(file).size, initMs: Number.NaN, initRunsMs: [], initError: runs });
  else results.push({ fn, bytes: statSync(file).size, initMs: median(runs), initRunsMs: runs.map((r) => Math.round(r * 10) / 10) });
}
results.sort((a, b) => b.bytes - a.bytes);
console.table(results.map((r) => ({ function: r.fn, KB: Math.round(r.bytes / 1024), 'init ms (median of 10)': r.initError ? 'import failed' : Math.round(r.initMs * 10) / 10 })));
for (const r of results) if (r.initError) console.log(`${r.fn}: import() failed: ${r.initError}`);

const biggest = results[0]!;
const failed = results.filter((r) => r.initError);
const slowest = [...results].filter((r) => !r.initError).sort((a, b) => b.initMs - a.initMs)[0]!;
reportRows([
  benchRow({
    goal: `largest function bundle ≤ 1 MB (${results.length} functions)`,
    measured: `${biggest.fn} ${Math.round(biggest.bytes / 1024)} KB`,
    runs: [biggest.bytes / SIZE_BUDGET],
    limit: 1,
  }),
  benchRow({
    goal: `slowest bundle init ≤ 150 ms (import() in fresh node; not Lambda INIT)`,
    measured: `${slowest.fn} ${slowest.initMs.toFixed(1)} ms${failed.length > 0 ? `; import failed: ${failed.map((r) => r.fn).join(', ')}` : ''}`,
    runs: failed.length > 0 ? [Number.POSITIVE_INFINITY] : slowest.initRunsMs.map((ms) => ms / INIT_BUDGET_MS),
    limit: 1,
  }),
]);
console.log(`BENCH_JSON ${JSON.stringify({ bench: 'lambda-budgets', node: process.version, functions: results })}`);
